"""What the hooks keep from one build to the next, read without importing `activations`.

Importing the package (NumPy, SciPy, every page module) and hashing the source behind each
figure and fact (activations.pages.hashing) costs most of a second of CPU on every build.
A warm build needs neither: facts.py and figures.py keep what the last build took from the
package in .cache/snapshot/, under `source_key()`. While that key is the same, they read the
snapshot and never import the package; with another key, or for a fact or figure the snapshot
lacks, they take the usual path (import, fine-grained keys, compute or draw exactly what
changed). The layout of .cache/ is in the docstring of activations.pages.cache.

Not a hook: facts.py, figures.py, errata.py and mathml.py import it (MkDocs puts their folder
on sys.path while it loads them). It is not in the package because importing any module of
`activations` imports all of it.
"""

import functools
import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

# What the fine-grained keys of activations.pages.hashing hold besides the package's own source.
LIBRARIES = ("numpy", "scipy", "matplotlib")


def cache_root(base):
    """The cache folder of the site whose mkdocs.yml is in `base`: .cache/, or FIGURE_CACHE_DIR."""
    return Path(base) / os.environ.get("FIGURE_CACHE_DIR", ".cache")


def source_key():
    """A hash of every file of the package `activations` (path and bytes) and of the versions of LIBRARIES.

    Coarser than the fine-grained keys: any edit in src/activations changes it.
    """
    package = Path(find_spec("activations").submodule_search_locations[0])  # finds it, runs none of it
    digest = hashlib.sha256(versions(LIBRARIES).encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            data = path.read_bytes()
            digest.update(f"\0{path.relative_to(package).as_posix()}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()[:16]


def versions(names):
    """The versions of the installed distributions `names` ("numpy 2.3.4, ..."), for the cache keys."""
    return ", ".join(f"{name} {_version(name)}" for name in names)


@functools.cache  # ~5 ms a lookup; a process keeps the libraries it imported first anyway (mkdocs serve)
def _version(name):
    try:
        return version(name)
    except PackageNotFoundError:  # not installed is a state too: installing it changes the key
        return "none"


def read(path, key):
    """The data stored in the JSON file `path` under `key`; None if there is none, or under another key."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):  # never written, or not JSON: the slow path makes it again
        return None
    return stored.get("data") if stored.get("key") == key else None


def write(path, key, data):
    """Store `data` in `path` under `key`, whole or not at all (a build killed half-way leaves no torn file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps({"key": key, "data": data}, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)
