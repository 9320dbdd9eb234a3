"""Figures and facts of docs/tanh.md."""

import numpy as np

from activations.pages.drawing import X, axes
from activations.pages.registry import fact, figure
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad


def grad_crossover():
    """The x > 0 where tanh'(x) = sigma'(x); beyond it tanh's derivative is the smaller one.

    With tanh'(x) = 4 sigma'(2x) and s = e^-x the equation becomes s^4 - 4s^3 - 6s^2 - 4s + 1 = 0;
    dividing by s^2 and writing u = s + 1/s = 2 cosh(x) gives u^2 - 4u - 8 = 0, so cosh(x) = 1 + sqrt(3).
    """
    return float(np.arccosh(1 + np.sqrt(3)))


@figure
def tanh_curve():
    fig, ax = axes("$y$")
    for level in (-1, 1):
        ax.axhline(level, color="0.6", linewidth=0.8, linestyle=":")
    ax.plot(X, tanh(X), linewidth=2, label=r"$\tanh(x)$")
    ax.plot(X, sigmoid(X), linewidth=1.5, linestyle="--", color="C2", label=r"$\sigma(x)$")
    ax.set_ylim(-1.15, 1.15)
    ax.legend(loc="upper left")
    return fig


@figure
def tanh_grad_curve():
    fig, ax = axes("$y$")
    ax.plot(X, tanh_grad(X), linewidth=2, color="C1", label=r"$\tanh'(x)$")
    ax.plot(X, sigmoid_grad(X), linewidth=1.5, linestyle="--", color="C2", label=r"$\sigma'(x)$")
    ax.plot([0], [tanh_grad(0.0)], "o", color="C1")
    ax.plot([0], [sigmoid_grad(0.0)], "o", color="C2")
    ax.annotate(f"max {tanh_grad(0.0):g} at x = 0", (0, tanh_grad(0.0)), xytext=(0.6, 0.95))
    ax.annotate(f"max {sigmoid_grad(0.0):g}", (0, sigmoid_grad(0.0)), xytext=(0.6, 0.3))
    c = grad_crossover()
    for x in (-c, c):
        ax.axvline(x, color="0.6", linewidth=0.8, linestyle=":")
    ax.set_ylim(-0.05, 1.15)
    ax.legend(loc="upper left")
    return fig


@fact
def tanh_grad_max():
    return f"{tanh_grad(0.0):g}"


@fact
def tanh_grad_max_x():
    return f"{X[np.argmax(tanh_grad(X))]:g}"


@fact
def tanh_sigmoid_grad_max():
    return f"{sigmoid_grad(0.0):g}"


@fact
def tanh_grad_ratio():
    return f"{tanh_grad(0.0) / sigmoid_grad(0.0):g}"


@fact
def tanh_grad_crossover():
    return f"{grad_crossover():.2f}"
