"""Why activation functions must be nonlinear: stacked linear layers and the step function."""

import numpy as np

from activations.validate import as_float_array

# --8<-- [start:step]
def step(x):
    """계단 함수: x > 0이면 1, x <= 0이면 0."""
    return np.heaviside(as_float_array(x, "step(x)"), 0)[()]
# --8<-- [end:step]


# --8<-- [start:step_grad]
def step_grad(x):
    """계단 함수의 도함수: x ≠ 0인 모든 곳에서 0입니다(x = 0에서는 정의되지 않지만 0으로 둡니다)."""
    return np.zeros_like(as_float_array(x, "step_grad(x)"))[()]
# --8<-- [end:step_grad]


# --8<-- [start:stack_linear]
def stack_linear(weights, biases):
    """선형층 y = W x + b를 차례로 쌓은 것과 같은 하나의 선형층 (W, b)를 돌려줍니다.

    W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2): 층을 몇 개 쌓아도 선형층 하나입니다.
    """
    if len(weights) != len(biases) or not weights:
        raise ValueError("stack_linear(): need as many biases as weights, and at least one layer")
    w = np.asarray(weights[0], dtype=float)
    b = np.asarray(biases[0], dtype=float)
    for w_next, b_next in zip(weights[1:], biases[1:]):
        w, b = w_next @ w, w_next @ b + b_next
    return w, b
# --8<-- [end:stack_linear]
