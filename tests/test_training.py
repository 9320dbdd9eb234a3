"""The training experiment of docs/vanishing-gradient.md: its gradients against torch.autograd,
its determinism, the numbers the page states about it, and its figures.

The three full runs (about a second each) happen once per process through training.experiment,
shared with the facts and figures; every other test trains for a few steps only.
"""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from activations.pages import FIGURES, compute_fact
from activations.pages import vanishing_gradient as page
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.training import experiment, loss_and_grads, train, two_spirals

ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_grad, torch.sigmoid), "relu": (relu, relu_grad, torch.relu)}


def initial_params(gain, depth, width):
    """The weights train() starts from (the same draws in the same order), to check it against."""
    rng = np.random.default_rng(0)
    sizes = [2] + [width] * (depth + 1) + [1]
    return [(rng.normal(0.0, np.sqrt(gain / n), (m, n)), np.zeros(m)) for n, m in itertools.pairwise(sizes)]


def torch_loss_and_grads(params, x, y, torch_act, residual):
    """The same network and loss with nn.BCEWithLogitsLoss and torch.autograd."""
    tensors = [(torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)) for w, b in params]
    (w_in, b_in), *hidden, (w_out, b_out) = tensors
    h = torch.tensor(x) @ w_in.T + b_in
    for w, b in hidden:
        h = torch_act(h @ w.T + b) + (h if residual else 0)
    loss = torch.nn.BCEWithLogitsLoss()(h @ w_out.T + b_out, torch.tensor(y))
    loss.backward()
    return loss.item(), [(w.grad.numpy(), b.grad.numpy()) for w, b in tensors]


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_loss_and_grads_match_autograd(name, residual):
    f, f_grad, torch_act = ACTIVATIONS[name]
    x, y = two_spirals(n=7, seed=3)
    rng = np.random.default_rng(1)
    # Random biases too, so that their gradients are tested away from zero.
    params = [(w, rng.normal(0.0, 0.3, b.shape)) for w, b in initial_params(2.0, depth=4, width=6)]
    loss, grads = loss_and_grads(params, x, y, f, f_grad, residual)
    their_loss, their_grads = torch_loss_and_grads(params, x, y, torch_act, residual)
    assert loss == pytest.approx(their_loss, rel=1e-13)
    assert len(grads) == len(their_grads) == 6
    for layer, (ours, theirs) in enumerate(zip(grads, their_grads, strict=True), start=1):
        for kind, a, b in zip("Wb", ours, theirs, strict=True):
            assert a.shape == b.shape, f"layer {layer} {kind}"
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-13 * np.abs(b).max(), err_msg=f"layer {layer} {kind}")


def test_train_is_gradient_descent_from_the_initial_weights():
    """One step: the loss of the initial weights, and every layer moved by lr * |dW| / |W0|."""
    gain, depth, width, lr = 2.0, 3, 5, 0.1
    params = initial_params(gain, depth, width)
    x, y = two_spirals()
    loss, grads = loss_and_grads(params, x, y, relu, relu_grad)
    losses, moved = train(relu, relu_grad, gain, depth=depth, width=width, steps=1, lr=lr)
    assert losses.tolist() == [loss]
    expected = [lr * np.linalg.norm(dw) / np.linalg.norm(w) for (w, _), (dw, _) in zip(params, grads, strict=True)]
    np.testing.assert_allclose(moved, expected, rtol=1e-12)


def test_train_is_deterministic():
    first = train(sigmoid, sigmoid_grad, 1, depth=3, width=8, steps=5, residual=True)
    second = train(sigmoid, sigmoid_grad, 1, depth=3, width=8, steps=5, residual=True)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_two_spirals():
    x, y = two_spirals()
    assert x.shape == (100, 2) and y.shape == (100, 1)
    assert y[:50].sum() == 0 and y[50:].sum() == 50  # two balanced classes
    again, _ = two_spirals()
    np.testing.assert_array_equal(x, again)
    # The second spiral is the first turned by half a turn: without noise, x[50:] = -x[:50].
    clean, _ = two_spirals(noise=0.0)
    np.testing.assert_array_equal(clean[50:], -clean[:50])
    assert np.abs(x - clean).max() < 0.05 * 5  # noise of standard deviation 0.05
    assert np.abs(clean).max() <= 1  # radius t / (3 pi) with t <= 3 pi


def test_experiment_runs_once_and_is_the_page_setting():
    losses, moved = experiment("sigmoid")
    assert experiment("sigmoid")[0] is losses  # cached: facts and figures share one run
    assert losses.shape == (page.TRAIN_STEPS,)
    assert moved.shape == (page.TRAIN_DEPTH + 2,)  # input layer, hidden layers, output layer
    reference = train(sigmoid, sigmoid_grad, 1, steps=3)
    np.testing.assert_array_equal(losses[:3], reference[0])


# -- the numbers the page states ---------------------------------------------------------------


def fact(name):
    return compute_fact(f"vanishing_gradient_{name}")


def test_facts_are_the_runs():
    assert fact("train_depth") == "10" and fact("train_width") == "32"
    assert fact("train_points") == "100" and fact("train_steps") == "400" and fact("train_lr") == "0.1"
    for name, run in [("sigmoid", "sigmoid"), ("relu", "relu_he"), ("residual", "sigmoid_residual")]:
        assert fact(f"{name}_final_loss") == f"{experiment(run)[0][-1]:.3f}"


def test_sigmoid_does_not_learn_and_relu_does():
    """The page: the sigmoid network stays at ln 2 (chance), ReLU + He learns, with the same steps."""
    sig, relu_run, residual = experiment("sigmoid"), experiment("relu_he"), experiment("sigmoid_residual")
    assert np.abs(sig[0] - np.log(2)).max() < 0.01  # the whole curve, not only its end
    assert float(fact("sigmoid_final_loss")) == pytest.approx(np.log(2), abs=0.0005)
    assert relu_run[0][-1] < 0.05
    assert relu_run[0][-1] < residual[0][-1] < np.log(2) - 0.05  # residual learns, less than ReLU


def test_moved_facts():
    """The page: sigmoid's input layer barely moved while its output layer did; every ReLU layer moved."""
    sig, relu_moved, residual = (experiment(run)[1] for run in ("sigmoid", "relu_he", "sigmoid_residual"))
    assert sig[0] < 1e-4 < 1e-2 < sig[-1]
    assert np.all(np.diff(sig[1:]) > 0)  # the closer to the output, the more it moved
    assert relu_moved.min() > 0.01
    assert residual[0] > 1000 * sig[0]
    assert page.number(sig[0]) == fact("sigmoid_moved_first")
    assert page.number(sig[-1]) == fact("sigmoid_moved_last")
    assert page.number(relu_moved.min()) == fact("relu_moved_min")
    assert page.number(residual[0]) == fact("residual_moved_first")


# -- the figures ---------------------------------------------------------------------------------


def lines_of(name):
    fig = FIGURES[name]()
    try:
        return {line.get_label(): line for line in fig.axes[0].get_lines()}
    finally:
        plt.close(fig)


def test_loss_figure_draws_the_runs():
    lines = lines_of("vanishing_gradient_training_loss")
    for run, label in page.RUNS.items():
        np.testing.assert_array_equal(lines[label].get_ydata(), experiment(run)[0])


def test_moved_figure_draws_the_runs():
    lines = lines_of("vanishing_gradient_training_moved")
    for run, label in page.RUNS.items():
        np.testing.assert_array_equal(lines[label].get_xdata(), np.arange(1, page.TRAIN_DEPTH + 3))
        np.testing.assert_array_equal(lines[label].get_ydata(), experiment(run)[1])


def test_spiral_figure_draws_the_data():
    lines = lines_of("vanishing_gradient_spirals")
    x, y = two_spirals()
    for label in (0, 1):
        points = x[y[:, 0] == label]
        np.testing.assert_array_equal(lines[f"$y = {label}$"].get_xdata(), points[:, 0])


def test_cached_runs_cannot_be_changed_by_a_caller():
    losses, _ = experiment("relu_he")
    with pytest.raises(ValueError, match="read-only"):
        losses[0] = 0.0
