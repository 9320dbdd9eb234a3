"""Figures and facts of docs/output-layer.md."""

import numpy as np

from activations.output_layer import bce_with_logits
from activations.pages.drawing import subplots
from activations.pages.registry import fact, figure
from activations.sigmoid import sigmoid

# The confidently wrong example of the page: logit 40 for a sample whose target is 0.
OUTPUT_LAYER_BIG_LOGIT = 40.0
# nn.BCELoss clamps log(p) and log(1 - p) at -100 (PyTorch's documentation of BCELoss).
OUTPUT_LAYER_BCE_LOG_CLAMP = -100.0
# BCELoss's backward divides by max(p(1 - p), 1e-12) (PyTorch's source, EPSILON of binary_cross_entropy).
OUTPUT_LAYER_BCE_EPSILON = 1e-12
# The logits of the figure: target 0, logits from 0 to 50 (the page's example 40 is one of them).
OUTPUT_LAYER_Z = np.linspace(0.0, 50.0, 1001)


def sigmoid_then_bce_float32(z):
    """What nn.Sigmoid followed by nn.BCELoss computes in float32 for target 0: (loss, dL/dz).

    Written out from PyTorch's definitions so that build-time code needs no torch;
    tests/test_output_layer.py checks it against torch itself.
    """
    z = np.asarray(z, dtype=np.float32)
    p = np.float32(1) / (np.float32(1) + np.exp(-z))  # float32 sigmoid (z >= 0 here: no overflow)
    one_minus_p = np.float32(1) - p
    log_1_minus_p = np.log(one_minus_p, out=np.full_like(p, -np.inf), where=one_minus_p > 0)
    loss = -np.maximum(log_1_minus_p, np.float32(OUTPUT_LAYER_BCE_LOG_CLAMP))
    # dL/dp = (p - y) / max(p(1 - p), eps), and the sigmoid's backward multiplies by p(1 - p).
    pq = p * one_minus_p
    grad = p / np.maximum(pq, np.float32(OUTPUT_LAYER_BCE_EPSILON)) * pq
    return loss, grad


def sigmoid_one_threshold_float32():
    """The smallest logit (on a 1e-4 grid) whose float32 sigmoid rounds to exactly 1.0."""
    z = np.arange(10.0, 30.0, 1e-4).astype(np.float32)
    p = np.float32(1) / (np.float32(1) + np.exp(-z))
    return float(z[np.argmax(p == 1)])


@figure
def output_layer_bce_large_logit():
    z = OUTPUT_LAYER_Z
    stable_loss = np.array([bce_with_logits(v, 0.0) for v in z])
    stable_grad = sigmoid(z)  # dL/dz = σ(z) - y with y = 0
    naive_loss, naive_grad = sigmoid_then_bce_float32(z)
    fig, (top, bottom) = subplots(2, 1, figsize=(5.0, 5.6), sharex=True)  # one above the other: fits a phone
    for ax in (top, bottom):
        ax.axvline(sigmoid_one_threshold_float32(), color="0.6", linewidth=0.8, linestyle=":")
    bottom.set_xlabel("$z$  ($y = 0$)")
    top.plot(z, stable_loss, linewidth=2, label="BCEWithLogitsLoss")
    top.plot(z, naive_loss, linewidth=2, linestyle="--", label="Sigmoid + BCELoss (float32)")
    top.set_ylabel("$L$")
    top.set_ylim(-5, 140)  # room for the legend above the clamp at 100
    top.legend(loc="upper left", frameon=True, framealpha=1.0, edgecolor="none")  # hides the dotted line
    bottom.plot(z, stable_grad, linewidth=2)
    bottom.plot(z, naive_grad, linewidth=2, linestyle="--")
    bottom.set_ylabel(r"$\partial L / \partial z$")
    bottom.set_ylim(-0.05, 1.1)
    fig.tight_layout()
    return fig


@fact
def output_layer_big_logit():
    return f"{OUTPUT_LAYER_BIG_LOGIT:g}"


@fact
def output_layer_bce_clamp():
    """The size of BCELoss's clamp: its log is never below -100, so its loss never above 100."""
    return f"{-OUTPUT_LAYER_BCE_LOG_CLAMP:g}"


@fact
def output_layer_sigmoid_one_float32():
    return f"{sigmoid_one_threshold_float32():.1f}"


@fact
def output_layer_big_logit_loss():
    """The true binary cross-entropy of the page's example (logit 40, target 0)."""
    return f"{bce_with_logits(OUTPUT_LAYER_BIG_LOGIT, 0.0):g}"
