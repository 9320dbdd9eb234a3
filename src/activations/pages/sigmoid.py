"""Figures and facts of docs/sigmoid.md."""

import math

import numpy as np

from activations.pages.drawing import X, axes, subplots
from activations.pages.registry import fact, figure, times_ten
from activations.sigmoid import sigmoid, sigmoid_grad

# Where the page calls sigmoid "saturated": the derivative is below this value.
SATURATION_GRAD = 0.01
# The chain-rule picture: how many sigmoid layers the page counts through, and the figure's range.
CHAIN_LAYERS = 10
CHAIN_MAX_LAYERS = 20
# The far left tail the page shows: the naive formula overflows there, and sigmoid gives the smallest float64.
TAIL_X = -745.0


def saturation_x():
    """|x| beyond which sigmoid_grad(x) < SATURATION_GRAD: solve s(1 - s) = g for s = sigmoid(x) > 1/2."""
    s = (1 + math.sqrt(1 - 4 * SATURATION_GRAD)) / 2
    return math.log(s / (1 - s))


def naive_overflow_x(dtype):
    """The naive 1 / (1 + exp(-x)) overflows in exp(-x) once -x exceeds log(largest float)."""
    return float(np.log(np.finfo(dtype).max))


@figure
def sigmoid_curve():
    fig, ax = axes(r"$\sigma(x)$")
    ax.axhline(1, color="0.6", linewidth=0.8, linestyle=":")
    ax.plot(X, sigmoid(X), linewidth=2)
    ax.plot([0], [sigmoid(0.0)], "o", color="C0")
    ax.annotate(rf"$\sigma(0) = {sigmoid(0.0):g}$", (0, sigmoid(0.0)), xytext=(0.5, 0.35))
    return fig


@figure
def sigmoid_grad_curve():
    fig, ax = axes(r"$\sigma(x)$,  $\sigma'(x)$")
    ax.plot(X, sigmoid(X), linewidth=1.2, color="C0", linestyle="--", alpha=0.6, label=r"$\sigma(x)$")
    ax.plot(X, sigmoid_grad(X), linewidth=2, color="C1", label=r"$\sigma'(x) = \sigma(x)(1 - \sigma(x))$")
    peak = sigmoid_grad(0.0)
    ax.plot([0], [peak], "o", color="C1")
    ax.annotate(rf"$\sigma'(0) = {peak:g}$", (0, peak), xytext=(0.6, peak + 0.08), arrowprops={"arrowstyle": "->"})
    ax.legend(loc="upper left")
    return fig


@figure
def sigmoid_saturation():
    x = np.linspace(-10.0, 10.0, 2001)
    fig, ax = axes(r"$\sigma(x)$,  $\sigma'(x)$")
    edge = saturation_x()
    for lo, hi in [(x[0], -edge), (edge, x[-1])]:
        ax.axvspan(lo, hi, color="0.85", alpha=0.6, linewidth=0)
    ax.plot(x, sigmoid(x), linewidth=2, color="C0", label=r"$\sigma(x)$")
    ax.plot(x, sigmoid_grad(x), linewidth=2, color="C1", label=r"$\sigma'(x)$")
    ax.axhline(SATURATION_GRAD, color="C1", linewidth=0.8, linestyle=":")
    ax.text(edge + 0.3, 0.5, rf"$\sigma'(x) < {SATURATION_GRAD:g}$" + "\n" + rf"$|x| > {edge:.1f}$")
    ax.text(-edge - 0.3, 0.5, rf"$\sigma'(x) < {SATURATION_GRAD:g}$" + "\n" + rf"$|x| > {edge:.1f}$", ha="right")
    ax.set_xlim(x[0], x[-1])
    ax.legend(loc="upper left")
    return fig


@figure
def sigmoid_grad_bound():
    peak = sigmoid_grad(0.0)
    n = np.arange(1, CHAIN_MAX_LAYERS + 1)
    fig, ax = subplots()  # not axes(): its line at y = 0 has no place on a log scale
    ax.set_xlabel(r"$n$")
    ax.set_ylabel(rf"${peak:g}^n$")
    ax.semilogy(n, peak**n, "o-", color="C1")
    value = peak**CHAIN_LAYERS
    ax.plot([CHAIN_LAYERS], [value], "o", color="C3", markersize=9)
    ax.annotate(
        rf"${peak:g}^{{{CHAIN_LAYERS}}} \approx {times_ten(value)}$",
        (CHAIN_LAYERS, value),
        xytext=(CHAIN_LAYERS + 1.5, value * 30),
        arrowprops={"arrowstyle": "->"},
    )
    ax.set_xticks(n[::2] + 1)
    ax.set_xlim(0.5, CHAIN_MAX_LAYERS + 0.5)
    return fig


@fact
def sigmoid_at_zero():
    return f"{sigmoid(0.0):g}"


@fact
def sigmoid_grad_max():
    return f"{sigmoid_grad(0.0):g}"


@fact
def sigmoid_grad_max_x():
    return f"{X[np.argmax(sigmoid_grad(X))]:g}"


@fact
def sigmoid_saturation_grad():
    return f"{SATURATION_GRAD:g}"


@fact
def sigmoid_saturation_x():
    return f"{saturation_x():.1f}"


@fact
def sigmoid_chain_layers():
    return f"{CHAIN_LAYERS}"


@fact
def sigmoid_chain_max_layers():
    return f"{CHAIN_MAX_LAYERS}"


@fact
def sigmoid_grad_bound_10():
    """0.25 ** 10 as LaTeX, for \\( ... \\) on the page."""
    return times_ten(sigmoid_grad(0.0) ** CHAIN_LAYERS)


@fact
def sigmoid_grad_bound_10_inverse():
    return f"{round(1 / sigmoid_grad(0.0) ** CHAIN_LAYERS):,}"


@fact
def sigmoid_naive_overflow_float64():
    return f"{naive_overflow_x(np.float64):.2f}"


@fact
def sigmoid_naive_overflow_float32():
    return f"{naive_overflow_x(np.float32):.2f}"


@fact
def sigmoid_tail_value():
    """sigmoid(-745): the exact value, about 2.8e-324, rounds to the smallest positive float64."""
    return repr(float(sigmoid(TAIL_X)))
