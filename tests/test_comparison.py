"""The comparison page's facts and figures, each against a computation that does not use our code."""

import math
import re
from pathlib import Path

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.special
import torch
import torch.nn.functional as F

from activations.pages import FACTS, compute_fact
from activations.pages.comparison import LEAKY_SLOPE, functions, grad_max
from conftest import drawn

ROOT = Path(__file__).resolve().parents[1]

# The same seven functions in PyTorch, in the order of the page.
TORCH = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": F.relu,
    "Leaky ReLU": lambda t: F.leaky_relu(t, negative_slope=LEAKY_SLOPE),
    "GELU": F.gelu,
    "SiLU": F.silu,
    "ELU": F.elu,
}
FACT_SUFFIX = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "ReLU": "relu",
    "Leaky ReLU": "leaky_relu",
    "GELU": "gelu",
    "SiLU": "silu",
    "ELU": "elu",
}


def torch_value_and_grad(name, x):
    t = torch.from_numpy(np.asarray(x, dtype=np.float64)).requires_grad_()
    y = TORCH[name](t)
    y.sum().backward()
    return y.detach().numpy(), t.grad.numpy()


def test_the_page_compares_the_functions_of_the_site():
    assert list(functions()) == list(TORCH)


# -- largest derivative: closed forms, mpmath and autograd -----------------------------


def silu_grad_max_mpmath():
    def silu(t):
        return t / (1 + mpmath.exp(-t))

    with mpmath.workdps(40):
        x = mpmath.findroot(lambda t: mpmath.diff(silu, t, 2), 2.4)  # SiLU'' = 0 at the peak of SiLU'
        return float(mpmath.diff(silu, x))


def gelu_grad(x):
    return scipy.special.ndtr(x) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)


GRAD_MAX = {  # independent values of max f'
    "sigmoid": lambda: scipy.special.expit(0.0) * scipy.special.expit(-0.0),  # σ'(x) = σ(x)σ(-x), largest at 0
    "tanh": lambda: 1 / math.cosh(0.0) ** 2,  # sech² is largest at 0
    "ReLU": lambda: 1.0,  # the slope of the line y = x
    "Leaky ReLU": lambda: max(1.0, LEAKY_SLOPE),
    "GELU": lambda: gelu_grad(math.sqrt(2)),  # GELU'' = φ(x)(2 - x²) = 0 at x = √2
    "SiLU": silu_grad_max_mpmath,
    "ELU": lambda: max(1.0, math.exp(0.0)),  # 1 for x > 0, α e^x (largest at x = 0) for x <= 0, α = 1
}


@pytest.mark.parametrize("name", list(TORCH))
def test_grad_max_fact_matches_an_independent_value(name):
    assert compute_fact(f"comparison_grad_max_{FACT_SUFFIX[name]}") == f"{GRAD_MAX[name]():.3f}"
    assert abs(grad_max(name) - GRAD_MAX[name]()) < 1e-12


@pytest.mark.parametrize("name", list(TORCH))
def test_grad_max_fact_matches_autograd_on_a_fine_grid(name):
    _, grad = torch_value_and_grad(name, np.linspace(-10, 10, 200_001))
    assert compute_fact(f"comparison_grad_max_{FACT_SUFFIX[name]}") == f"{grad.max():.3f}"


# -- mean output for standard normal inputs --------------------------------------------


def normal_expectation(f):
    return scipy.integrate.quad(lambda z: f(z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi), -np.inf, np.inf)[0]


MEAN = {  # E[f(Z)], Z ~ N(0, 1)
    "sigmoid": lambda: normal_expectation(scipy.special.expit),  # 1/2, since σ(z) + σ(-z) = 1
    "tanh": lambda: normal_expectation(math.tanh),  # 0, since tanh is odd
    "ReLU": lambda: 1 / math.sqrt(2 * math.pi),
    "Leaky ReLU": lambda: (1 - LEAKY_SLOPE) / math.sqrt(2 * math.pi),  # E[max(Z, 0)] + a E[min(Z, 0)]
    "GELU": lambda: 1 / (2 * math.sqrt(math.pi)),  # E[Z Φ(Z)] = E[φ(Z)] (Stein's lemma)
    "SiLU": lambda: normal_expectation(lambda z: z * scipy.special.expit(z)),
    "ELU": lambda: 1 / math.sqrt(2 * math.pi) + math.exp(0.5) * scipy.special.ndtr(-1) - 0.5,
}


@pytest.mark.parametrize("name", list(TORCH))
def test_mean_fact_matches_an_independent_value(name):
    assert compute_fact(f"comparison_mean_{FACT_SUFFIX[name]}") == f"{round(MEAN[name](), 3) + 0.0:.3f}"  # no "-0.000"


def test_leaky_slope_fact():
    assert compute_fact("comparison_leaky_slope") == f"{LEAKY_SLOPE:g}"
    assert 0 < LEAKY_SLOPE < 1


def test_every_comparison_fact_is_checked_here():
    suffixes = set(FACT_SUFFIX.values())
    checked = {f"comparison_grad_max_{s}" for s in suffixes} | {f"comparison_mean_{s}" for s in suffixes}
    checked.add("comparison_leaky_slope")
    assert {name for name in FACTS if name.startswith("comparison_")} == checked


def test_the_page_uses_only_registered_facts_and_shows_every_comparison_fact():
    page = (ROOT / "docs" / "comparison.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\{\{\s*([a-z0-9_]+)\s*\}\}", page))
    assert used <= set(FACTS)
    assert {name for name in FACTS if name.startswith("comparison_")} <= used


# -- figures ---------------------------------------------------------------------------


def test_grid_shows_each_function_and_its_autograd_derivative():
    with drawn("comparison_grid") as fig:
        panels = fig.axes
        assert len(panels) == 8
        for ax, name in zip(panels, TORCH, strict=False):
            assert ax.get_title().startswith(name)
            f_line, grad_line = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
            value, grad = torch_value_and_grad(name, f_line.get_xdata())
            np.testing.assert_allclose(f_line.get_ydata(), value, rtol=1e-12, atol=1e-15, err_msg=name)
            np.testing.assert_allclose(grad_line.get_ydata(), grad, rtol=1e-10, atol=1e-15, err_msg=name)
        legend_panel = panels[-1]
        assert not legend_panel.axison
        assert [t.get_text() for t in legend_panel.get_legend().get_texts()] == ["$f(x)$", "$f'(x)$"]


def test_grads_figure_shows_every_derivative():
    with drawn("comparison_grads") as fig:
        (ax,) = fig.axes
        lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
        assert [line.get_label().split(" (")[0] for line in lines] == list(TORCH)
        for line, name in zip(lines, TORCH, strict=True):
            _, grad = torch_value_and_grad(name, line.get_xdata())
            np.testing.assert_allclose(line.get_ydata(), grad, rtol=1e-10, atol=1e-15, err_msg=name)
