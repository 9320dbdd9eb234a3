"""Replace {{ name }} in a page's prose with a number computed by `activations.pages`.

No number in the prose is typed by hand: each comes from a registered fact function,
which tests also run. An unknown name stops the build with the page and the name.
"""

import re

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


def on_page_markdown(markdown, page, config, files):
    from activations.pages import FACTS

    def value(match):
        name = match.group(1)
        if name not in FACTS:
            raise PluginError(f"{page.file.src_uri}: unknown fact {{{{ {name} }}}}; known: {', '.join(sorted(FACTS))}")
        try:
            return FACTS[name]()
        except Exception as error:
            raise PluginError(f"{page.file.src_uri}: fact {name!r} failed: {type(error).__name__}: {error}") from error

    return PLACEHOLDER.sub(value, markdown)
