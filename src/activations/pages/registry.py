"""The registry of figures and facts, and how each is drawn, computed and hashed.

- A *figure* is a function that returns a matplotlib Figure; a page shows it as
  ``![한국어 설명](figures/NAME.svg)``, and docs/hooks/figures.py draws it at build time.
- A *fact* is a function that returns a number as text; a page's prose writes it as
  ``{{ NAME }}``, and docs/hooks/facts.py puts the value in.

Each page module (``pages/sigmoid.py`` for ``docs/sigmoid.md``) registers its figures and
facts with the decorators below; ``activations.pages`` imports every page module. The arrows
run one way: page modules import this module, never ``activations.pages``.
"""

import hashlib
import inspect
import io
import types
import warnings
from importlib.metadata import version

import numpy as np

FIGURES = {}
FACTS = {}


def figure(func):
    """Register a figure function under its own name."""
    if func.__name__ in FIGURES:
        raise ValueError(f"figure {func.__name__!r} is registered twice")
    FIGURES[func.__name__] = func
    return func


def fact(func):
    """Register a fact function under its own name."""
    if func.__name__ in FACTS:
        raise ValueError(f"fact {func.__name__!r} is registered twice")
    FACTS[func.__name__] = func
    return func


def times_ten(value, digits=2):
    """value as LaTeX 'm \\times 10^{e}' with `digits` significant digits, for use inside \\( ... \\)."""
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


# Every figure is drawn with these settings, so that the SVG bytes are the same on every build.
STYLE = {
    "svg.hashsalt": "activations",  # element ids are random without a fixed salt
    "svg.fonttype": "path",  # glyphs become paths: readers need no font
    "font.family": ["DejaVu Sans"],  # ships with matplotlib; figure text is math and numbers only
    "mathtext.fontset": "dejavusans",
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "savefig.bbox": "tight",
    "figure.facecolor": "white",
}


def render_figure(name):
    """Draw figure `name` and return its SVG bytes. Any warning is raised as an error."""
    import matplotlib  # only when a figure is drawn: facts and cached figures need no matplotlib

    matplotlib.use("Agg")  # no display at build time
    import matplotlib.pyplot as plt

    open_before = set(plt.get_fignums())
    buffer = io.BytesIO()
    with warnings.catch_warnings(), matplotlib.rc_context(STYLE):
        warnings.simplefilter("error")
        try:
            FIGURES[name]().savefig(buffer, format="svg", metadata={"Date": None})
        finally:  # close what the figure function opened, even if it failed half-way
            for number in set(plt.get_fignums()) - open_before:
                plt.close(number)
    return buffer.getvalue()


def compute_fact(name):
    """Compute fact `name` as the text the page shows. Any warning is raised as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = FACTS[name]()
    if not isinstance(value, str):
        raise TypeError(f"fact {name!r} must return str, got {type(value).__name__}")
    return value


def dependencies(func):
    """The package's functions and constants that `func` uses, directly or through others.

    Returns {qualified name: source text or repr}. A figure's cache key is made of these,
    so editing `sigmoid_grad` redraws the figures that use it and no other.
    """
    found = {}

    def visit(obj):
        names = obj.__globals__
        for name in _names(obj.__code__) & names.keys():
            value = names[name]
            if isinstance(value, types.ModuleType):
                if value.__name__.startswith("activations"):
                    found.setdefault(value.__name__, inspect.getsource(value))
            elif callable(value):
                func = inspect.unwrap(value)  # through functools.cache and other wrappers
                key = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', '')}"
                if isinstance(func, types.FunctionType) and key.startswith("activations") and key not in found:
                    found[key] = inspect.getsource(func)
                    visit(func)
            elif names["__name__"].startswith("activations"):
                found[f"{names['__name__']}.{name}"] = _fingerprint(value)  # a module-level constant

    found[f"{func.__module__}.{func.__qualname__}"] = inspect.getsource(func)
    visit(func)
    return found


def figure_hash(name):
    """A key that changes when figure `name` or anything it draws with changes."""
    digest = hashlib.sha256()
    deps = dependencies(FIGURES[name])
    deps["STYLE"] = repr(sorted(STYLE.items()))
    deps["versions"] = f"matplotlib {version('matplotlib')}, numpy {np.__version__}"
    for key in sorted(deps):
        digest.update(key.encode() + b"\0" + deps[key].encode() + b"\0")
    return digest.hexdigest()[:16]


def _fingerprint(value):
    """The whole content of a constant: repr() shortens arrays of over 1000 numbers with '...'."""
    if isinstance(value, np.ndarray):
        return f"ndarray {value.dtype} {value.shape} {hashlib.sha256(value.tobytes()).hexdigest()}"
    return repr(value)


def _names(code):
    """Global names used by a code object and the functions, lambdas and comprehensions inside it."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names
