"""Measuring the vanishing gradient: a deep MLP, its backpropagation in NumPy, and dying ReLU.

The network is h_0 = x, z_l = h_{l-1} W_l^T + b_l, h_l = f(z_l) for l = 1..depth (the layout of
torch.nn.Linear: W_l has shape (out_features, in_features)), and the loss is the mean of the last
layer's output, L = mean(h_depth), so that PyTorch's ``model(x).mean().backward()`` is the same
computation. The sections between ``# --8<--`` markers are shown on docs/vanishing-gradient.md and
must run alone with only the activation sections (and validate.py) included before them.
"""

import inspect

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:check_count]
def check_count(value, where):
    """층 수, 폭, 배치 크기처럼 1 이상의 정수여야 하는 인자를 검사합니다."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{where} must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"{where} must be at least 1, got {value!r}")
    return int(value)
# --8<-- [end:check_count]


# --8<-- [start:init_weights]
def init_weights(rng, depth, width, scheme):
    """가중치 초기화: (width, width) 행렬 depth개를 평균 0인 정규 분포에서 뽑습니다.

    "naive":  N(0, 1)                       표준 정규 분포를 그대로 씁니다.
    "xavier": N(0, 2 / (fan_in + fan_out))  Xavier(Glorot) 초기화. 정사각 행렬이면 N(0, 1 / fan_in).
    "he":     N(0, 2 / fan_in)              He(Kaiming) 초기화. 렐루가 음수 쪽 절반을 0으로 만드는 것을 메웁니다.
    """
    depth = check_count(depth, "init_weights(): depth")
    width = check_count(width, "init_weights(): width")
    fan_in = fan_out = width
    stds = {"naive": 1.0, "xavier": np.sqrt(2 / (fan_in + fan_out)), "he": np.sqrt(2 / fan_in)}
    if scheme not in stds:
        raise ValueError(f"init_weights(): scheme must be one of {sorted(stds)}, got {scheme!r}")
    return [rng.normal(0.0, stds[scheme], size=(width, width)) for _ in range(depth)]
# --8<-- [end:init_weights]


# --8<-- [start:make_network]
def make_network(scheme, depth=15, width=64, batch=256, seed=0):
    """실험 재료: 입력 배치 x(0과 1 사이 균등 분포, 픽셀 밝기처럼), 가중치 depth개, 0인 편향 depth개."""
    batch = check_count(batch, "make_network(): batch")
    rng = np.random.default_rng(seed)  # seed가 같으면 x와 가중치도 같습니다.
    x = rng.random((batch, width))
    weights = init_weights(rng, depth, width, scheme)
    biases = [np.zeros(width) for _ in range(depth)]
    return x, weights, biases
# --8<-- [end:make_network]


# --8<-- [start:forward]
def forward(x, weights, biases, act):
    """순전파: z_l = h_{l-1} W_l^T + b_l, h_l = act(z_l). 역전파에 쓸 zs와 hs(h_0 = x 포함)를 돌려줍니다."""
    x = as_float_array(x, "forward(x)")
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"forward(x): x must be a non-empty batch of shape (batch, features), got shape {x.shape}")
    if len(weights) != len(biases) or len(weights) == 0:
        raise ValueError(f"forward(): need one bias per weight, got {len(weights)} weights and {len(biases)} biases")
    zs, hs = [], [x]
    for w, b in zip(weights, biases, strict=True):
        zs.append(hs[-1] @ w.T + b)  # nn.Linear처럼 w의 모양은 (출력 수, 입력 수)입니다.
        hs.append(act(zs[-1]))
    return zs, hs
# --8<-- [end:forward]


# --8<-- [start:backprop]
def backprop(x, weights, biases, act, act_grad):
    """손실 L = mean(h_L)의 각 층 가중치에 대한 기울기 dL/dW_l을 역전파로 구합니다(첫 층부터 차례로)."""
    zs, hs = forward(x, weights, biases, act)
    # L은 마지막 층 출력 전체의 평균이므로 dL/dh_L의 원소는 모두 1 / (출력 원소 수)입니다.
    dh = np.full_like(hs[-1], 1 / hs[-1].size)
    grads = []
    for w, z, h_in in zip(reversed(weights), reversed(zs), reversed(hs[:-1]), strict=True):
        dz = dh * act_grad(z)  # 연쇄 법칙: 층마다 활성화 함수의 미분값이 곱해집니다.
        grads.append(dz.T @ h_in)  # dL/dW_l = dz^T h_{l-1}
        dh = dz @ w  # 아래 층으로 내려갈 때는 가중치 행렬이 곱해집니다.
    return grads[::-1]
# --8<-- [end:backprop]


# --8<-- [start:measure]
def measure(act, act_grad, scheme, **network):
    """역전파를 한 번 하고, 층별 기울기 노름 ||dL/dW_l||(프로베니우스 노름)을 첫 층부터 돌려줍니다."""
    x, weights, biases = make_network(scheme, **network)
    grads = backprop(x, weights, biases, act, act_grad)
    return np.array([np.linalg.norm(g) for g in grads])
# --8<-- [end:measure]


# --8<-- [start:dead_fraction]
def dead_fraction(z, act_grad):
    """배치의 모든 입력에서 미분값이 정확히 0인 유닛(열)의 비율. 이런 유닛은 가중치 기울기가 0이라 갱신되지 않습니다."""
    z = as_float_array(z, "dead_fraction(z)")
    if z.ndim != 2 or z.size == 0:
        raise ValueError(f"dead_fraction(z): z must be a non-empty array of shape (batch, units), got shape {z.shape}")
    return float(np.mean(np.all(act_grad(z) == 0, axis=0)))
# --8<-- [end:dead_fraction]


# The experiment of the page is make_network()'s defaults (15 layers of width 64, a batch of 256
# inputs drawn uniformly from [0, 1), seed 0); read from its signature so that they are written once.
_DEFAULTS = inspect.signature(make_network).parameters
DEPTH = _DEFAULTS["depth"].default
WIDTH = _DEFAULTS["width"].default
BATCH = _DEFAULTS["batch"].default
SEED = _DEFAULTS["seed"].default


def first_layer_z(scheme, bias, **network):
    """z = x W_1^T + b of the first layer of make_network(scheme), with every bias set to `bias`."""
    x, weights, _ = make_network(scheme, **network)
    return x @ weights[0].T + bias


def last_over_first(norms):
    """How many times the last layer's gradient norm is the first layer's (large: it vanishes toward the input)."""
    norms = np.asarray(norms)
    return float(norms[-1] / norms[0])
