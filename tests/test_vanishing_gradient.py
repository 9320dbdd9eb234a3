"""The vanishing-gradient experiment: its NumPy backpropagation against torch.autograd and finite
differences, its pieces, and the range of every number docs/vanishing-gradient.md states.
(The training experiment of the page is tested in test_training.py.)"""

import itertools
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages import FACTS, FIGURES, compute_fact, dependencies
from activations.pages import vanishing_gradient as page
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad
from activations.vanishing_gradient import backward, forward, grad_norms, make_network

PAGE = Path(__file__).resolve().parents[1] / "docs" / "vanishing-gradient.md"
DEPTH, WIDTH, STDS = page.DEPTH, page.WIDTH, page.STDS

# name -> (NumPy function, its derivative, the PyTorch function)
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad, torch.sigmoid),
    "tanh": (tanh, tanh_grad, torch.tanh),
    "relu": (relu, relu_grad, torch.relu),
    "leaky_relu": (leaky_relu, leaky_relu_grad, lambda z: F.leaky_relu(z, negative_slope=0.01)),
}
SCHEMES = ["naive", "xavier", "he"]


def mean_loss_grads(x, params, act, act_grad, residual=False):
    """Ours: (dL/dW, dL/db) per layer and dL/dx, for L = mean(h_n)."""
    zs, hs = forward(x, params, act, residual)
    return backward(np.full_like(hs[-1], 1 / hs[-1].size), params, zs, hs, act_grad, residual)


def torch_grads(x, params, torch_act, residual=False):
    """The same by torch.autograd: ([(dL/dW, dL/db) per layer], dL/dx)."""
    ws = [torch.tensor(w, requires_grad=True) for w, _ in params]
    bs = [torch.tensor(b, requires_grad=True) for _, b in params]
    h0 = torch.tensor(x, requires_grad=True)
    h = h0
    for w, b in zip(ws, bs, strict=True):
        h = torch_act(h @ w.T + b) + (h if residual else 0)
    h.mean().backward()
    return [(w.grad.numpy(), b.grad.numpy()) for w, b in zip(ws, bs, strict=True)], h0.grad.numpy()


def flat(result):
    """([(dW, db) per layer], dx) -> [("layer 1 W", dW), ("layer 1 b", db), ..., ("input", dx)]."""
    grads, dx = result
    named = [(f"layer {i} {kind}", g) for i, pair in enumerate(grads, 1) for kind, g in zip("Wb", pair, strict=True)]
    return [*named, ("input", dx)]


def assert_grads_close(ours, theirs, rtol, atols=None):
    ours, theirs = flat(ours), flat(theirs)
    assert [name for name, _ in ours] == [name for name, _ in theirs]
    for i, ((name, a), (_, b)) in enumerate(zip(ours, theirs, strict=True)):
        assert a.shape == b.shape, name
        # Each gradient against its own scale: sigmoid's layers differ by ten orders of magnitude.
        atol = rtol * np.abs(b).max() if atols is None else atols[i]
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=name)


# -- the backpropagation against torch.autograd ---------------------------------------------


def conditioning(x, params, act, act_grad, residual=False):
    """How much our own gradients move when x moves at rounding level (relative, worst gradient)."""
    grads = flat(mean_loss_grads(x, params, act, act_grad, residual))
    nudged = x * (1 + 1e-15 * np.random.default_rng(99).standard_normal(x.shape))
    moved = flat(mean_loss_grads(nudged, params, act, act_grad, residual))
    # A gradient that is exactly 0 (every ReLU unit dead) has no relative change to measure.
    return max(
        (np.abs(a - b).max() / np.abs(a).max() for (_, a), (_, b) in zip(grads, moved, strict=True) if a.any()),
        default=0,
    )


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_network_matches_autograd(name, scheme):
    act, act_grad, torch_act = ACTIVATIONS[name]
    x, params = make_network(STDS[scheme])
    ours = mean_loss_grads(x, params, act, act_grad)
    # Two correct programs differ by rounding error times the problem's conditioning. Most cases
    # are well conditioned (tolerance 1e-11). tanh with N(0, 1) weights is chaotic: a change of
    # 1e-15 in x grows about 2.5 times per layer, so the tolerance follows the measured conditioning.
    rtol = max(1e-11, 1e3 * conditioning(x, params, act, act_grad))
    assert rtol < 1e-5
    assert_grads_close(ours, torch_grads(x, params, torch_act), rtol=rtol)
    # grad_norms() is the norms of exactly these weight gradients.
    expected = [torch.linalg.matrix_norm(torch.from_numpy(dw)).item() for dw, _ in ours[0]]
    np.testing.assert_allclose(grad_norms(act, act_grad, STDS[scheme]), expected, rtol=1e-14)


@st.composite
def networks(draw):
    """A small random square network with random nonzero biases and a random input batch."""
    depth = draw(st.integers(1, 6))
    width = draw(st.integers(1, 8))
    batch = draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = draw(st.sampled_from([0.1, 1.0, 3.0]))
    x = rng.normal(0.0, 2.0, size=(batch, width))
    params = [(rng.normal(0.0, scale / np.sqrt(width), size=(width, width)), rng.normal(0.0, 0.5, size=width))
              for _ in range(depth)]
    return x, params


class WithOurDerivative(torch.autograd.Function):
    """torch's activation whose backward multiplies by our derivative: the rest of the chain rule is torch's."""

    @staticmethod
    def forward(ctx, z, torch_act, act_grad):
        ctx.save_for_backward(z)
        ctx.act_grad = act_grad
        return torch_act(z)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * torch.from_numpy(ctx.act_grad(z.numpy())), None, None


def derivative_rounding(x, params, act, residual):
    """For each gradient (in flat() order), how far rounding in the derivative values can move it.

    torch computes tanh' as 1 - tanh(z)^2 and sigmoid' as s(1 - s): about eps off in absolute terms,
    which is all of the value where a unit saturates (it even gives exactly 0 at |z| of 20 and more,
    where ours is still accurate). Since |f'| <= 1 for all four activations, an absolute error of
    eps in each derivative moves a gradient by at most eps times the backward pass with |W| and
    every |f'| = 1 (plus the skip path), once per layer.
    """
    _, hs = forward(x, params, act, residual)
    dh = np.full_like(hs[-1], 1 / hs[-1].size)
    bounds = []
    for (w, _), h_in in zip(params[::-1], hs[-2::-1], strict=True):
        bounds[:0] = [(dh.T @ np.abs(h_in)).max(), dh.sum(axis=0).max()]
        dh = dh @ np.abs(w) + (dh if residual else 0)
    bounds.append(dh.max())
    eps = np.finfo(np.float64).eps
    return [10 * eps * len(params) * bound for bound in bounds]


@given(networks(), st.sampled_from(sorted(ACTIVATIONS)), st.booleans())
def test_random_networks_match_autograd(network, name, residual):
    act, act_grad, torch_act = ACTIVATIONS[name]
    x, params = network
    ours = mean_loss_grads(x, params, act, act_grad, residual)
    rtol = max(1e-11, 1e3 * conditioning(x, params, act, act_grad, residual))
    # The chain rule (matrix products, their order, the loss, the skip path), with the same derivative values.
    same_derivative = torch_grads(x, params, lambda z: WithOurDerivative.apply(z, torch_act, act_grad), residual)
    assert_grads_close(ours, same_derivative, rtol=rtol)
    # And all of it against torch's own activation and derivative (see derivative_rounding).
    atols = derivative_rounding(x, params, act, residual)
    assert_grads_close(ours, torch_grads(x, params, torch_act, residual), rtol=rtol, atols=atols)


def test_rectangular_layers_match_autograd():
    """forward and backward do not assume square layers (only make_network and residual do)."""
    rng = np.random.default_rng(3)
    sizes = [5, 7, 3, 4]
    params = [(rng.normal(size=(n_out, n_in)) / np.sqrt(n_in), rng.normal(size=n_out))
              for n_in, n_out in itertools.pairwise(sizes)]
    x = rng.random((6, sizes[0]))
    for name, (act, act_grad, torch_act) in ACTIVATIONS.items():
        ours = mean_loss_grads(x, params, act, act_grad)
        assert [g[0].shape for g in ours[0]] == [w.shape for w, _ in params], name
        assert_grads_close(ours, torch_grads(x, params, torch_act), rtol=1e-11)


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_backward_matches_finite_differences(name, residual):
    """An independent check of the chain rule: central differences of L = mean(h_n)."""
    act, act_grad, _ = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    x = rng.random((4, 3))
    params = [(rng.normal(size=(3, 3)), rng.normal(size=3)) for _ in range(4)]

    def loss(ps):
        return forward(x, ps, act, residual)[1][-1].mean()

    grads, _ = mean_loss_grads(x, params, act, act_grad, residual)
    eps = 1e-6
    for layer in range(4):
        for kind, index in [(0, (0, 0)), (0, (1, 2)), (0, (2, 1)), (1, (1,))]:
            plus = [(w.copy(), b.copy()) for w, b in params]
            minus = [(w.copy(), b.copy()) for w, b in params]
            plus[layer][kind][index] += eps
            minus[layer][kind][index] -= eps
            numeric = (loss(plus) - loss(minus)) / (2 * eps)
            assert grads[layer][kind][index] == pytest.approx(numeric, rel=1e-6, abs=1e-10)


def test_float32_stays_float32_and_agrees_with_float64():
    x, params = make_network(STDS["xavier"], depth=4, width=8)
    g64 = flat(mean_loss_grads(x, params, tanh, tanh_grad))
    params32 = [(w.astype(np.float32), b.astype(np.float32)) for w, b in params]
    g32 = flat(mean_loss_grads(x.astype(np.float32), params32, tanh, tanh_grad))
    for (name, a), (_, b) in zip(g32, g64, strict=True):
        assert a.dtype == np.float32, name
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6 * np.abs(b).max(), err_msg=name)


def test_nan_input_propagates_without_warnings():
    x, params = make_network(STDS["he"], depth=3, width=4)
    x[0, 0] = np.nan
    grads, _ = mean_loss_grads(x, params, relu, relu_grad)
    assert np.isnan(grads[0][0]).any()


def test_bad_input_raises():
    """A string batch is rejected by the matrix product, not turned into a silent number."""
    _, params = make_network(STDS["he"], depth=2, width=2)
    with pytest.raises(TypeError):
        forward(np.array([["a", "b"]]), params, relu)


# -- the pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize("residual", [False, True])
def test_forward_stores_what_backward_needs(residual):
    x, params = make_network(STDS["xavier"], depth=3, width=5)
    zs, hs = forward(x, params, sigmoid, residual)
    assert len(zs) == 3 and len(hs) == 4
    np.testing.assert_array_equal(hs[0], x)
    for z, h_in, h_out, (w, b) in zip(zs, hs[:-1], hs[1:], params, strict=True):
        np.testing.assert_allclose(z, h_in @ w.T + b, rtol=1e-15)
        np.testing.assert_array_equal(h_out, sigmoid(z) + (h_in if residual else 0))


def test_make_network_is_seeded_and_its_scale_is_std():
    x1, p1 = make_network(1.0, depth=3, width=6, seed=5)
    x2, p2 = make_network(1.0, depth=3, width=6, seed=5)
    x3, p3 = make_network(0.5, depth=3, width=6, seed=5)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(x1, x3)
    assert x1.shape == (page.BATCH, 6) and x1.min() >= 0 and x1.max() < 1  # uniform on [0, 1)
    for (w1, b1), (w2, _), (w3, b3) in zip(p1, p2, p3, strict=True):
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_allclose(w3, 0.5 * w1, rtol=1e-15)  # the same draws, scaled: what the page's c relies on
        assert not b1.any() and not b3.any()
    x4, _ = make_network(1.0, depth=3, width=6, seed=6)
    assert not np.array_equal(x1, x4)


def test_make_network_weights_have_the_asked_variance():
    _, params = make_network(STDS["he"], depth=64, width=64)
    sample = np.concatenate([w.ravel() for w, _ in params])
    # 262144 draws: the sample variance is within 1% of the true one with overwhelming probability.
    assert sample.var() == pytest.approx(2 / 64, rel=0.02)


# -- every number on the page: its value range ----------------------------------------------


def value(text):
    """A fact's text back to a number: '0.82' or '\\(7.0 \\times 10^{8}\\)'."""
    match = re.fullmatch(r"\\\((-?[\d.]+) \\times 10\^\{(-?\d+)\}\\\)", text)
    if match:
        return float(match.group(1)) * 10 ** int(match.group(2))
    return float(text)


# Facts show two significant digits: rounding moves a number by at most 5% (1.05 -> 1.1).
ROUNDING = 0.05


def fact(name):
    return value(compute_fact(f"vanishing_gradient_{name}"))


def test_facts_of_the_setting():
    assert (fact("depth"), fact("width"), fact("batch")) == (DEPTH, WIDTH, page.BATCH)
    assert fact("sigmoid_grad_max") == 0.25
    assert fact("tanh_grad_max") == 1
    assert fact("leaky_slope") == 0.01


def test_each_fact_is_the_experiment_rounded():
    sig = page.shared_norms("sigmoid", "xavier")
    assert fact("sigmoid_ratio") == pytest.approx(sig[-1] / sig[0], rel=ROUNDING)
    rel = page.shared_norms("relu", "xavier")
    assert fact("relu_ratio") == pytest.approx(rel[-1] / rel[0], abs=0.005)
    he = page.shared_norms("relu", "he")
    assert fact("relu_he_first") == pytest.approx(he[0], abs=0.005)


def test_sigmoid_vanishes_and_relu_does_not():
    sigmoid_ratio, relu_ratio = fact("sigmoid_ratio"), fact("relu_ratio")
    assert sigmoid_ratio > 1e6
    assert 0.1 < relu_ratio < 10
    assert sigmoid_ratio / relu_ratio > 1e5
    assert 0.1 < fact("leaky_ratio") < 10
    assert 0.2 < fact("tanh_ratio") < 5


def test_sigmoid_shrinks_per_layer_by_its_mean_derivative():
    """The page says: the per-layer factor is about 1 / mean sigma'(z), and sigma' <= 0.25."""
    per_layer, mean_grad = fact("sigmoid_per_layer"), fact("sigmoid_mean_grad")
    assert 0.2 < mean_grad <= 0.25
    assert per_layer >= 4
    assert per_layer * mean_grad == pytest.approx(1, abs=0.1)
    # and the shrink is steady: every layer is smaller than the one above it
    assert np.all(np.diff(page.shared_norms("sigmoid", "xavier")) > 0)


def test_forward_spread_shrinks_like_the_gradient():
    """The page says: h keeps its size, but its difference between inputs shrinks like the gradient."""
    first, last = fact("spread_first"), fact("spread_last")
    assert last < first * 1e-6
    x, params = make_network(STDS["xavier"])
    _, hs = forward(x, params, sigmoid)
    assert all(0.4 < h.mean() < 0.6 for h in hs[1:])
    # shrinks by about the same factor as the gradient, within an order of magnitude
    assert 0.1 < (first / last) / fact("sigmoid_ratio") < 10


def test_initialisation_facts():
    # sigmoid with N(0, 1): less shrinking than with Xavier, but saturated units
    assert 1 < fact("sigmoid_naive_ratio") < fact("sigmoid_ratio")
    assert fact("sigmoid_naive_mean_grad") < fact("sigmoid_mean_grad") / 2
    # tanh with N(0, 1): the first layer's gradient explodes
    assert fact("tanh_naive_first_over_last") > 100
    assert fact("tanh_naive_ratio") == pytest.approx(1 / fact("tanh_naive_first_over_last"), rel=2 * ROUNDING)
    # ReLU: N(0, 1) is huge everywhere with the same r as He; He stays moderate
    assert fact("relu_naive_ratio") == fact("relu_he_ratio") == fact("relu_ratio")
    assert fact("relu_naive_first") > 1e6
    assert 0.01 < fact("relu_he_first") < 100


def test_relu_scale_is_positive_homogeneity():
    """Scaling every weight by c scales every layer's gradient by exactly c^(n-1) (zero biases)."""
    naive, he = page.shared_norms("relu", "naive"), page.shared_norms("relu", "he")
    c = np.sqrt(WIDTH / 2)
    assert fact("relu_naive_c") == pytest.approx(c, abs=0.005)
    np.testing.assert_allclose(naive / he, c ** (DEPTH - 1), rtol=1e-9)
    assert fact("relu_scale") == pytest.approx(c ** (DEPTH - 1), rel=ROUNDING)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_page_story_holds_for_other_seeds(seed):
    """The page uses seed 0; its claims must not be an accident of that seed."""
    def ratio(name, scheme):
        act, act_grad, _ = ACTIVATIONS[name]
        n = grad_norms(act, act_grad, STDS[scheme], seed=seed)
        return n[-1] / n[0]

    assert ratio("sigmoid", "xavier") > 1e6
    assert 1 < ratio("sigmoid", "naive") < ratio("sigmoid", "xavier")
    assert 0.1 < ratio("relu", "xavier") < 10
    assert 0.1 < ratio("leaky_relu", "he") < 10
    assert 0.2 < ratio("tanh", "xavier") < 5
    assert 1 / ratio("tanh", "naive") > 100


# -- figures and the page ---------------------------------------------------------------------


def test_layer_norm_figure_draws_the_measurement():
    fig = FIGURES["vanishing_gradient_layer_norms"]()
    try:
        ax = fig.axes[0]
        assert ax.get_yscale() == "log"
        lines = {line.get_label(): line for line in ax.get_lines()}
        for label, name in [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu"), ("Leaky ReLU", "leaky_relu")]:
            np.testing.assert_array_equal(lines[label].get_xdata(), np.arange(1, DEPTH + 1))
            np.testing.assert_array_equal(lines[label].get_ydata(), page.shared_norms(name, "xavier"))
    finally:
        plt.close(fig)


def test_derivative_figure_shows_the_bounds():
    fig = FIGURES["vanishing_gradient_derivatives"]()
    try:
        ys = {line.get_label(): line.get_ydata() for line in fig.axes[0].get_lines()}
        assert max(ys[r"$\sigma'(x)$"]) == 0.25
        assert max(ys[r"$\tanh'(x)$"]) == 1
        relu_values = np.concatenate([line.get_ydata() for line in fig.axes[0].get_lines() if line.get_color() == "C2"])
        assert set(np.unique(relu_values)) == {0.0, 1.0}
    finally:
        plt.close(fig)


def test_layer_norm_figure_is_redrawn_when_the_experiment_changes():
    """The figure cache key follows the functions a figure calls: the experiment must be among them."""
    deps = dependencies(FIGURES["vanishing_gradient_layer_norms"])
    for name in ["backward", "forward", "grad_norms", "make_network"]:
        assert f"activations.vanishing_gradient.{name}" in deps
    for name in ["sigmoid.sigmoid_grad", "tanh.tanh_grad", "relu.relu_grad", "leaky_relu.leaky_relu_grad"]:
        assert f"activations.{name}" in deps


def test_the_page_uses_every_fact_and_figure():
    text = PAGE.read_text(encoding="utf-8")
    for name in FACTS:
        if name.startswith("vanishing_gradient_"):
            assert "{{ " + name + " }}" in text, name
    for name in FIGURES:
        if name.startswith("vanishing_gradient_"):
            assert f"](figures/{name}.svg)" in text, name
