"""Figures and facts of docs/leaky-relu.md."""

import inspect

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages.drawing import X, axes
from activations.pages.registry import fact, figure

NOTE_SLOPE = 0.1  # the slope a of the original note's plot
DEFAULT_SLOPE = inspect.signature(leaky_relu).parameters["negative_slope"].default  # PyTorch's too


@figure
def leaky_relu_curve():
    fig, ax = axes(r"$\mathrm{LeakyReLU}(x)$")
    for a, color in ((NOTE_SLOPE, "C0"), (DEFAULT_SLOPE, "C1")):
        ax.plot(X, leaky_relu(X, a), linewidth=2, color=color, label=f"$a = {a:g}$")
    # Zoomed in on the negative side, where the two slopes differ (for x > 0 both are y = x).
    ax.set_xlim(-5.2, 2.2)
    ax.set_ylim(-0.7, 2.2)
    ax.legend(loc="upper left")
    return fig


@figure
def leaky_relu_grad_curve():
    fig, ax = axes(r"$\mathrm{LeakyReLU}'(x)$")
    left, right = X[X < 0], X[X > 0]
    for a, color in ((NOTE_SLOPE, "C0"), (DEFAULT_SLOPE, "C1")):
        ax.plot(left, leaky_relu_grad(left, a), linewidth=2, color=color, label=f"$a = {a:g}$")
        ax.plot(right, leaky_relu_grad(right, a), linewidth=2, color=color)
        ax.plot([0], [leaky_relu_grad(0.0, a)], "o", color=color)  # the value used at x = 0: a
    ax.plot([0], [1], "o", markerfacecolor="white", color="0.3")
    ax.set_ylim(-0.1, 1.2)
    ax.legend(loc="center left")
    return fig


@fact
def leaky_relu_note_slope():
    return f"{NOTE_SLOPE:g}"


@fact
def leaky_relu_default_slope():
    return f"{DEFAULT_SLOPE:g}"
