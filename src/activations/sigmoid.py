"""The sigmoid function and its derivative, numerically stable for any float input."""

import numpy as np


# --8<-- [start:sigmoid]
def sigmoid(x):
    """시그모이드 함수 1 / (1 + e^-x). 지수가 늘 0 이하가 되도록 x의 부호에 따라 식을 고릅니다."""
    x = np.asanyarray(x)  # 리스트도 배열로 받습니다(마스크 배열은 마스크를 그대로 둡니다).
    z = np.exp(np.copysign(x, -1.0))  # e^-|x|: 지수가 0 이하라 z는 0과 1 사이, 오버플로가 없습니다.
    top = np.maximum(z, x >= 0)  # 분자: x >= 0이면 max(z, 1) = 1, x < 0이면 max(z, 0) = z = e^x
    z += 1  # 분모: 두 식 모두 1 + e^-|x|
    top /= z  # +=, /=는 제자리 연산이라 새 배열을 만들지 않습니다(큰 배열에서 빠릅니다).
    return top
# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_grad]
def sigmoid_grad(x):
    """시그모이드 함수의 도함수 σ'(x) = σ(x)(1 - σ(x)) = σ(|x|) σ(-|x|) (σ'는 좌우 대칭입니다)."""
    # 1 - σ(x)를 뺄셈으로 구하면 x가 클 때 σ(x)가 1로 반올림되어 0이 됩니다.
    # 두 인수를 z = e^-|x|로 하나씩 직접 계산하면 양쪽 꼬리에서도 정확합니다.
    z = np.exp(np.copysign(x, -1.0))  # e^-|x|
    d = 1 + z
    return (z / d) * (1 / d)  # σ(-|x|) σ(|x|)
# --8<-- [end:sigmoid_grad]
