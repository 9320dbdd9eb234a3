"""Figures and facts of docs/modern.md: GELU, SiLU (Swish) and ELU."""

import inspect

import numpy as np
from scipy.special import expit, ndtr

from activations.modern import elu, elu_grad, gelu, gelu_grad, gelu_tanh, silu, silu_grad
from activations.pages.drawing import X, axes
from activations.pages.registry import fact, figure, times_ten
from activations.relu import relu

# -- numbers the pages state -----------------------------------------------------------


def extremum(f, lo, hi, find=np.argmax, rounds=4, points=2001):
    """Where f is largest (find=np.argmax) or smallest (np.argmin) on [lo, hi], and its value there.

    A grid first, then ever finer grids around the best point: each round narrows the interval
    about a thousandfold, so four rounds pin the point far below the digits the pages show.
    """
    for _ in range(rounds):
        xs = np.linspace(lo, hi, points)
        i = int(find(f(xs)))
        lo, hi = xs[max(i - 1, 0)], xs[min(i + 1, points - 1)]
    return float(xs[i]), float(f(xs[i]))


# Standard normal inputs: a common reference input for comparing the functions (not a claim about
# what a hidden layer sees: that depends on the data and the initialisation).
_Z = np.linspace(-12.0, 12.0, 48001)
_PHI = np.exp(-(_Z**2) / 2) / np.sqrt(2 * np.pi)


def normal_mean(f):
    """E[f(Z)] for Z ~ N(0, 1), by the trapezoidal rule on [-12, 12] (the density outside is < 1e-31)."""
    return float(np.trapezoid(f(_Z) * _PHI, _Z))


def _num(value):
    """Three decimals: enough to tell the functions apart, few enough to read."""
    return f"{value:.3f}"


@fact
def modern_gelu_min():
    return _num(extremum(gelu, -3, 0, find=np.argmin)[1])


@fact
def modern_gelu_min_x():
    return _num(extremum(gelu, -3, 0, find=np.argmin)[0])


@fact
def modern_gelu_grad_max():
    return _num(extremum(gelu_grad, -10, 10)[1])


@fact
def modern_gelu_grad_max_x():
    return _num(extremum(gelu_grad, -10, 10)[0])


@fact
def modern_gelu_tanh_max_error():
    """Largest |tanh approximation - exact GELU| over [-10, 10] (beyond, both agree to the last digit)."""
    x = np.linspace(-10, 10, 20001)
    return times_ten(np.max(np.abs(gelu_tanh(x) - gelu(x))))


def silu_gelu_scale():
    """The c with σ(x) ≈ Φ(x/c) at its best (smallest largest error), so SiLU(x) ≈ c·GELU(x/c).

    xσ(x) ≈ xΦ(x/c) = c·(x/c)Φ(x/c): SiLU is GELU enlarged c times along both axes.
    """
    x = np.linspace(-10, 10, 4001)
    s = expit(x)
    scales = np.linspace(1.5, 2.0, 501)  # steps of 0.001; the page shows one decimal
    errors = [np.max(np.abs(s - ndtr(x / c))) for c in scales]
    return float(scales[int(np.argmin(errors))])


@fact
def modern_silu_gelu_scale():
    return f"{silu_gelu_scale():.1f}"


@fact
def modern_silu_min():
    return _num(extremum(silu, -3, 0, find=np.argmin)[1])


@fact
def modern_silu_min_x():
    return _num(extremum(silu, -3, 0, find=np.argmin)[0])


@fact
def modern_silu_grad_max():
    return _num(extremum(silu_grad, -10, 10)[1])


@fact
def modern_silu_grad_max_x():
    return _num(extremum(silu_grad, -10, 10)[0])


@fact
def modern_mean_relu():
    return _num(normal_mean(relu))


@fact
def modern_mean_gelu():
    return _num(normal_mean(gelu))


@fact
def modern_mean_silu():
    return _num(normal_mean(silu))


@fact
def modern_mean_elu():
    return _num(normal_mean(elu))


@fact
def modern_elu_default_alpha():
    return f"{inspect.signature(elu).parameters['alpha'].default:g}"


# -- figures --------------------------------------------------------------------------


@figure
def modern_curves():
    """GELU, SiLU and ELU over ReLU: smooth, and a little below zero on the negative side."""
    fig, ax = axes("$f(x)$")
    ax.plot(X, relu(X), color="0.5", linestyle="--", linewidth=1.5, label="ReLU")
    ax.plot(X, gelu(X), linewidth=2, label="GELU")
    ax.plot(X, silu(X), linewidth=2, label="SiLU")
    ax.plot(X, elu(X), linewidth=2, label=r"ELU ($\alpha = 1$)")
    ax.set_xlim(-4, 3)
    ax.set_ylim(-1.2, 3)
    ax.legend(loc="upper left")
    return fig


def _curve_and_grad(f, grad, name, note=""):
    """One function and its derivative on the same axes, as every section of the page shows them."""
    fig, ax = axes("")
    ax.plot(X, f(X), linewidth=2, label=f"${name}(x){note}$")
    ax.plot(X, grad(X), linewidth=2, linestyle="--", label=f"${name}'(x){note}$")
    ax.set_xlim(-5, 5)
    ax.set_ylim(-1.2, 3)
    ax.legend(loc="upper left")
    return fig, ax


def _mark(ax, point, color, text, offset):
    """A dot at `point` with its coordinates written next to it."""
    ax.plot([point[0]], [point[1]], "o", color=color)
    ax.annotate(text.format(x=point[0], y=point[1]), point, xytext=offset, textcoords="offset points")


@figure
def modern_gelu_curve():
    fig, ax = _curve_and_grad(gelu, gelu_grad, r"\mathrm{GELU}")
    _mark(ax, extremum(gelu, -3, 0, find=np.argmin), "C0", "min {y:.3f}\nat x = {x:.3f}", (-70, -32))
    _mark(ax, extremum(gelu_grad, -10, 10), "C1", "max {y:.3f}\nat x = {x:.3f}", (8, 6))
    return fig


@figure
def modern_gelu_tanh_error():
    """How far the tanh approximation is from the exact GELU (the two curves would overlap)."""
    fig, ax = axes(r"$\mathrm{GELU}_{\tanh}(x) - \mathrm{GELU}(x)$")
    ax.plot(X, gelu_tanh(X) - gelu(X), linewidth=2, color="C2")
    ax.ticklabel_format(axis="y", style="sci", scilimits=(0, 0))
    return fig


@figure
def modern_silu_curve():
    fig, ax = _curve_and_grad(silu, silu_grad, r"\mathrm{SiLU}")
    _mark(ax, extremum(silu, -3, 0, find=np.argmin), "C0", "min {y:.3f}\nat x = {x:.3f}", (-70, -32))
    _mark(ax, extremum(silu_grad, -10, 10), "C1", "max {y:.3f}\nat x = {x:.3f}", (-20, 10))
    return fig


@figure
def modern_elu_curve():
    fig, ax = _curve_and_grad(elu, elu_grad, r"\mathrm{ELU}", note=r",\ \alpha = 1")
    ax.axhline(-1, color="0.6", linewidth=0.8, linestyle=":")
    ax.plot(X, elu(X, alpha=2.0), linewidth=1.2, color="C0", alpha=0.45, label=r"$\mathrm{ELU}(x),\ \alpha = 2$")
    ax.plot(
        X,
        elu(X, alpha=0.5),
        linewidth=1.2,
        color="C0",
        alpha=0.45,
        linestyle="-.",
        label=r"$\mathrm{ELU}(x),\ \alpha = 0.5$",
    )
    ax.set_ylim(-2.2, 3)
    ax.legend(loc="upper left")
    return fig
