"""The registry of figures and facts that the pages take from the package at build time."""

import re
import warnings

import matplotlib.pyplot as plt
import matplotlib.text
import pytest

from activations import pages
from activations.pages import FACTS, FIGURES, compute_fact, dependencies, figure_hash, registry, render_figure


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_is_byte_identical_from_draw_to_draw(name):
    first = render_figure(name)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert render_figure(name) == first
    assert plt.get_fignums() == [], "render_figure must close its figure"


@pytest.mark.parametrize("name", sorted(FACTS))
def test_fact_is_text(name):
    value = compute_fact(name)
    assert isinstance(value, str) and value.strip()


def test_a_figure_that_warns_is_an_error(monkeypatch):
    def warns():
        fig, _ = plt.subplots()
        warnings.warn("drawing went wrong", UserWarning, stacklevel=1)
        return fig

    monkeypatch.setitem(FIGURES, "warns", warns)
    with pytest.raises(UserWarning, match="drawing went wrong"):
        render_figure("warns")
    assert plt.get_fignums() == [], "a failed figure must not stay open"


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
    assert "activations.validate.as_float_array" in deps  # reached through sigmoid_grad
    assert not any("relu" in key for key in deps)


def test_figure_hash_changes_with_the_style(monkeypatch):
    before = figure_hash("sigmoid_grad_curve")
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
    import functools

    import activations.pages.sigmoid as page

    deps = dependencies(FIGURES["sigmoid_grad_curve"])
    assert "activations.sigmoid.sigmoid_grad" in deps
    monkeypatch.setattr(page, "sigmoid_grad", functools.cache(page.sigmoid_grad))
    assert dependencies(FIGURES["sigmoid_grad_curve"]) == deps


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_has_no_hangul(name):
    """Hangul would need a font the reader's install may lack; the Korean goes into alt text and captions."""
    fig = FIGURES[name]()
    try:
        fig.canvas.draw()  # tick labels exist only once the figure is drawn
        texts = [text.get_text() for text in fig.findobj(matplotlib.text.Text)]
    finally:
        plt.close(fig)
    assert not [text for text in texts if re.search(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]", text)]


def test_facts_need_no_matplotlib():
    """Facts (and a build whose figures all come from the cache) must not pay for importing pyplot."""
    import subprocess
    import sys

    code = "import sys, activations.pages as p\nfor n in p.FACTS: p.compute_fact(n)\nprint('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
