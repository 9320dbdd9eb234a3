"""Figures and facts of docs/vanishing-gradient.md.

Every number comes from the experiment in activations.vanishing_gradient, run at build time
(each run of `measure` takes a few milliseconds).
"""

import functools

import numpy as np

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages.drawing import X, axes, subplots
from activations.pages.registry import fact, figure, times_ten
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad
from activations.vanishing_gradient import (
    BATCH,
    DEPTH,
    WIDTH,
    dead_fraction,
    first_layer_z,
    forward,
    last_over_first,
    make_network,
    measure,
)

# The bias of the dying-ReLU paragraph: every unit of the first layer gets it.
DEAD_BIAS = -2.0


def activation(name):
    """(function, derivative) of an activation by its name on the page."""
    return {
        "sigmoid": (sigmoid, sigmoid_grad),
        "tanh": (tanh, tanh_grad),
        "relu": (relu, relu_grad),
        "leaky_relu": (leaky_relu, leaky_relu_grad),
    }[name]


def norms(name, scheme):
    """Per-layer gradient norms of the page's network with activation `name`, init `scheme`."""
    return measure(*activation(name), scheme)


# Facts share the runs (several facts read the same one). Figures call `norms` itself: the figure
# cache key follows the functions a figure calls, and it cannot see through a functools wrapper.
shared_norms = functools.cache(norms)


def ratio(name, scheme):
    return last_over_first(shared_norms(name, scheme))


def mean_grad(name, scheme):
    """Mean derivative f'(z) over every hidden unit, input and layer of the page's network."""
    act, act_grad = activation(name)
    x, weights, biases = make_network(scheme)
    zs, _ = forward(x, weights, biases, act)
    return float(np.mean([np.mean(act_grad(z)) for z in zs]))


def number(value):
    """A number for the prose: plain if moderate, else a x 10^n as inline math."""
    if 0.01 <= abs(value) < 1000:
        return f"{float(f'{value:.2g}'):g}"  # 2 significant digits, never e-notation: 150, not 1.5e+02
    return rf"\({times_ten(value)}\)"


def percent(fraction):
    return f"{100 * fraction:.0f}%"


# -- figures -----------------------------------------------------------------------


@figure
def vanishing_gradient_derivatives():
    fig, ax = axes("$f'(x)$")
    ax.plot(X, sigmoid_grad(X), linewidth=2, label=r"$\sigma'(x)$")
    ax.plot(X, tanh_grad(X), linewidth=2, label=r"$\tanh'(x)$")
    # ReLU' and Leaky ReLU' jump at x = 0: draw each side separately, without a vertical segment.
    left, right = X[X < 0], X[X > 0]
    for side in (left, right):
        ax.plot(side, relu_grad(side), linewidth=2, color="C2", label=r"$\mathrm{ReLU}'(x)$" if side is left else None)
    for side in (left, right):
        ax.plot(side, leaky_relu_grad(side), linewidth=2, color="C3", linestyle="--",
                label=rf"$\mathrm{{LeakyReLU}}'(x)$, $a = {leaky_relu_grad(-1.0):g}$" if side is left else None)
    ax.axhline(sigmoid_grad(0.0), color="C0", linewidth=0.8, linestyle=":")
    ax.annotate(f"{sigmoid_grad(0.0):g}", (X[-1], sigmoid_grad(0.0)), xytext=(3, 3),
                textcoords="offset points", ha="right", va="bottom", color="C0")
    ax.set_ylim(-0.1, 1.2)
    ax.legend(loc="upper left")
    return fig


@figure
def vanishing_gradient_layer_norms():
    fig, ax = subplots()  # not drawing.axes: no x = 0 line on a layer axis
    layers = np.arange(1, DEPTH + 1)
    for name, label, style in (("sigmoid", "sigmoid", "o-"), ("tanh", "tanh", "s-"),
                               ("relu", "ReLU", "^-"), ("leaky_relu", "Leaky ReLU", "v--")):
        ax.plot(layers, norms(name, "xavier"), style, markersize=4, label=label)
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(r"$\|\partial L / \partial W_l\|$")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.legend(loc="lower right")
    return fig


# -- facts: the experiment's setting ------------------------------------------------


@fact
def vanishing_gradient_depth():
    return f"{DEPTH}"


@fact
def vanishing_gradient_width():
    return f"{WIDTH}"


@fact
def vanishing_gradient_batch():
    return f"{BATCH}"


@fact
def vanishing_gradient_sigmoid_grad_max():
    return f"{sigmoid_grad(0.0):g}"


@fact
def vanishing_gradient_tanh_grad_max():
    return f"{tanh_grad(0.0):g}"


@fact
def vanishing_gradient_leaky_slope():
    return f"{leaky_relu_grad(-1.0):g}"


# -- facts: the four activations under the same initialisation N(0, 1/fan_in) ----------


@fact
def vanishing_gradient_sigmoid_ratio():
    return number(ratio("sigmoid", "xavier"))


@fact
def vanishing_gradient_sigmoid_per_layer():
    """The average factor by which the gradient shrinks per layer: (last/first)^(1/(depth-1))."""
    return f"{ratio('sigmoid', 'xavier') ** (1 / (DEPTH - 1)):.1f}"


@fact
def vanishing_gradient_sigmoid_mean_grad():
    return f"{mean_grad('sigmoid', 'xavier'):.2f}"


@fact
def vanishing_gradient_tanh_ratio():
    return number(ratio("tanh", "xavier"))


@fact
def vanishing_gradient_relu_ratio():
    return number(ratio("relu", "xavier"))


@fact
def vanishing_gradient_leaky_ratio():
    return number(ratio("leaky_relu", "xavier"))


# -- facts: what initialisation changes -----------------------------------------------


@fact
def vanishing_gradient_sigmoid_naive_ratio():
    return number(ratio("sigmoid", "naive"))


@fact
def vanishing_gradient_sigmoid_naive_mean_grad():
    return f"{mean_grad('sigmoid', 'naive'):.2f}"


@fact
def vanishing_gradient_tanh_naive_first_over_last():
    return number(1 / ratio("tanh", "naive"))


@fact
def vanishing_gradient_relu_naive_first():
    return number(shared_norms("relu", "naive")[0])


@fact
def vanishing_gradient_relu_he_first():
    return number(shared_norms("relu", "he")[0])


@fact
def vanishing_gradient_relu_scale():
    """naive / He norms of every layer: (1 / sqrt(2 / width)) ** (depth - 1), by positive homogeneity."""
    return number(float(np.median(shared_norms("relu", "naive") / shared_norms("relu", "he"))))


# -- facts: dying ReLU ----------------------------------------------------------------


@fact
def vanishing_gradient_dead_zero_bias():
    return percent(dead_fraction(first_layer_z("he", 0.0), relu_grad))


@fact
def vanishing_gradient_dead_bias():
    return f"{DEAD_BIAS:g}".replace("-", "\N{MINUS SIGN}")


@fact
def vanishing_gradient_dead_relu():
    return percent(dead_fraction(first_layer_z("he", DEAD_BIAS), relu_grad))


@fact
def vanishing_gradient_dead_leaky():
    return percent(dead_fraction(first_layer_z("he", DEAD_BIAS), leaky_relu_grad))
