"""The build's cache of drawn figures and computed facts, on disk, keyed by what each depends on.

    .cache/figures/NAME.SCHEME.HASH.svg   one per figure and colour scheme
    .cache/facts/NAME.HASH.json           one per fact: {"value": "..."}
    .cache/snapshot/facts.json            the last build's facts and figure files, under a hash of
    .cache/snapshot/figures.json            every file of src/activations (docs/hooks/snapshot.py)
    .cache/mathml.json                    MathML of every formula (docs/hooks/mathml.py)
    .cache/errata/HASH.txt                the error of each original-note block (docs/hooks/errata.py)
    .cache/exercises/                     the exercise pages (docs/hooks/notebooks.py)
    .cache/lessons/NAME.json              a clean run of each lesson notebook (docs/hooks/notebook_runs.py)

HASH is `figure_hash` / `fact_hash` of activations.pages.hashing: editing a function in src/
changes the hash of exactly the figures and facts that use it, so those are drawn or computed
again and every other one is read back. A warm build draws no figure and computes no fact, and
with the snapshot it does not even import this package: the hooks read the snapshot first.
The environment variable FIGURE_CACHE_DIR moves the whole cache (tests and benchmarks start
from an empty one); a relative path is taken from the folder of mkdocs.yml.
"""

import json
import os
from pathlib import Path

from activations.pages.hashing import fact_hash, figure_hash
from activations.pages.registry import compute_fact, render_figure

SCHEMES = ("light", "dark")


class BuildCache:
    """Figures and facts of one build: each looked up (or made) once, and counted."""

    def __init__(self, root):
        self.root = Path(root)
        self.values = {}  # fact name -> text, for this build
        self.computed, self.drawn = [], []  # what this build had to make: fact names, (figure name, scheme)
        self.files = {}  # (figure name, scheme) -> its file here, for the snapshot of the figures hook
        self.facts_from_cache = self.figures_from_cache = 0

    def fact(self, name):
        """The text of fact `name`: from this build, from the cache, or computed (and stored)."""
        if name not in self.values:
            path = self.root / "facts" / f"{name}.{fact_hash(name)}.json"
            if path.exists():
                self.values[name] = json.loads(path.read_text(encoding="utf-8"))["value"]
                self.facts_from_cache += 1
            else:
                self.values[name] = compute_fact(name)
                _replace(path, f"{name}.*.json", json.dumps({"value": self.values[name]}, ensure_ascii=False).encode())
                self.computed.append(name)
        return self.values[name]

    def figure(self, name, scheme, budget=None):
        """The SVG bytes of figure `name` in `scheme`: from the cache, or drawn (and stored)."""
        path = self.files[name, scheme] = self.root / "figures" / f"{name}.{scheme}.{figure_hash(name, scheme)}.svg"
        if path.exists():
            self.figures_from_cache += 1
            return path.read_bytes()
        svg = render_figure(name, scheme, budget)
        _replace(path, f"{name}.{scheme}.*.svg", svg)
        self.drawn.append((name, scheme))
        return svg


def _replace(path, pattern, content):
    """Write `path` (whole or not at all), removing older entries of the same figure or fact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(pattern):
        old.unlink(missing_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(content)
    os.replace(partial, path)  # a build killed half-way leaves no truncated entry
