"""Figures and facts of docs/leaky-relu.md."""

import inspect

import numpy as np

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages.drawing import X, axes
from activations.pages.registry import fact, figure

NOTE_SLOPE = 0.1  # the slope a of the original note's plot
DEFAULT_SLOPE = inspect.signature(leaky_relu).parameters["a"].default  # PyTorch's negative_slope too
PRELU_INIT = 0.25  # the a that nn.PReLU starts from (init=0.25; tests check it against PyTorch)

# The dead neuron of docs/relu.md: one neuron of nn.Linear(3, 1), its bias pushed to -10, 1000 inputs
# from N(0, 1), mean squared error against the target 1.
DEAD_BIAS = -10.0
DEAD_INPUTS = 1000
DEAD_TARGET = 1.0


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


def dead_neuron_bias_grad(a=DEFAULT_SLOPE, seed=0):
    """∂loss/∂b of the relu page's dead neuron when ReLU is replaced by leaky_relu(·, a).

    The same setup in NumPy (PyTorch's random numbers are not NumPy's, so the inputs and the
    weights differ from the page's block; with every z far below 0 the result hardly depends on them).
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((DEAD_INPUTS, 3))
    w = rng.uniform(-1 / np.sqrt(3), 1 / np.sqrt(3), 3)  # nn.Linear(3, 1)'s initialisation
    z = x @ w + DEAD_BIAS
    out = leaky_relu(z, a)
    # loss = mean((out - target)²): ∂loss/∂b = mean(2 (out - target) f'(z)), since ∂z/∂b = 1.
    return float(np.mean(2 * (out - DEAD_TARGET) * leaky_relu_grad(z, a)))


@fact
def leaky_relu_note_slope():
    return f"{NOTE_SLOPE:g}"


@fact
def leaky_relu_default_slope():
    return f"{DEFAULT_SLOPE:g}"


@fact
def leaky_relu_dead_bias():
    return f"{DEAD_BIAS:g}"


@fact
def leaky_relu_dead_bias_grad():
    """Four decimals, as PyTorch prints the tensor on the page."""
    return f"{dead_neuron_bias_grad():.4f}"


@fact
def leaky_relu_prelu_init():
    return f"{PRELU_INIT:g}"
