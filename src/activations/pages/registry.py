"""The registry of figures and facts, and how each is drawn and computed (hashed: `hashing`).

- A *figure* is a function that returns a matplotlib Figure; a page shows it as
  ``![한국어 설명](figures/NAME.svg)``, and docs/hooks/figures.py draws it at build time.
- A *fact* is a function that returns a number as text; a page's prose writes it as
  ``{{ NAME }}``, and docs/hooks/facts.py puts the value in.

Each page module (``pages/sigmoid.py`` for ``docs/sigmoid.md``) registers its figures and
facts with the decorators below; ``activations.pages`` imports every page module. The arrows
run one way: page modules import this module, never ``activations.pages``.
"""

import contextlib
import io
import warnings

from activations.pages.contrast import legible

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
# Sizes fit a phone: at 390 px the content column is 358 px wide, and a figure of natural width
# <= 511 px (~5.3 in) is shown at >= 0.7 of it, so 10 pt text stays >= 9 CSS px (tests/test_pages.py).
STYLE = {
    "svg.hashsalt": "activations",  # element ids are random without a fixed salt
    "svg.fonttype": "path",  # glyphs become paths: readers need no font
    "font.family": ["DejaVu Sans"],  # ships with matplotlib; figure text is math and numbers only
    "mathtext.fontset": "dejavusans",
    "font.size": 10,
    "figure.figsize": (5.0, 3.2),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "savefig.bbox": "tight",
}

# Every figure is drawn once per colour scheme of the site (Material's "default" and "slate").
# Each cycle keeps tab10's hues (so "the orange line" means the same in both) at a lightness
# with >= 4.5:1 contrast against its background; the dark background is slate's hsl(225, 15%, 14%).
SCHEMES = {
    "light": {
        "background": "#ffffff",
        "foreground": "#1f1f1f",
        "cycle": ["#1f77b4", "#bb5800", "#248424", "#d62728", "#8f60ba",
                  "#8c564b", "#cf2b9c", "#757575", "#777816", "#0f7f8a"],
    },
    "dark": {
        "background": "#1e2129",
        "foreground": "#e3e5ea",
        "cycle": ["#2791da", "#ff7f0e", "#2ca02c", "#e26263", "#a179c5",
                  "#b37c71", "#e377c2", "#898989", "#bcbd22", "#17becf"],
    },
}
# Lines and text of a figure keep at least this contrast against its background (WCAG non-text contrast).
MIN_CONTRAST = 3.0
# The largest SVG a figure may have, 60 KiB (issue 7: no figure over 60 KB); the figures hook enforces it.
SVG_BUDGET = 60 * 1024


def style(scheme):
    """The rcParams of figures drawn for `scheme` ("light" or "dark")."""
    from cycler import cycler  # a dependency of matplotlib, loaded only when a figure is drawn

    colors = SCHEMES[scheme]
    background, foreground = colors["background"], colors["foreground"]
    return STYLE | {
        "figure.facecolor": background,
        "axes.facecolor": background,
        "savefig.facecolor": background,
        "text.color": foreground,
        "axes.labelcolor": foreground,
        "axes.edgecolor": foreground,
        "xtick.color": foreground,
        "ytick.color": foreground,
        "grid.color": foreground,
        "patch.edgecolor": foreground,
        "axes.prop_cycle": cycler(color=colors["cycle"]),
    }


class FigureTooLarge(ValueError):
    """A figure's SVG is over its byte budget."""


class _BudgetedBuffer(io.BytesIO):
    """Stops savefig as soon as the SVG passes `budget` bytes: a 300k-point figure fails in a moment."""

    def __init__(self, budget):
        super().__init__()
        self.budget = budget

    def write(self, data):
        if self.budget is not None and self.tell() + len(data) > self.budget:
            raise FigureTooLarge(f"its SVG is over the budget of {self.budget:,} bytes; draw fewer points")
        return super().write(data)


@contextlib.contextmanager
def drawn_figure(name, scheme="light"):
    """Figure `name` drawn in the style of `scheme` and made legible on its background; closed afterwards.

    Any warning is raised as an error. The style stays in effect inside the `with` block.
    """
    import matplotlib  # only when a figure is drawn: facts and cached figures need no matplotlib

    matplotlib.use("Agg")  # no display at build time
    import matplotlib.pyplot as plt

    open_before = set(plt.get_fignums())
    colors = SCHEMES[scheme]
    with warnings.catch_warnings(), matplotlib.rc_context(style(scheme)):
        warnings.simplefilter("error")
        try:
            fig = FIGURES[name]()
            legible(fig, colors["background"], colors["foreground"], MIN_CONTRAST)
            yield fig
        finally:  # close what the figure function opened, even if it failed half-way
            for number in set(plt.get_fignums()) - open_before:
                plt.close(number)


def render_figure(name, scheme="light", budget=None):
    """The SVG bytes of figure `name` in colour scheme `scheme` ("light" or "dark").

    With a `budget` (bytes), an SVG that would be larger raises FigureTooLarge.
    """
    buffer = _BudgetedBuffer(budget)
    with drawn_figure(name, scheme) as fig:
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def compute_fact(name):
    """Compute fact `name` as the text the page shows. Any warning is raised as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = FACTS[name]()
    if not isinstance(value, str):
        raise TypeError(f"fact {name!r} must return str, got {type(value).__name__}")
    return value
