"""The vanishing-gradient experiment: its NumPy backpropagation against torch.autograd and finite
differences, its pieces, and the range of every number docs/vanishing-gradient.md states."""

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
from activations.pages import FACTS, FIGURES, compute_fact, dependencies, render_figure
from activations.pages import vanishing_gradient as page
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.tanh import tanh, tanh_grad
from activations.vanishing_gradient import (
    BATCH,
    DEPTH,
    SEED,
    WIDTH,
    backprop,
    check_count,
    dead_fraction,
    first_layer_z,
    forward,
    init_weights,
    last_over_first,
    make_network,
    measure,
)

PAGE = Path(__file__).resolve().parents[1] / "docs" / "vanishing-gradient.md"

# name -> (NumPy function, its derivative, the PyTorch function)
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad, torch.sigmoid),
    "tanh": (tanh, tanh_grad, torch.tanh),
    "relu": (relu, relu_grad, torch.relu),
    "leaky_relu": (leaky_relu, leaky_relu_grad, lambda z: F.leaky_relu(z, negative_slope=0.01)),
}
SCHEMES = ["naive", "xavier", "he"]


def torch_grads(x, weights, biases, torch_act):
    """dL/dW_l of L = mean(h_L) by torch.autograd, for the same network."""
    ws = [torch.tensor(w, requires_grad=True) for w in weights]
    h = torch.tensor(x)
    for w, b in zip(ws, biases, strict=True):
        h = torch_act(h @ w.T + torch.tensor(b))
    h.mean().backward()
    return [w.grad.numpy() for w in ws]


def assert_grads_close(ours, theirs, rtol, atols=None):
    assert len(ours) == len(theirs)
    for layer, (g, t) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert g.shape == t.shape, f"layer {layer}"
        # Each layer against its own scale: sigmoid's layers differ by ten orders of magnitude.
        atol = rtol * np.abs(t).max() if atols is None else atols[layer - 1]
        np.testing.assert_allclose(g, t, rtol=rtol, atol=atol, err_msg=f"layer {layer}")


# -- the backpropagation against torch.autograd ---------------------------------------------


def conditioning(x, weights, biases, act, act_grad):
    """How much our own gradients move when x moves at rounding level (relative, worst layer)."""
    grads = backprop(x, weights, biases, act, act_grad)
    nudged = x * (1 + 1e-15 * np.random.default_rng(99).standard_normal(x.shape))
    moved = backprop(nudged, weights, biases, act, act_grad)
    # A layer whose gradient is exactly 0 (every ReLU unit dead) has no relative change to measure.
    return max((np.abs(a - b).max() / np.abs(a).max() for a, b in zip(grads, moved, strict=True) if a.any()), default=0)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_network_matches_autograd(name, scheme):
    act, act_grad, torch_act = ACTIVATIONS[name]
    x, weights, biases = make_network(scheme)
    ours = backprop(x, weights, biases, act, act_grad)
    # Two correct programs differ by rounding error times the problem's conditioning. Most cases
    # are well conditioned (tolerance 1e-11). tanh with N(0, 1) weights is chaotic: a change of
    # 1e-15 in x grows about 2.5 times per layer, so the tolerance follows the measured conditioning.
    rtol = max(1e-11, 1e3 * conditioning(x, weights, biases, act, act_grad))
    assert rtol < 1e-5
    assert_grads_close(ours, torch_grads(x, weights, biases, torch_act), rtol=rtol)
    # measure() is the norms of exactly these gradients.
    expected = [torch.linalg.matrix_norm(torch.from_numpy(g)).item() for g in ours]
    np.testing.assert_allclose(measure(act, act_grad, scheme), expected, rtol=1e-14)


@st.composite
def networks(draw):
    """A small random network with random nonzero biases and a random input batch."""
    depth = draw(st.integers(1, 6))
    width = draw(st.integers(1, 8))
    batch = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(st.sampled_from([0.1, 1.0, 3.0]))
    x = rng.normal(0.0, 2.0, size=(batch, width))
    weights = [rng.normal(0.0, scale / np.sqrt(width), size=(width, width)) for _ in range(depth)]
    biases = [rng.normal(0.0, 0.5, size=width) for _ in range(depth)]
    return x, weights, biases


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


def derivative_rounding(x, weights, biases, act):
    """Per layer, how far rounding in the derivative values can move the weight gradient.

    torch computes tanh' as 1 - tanh(z)^2 and sigmoid' as s(1 - s): about eps off in absolute terms,
    which is all of the value where a unit saturates (it even gives exactly 0 at |z| of 20 and more,
    where ours is still accurate). Since |f'| <= 1 for all four activations, an absolute error of
    eps in each derivative moves the gradient by at most eps times the backward pass with |W| and
    every |f'| = 1, once per layer.
    """
    _, hs = forward(x, weights, biases, act)
    dh = np.full_like(hs[-1], 1 / hs[-1].size)
    bounds = []
    for w, h_in in zip(reversed(weights), reversed(hs[:-1]), strict=True):
        bounds.append((dh.T @ np.abs(h_in)).max())
        dh = dh @ np.abs(w)
    eps = np.finfo(np.float64).eps
    return [10 * eps * len(weights) * bound for bound in reversed(bounds)]


@given(networks(), st.sampled_from(sorted(ACTIVATIONS)))
def test_random_networks_match_autograd(network, name):
    act, act_grad, torch_act = ACTIVATIONS[name]
    x, weights, biases = network
    ours = backprop(x, weights, biases, act, act_grad)
    rtol = max(1e-11, 1e3 * conditioning(x, weights, biases, act, act_grad))
    # The chain rule (matrix products, their order, the loss), with the same derivative values.
    same_derivative = torch_grads(x, weights, biases, lambda z: WithOurDerivative.apply(z, torch_act, act_grad))
    assert_grads_close(ours, same_derivative, rtol=rtol)
    # And all of it against torch's own activation and derivative (see derivative_rounding).
    atols = derivative_rounding(x, weights, biases, act)
    assert_grads_close(ours, torch_grads(x, weights, biases, torch_act), rtol=rtol, atols=atols)


def test_rectangular_layers_match_autograd():
    """backprop does not assume square layers (only init_weights does)."""
    rng = np.random.default_rng(3)
    sizes = [5, 7, 3, 4]
    weights = [rng.normal(size=(n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in itertools.pairwise(sizes)]
    biases = [rng.normal(size=n_out) for n_out in sizes[1:]]
    x = rng.random((6, sizes[0]))
    for name, (act, act_grad, torch_act) in ACTIVATIONS.items():
        ours = backprop(x, weights, biases, act, act_grad)
        assert [g.shape for g in ours] == [w.shape for w in weights], name
        assert_grads_close(ours, torch_grads(x, weights, biases, torch_act), rtol=1e-11)


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_backprop_matches_finite_differences(name):
    """An independent check of the chain rule: central differences of L = mean(h_L)."""
    act, act_grad, _ = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    x = rng.random((4, 3))
    weights = [rng.normal(size=(3, 3)) for _ in range(4)]
    biases = [rng.normal(size=3) for _ in range(4)]

    def loss(ws):
        return forward(x, ws, biases, act)[1][-1].mean()

    grads = backprop(x, weights, biases, act, act_grad)
    eps = 1e-6
    for layer in range(4):
        for i, j in [(0, 0), (1, 2), (2, 1)]:
            plus = [w.copy() for w in weights]
            minus = [w.copy() for w in weights]
            plus[layer][i, j] += eps
            minus[layer][i, j] -= eps
            numeric = (loss(plus) - loss(minus)) / (2 * eps)
            assert grads[layer][i, j] == pytest.approx(numeric, rel=1e-6, abs=1e-10)


def test_float32_stays_float32_and_agrees_with_float64():
    x, weights, biases = make_network("xavier", depth=4, width=8, batch=5)
    g64 = backprop(x, weights, biases, tanh, tanh_grad)
    g32 = backprop(
        x.astype(np.float32),
        [w.astype(np.float32) for w in weights],
        [b.astype(np.float32) for b in biases],
        tanh,
        tanh_grad,
    )
    for a, b in zip(g32, g64, strict=True):
        assert a.dtype == np.float32
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6 * np.abs(b).max())


def test_integer_input_becomes_float64():
    weights = [np.eye(2)]
    biases = [np.zeros(2)]
    zs, hs = forward([[1, 2], [3, 4]], weights, biases, relu)
    assert hs[0].dtype == np.float64
    np.testing.assert_array_equal(zs[0], [[1.0, 2.0], [3.0, 4.0]])


def test_nan_input_propagates_without_warnings():
    x, weights, biases = make_network("he", depth=3, width=4, batch=2)
    x[0, 0] = np.nan
    grads = backprop(x, weights, biases, relu, relu_grad)
    assert np.isnan(grads[0]).any()


# -- the pieces --------------------------------------------------------------------------------


def test_forward_stores_what_backprop_needs():
    x, weights, biases = make_network("xavier", depth=3, width=5, batch=4)
    zs, hs = forward(x, weights, biases, sigmoid)
    assert len(zs) == 3 and len(hs) == 4
    np.testing.assert_array_equal(hs[0], x)
    for z, h_in, h_out, w, b in zip(zs, hs[:-1], hs[1:], weights, biases, strict=True):
        np.testing.assert_allclose(z, h_in @ w.T + b, rtol=1e-15)
        np.testing.assert_array_equal(h_out, sigmoid(z))


@pytest.mark.parametrize(("scheme", "variance"), [("naive", 1.0), ("xavier", 2 / (256 + 256)), ("he", 2 / 256)])
def test_init_weights_variance(scheme, variance):
    weights = init_weights(np.random.default_rng(0), 2, 256, scheme)
    assert [w.shape for w in weights] == [(256, 256), (256, 256)]
    sample = np.concatenate([w.ravel() for w in weights])
    # 131072 draws: the sample variance is within 1% of the true one with overwhelming probability.
    assert sample.var() == pytest.approx(variance, rel=0.02)
    assert abs(sample.mean()) < 5 * np.sqrt(variance / sample.size)


def test_same_seed_same_network_and_schemes_are_scaled_copies():
    x1, w1, b1 = make_network("naive", depth=3, width=6, batch=2, seed=5)
    x2, w2, b2 = make_network("naive", depth=3, width=6, batch=2, seed=5)
    x3, w3, _ = make_network("he", depth=3, width=6, batch=2, seed=5)
    np.testing.assert_array_equal(x1, x2)
    for a, b, c in zip(w1, w2, w3, strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(c, a * np.sqrt(2 / 6), rtol=1e-15)
    np.testing.assert_array_equal(x1, x3)
    assert all(not b.any() for b in b1 + b2)
    assert x1.min() >= 0 and x1.max() < 1  # uniform on [0, 1)
    x4, _, _ = make_network("naive", depth=3, width=6, batch=2, seed=6)
    assert not np.array_equal(x1, x4)


def test_page_constants_are_make_network_defaults():
    x, weights, _ = make_network("he")
    assert (len(weights), x.shape[1], x.shape[0], 0) == (DEPTH, WIDTH, BATCH, SEED)
    np.testing.assert_array_equal(x, np.random.default_rng(SEED).random((BATCH, WIDTH)))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: init_weights(np.random.default_rng(), 3, 4, "glorot"), ValueError, r"init_weights\(\): scheme"),
        (lambda: init_weights(np.random.default_rng(), 0, 4, "he"), ValueError, r"init_weights\(\): depth"),
        (lambda: init_weights(np.random.default_rng(), "3", 4, "he"), TypeError, r"init_weights\(\): depth"),
        (lambda: init_weights(np.random.default_rng(), 3, 2.0, "he"), TypeError, r"init_weights\(\): width"),
        (lambda: init_weights(np.random.default_rng(), 3, True, "he"), TypeError, r"init_weights\(\): width"),
        (lambda: make_network("he", batch=0), ValueError, r"make_network\(\): batch"),
        (lambda: make_network("he", batch=None), TypeError, r"make_network\(\): batch"),
        (lambda: make_network("xavier", depth=-1), ValueError, r"init_weights\(\): depth"),
        (lambda: forward("abc", [np.eye(2)], [np.zeros(2)], relu), TypeError, r"forward\(x\)"),
        (lambda: forward([1.0, 2.0], [np.eye(2)], [np.zeros(2)], relu), ValueError, r"forward\(x\)"),
        (lambda: forward(np.zeros((0, 2)), [np.eye(2)], [np.zeros(2)], relu), ValueError, r"forward\(x\)"),
        (lambda: forward(np.ones((1, 2)), [np.eye(2)], [], relu), ValueError, r"forward\(\)"),
        (lambda: forward(np.ones((1, 2)), [], [], relu), ValueError, r"forward\(\)"),
        (lambda: backprop(3.0, [np.eye(2)], [np.zeros(2)], relu, relu_grad), ValueError, r"forward\(x\)"),
        (lambda: dead_fraction([1.0, -1.0], relu_grad), ValueError, r"dead_fraction\(z\)"),
        (lambda: dead_fraction(np.zeros((3, 0)), relu_grad), ValueError, r"dead_fraction\(z\)"),
        (lambda: dead_fraction([["a"]], relu_grad), TypeError, r"dead_fraction\(z\)"),
        (lambda: check_count(np.int64(0), "f(): n"), ValueError, r"f\(\): n must be at least 1"),
    ],
)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_check_count_accepts_numpy_integers():
    assert check_count(np.int32(3), "f(): n") == 3
    assert type(check_count(np.int32(3), "f(): n")) is int


def test_dead_fraction_counts_units_inactive_on_every_input():
    z = np.array(
        [
            [-1.0, 0.0, 2.0, -np.inf, np.nan],
            [-3.0, -1.0, -1.0, -5.0, -1.0],
        ]
    )
    # column 0: dead; 1: ReLU'(0) = 0, so dead; 2: alive on the first input; 3: dead; 4: nan is not 0.
    assert dead_fraction(z, relu_grad) == pytest.approx(3 / 5)
    assert dead_fraction(z, leaky_relu_grad) == 0.0
    assert dead_fraction([[-1, 1]], relu_grad) == 0.5  # integers become float64


@pytest.mark.parametrize("bias", [0.0, -1.0, -2.0, -3.0])
def test_dead_units_are_the_units_whose_weight_gradient_is_zero(bias):
    """The page's PyTorch tab counts rows of weight.grad that are all 0: the same units."""
    x, weights, _ = make_network("he")
    linear = torch.nn.Linear(WIDTH, WIDTH, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(weights[0]))
        linear.bias.fill_(bias)
    for grad, torch_act in ((relu_grad, torch.relu), (leaky_relu_grad, F.leaky_relu)):
        linear.weight.grad = None
        torch_act(linear(torch.from_numpy(x))).mean().backward()
        zero_rows = (linear.weight.grad == 0).all(dim=1).double().mean().item()
        assert dead_fraction(first_layer_z("he", bias), grad) == zero_rows


def test_first_layer_z_is_the_first_layer_of_the_network():
    x, weights, biases = make_network("he")
    zs, _ = forward(x, weights, biases, relu)
    np.testing.assert_array_equal(first_layer_z("he", 0.0), zs[0])
    np.testing.assert_array_equal(first_layer_z("he", -2.0), zs[0] - 2.0)


def test_last_over_first():
    assert last_over_first([2.0, 5.0, 8.0]) == 4.0


# -- every number on the page: its value range ----------------------------------------------


def value(text):
    """A fact's text back to a number: '0.82', '9%', '\\(7.0 \\times 10^{8}\\)', '−2'."""
    text = text.replace("\N{MINUS SIGN}", "-")
    match = re.fullmatch(r"\\\((-?[\d.]+) \\times 10\^\{(-?\d+)\}\\\)", text)
    if match:
        return float(match.group(1)) * 10 ** int(match.group(2))
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


# Facts show two significant digits: rounding moves a number by at most 5% (1.05 -> 1.1).
ROUNDING = 0.05


def fact(name):
    return value(compute_fact(f"vanishing_gradient_{name}"))


def test_facts_of_the_setting():
    assert (fact("depth"), fact("width"), fact("batch")) == (DEPTH, WIDTH, BATCH)
    assert fact("sigmoid_grad_max") == 0.25
    assert fact("tanh_grad_max") == 1
    assert fact("leaky_slope") == 0.01


def test_each_fact_is_the_experiment_rounded():
    sig = measure(sigmoid, sigmoid_grad, "xavier")
    assert fact("sigmoid_ratio") == pytest.approx(sig[-1] / sig[0], rel=ROUNDING)
    rel = measure(relu, relu_grad, "xavier")
    assert fact("relu_ratio") == pytest.approx(rel[-1] / rel[0], abs=0.005)
    he = measure(relu, relu_grad, "he")
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
    sig = measure(sigmoid, sigmoid_grad, "xavier")
    assert np.all(np.diff(sig) > 0)


def test_initialisation_facts():
    # sigmoid with N(0, 1): less shrinking than with Xavier, but saturated units
    assert 1 < fact("sigmoid_naive_ratio") < fact("sigmoid_ratio")
    assert fact("sigmoid_naive_mean_grad") < fact("sigmoid_mean_grad") / 2
    # tanh with N(0, 1): the first layer's gradient explodes
    assert fact("tanh_naive_first_over_last") > 100
    # ReLU: N(0, 1) explodes everywhere, He stays moderate
    assert fact("relu_naive_first") > 1e6
    assert 0.01 < fact("relu_he_first") < 100


def test_relu_scale_is_positive_homogeneity():
    """Scaling every weight by c scales every layer's gradient by exactly c^(L-1) (zero biases)."""
    naive = measure(relu, relu_grad, "naive")
    he = measure(relu, relu_grad, "he")
    c = 1 / np.sqrt(2 / WIDTH)
    np.testing.assert_allclose(naive / he, c ** (DEPTH - 1), rtol=1e-9)
    assert last_over_first(naive) == pytest.approx(last_over_first(he), rel=1e-9)
    assert fact("relu_scale") == pytest.approx(c ** (DEPTH - 1), rel=ROUNDING)


def test_dead_relu_facts():
    zero, dead, leaky = fact("dead_zero_bias"), fact("dead_relu"), fact("dead_leaky")
    assert fact("dead_bias") == page.DEAD_BIAS < 0
    assert 0 < zero < 0.5
    assert dead > 0.5
    assert leaky == 0
    fractions = [dead_fraction(first_layer_z("he", b), relu_grad) for b in (0.0, -1.0, -2.0, -3.0)]
    assert fractions == sorted(fractions)  # a more negative bias kills more units


@pytest.mark.parametrize("seed", range(1, 6))
def test_the_page_story_holds_for_other_seeds(seed):
    """The page uses seed 0; its claims must not be an accident of that seed."""
    def ratio(name, scheme):
        act, act_grad, _ = ACTIVATIONS[name]
        return last_over_first(measure(act, act_grad, scheme, seed=seed))

    assert ratio("sigmoid", "xavier") > 1e6
    assert 1 < ratio("sigmoid", "naive") < ratio("sigmoid", "xavier")
    assert 0.1 < ratio("relu", "xavier") < 10
    assert 0.1 < ratio("leaky_relu", "he") < 10
    assert 0.2 < ratio("tanh", "xavier") < 5
    assert 1 / ratio("tanh", "naive") > 100
    x, weights, _ = make_network("he", seed=seed)
    z = x @ weights[0].T
    assert dead_fraction(z + page.DEAD_BIAS, relu_grad) > 0.5
    assert dead_fraction(z + page.DEAD_BIAS, leaky_relu_grad) == 0


# -- figures and the page ---------------------------------------------------------------------


def test_layer_norm_figure_draws_the_measurement():
    fig = FIGURES["vanishing_gradient_layer_norms"]()
    try:
        ax = fig.axes[0]
        assert ax.get_yscale() == "log"
        lines = {line.get_label(): line for line in ax.get_lines()}
        for label, name in [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu"), ("Leaky ReLU", "leaky_relu")]:
            act, act_grad, _ = ACTIVATIONS[name]
            np.testing.assert_array_equal(lines[label].get_xdata(), np.arange(1, DEPTH + 1))
            np.testing.assert_array_equal(lines[label].get_ydata(), measure(act, act_grad, "xavier"))
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
    for name in ["backprop", "forward", "init_weights", "make_network", "measure"]:
        assert f"activations.vanishing_gradient.{name}" in deps
    for name in ["sigmoid.sigmoid_grad", "tanh.tanh_grad", "relu.relu_grad", "leaky_relu.leaky_relu_grad"]:
        assert f"activations.{name}" in deps


@pytest.mark.parametrize("name", [n for n in FIGURES if n.startswith("vanishing_gradient_")])
def test_figures_render_without_hangul(name):
    svg = render_figure(name).decode()
    assert not re.search("[\uac00-\ud7a3]", svg)


def test_the_page_uses_every_fact_and_figure():
    text = PAGE.read_text(encoding="utf-8")
    for name in FACTS:
        if name.startswith("vanishing_gradient_"):
            assert "{{ " + name + " }}" in text, name
    for name in FIGURES:
        if name.startswith("vanishing_gradient_"):
            assert f"](figures/{name}.svg)" in text, name
