"""Replace {{ name }} in a page's prose with a number computed by `activations.pages`.

No number in the prose is typed by hand: each comes from a registered fact function,
which tests also run. Values are cached in .cache/facts/ under a hash of everything the
fact uses (see `activations.pages.cache`), so a warm build computes no fact and an edit in
src/ recomputes exactly the facts that use what changed. In front of that cache, the values
of the last build are kept in .cache/snapshot/facts.json (see snapshot.py): while no file of
src/activations changed, a build takes them from there and never imports the package.
An unknown name (with the nearest known one), a fact that raises or warns, or one that does
not return text stops the build with the page and the line.
"""

import difflib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import snapshot  # docs/hooks/snapshot.py

# Anything between double braces, so that a mistyped name ({{ Sigmoid }}) is an error, not text.
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
SNAPSHOT = Path("snapshot", "facts.json")  # in the cache folder
log = logging.getLogger("mkdocs.hooks.facts")
BUILD = None  # this build's Facts, made in on_pre_build (mkdocs serve makes several builds in one process)


class Facts:
    """The facts of one build: from the last build's snapshot, else from activations.pages.cache."""

    def __init__(self, base):
        self.root, self.key = snapshot.cache_root(base), snapshot.source_key()
        self.snapshot = snapshot.read(self.root / SNAPSHOT, self.key) or {}
        self.values = {}  # fact name -> text, of this build: the next build's snapshot
        self.from_snapshot = 0
        self.cache = None  # the BuildCache, made (importing the package) only for a fact the snapshot lacks

    def value(self, name, where):
        if name not in self.values:
            if name in self.snapshot:
                self.values[name] = self.snapshot[name]
                self.from_snapshot += 1
            else:
                self.values[name] = self.computed(name, where)
        return self.values[name]

    def computed(self, name, where):
        """The value from the fine-grained cache, or computed; an unknown name or a failure stops the build."""
        from activations.pages import FACTS
        from activations.pages.cache import BuildCache

        if name not in FACTS:
            near = difflib.get_close_matches(name, FACTS, n=1)
            hint = f"did you mean {{{{ {near[0]} }}}}?" if near else "no known fact is close to it"
            raise PluginError(f"{where}: unknown fact {{{{ {name} }}}}; {hint}")
        self.cache = self.cache or BuildCache(self.root)
        try:
            return self.cache.fact(name)  # computed with warnings as errors, or read from the cache
        except Exception as error:
            raise PluginError(f"{where}: fact {name!r} failed: {type(error).__name__}: {error}") from error


def on_pre_build(config):
    global BUILD
    BUILD = Facts(Path(config.config_file_path).parent)


def on_page_markdown(markdown, page, config, files):
    global BUILD
    if BUILD is None:  # called outside a build (tests)
        BUILD = Facts(Path.cwd())
    first_line = _first_line(page, markdown)

    def value(match):
        where = f"{page.file.src_uri}, line {first_line + markdown.count(chr(10), 0, match.start())}"
        return BUILD.value(match.group(1).strip(), where)

    return PLACEHOLDER.sub(value, markdown)


def on_post_build(config):
    cache = BUILD.cache
    computed, from_cache = (len(cache.computed), cache.facts_from_cache) if cache else (0, 0)
    log.info("facts: %d computed, %d from cache", computed, BUILD.from_snapshot + from_cache)
    if BUILD.values != BUILD.snapshot:
        snapshot.write(BUILD.root / SNAPSHOT, BUILD.key, BUILD.values)


def _first_line(page, markdown):
    """The line of the page file where `markdown` starts (MkDocs has cut off the front matter)."""
    source = getattr(page.file, "content_string", None)
    if source and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1
