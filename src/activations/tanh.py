"""The hyperbolic tangent and its derivative."""

import numpy as np


# --8<-- [start:tanh]
def tanh(x):
    """하이퍼볼릭탄젠트 함수 (e^x - e^-x) / (e^x + e^-x). 출력은 -1과 1 사이입니다."""
    # 식을 그대로 계산하면 |x|가 클 때 e^x가 오버플로합니다. np.tanh는 어떤 실수에도 안전합니다.
    # 1.0을 곱하는 까닭: 정수 입력을 float64로 바꿉니다(np.tanh만 쓰면 int8은 float16이 됩니다).
    return np.tanh(np.multiply(x, 1.0))
# --8<-- [end:tanh]


# --8<-- [start:tanh_grad]
def tanh_grad(x):
    """tanh의 도함수 1 - tanh(x)^2 = sech(x)^2. 최댓값은 x = 0에서 1입니다."""
    # 1 - tanh(x)^2를 그대로 계산하면 |x|가 클 때 tanh(x)^2가 1로 반올림되어 0이 나옵니다.
    # z = e^-|x|는 0과 1 사이라 오버플로가 없고, sech(x) = 2z / (1 + z^2)는 꼬리에서도 정확합니다.
    z = np.exp(np.copysign(x, -1.0))  # e^-|x|
    sech = 2 * z / (1 + z * z)
    return sech * sech
# --8<-- [end:tanh_grad]
