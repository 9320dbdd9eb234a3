"""Why activation functions must be nonlinear: stacked linear layers and the step function."""

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:step]
def step(x):
    """계단 함수: x > 0이면 1, x <= 0이면 0. nan은 nan으로 둡니다."""
    # np.heaviside(x, 0): x < 0이면 0, x = 0이면 두 번째 인자(0), x > 0이면 1입니다.
    return np.heaviside(as_float_array(x, "step(x)"), 0)[()]
# --8<-- [end:step]


# --8<-- [start:step_grad]
def step_grad(x):
    """계단 함수의 도함수: x ≠ 0인 모든 곳에서 0입니다.

    x = 0에서는 함수가 끊어져 도함수가 없지만, 렐루(ReLU)의 관례처럼 0으로 둡니다. nan은 nan으로 둡니다.
    """
    x = as_float_array(x, "step_grad(x)")
    return np.where(np.isnan(x), x, 0)[()]  # 파이썬 정수 0은 x의 dtype을 바꾸지 않습니다.
# --8<-- [end:step_grad]


# --8<-- [start:stack_linear]
def stack_linear(weights, biases):
    """선형층 y = W x + b를 차례로 쌓은 것과 같은 선형층 하나 (W, b)를 돌려줍니다.

    W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)이므로 층을 몇 개 쌓아도 선형층 하나와 같습니다.
    weights[k]는 (출력 수, 입력 수) 모양의 행렬, biases[k]는 길이가 출력 수인 벡터입니다.
    """
    try:
        n_weights, n_biases = len(weights), len(biases)
    except TypeError:
        raise TypeError("stack_linear(): weights and biases must be sequences with one entry per layer") from None
    if n_weights == 0 or n_weights != n_biases:
        raise ValueError(
            f"stack_linear(): weights and biases need the same positive length, got {n_weights} and {n_biases}"
        )
    w = b = None
    for k in range(n_weights):
        w_k = as_float_array(weights[k], f"stack_linear(weights[{k}])")
        b_k = as_float_array(biases[k], f"stack_linear(biases[{k}])")
        if w_k.ndim != 2:
            raise ValueError(f"stack_linear(weights[{k}]): expected a matrix, got shape {w_k.shape}")
        if b_k.shape != (w_k.shape[0],):
            raise ValueError(
                f"stack_linear(biases[{k}]): expected shape ({w_k.shape[0]},) to match weights[{k}], got {b_k.shape}"
            )
        if w is None:
            w, b = w_k, b_k
        elif w_k.shape[1] != w.shape[0]:
            raise ValueError(
                f"stack_linear(weights[{k}]): takes {w_k.shape[1]} inputs, but layer {k - 1} gives {w.shape[0]} outputs"
            )
        else:
            # 새 층은 지금까지의 출력에 곱해집니다: W_k (W x + b) + b_k = (W_k W) x + (W_k b + b_k).
            w, b = w_k @ w, w_k @ b + b_k
    return w, b
# --8<-- [end:stack_linear]
