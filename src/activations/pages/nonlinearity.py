"""Figures and facts of docs/nonlinearity.md."""

import numpy as np

from activations.nonlinearity import stack_linear, step, step_grad
from activations.pages.drawing import X, axes, subplots
from activations.pages.registry import figure

# A small network 1 -> 3 -> 1 (one input, three hidden units, one output) for the figure.
W1 = np.array([[1.0], [-1.0], [2.0]])
B1 = np.array([0.5, 1.0, -3.0])
W2 = np.array([[1.0, 1.5, -1.0]])
B2 = np.array([-1.0])


def two_layers(x, between):
    """W2 between(W1 x + b1) + b2 for every x in a 1-D array of inputs."""
    hidden = between(x[:, None] @ W1.T + B1)
    return (hidden @ W2.T + B2)[:, 0]


@figure
def nonlinearity_stack():
    fig, ax = axes(r"$y$")
    w, b = stack_linear([W1, W2], [B1, B2])
    ax.plot(X, two_layers(X, lambda h: h), linewidth=3, color="C0", alpha=0.5, label=r"$W_2(W_1x + b_1) + b_2$")
    ax.plot(X, X * w[0, 0] + b[0], "--", color="C0", label=r"$(W_2W_1)x + (W_2b_1 + b_2)$")
    relu_label = r"$W_2\,\max(0, W_1x + b_1) + b_2$"
    ax.plot(X, two_layers(X, lambda h: np.maximum(0, h)), linewidth=2, color="C1", label=relu_label)
    ax.legend(loc="lower left", fontsize=9)
    return fig


@figure
def nonlinearity_step():
    fig, (top, bottom) = subplots(2, 1, figsize=(5.0, 5.0), sharex=True)  # one above the other: fits a phone
    for ax, ylabel in [(top, r"$H(x)$"), (bottom, r"$H'(x)$")]:
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.axvline(0, color="0.6", linewidth=0.8)
        ax.set_ylabel(ylabel)
    bottom.set_xlabel(r"$x$")
    # The jump at x = 0: H(0) = 0 (filled dot), the value 1 just right of 0 is not taken (open dot).
    negative, positive = X[X <= 0], X[X > 0]
    top.plot(negative, step(negative), linewidth=2, color="C0")
    top.plot(positive, step(positive), linewidth=2, color="C0")
    top.plot([0], [step(0.0)], "o", color="C0")
    top.plot([0], [1], "o", markerfacecolor="white", color="C0")
    # The derivative is 0 on both sides; at x = 0 it does not exist (open dot).
    bottom.plot(X[X < 0], step_grad(X[X < 0]), linewidth=2, color="C1")
    bottom.plot(X[X > 0], step_grad(X[X > 0]), linewidth=2, color="C1")
    bottom.plot([0], [0], "o", markerfacecolor="white", color="C1")
    for ax in (top, bottom):
        ax.set_ylim(-0.2, 1.2)
    fig.tight_layout()
    return fig
