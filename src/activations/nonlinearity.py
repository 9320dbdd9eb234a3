"""Why activation functions must be nonlinear: stacked linear layers and the step function."""

import numpy as np


# --8<-- [start:step]
def step(x):
    """계단 함수: x > 0이면 1, x <= 0이면 0. nan은 nan으로 둡니다."""
    # np.heaviside(x, 0.0): x < 0이면 0, x = 0이면 두 번째 인자(0.0), x > 0이면 1입니다.
    return np.heaviside(x, 0.0)
# --8<-- [end:step]


# --8<-- [start:step_grad]
def step_grad(x):
    """계단 함수의 도함수: x ≠ 0인 모든 곳에서 0입니다.

    x = 0에서는 함수가 끊어져 도함수가 없지만, 렐루(ReLU)의 관례처럼 0으로 둡니다.
    """
    return np.heaviside(x, 0.0) * 0.0  # x와 모양이 같은 0입니다(nan은 nan으로 남습니다).
# --8<-- [end:step_grad]


# --8<-- [start:stack_linear]
def stack_linear(weights, biases):
    """선형층 y = W x + b를 차례로 쌓은 것과 같은 선형층 하나 (W, b)를 돌려줍니다."""
    w, b = weights[0], biases[0]
    for w_next, b_next in zip(weights[1:], biases[1:], strict=True):
        # 다음 층은 지금까지의 출력에 곱해집니다: W'(W x + b) + b' = (W'W) x + (W'b + b')
        w, b = w_next @ w, w_next @ b + b_next
    return w, b
# --8<-- [end:stack_linear]
