"""Training a deep network on two spirals with plain gradient descent, in NumPy.

The network is an input layer (2 -> width, linear), `depth` hidden layers (width -> width, with
the activation f, optionally residual) and an output layer (width -> 1, a logit), trained with
binary cross-entropy on the logit. Its backpropagation is activations.vanishing_gradient's.
The sections between ``# --8<--`` markers are shown on docs/vanishing-gradient.md.
"""

import functools
from itertools import pairwise

import numpy as np

from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.vanishing_gradient import backward, forward


# --8<-- [start:two_spirals]
def two_spirals(n=50, noise=0.05, seed=0):
    rng = np.random.default_rng(seed)  # 점 2n개 x와 클래스 y(0 또는 1)
    t = 3 * np.pi * np.sqrt(rng.random(n))  # 나선을 따라 간 각도
    arm = np.column_stack([t * np.cos(t), t * np.sin(t)]) / (3 * np.pi)
    x = np.concatenate([arm, -arm]) + noise * rng.standard_normal((2 * n, 2))
    return x, np.repeat([[0.0], [1.0]], n, axis=0)
# --8<-- [end:two_spirals]


# --8<-- [start:loss_and_grads]
def loss_and_grads(params, x, y, f, f_grad, residual=False):
    (w_in, b_in), *hidden, (w_out, b_out) = params
    zs, hs = forward(x @ w_in.T + b_in, hidden, f, residual)
    logit = hs[-1] @ w_out.T + b_out
    loss = np.mean(np.logaddexp(0, logit) - y * logit)  # nn.BCEWithLogitsLoss와 같은 식
    dlogit = (sigmoid(logit) - y) / len(y)  # ∂L/∂로짓
    grads, dh = backward(dlogit @ w_out, hidden, zs, hs, f_grad, residual)
    return loss, [(dh.T @ x, dh.sum(axis=0)), *grads, (dlogit.T @ hs[-1], dlogit.sum(axis=0))]
# --8<-- [end:loss_and_grads]


# --8<-- [start:train]
def train(f, f_grad, gain, depth=10, width=32, steps=400, lr=0.1, residual=False):
    x, y = two_spirals()
    rng = np.random.default_rng(0)  # N(0, gain / 입력 수): 1은 Xavier, 2는 He
    sizes = [2] + [width] * (depth + 1) + [1]
    params = [(rng.normal(0.0, np.sqrt(gain / n), (m, n)), np.zeros(m)) for n, m in pairwise(sizes)]
    start = [w.copy() for w, _ in params]
    losses = []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, x, y, f, f_grad, residual)
        losses.append(loss)
        for (w, b), (dw, db) in zip(params, grads, strict=True):
            w -= lr * dw  # 제자리 연산: params가 바뀝니다.
            b -= lr * db
    moved = [np.linalg.norm(w - w0) / np.linalg.norm(w0) for (w, _), w0 in zip(params, start, strict=True)]
    return np.array(losses), np.array(moved)
# --8<-- [end:train]


@functools.cache
def experiment(name):
    """One run of the page's experiment, by name; each runs once per process (a second or so)."""
    runs = {
        "sigmoid": (sigmoid, sigmoid_grad, 1),
        "relu_he": (relu, relu_grad, 2),
        "sigmoid_residual": (sigmoid, sigmoid_grad, 1),
    }
    f, f_grad, gain = runs[name]
    result = train(f, f_grad, gain, residual=name.endswith("_residual"))
    for array in result:
        array.flags.writeable = False  # shared by every caller of the cache
    return result
