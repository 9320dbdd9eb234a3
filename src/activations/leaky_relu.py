"""Leaky ReLU and its derivative."""

import numpy as np


# --8<-- [start:leaky_relu]
def leaky_relu(x, a=0.01):
    """리키 렐루: x > 0이면 x, 아니면 a·x. 기본값 0.01은 PyTorch의 negative_slope 기본값과 같습니다."""
    # x = max(x, 0) + min(x, 0)입니다. 양수 부분은 그대로 두고, 음수 부분에만 a를 곱합니다.
    return np.maximum(x, 0.0) + a * np.minimum(x, 0.0)
# --8<-- [end:leaky_relu]


# --8<-- [start:leaky_relu_grad]
def leaky_relu_grad(x, a=0.01):
    """리키 렐루의 도함수: x > 0이면 1, x <= 0이면 a. x = 0에서는 PyTorch처럼 a를 씁니다."""
    h = np.heaviside(x, 0.0)  # 렐루의 도함수: x > 0이면 1, 아니면 0
    return h + a * (1 - h)
# --8<-- [end:leaky_relu_grad]
