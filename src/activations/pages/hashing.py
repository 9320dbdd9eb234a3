"""Cache keys of figures and facts: a hash of everything each one uses in this package.

Editing `sigmoid_grad` changes the key of exactly the figures and facts that call it, directly
or through other functions, and of no other; see activations.pages.cache for the cache itself.
"""

import dis
import functools
import hashlib
import inspect
import re
import types
from importlib.metadata import version

import numpy as np

from activations.pages.registry import FACTS, FIGURES, compute_fact, render_figure


def dependencies(func):
    """The package's functions and constants that `func` uses, directly or through others.

    Returns {qualified name: source text or content}. Cache keys are made of these, so editing
    `sigmoid_grad` redraws the figures and recomputes the facts that use it and no other.
    Only names the code loads as globals count (not attribute names such as ``ax.figure``), and
    no value is hashed by a repr that holds a memory address: keys are the same from run to run.
    """
    found = {}

    def add_function(func):
        key = f"{func.__module__}.{func.__qualname__}"
        if key not in found:
            found[key] = _source(func)
            if func.__defaults__ or func.__kwdefaults__:
                found[key] += "\0" + fingerprint((func.__defaults__, func.__kwdefaults__), add_function)
            visit(func)
        return key

    def visit(func):
        names = func.__globals__
        for name in sorted(_global_names(func.__code__) & names.keys()):
            value = names[name]
            inner = inspect.unwrap(value) if callable(value) else value  # through functools.cache and others
            if value is FIGURES or value is FACTS:  # the registry itself is not what a figure draws
                continue
            if isinstance(value, types.ModuleType):
                if _ours(value.__name__):
                    found.setdefault(value.__name__, _source(value))
            elif isinstance(value, type):
                if _ours(value.__module__):
                    found.setdefault(f"{value.__module__}.{value.__qualname__}", _source(value))
            elif isinstance(inner, types.FunctionType):
                if _ours(inner.__module__):
                    add_function(inner)
            elif callable(value) and not isinstance(value, functools.partial):
                continue  # NumPy ufuncs, builtins: their versions are part of every key
            elif _ours(names["__name__"]):
                found[f"{names['__name__']}.{name}"] = fingerprint(value, add_function)  # a module-level constant

    add_function(func)
    return found


def fingerprint(value, add_function=None):
    """The whole content of a constant, the same in every run.

    repr() shortens arrays of over 1000 numbers with '...', and the repr of most objects holds
    a memory address: both would make a cache key wrong or different on every build.
    A package function inside a constant counts by its source (through `add_function`).
    """
    if isinstance(value, np.ndarray):
        return f"ndarray {value.dtype} {value.shape} {hashlib.sha256(value.tobytes()).hexdigest()}"
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        return repr(value)
    if isinstance(value, (tuple, list, set, frozenset)):
        items = [fingerprint(item, add_function) for item in value]
        return f"{type(value).__name__}({', '.join(sorted(items) if isinstance(value, (set, frozenset)) else items)})"
    if isinstance(value, dict):
        items = sorted(f"{fingerprint(k, add_function)}: {fingerprint(v, add_function)}" for k, v in value.items())
        return f"dict({', '.join(items)})"
    if isinstance(value, functools.partial):
        parts = (value.func, value.args, value.keywords)
        return f"partial{fingerprint(parts, add_function)}"
    if callable(value):
        inner = inspect.unwrap(value)
        if add_function and isinstance(inner, types.FunctionType) and _ours(inner.__module__):
            return add_function(inner)
        if hasattr(inner, "__qualname__"):  # NumPy ufuncs, builtins, classes: named, versions are hashed
            return f"{getattr(inner, '__module__', None)}.{inner.__qualname__}"
    text = repr(value)
    if re.search(r" at 0x[0-9a-fA-F]+", text):
        raise TypeError(f"cannot hash {type(value).__name__} for a cache key: its repr holds an address: {text}")
    return text


# What every figure and fact computes with besides this package: SciPy too (GELU's ndtr, SiLU's expit).
NUMERICS = f"numpy {np.__version__}, scipy {version('scipy')}"


def _hash(parts):
    digest = hashlib.sha256()
    for key in sorted(parts):
        digest.update(key.encode() + b"\0" + parts[key].encode() + b"\0")
    return digest.hexdigest()[:16]


def figure_hash(name, scheme="light"):
    """A key that changes when figure `name`, anything it draws with, or the way figures are drawn changes."""
    parts = dependencies(render_figure) | dependencies(FIGURES[name])
    parts["scheme"] = scheme
    parts["versions"] = f"matplotlib {_version('matplotlib')}, {NUMERICS}"
    return _hash(parts)


def fact_hash(name):
    """A key that changes when fact `name` or anything it computes with changes."""
    parts = dependencies(compute_fact) | dependencies(FACTS[name])
    parts["versions"] = NUMERICS
    return _hash(parts)


@functools.cache  # reading the installed metadata takes ~10 ms, once per figure otherwise
def _version(distribution):
    return version(distribution)


def _ours(module_name):
    """Is `module_name` this package (not a package whose name merely starts the same)?"""
    return module_name == "activations" or module_name.startswith("activations.")


@functools.cache  # a build hashes ~130 figures and facts that share most of their functions
def _source(obj):
    """The source of a function, class or module object (a reloaded module makes new objects)."""
    return inspect.getsource(obj)


@functools.cache  # code objects never change
def _global_names(code):
    """Names that `code` (and the functions, lambdas and comprehensions inside it) loads as globals.

    Not co_names: that also holds attribute names, so ``ax.figure`` would be taken for the
    `figure` decorator of this module.
    """
    names = {ins.argval for ins in dis.get_instructions(code) if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return frozenset(names)
