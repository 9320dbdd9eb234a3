"""Figures and facts of docs/comparison.md: every activation function of the site side by side."""

import functools

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.modern import elu, elu_grad, gelu, gelu_grad, silu, silu_grad
from activations.pages.drawing import X, subplots
from activations.pages.modern import extremum, normal_mean
from activations.pages.registry import fact, figure
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad

# Leaky ReLU is drawn with a = 0.1 (as in the original chapter's plot): with PyTorch's default
# 0.01 its negative side could not be told apart from ReLU's at this size.
LEAKY_SLOPE = 0.1


def functions():
    """name in the figures -> (f, f'), in the order of the site's pages.

    A function rather than a dict constant, so that a figure's cache key (activations.pages.
    dependencies) sees the source of every function drawn.
    """
    return {
        "sigmoid": (sigmoid, sigmoid_grad),
        "tanh": (tanh, tanh_grad),
        "ReLU": (relu, relu_grad),
        "Leaky ReLU": (
            functools.partial(leaky_relu, a=LEAKY_SLOPE),
            functools.partial(leaky_relu_grad, a=LEAKY_SLOPE),
        ),
        "GELU": (gelu, gelu_grad),
        "SiLU": (silu, silu_grad),
        "ELU": (elu, elu_grad),
    }


def grad_max(name):
    """The largest value of f' over [-10, 10] (every f' here is flat or monotone beyond)."""
    return extremum(functions()[name][1], -10, 10)[1]


@fact
def comparison_leaky_slope():
    return f"{LEAKY_SLOPE:g}"


def _grad_max_fact(name):
    return f"{grad_max(name):.3f}"


@fact
def comparison_grad_max_sigmoid():
    return _grad_max_fact("sigmoid")


@fact
def comparison_grad_max_tanh():
    return _grad_max_fact("tanh")


@fact
def comparison_grad_max_relu():
    return _grad_max_fact("ReLU")


@fact
def comparison_grad_max_leaky_relu():
    return _grad_max_fact("Leaky ReLU")


@fact
def comparison_grad_max_gelu():
    return _grad_max_fact("GELU")


@fact
def comparison_grad_max_silu():
    return _grad_max_fact("SiLU")


@fact
def comparison_grad_max_elu():
    return _grad_max_fact("ELU")


def _mean_fact(name):
    # "-0.000" would look like a different number from 0.000: add 0.0 to drop the sign of zero.
    return f"{round(normal_mean(functions()[name][0]), 3) + 0.0:.3f}"


@fact
def comparison_mean_sigmoid():
    return _mean_fact("sigmoid")


@fact
def comparison_mean_tanh():
    return _mean_fact("tanh")


@fact
def comparison_mean_relu():
    return _mean_fact("ReLU")


@fact
def comparison_mean_leaky_relu():
    return _mean_fact("Leaky ReLU")


@fact
def comparison_mean_gelu():
    return _mean_fact("GELU")


@fact
def comparison_mean_silu():
    return _mean_fact("SiLU")


@fact
def comparison_mean_elu():
    return _mean_fact("ELU")


@figure
def comparison_grid():
    """Small multiples: each function (solid) and its derivative (dashed) on the same scale.

    Four rows of two, so that a phone shows each panel at a readable size.
    """
    fig, axs = subplots(4, 2, figsize=(5.2, 7.6), sharex=True, sharey=True)
    # Only the shown range, every other point (x = 0 stays a grid point): seven panels in one small SVG.
    x = X[(X >= -4) & (X <= 4)][::2]
    for ax, (name, (f, grad)) in zip(axs.flat, functions().items(), strict=False):
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.axvline(0, color="0.6", linewidth=0.8)
        ax.plot(x, f(x), linewidth=2, color="C0")
        ax.plot(x, grad(x), linewidth=2, linestyle="--", color="C1")
        title = f"Leaky ReLU (a = {LEAKY_SLOPE:g})" if name == "Leaky ReLU" else name
        ax.set_title(title, fontsize=10)
    axs[0, 0].set_xlim(-4, 4)
    axs[0, 0].set_ylim(-1.3, 2.3)
    # Few ticks and no grid (the axes through 0 are drawn): eight panels of ticks would outweigh the curves.
    axs[0, 0].set_xticks([-4, -2, 0, 2, 4])
    axs[0, 0].set_yticks([-1, 0, 1, 2])
    for ax in axs.flat:
        ax.grid(False)
    for ax in axs[-1]:
        ax.set_xlabel("$x$")
    # The eighth panel holds the legend.
    last = axs.flat[-1]
    last.axis("off")
    last.plot([], [], linewidth=2, color="C0", label="$f(x)$")
    last.plot([], [], linewidth=2, linestyle="--", color="C1", label="$f'(x)$")
    last.legend(loc="center", fontsize=11)
    fig.tight_layout()
    return fig


@figure
def comparison_grads():
    """All derivatives on one axes: how much gradient each function lets through, and where."""
    fig, ax = subplots(figsize=(5.2, 4.4))
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    styles = ["-", "-", "-", "--", "-", "-", "-."]
    for (name, (_, grad)), style in zip(functions().items(), styles, strict=True):
        label = f"Leaky ReLU (a = {LEAKY_SLOPE:g})" if name == "Leaky ReLU" else name
        ax.plot(X, grad(X), linewidth=1.8, linestyle=style, label=label)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f'(x)$")
    ax.set_xlim(-5, 5)
    ax.set_ylim(-0.2, 1.25)
    # Below the axes rather than beside them, so that the figure stays narrow enough for a phone.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=9)
    return fig
