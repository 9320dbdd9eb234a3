"""Figures and facts of docs/relu.md."""

import numpy as np

from activations.pages.drawing import X, axes
from activations.pages.registry import fact, figure
from activations.relu import relu, relu_grad


@figure
def relu_curve():
    fig, ax = axes(r"$\mathrm{ReLU}(x)$")
    ax.plot(X, relu(X), linewidth=2)
    ax.set_aspect("equal")
    return fig


@figure
def relu_grad_curve():
    fig, ax = axes(r"$\mathrm{ReLU}'(x)$")
    left, right = X[X < 0], X[X > 0]
    ax.plot(left, relu_grad(left), linewidth=2, color="C1")
    ax.plot(right, relu_grad(right), linewidth=2, color="C1")
    # x = 0: the value used (filled dot) and the limit from the right that is not used (open dot).
    ax.plot([0], [relu_grad(0.0)], "o", color="C1")
    ax.plot([0], [1], "o", markerfacecolor="white", color="C1")
    ax.annotate(f"ReLU'(0) = {relu_grad(0.0):g}", (0, relu_grad(0.0)), xytext=(0.5, 0.15))
    ax.set_ylim(-0.15, 1.25)
    return fig


@fact
def relu_grad_at_zero():
    return f"{relu_grad(0.0):g}"


@fact
def relu_grad_positive():
    """The derivative on x > 0 (the same at every positive grid point)."""
    values = np.unique(relu_grad(X[X > 0]))
    if values.size != 1:
        raise ValueError(f"relu_grad is not constant on x > 0: {values}")
    return f"{values[0]:g}"
