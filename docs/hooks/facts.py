"""Replace {{ name }} in a page's prose with a number computed by `activations.pages`.

No number in the prose is typed by hand: each comes from a registered fact function,
which tests also run. An unknown name, a fact that raises or warns, or one that does not
return text stops the build with the page and the name.
"""

import re

from mkdocs.exceptions import PluginError

# Anything between double braces, so that a mistyped name ({{ Sigmoid }}) is an error, not text.
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


def on_page_markdown(markdown, page, config, files):
    from activations.pages import FACTS, compute_fact

    def value(match):
        name = match.group(1).strip()
        if name not in FACTS:
            known = ", ".join(sorted(FACTS))
            raise PluginError(f"{page.file.src_uri}: unknown fact {{{{ {name} }}}}; known: {known}")
        try:
            return compute_fact(name)  # warnings are errors there
        except Exception as error:
            raise PluginError(f"{page.file.src_uri}: fact {name!r} failed: {type(error).__name__}: {error}") from error

    return PLACEHOLDER.sub(value, markdown)
