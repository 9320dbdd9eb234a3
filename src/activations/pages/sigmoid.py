"""Figures and facts of docs/sigmoid.md."""

import numpy as np

from activations.pages import fact, figure
from activations.pages.drawing import X, axes
from activations.sigmoid import sigmoid, sigmoid_grad


@figure
def sigmoid_curve():
    fig, ax = axes(r"$\sigma(x)$")
    ax.axhline(1, color="0.6", linewidth=0.8, linestyle=":")
    ax.plot(X, sigmoid(X), linewidth=2)
    return fig


@figure
def sigmoid_grad_curve():
    fig, ax = axes(r"$\sigma'(x)$")
    ax.plot(X, sigmoid_grad(X), linewidth=2, color="C1")
    ax.plot([0], [sigmoid_grad(0.0)], "o", color="C1")
    ax.annotate(f"max {sigmoid_grad(0.0):g} at x = 0", (0, sigmoid_grad(0.0)), xytext=(1.0, 0.22))
    return fig


@fact
def sigmoid_grad_max():
    return f"{sigmoid_grad(0.0):g}"


@fact
def sigmoid_grad_max_x():
    return f"{X[np.argmax(sigmoid_grad(X))]:g}"
