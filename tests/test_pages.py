"""The registry of figures and facts that the pages take from the package at build time.

Every registered figure is drawn once per colour scheme here (`drawing`), and the tests
look at that drawing: the same bytes as the site build drew, no Hangul, size budget, legible on
its background, and a size that a 390 px phone shows without shrinking its text below 9 CSS px.
"""

import functools
import io
import re
import warnings
from types import SimpleNamespace

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import matplotlib.text
import pytest
from matplotlib.lines import Line2D

from activations import pages
from activations.pages import (
    FACTS,
    FIGURES,
    compute_fact,
    dependencies,
    drawn_figure,
    fact_hash,
    figure_hash,
    registry,
    render_figure,
)
from activations.pages.contrast import contrast_ratio, legible, seen
from activations.pages.hashing import fingerprint
from activations.pages.registry import MIN_CONTRAST, SCHEMES, SVG_BUDGET, FigureTooLarge

VARIANTS = [(name, scheme) for name in sorted(FIGURES) for scheme in SCHEMES]
# Material at a 390 px wide phone: the content column is 390 - 2 x 16 px.
PHONE_COLUMN_PX = 358
MIN_SCALE = 0.7  # a figure is shown at >= 0.7 of its natural width...
MIN_TEXT_PX = 9  # ...so that its text stays >= 9 CSS px
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@functools.cache
def drawing(name, scheme):
    """One drawing of a figure as the build makes it: its SVG, its texts and its lines as a reader sees them."""
    with drawn_figure(name, scheme) as fig:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})  # draws: tick labels exist from here on
        gridlines = {id(tick.gridline) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
                     for tick in axis.get_major_ticks() + axis.get_minor_ticks()}
        texts = [(text.get_text(), text.get_fontsize(), mcolors.to_rgba(text.get_color()), text.get_alpha())
                 for text in fig.findobj(matplotlib.text.Text) if text.get_visible() and text.get_text().strip()]
        lines = [(line.get_label(), mcolors.to_rgba(line.get_color()), line.get_alpha())
                 for line in fig.findobj(Line2D) if line.get_visible() and id(line) not in gridlines]
    return SimpleNamespace(svg=buffer.getvalue(), texts=texts, lines=lines)


def natural_width_px(svg):
    """The width a browser gives the SVG at 100%: its width attribute in pt, at 96 px per 72 pt."""
    return float(re.search(rb'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1)) * 4 / 3


@pytest.mark.parametrize(("name", "scheme"), VARIANTS)
def test_figure_is_byte_identical_from_draw_to_draw(name, scheme, site):
    """Drawn here and by the site build, in another process: the same bytes (the cache trusts its hash)."""
    site_dir, _, _ = site
    built = site_dir / "figures" / (f"{name}.svg" if scheme == "light" else f"{name}-{scheme}.svg")
    assert drawing(name, scheme).svg == built.read_bytes()


def test_render_figure_gives_svg_and_closes_its_figure():
    svg = render_figure(sorted(FIGURES)[0], "light")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert plt.get_fignums() == [], "render_figure must close its figure"


@pytest.mark.parametrize(("name", "scheme"), VARIANTS)
def test_figure_is_within_the_size_budget(name, scheme):
    assert len(drawing(name, scheme).svg) <= SVG_BUDGET, f"{name} ({scheme}): {len(drawing(name, scheme).svg):,} bytes"


@pytest.mark.parametrize(("name", "scheme"), VARIANTS)
def test_figure_has_the_background_and_contrast_of_its_scheme(name, scheme):
    """Dark figures are no white boxes; every line and text has >= 3:1 contrast against the background."""
    figure, background = drawing(name, scheme), mcolors.to_rgba(SCHEMES[scheme]["background"])
    assert f"fill: {SCHEMES[scheme]['background']}".encode() in figure.svg
    low = [
        (what, round(contrast_ratio(seen(rgba, background, alpha), background), 2))
        for what, rgba, alpha in [(text, rgba, alpha) for text, _, rgba, alpha in figure.texts] + figure.lines
        if rgba[3] > 0 and contrast_ratio(seen(rgba, background, alpha), background) < MIN_CONTRAST
    ]
    assert not low, f"{name} ({scheme}): under {MIN_CONTRAST}:1 against {SCHEMES[scheme]['background']}: {low}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_fits_a_phone(name):
    """At 390 px a figure is shown at >= 0.7 of its natural width and its text at >= 9 CSS px.

    A figure that fails needs a narrower figsize (the style's default, 5 in, fits) or a
    narrow layout (a 2 x 4 grid becomes 4 x 2), not smaller text.
    """
    figure = drawing(name, "light")
    width = natural_width_px(figure.svg)
    scale = min(1.0, PHONE_COLUMN_PX / width)
    smallest = min(size for _, size, _, _ in figure.texts)
    shown = smallest * 4 / 3 * scale
    assert scale >= MIN_SCALE and shown >= MIN_TEXT_PX, (
        f"{name}: {width:.0f} px wide, shown at {scale:.2f}x on a 390 px phone, smallest text {smallest:g} pt "
        f"shows as {shown:.1f} px; needs at most {PHONE_COLUMN_PX / MIN_SCALE:.0f} px and text >= {MIN_TEXT_PX} px"
    )


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_has_no_hangul(name):
    """Hangul would need a font the reader's install may lack; the Korean goes into alt text and captions."""
    assert not [text for text, *_ in drawing(name, "light").texts if HANGUL.search(text)]


# Every fact computed once, in a fresh process, as a build computes them; and whether that loaded matplotlib.
FRESH_FACTS = """
import json, sys
import activations.pages as pages

values, errors = {}, {}
for name in pages.FACTS:
    try:
        values[name] = pages.compute_fact(name)
    except Exception as error:
        errors[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"values": values, "errors": errors, "matplotlib": "matplotlib" in sys.modules}))
"""


@pytest.fixture(scope="module")
def fresh_facts():
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", FRESH_FACTS], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(FACTS))
def test_fact_is_text(name, fresh_facts):
    assert name not in fresh_facts["errors"], fresh_facts["errors"].get(name)
    assert fresh_facts["values"][name].strip()


def test_a_figure_that_warns_is_an_error(monkeypatch):
    def warns():
        fig, _ = plt.subplots()
        warnings.warn("drawing went wrong", UserWarning, stacklevel=1)
        return fig

    monkeypatch.setitem(FIGURES, "warns", warns)
    with pytest.raises(UserWarning, match="drawing went wrong"):
        render_figure("warns")
    assert plt.get_fignums() == [], "a failed figure must not stay open"


def test_a_figure_over_the_budget_stops_early(monkeypatch):
    """300k points make a 32 MB SVG; drawing stops at the budget instead of writing it all."""

    def cloud():
        import numpy as np

        fig, ax = plt.subplots()
        rng = np.random.default_rng(0)
        ax.plot(rng.random(300_000), rng.random(300_000), "o", markersize=1)
        return fig

    monkeypatch.setitem(FIGURES, "cloud", cloud)
    with pytest.raises(FigureTooLarge, match=f"over the budget of {SVG_BUDGET:,} bytes"):
        render_figure("cloud", "dark", budget=SVG_BUDGET)
    assert plt.get_fignums() == []


def test_legible_mirrors_greys_and_lifts_faint_lines(monkeypatch):
    def greys():
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], color="0.9", label="faint")  # 1.3:1 on white
        ax.plot([0], [0], "o", color="C0", markerfacecolor="white", label="hollow")
        ax.text(0, 0, "black", color="black")
        return fig

    monkeypatch.setitem(FIGURES, "greys", greys)
    for scheme, colors in SCHEMES.items():
        background = mcolors.to_rgba(colors["background"])
        with drawn_figure("greys", scheme) as fig:
            faint, hollow = fig.axes[0].get_lines()
            label = next(text for text in fig.findobj(matplotlib.text.Text) if text.get_text() == "black")
            assert contrast_ratio(mcolors.to_rgba(faint.get_color()), background) >= MIN_CONTRAST
            assert mcolors.same_color(hollow.get_color(), colors["cycle"][0])
            # A hollow marker is filled with the background; black text stays black, or is light on dark.
            assert mcolors.same_color(hollow.get_markerfacecolor(), background)
            text = mcolors.to_rgba(label.get_color())
            assert mcolors.same_color(text, "black" if scheme == "light" else colors["foreground"])


def test_legible_keeps_what_is_already_legible():
    fig, ax = plt.subplots()
    try:
        line = ax.plot([0, 1], [0, 1], color="#1f77b4")[0]
        legible(fig, "#ffffff", "#1f1f1f", MIN_CONTRAST)
        assert mcolors.same_color(line.get_color(), "#1f77b4")
    finally:
        plt.close(fig)


def test_contrast_ratio_is_wcag():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert contrast_ratio(mcolors.to_rgb("#767676"), (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colors", SCHEMES.values())
def test_each_colour_cycle_reads_on_its_background(colors):
    """Text drawn in a cycle colour (annotations) needs 4.5:1, lines 3:1: every colour meets 4.5:1."""
    background = mcolors.to_rgb(colors["background"])
    assert min(contrast_ratio(mcolors.to_rgb(color), background) for color in colors["cycle"]) >= 4.5


def test_a_fact_must_be_text(monkeypatch):
    monkeypatch.setitem(FACTS, "number", lambda: 0.25)
    with pytest.raises(TypeError, match="fact 'number' must return str"):
        compute_fact("number")


def test_registering_a_name_twice_is_an_error():
    name = next(iter(FIGURES))
    twin = type(FIGURES[name])(FIGURES[name].__code__, FIGURES[name].__globals__, name)
    with pytest.raises(ValueError, match="registered twice"):
        pages.figure(twin)


def test_a_figure_depends_on_what_it_draws_and_nothing_else():
    deps = dependencies(FIGURES["sigmoid_grad_curve"])
    assert "activations.sigmoid.sigmoid_grad" in deps
    assert "activations.pages.drawing.subplots" in deps  # reached through drawing.axes
    assert not any("relu" in key for key in deps)


def test_figure_hash_changes_with_the_style_and_the_scheme(monkeypatch):
    before = figure_hash("sigmoid_grad_curve")
    assert figure_hash("sigmoid_grad_curve", "dark") != before
    monkeypatch.setitem(registry.STYLE, "grid.alpha", 0.5)
    assert figure_hash("sigmoid_grad_curve") != before


def test_figure_hash_changes_with_one_number_of_a_large_constant(monkeypatch):
    """X has 1001 numbers; repr() would print '...' and miss a change in the middle."""
    import activations.pages.sigmoid as page

    before = figure_hash("sigmoid_curve")
    changed = page.X.copy()
    changed[500] += 1e-9
    monkeypatch.setattr(page, "X", changed)
    assert figure_hash("sigmoid_curve") != before


def test_figure_hash_follows_wrapped_functions(monkeypatch):
    """A dependency behind functools.cache is still hashed by its source."""
    import activations.pages.sigmoid as page

    deps = dependencies(FIGURES["sigmoid_grad_curve"])
    assert "activations.sigmoid.sigmoid_grad" in deps
    monkeypatch.setattr(page, "sigmoid_grad", functools.cache(page.sigmoid_grad))
    assert dependencies(FIGURES["sigmoid_grad_curve"]) == deps


# A page module whose figures say `ax.figure` and `plt.figure()`: the name `figure` is also the
# decorator in its globals, and the registry (reprs with memory addresses) must not enter the key.
PROBE_PAGE = '''
import matplotlib.pyplot as plt

from activations.pages.drawing import subplots
from activations.pages.registry import fact, figure

SCALE = 2


@figure
def probe_ax_figure():
    _, ax = subplots()
    ax.plot([0, 1], [0, 1])
    return ax.figure


@figure
def probe_plt_figure():
    fig = plt.figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig


@fact
def probe_scaled():
    return f"{SCALE * 2}"


@fact
def probe_fixed():
    return "1"
'''


@pytest.fixture
def probe_page(tmp_path, monkeypatch):
    import importlib.util
    import sys

    path = tmp_path / "probe_page.py"
    path.write_text(PROBE_PAGE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("activations.pages.probe_page", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    registered = dict(FIGURES), dict(FACTS)
    spec.loader.exec_module(module)
    yield module
    for registry_, before in zip((FIGURES, FACTS), registered, strict=True):
        registry_.clear()
        registry_.update(before)


@pytest.mark.parametrize("name", ["probe_ax_figure", "probe_plt_figure"])
def test_figure_hash_is_stable_for_a_figure_that_mentions_figure(probe_page, name, monkeypatch):
    deps = dependencies(FIGURES[name])
    assert "activations.pages.registry.figure" not in deps
    assert not [key for key, text in deps.items() if re.search(r" at 0x[0-9a-f]+", text)]
    before = figure_hash(name)
    monkeypatch.setitem(FIGURES, "another", lambda: None)  # the registry's repr changes, the key must not
    assert figure_hash(name) == before
    assert render_figure(name).startswith(b"<?xml")


def test_fact_hash_follows_what_the_fact_uses(probe_page, monkeypatch):
    before = {name: fact_hash(name) for name in ("probe_scaled", "probe_fixed")}
    monkeypatch.setattr(probe_page, "SCALE", 3)
    assert fact_hash("probe_scaled") != before["probe_scaled"]
    assert fact_hash("probe_fixed") == before["probe_fixed"]


def test_every_figure_and_fact_has_a_key_without_memory_addresses():
    """A repr with an address would differ on every run: that figure or fact would never come from the cache."""
    for func in [*FIGURES.values(), *FACTS.values()]:
        deps = dependencies(func)
        assert not [key for key, text in deps.items() if re.search(r" at 0x[0-9a-f]+", text)], func.__name__
    assert len({figure_hash(name, scheme) for name, scheme in VARIANTS}) == len(VARIANTS)
    assert len({fact_hash(name) for name in FACTS}) == len(FACTS)


def test_a_constant_is_hashed_by_content_never_by_address():
    import numpy as np

    table = {"b": (1, 2.5), "a": [np.float64(0.1), None]}
    assert fingerprint(table) == fingerprint(dict(reversed(table.items())))
    assert fingerprint(np.exp) == "numpy.exp"
    with pytest.raises(TypeError, match="repr holds an address"):
        fingerprint(object())


def test_facts_need_no_matplotlib(fresh_facts):
    """Facts (and a build whose figures all come from the cache) must not pay for importing pyplot."""
    assert fresh_facts["matplotlib"] is False
