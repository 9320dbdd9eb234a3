"""ReLU and its derivative."""

import numpy as np


# --8<-- [start:relu]
def relu(x):
    """렐루(ReLU) max(0, x): 음수는 0으로, 양수는 그대로 내보냅니다."""
    # np.max가 아니라 원소마다 큰 값을 고르는 np.maximum입니다. 0.0이라 정수 입력은 float64가 됩니다.
    return np.maximum(x, 0.0)
# --8<-- [end:relu]


# --8<-- [start:relu_grad]
def relu_grad(x):
    """렐루의 도함수: x > 0이면 1, x <= 0이면 0. x = 0에서는 PyTorch처럼 0을 씁니다."""
    # np.heaviside(x, 0): x < 0이면 0, x = 0이면 두 번째 인자 0, x > 0이면 1입니다.
    return np.heaviside(x, 0.0)
# --8<-- [end:relu_grad]
