"""ReLU and its derivative."""

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:relu]
def relu(x):
    """렐루(ReLU) max(0, x): 음수는 0으로, 양수는 그대로 내보냅니다."""
    # np.max(0, x)가 아니라 원소별로 큰 값을 고르는 np.maximum입니다. nan은 nan으로 남습니다.
    return np.maximum(0, as_float_array(x, "relu(x)"))[()]
# --8<-- [end:relu]


# --8<-- [start:relu_grad]
def relu_grad(x):
    """렐루의 도함수: x > 0이면 1, x <= 0이면 0. x = 0에서는 PyTorch처럼 0을 씁니다."""
    # np.heaviside(x, 0): x < 0이면 0, x = 0이면 두 번째 인자(0), x > 0이면 1. nan은 nan으로 둡니다.
    return np.heaviside(as_float_array(x, "relu_grad(x)"), 0)[()]
# --8<-- [end:relu_grad]
