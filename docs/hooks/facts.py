"""Replace {{ name }} in a page's prose with a number computed by `activations.pages`.

No number in the prose is typed by hand: each comes from a registered fact function,
which tests also run. Values are cached in .cache/facts/ under a hash of everything the
fact uses (see `activations.pages.cache`), so a warm build computes no fact and an edit in
src/ recomputes exactly the facts that use what changed. An unknown name (with the nearest
known one), a fact that raises or warns, or one that does not return text stops the build
with the page and the line.
"""

import difflib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# Anything between double braces, so that a mistyped name ({{ Sigmoid }}) is an error, not text.
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
log = logging.getLogger("mkdocs.hooks.facts")
CACHE = None  # this build's BuildCache, made in on_pre_build (after docs/hooks/package.py reloaded src/)


def on_pre_build(config):
    _start(Path(config.config_file_path).parent)


def _start(base):
    global CACHE
    from activations.pages.cache import BuildCache, cache_root

    CACHE = BuildCache(cache_root(base))


def on_page_markdown(markdown, page, config, files):
    from activations.pages import FACTS

    if CACHE is None:  # called outside a build (tests)
        _start(Path.cwd())
    first_line = _first_line(page, markdown)

    def value(match):
        name = match.group(1).strip()
        where = f"{page.file.src_uri}, line {first_line + markdown.count(chr(10), 0, match.start())}"
        if name not in FACTS:
            near = difflib.get_close_matches(name, FACTS, n=1)
            hint = f"did you mean {{{{ {near[0]} }}}}?" if near else "no known fact is close to it"
            raise PluginError(f"{where}: unknown fact {{{{ {name} }}}}; {hint}")
        try:
            return CACHE.fact(name)  # computed with warnings as errors, or read from the cache
        except Exception as error:
            raise PluginError(f"{where}: fact {name!r} failed: {type(error).__name__}: {error}") from error

    return PLACEHOLDER.sub(value, markdown)


def on_post_build(config):
    log.info("facts: %d computed, %d from cache", len(CACHE.computed), CACHE.facts_from_cache)


def _first_line(page, markdown):
    """The line of the page file where `markdown` starts (MkDocs has cut off the front matter)."""
    source = getattr(page.file, "content_string", None)
    if source and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1
