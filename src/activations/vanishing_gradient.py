"""Measuring the vanishing gradient: a deep network and its backpropagation in NumPy.

A network is a list of (W, b) pairs; layer l computes z_l = h_{l-1} W_l^T + b_l and h_l = f(z_l)
(the layout of torch.nn.Linear: W_l has shape (out_features, in_features)). The sections between
``# --8<--`` markers are shown on docs/vanishing-gradient.md, where they run with only the
activation functions included before them. The training experiment of the page reuses
``forward`` and ``backward`` (activations.training).
"""

import numpy as np


# --8<-- [start:make_network]
def make_network(std, depth=15, width=64, seed=0):
    rng = np.random.default_rng(seed)  # seed가 같으면 값도 같습니다.
    x = rng.random((256, width))  # 0과 1 사이의 균등 분포
    return x, [(rng.normal(0.0, std, (width, width)), np.zeros(width)) for _ in range(depth)]  # (W, b) 쌍
# --8<-- [end:make_network]


# --8<-- [start:forward]
def forward(x, params, f, residual=False):
    zs, hs = [], [x]  # hs[0]은 입력 x
    for w, b in params:
        zs.append(hs[-1] @ w.T + b)  # w: (출력 수, 입력 수)
        hs.append(f(zs[-1]) + (hs[-1] if residual else 0))  # 잔차 연결(뒤에서 다룹니다)
    return zs, hs
# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(dh, params, zs, hs, f_grad, residual=False):
    grads = []  # 층마다 (∂L/∂W, ∂L/∂b)
    for (w, _), z, h_in in zip(params[::-1], zs[::-1], hs[-2::-1], strict=True):
        dz = dh * f_grad(z)  # δ = f'(z) ⊙ ∂L/∂h
        grads.insert(0, (dz.T @ h_in, dz.sum(axis=0)))  # ∂L/∂W = δᵀh, ∂L/∂b = δ의 합
        dh = dz @ w + (dh if residual else 0)  # 아래 층으로: W가 곱해집니다.
    return grads, dh  # dh = ∂L/∂h_0
# --8<-- [end:backward]


def grad_norms(f, f_grad, std, **network):
    """The page's measurement: ||dL/dW_l|| of every layer (first layer first), L = mean(h_n)."""
    x, params = make_network(std, **network)
    zs, hs = forward(x, params, f)
    grads, _ = backward(np.full_like(hs[-1], 1 / hs[-1].size), params, zs, hs, f_grad)
    return np.array([np.linalg.norm(dw) for dw, _ in grads])
