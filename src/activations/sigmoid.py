"""The sigmoid function and its derivative, numerically stable for any float input."""

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:sigmoid]
def sigmoid(x):
    """시그모이드 함수 1 / (1 + e^-x). 어떤 실수를 넣어도 오버플로가 없고, 양쪽 꼬리에서도 정확합니다."""
    x = as_float_array(x, "sigmoid(x)")
    z = np.exp(-np.abs(x))  # 지수가 0 이하이므로 z는 (0, 1] 안에 있고, 오버플로가 없습니다.
    # x >= 0이면 1 / (1 + e^-x), x < 0이면 분자와 분모에 e^x를 곱한 e^x / (1 + e^x): 같은 값입니다.
    # x가 아주 작을 때 e^x / (1 + e^x)는 e^x에 가까운 작은 값을 그대로 살립니다.
    out = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    return out[()]  # 스칼라를 넣으면 스칼라가, 배열을 넣으면 배열이 나옵니다.
# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_grad]
def sigmoid_grad(x):
    """시그모이드 함수의 도함수 σ'(x) = σ(x)(1 - σ(x)) = e^-|x| / (1 + e^-|x|)^2."""
    x = as_float_array(x, "sigmoid_grad(x)")
    # σ(1 - σ)를 그대로 계산하면 x가 클 때 σ가 1로 반올림되어 1 - σ가 0이 됩니다.
    # 같은 값을 z = e^-|x|로 쓰면 양쪽 꼬리에서도 정확합니다(σ'는 좌우 대칭입니다).
    z = np.exp(-np.abs(x))
    # 참값은 언제나 0.25 이하이지만, x가 0에 아주 가까우면 반올림 때문에 0.25를 살짝 넘을 수 있어 잘라 냅니다.
    return np.minimum(z / (1 + z) ** 2, 0.25)[()]
# --8<-- [end:sigmoid_grad]
