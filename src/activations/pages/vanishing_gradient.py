"""Figures and facts of docs/vanishing-gradient.md.

Every number comes from the experiments in activations.vanishing_gradient (one backward pass,
milliseconds) and activations.training (gradient descent on two spirals, about a second per run,
each run once per process through training.experiment).
"""

import functools
import inspect

import numpy as np

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages.drawing import X, axes, subplots
from activations.pages.registry import fact, figure, times_ten
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad
from activations.training import experiment, train, two_spirals
from activations.vanishing_gradient import forward, grad_norms, make_network

# The measured network is make_network()'s defaults; read from its signature so they are written once.
_NETWORK = inspect.signature(make_network).parameters
DEPTH = _NETWORK["depth"].default
WIDTH = _NETWORK["width"].default
BATCH = len(make_network(1.0, depth=1)[0])  # make_network's batch of inputs
# The trained network and its gradient descent: train()'s defaults.
_TRAIN = inspect.signature(train).parameters
TRAIN_DEPTH = _TRAIN["depth"].default
TRAIN_WIDTH = _TRAIN["width"].default
TRAIN_STEPS = _TRAIN["steps"].default
TRAIN_LR = _TRAIN["lr"].default
# Standard deviation of the weights: N(0, 1) for "naive", N(0, gain / n_in) for Xavier and He.
STDS = {"naive": 1.0, "xavier": np.sqrt(1 / WIDTH), "he": np.sqrt(2 / WIDTH)}
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
}


def norms(name, scheme):
    """Per-layer gradient norms of the page's network with activation `name`, init `scheme`."""
    return grad_norms(*ACTIVATIONS[name], STDS[scheme])


shared_norms = functools.cache(norms)  # several facts read the same run


def ratio(name, scheme):
    """r = last layer's gradient norm / first layer's (large: it vanishes toward the input)."""
    n = shared_norms(name, scheme)
    return float(n[-1] / n[0])


def mean_grad(name, scheme):
    """Mean derivative f'(z) over every unit, input and layer of the page's network."""
    f, f_grad = ACTIVATIONS[name]
    x, params = make_network(STDS[scheme])
    zs, _ = forward(x, params, f)
    return float(np.mean([np.mean(f_grad(z)) for z in zs]))


def number(value):
    """A number for the prose: plain if moderate, else a x 10^n as inline math."""
    if 0.01 <= abs(value) < 1000:
        return f"{float(f'{value:.2g}'):g}"  # 2 significant digits, never e-notation: 150, not 1.5e+02
    return rf"\({times_ten(value)}\)"


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
        ax.plot(layers, shared_norms(name, "xavier"), style, markersize=4, label=label)
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(r"$\|\partial L / \partial W_l\|$")
    ax.set_yscale("log")
    ax.set_xticks(layers[::2])
    ax.legend(loc="lower right")
    return fig


# The training runs as the figures label them.
RUNS = {"sigmoid": "sigmoid", "relu_he": "ReLU + He", "sigmoid_residual": "sigmoid + residual"}


@figure
def vanishing_gradient_spirals():
    fig, ax = subplots(figsize=(3.2, 3.2))
    x, y = two_spirals()
    for label, marker in ((0, "o"), (1, "^")):
        points = x[y[:, 0] == label]
        ax.plot(points[:, 0], points[:, 1], marker, markersize=4, linestyle="none", label=f"$y = {label}$")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)  # above the axes, off the points
    return fig


@figure
def vanishing_gradient_training_loss():
    fig, ax = subplots()
    steps = np.arange(1, TRAIN_STEPS + 1)
    for (name, label), style in zip(RUNS.items(), ("-", "-", "--"), strict=True):
        ax.plot(steps, experiment(name)[0], style, linewidth=1.5, label=label)
    ax.axhline(np.log(2), color="0.5", linewidth=0.8, linestyle=":")
    ax.annotate(r"$\ln 2$", (steps[-1], np.log(2)), xytext=(0, 3), textcoords="offset points", ha="right", va="bottom")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.set_yscale("log")  # from the first steps' spikes down to ReLU's near-zero loss
    ax.minorticks_off()  # keeps the SVG small
    ax.legend(loc="lower left")
    return fig


@figure
def vanishing_gradient_training_moved():
    fig, ax = subplots()
    layers = np.arange(1, TRAIN_DEPTH + 3)  # input layer, hidden layers, output layer
    for (name, label), style in zip(RUNS.items(), ("o-", "^-", "s--"), strict=True):
        ax.plot(layers, experiment(name)[1], style, markersize=4, label=label)
    ax.set_xlabel(f"layer (1: input, {layers[-1]}: output)")
    ax.set_ylabel(r"$\|W - W_0\| \,/\, \|W_0\|$")
    ax.set_yscale("log")
    ax.minorticks_off()  # keeps the SVG small
    ax.set_xticks(layers)
    ax.legend(loc="center left")  # the empty middle: sigmoid runs low, the others high
    return fig


# -- facts: the measured network --------------------------------------------------


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


@fact
def vanishing_gradient_sigmoid_ratio():
    return number(ratio("sigmoid", "xavier"))


@fact
def vanishing_gradient_sigmoid_per_layer():
    """The average factor by which the gradient shrinks per layer: r^(1/(depth-1))."""
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
def vanishing_gradient_tanh_naive_ratio():
    return number(ratio("tanh", "naive"))


@fact
def vanishing_gradient_tanh_naive_first_over_last():
    return number(1 / ratio("tanh", "naive"))


@fact
def vanishing_gradient_relu_naive_ratio():
    return number(ratio("relu", "naive"))


@fact
def vanishing_gradient_relu_he_ratio():
    return number(ratio("relu", "he"))


@fact
def vanishing_gradient_relu_naive_first():
    return number(shared_norms("relu", "naive")[0])


@fact
def vanishing_gradient_relu_he_first():
    return number(shared_norms("relu", "he")[0])


@fact
def vanishing_gradient_relu_naive_c():
    """c = std(naive) / std(He) = sqrt(width / 2)."""
    return f"{STDS['naive'] / STDS['he']:.2f}"


@fact
def vanishing_gradient_relu_scale():
    """naive / He norms of every layer: c ** (depth - 1), by positive homogeneity (zero biases)."""
    return number(float(np.median(shared_norms("relu", "naive") / shared_norms("relu", "he"))))


# -- facts: training on two spirals ---------------------------------------------------


@fact
def vanishing_gradient_train_depth():
    return f"{TRAIN_DEPTH}"


@fact
def vanishing_gradient_train_width():
    return f"{TRAIN_WIDTH}"


@fact
def vanishing_gradient_train_points():
    return f"{len(two_spirals()[0])}"


@fact
def vanishing_gradient_train_steps():
    return f"{TRAIN_STEPS}"


@fact
def vanishing_gradient_train_lr():
    return f"{TRAIN_LR:g}"


def final_loss(name):
    return f"{experiment(name)[0][-1]:.3f}"


def moved(name, layer):
    return number(experiment(name)[1][layer])


@fact
def vanishing_gradient_sigmoid_final_loss():
    return final_loss("sigmoid")


@fact
def vanishing_gradient_relu_final_loss():
    return final_loss("relu_he")


@fact
def vanishing_gradient_residual_final_loss():
    return final_loss("sigmoid_residual")


@fact
def vanishing_gradient_sigmoid_moved_first():
    return moved("sigmoid", 0)


@fact
def vanishing_gradient_sigmoid_moved_last():
    return moved("sigmoid", -1)


@fact
def vanishing_gradient_relu_moved_min():
    return number(float(experiment("relu_he")[1].min()))


@fact
def vanishing_gradient_residual_moved_first():
    return moved("sigmoid_residual", 0)


# -- facts: the forward pass --------------------------------------------------------


def spread(layer):
    """How much h_layer differs between the inputs of the batch: std over the batch, mean over units."""
    x, params = make_network(STDS["xavier"])
    _, hs = forward(x, params, sigmoid)
    return float(hs[layer].std(axis=0).mean())


@fact
def vanishing_gradient_spread_first():
    return number(spread(1))


@fact
def vanishing_gradient_spread_last():
    return number(spread(DEPTH))
