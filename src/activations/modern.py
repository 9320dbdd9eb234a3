"""GELU, SiLU (Swish) and ELU, with their derivatives.

GELU's Φ and SiLU's σ come from SciPy (scipy.special.ndtr and expit): vectorised, and with no
1 + erf cancellation in the negative tail (ndtr's erfc(-x/√2) still costs about x² ulps there).
GELU and SiLU are computed in float64 whatever the input, and rounded once to the input's dtype.
"""

import numpy as np
from scipy.special import expit, ndtr


# --8<-- [start:gelu]
def gelu(x):
    """GELU: x·Φ(x). Φ(x)는 표준 정규 분포의 누적 분포 함수로, SciPy에서는 ndtr라고 부릅니다."""
    x = np.asanyarray(x)
    y = x * ndtr(x, dtype=np.float64)  # float16/32 입력도 float64로 계산해서
    return y.astype(np.result_type(x, 0.0))  # 마지막에 한 번만 입력의 dtype으로 반올림합니다.
# --8<-- [end:gelu]


# --8<-- [start:gelu_grad]
def gelu_grad(x):
    """GELU의 도함수 Φ(x) + x·φ(x). φ(x) = e^(-x²/2)/√(2π)는 표준 정규 분포의 확률 밀도 함수입니다."""
    x = np.asanyarray(x)
    # |x| > 40이면 x·φ(x)는 정확히 0이고 Φ(x)는 0 또는 1이므로, x²이 오버플로하지 않게 자릅니다.
    t = np.clip(x, -40.0, 40.0).astype(np.float64)
    y = ndtr(t) + t * np.exp(-t * t / 2) / np.sqrt(2 * np.pi)
    return y.astype(np.result_type(x, 0.0))
# --8<-- [end:gelu_grad]


# --8<-- [start:gelu_tanh]
def gelu_tanh(x):
    """GELU의 tanh 근사: PyTorch의 F.gelu(x, approximate="tanh")와 같은 식입니다."""
    x = np.asanyarray(x)
    # |x| > 10이면 tanh(u)는 이미 정확히 ±1이므로, x³이 오버플로하지 않게 자릅니다.
    t = np.clip(x, -10.0, 10.0).astype(np.float64)
    u = np.sqrt(2 / np.pi) * (t + 0.044715 * t**3)
    return (x / 2 * (1 + np.tanh(u))).astype(np.result_type(x, 0.0))
# --8<-- [end:gelu_tanh]


# --8<-- [start:silu]
def silu(x):
    """SiLU(Swish): x·σ(x). SciPy의 expit는 시그모이드 함수로, 큰 |x|에서도 경고 없이 0이나 1을 냅니다."""
    x = np.asanyarray(x)
    y = x * expit(x, dtype=np.float64)  # GELU처럼 float64로 계산해서
    return y.astype(np.result_type(x, 0.0))  # 마지막에 한 번만 입력의 dtype으로 반올림합니다.
# --8<-- [end:silu]


# --8<-- [start:silu_grad]
def silu_grad(x):
    """SiLU의 도함수 σ(x)(1 + x(1 - σ(x)))."""
    x = np.asanyarray(x)
    s = expit(x, dtype=np.float64)  # σ(x)
    # 1 - σ(x)는 빼지 않고 같은 값인 σ(-x)로 계산합니다. x가 크면 σ(x)가 1로 반올림되기 때문입니다.
    s_neg = expit(np.negative(x, dtype=np.float64))
    return (s * (1 + x * s_neg)).astype(np.result_type(x, 0.0))
# --8<-- [end:silu_grad]


# --8<-- [start:elu]
def elu(x, alpha=1.0):
    """ELU: x > 0이면 x, 아니면 α(e^x - 1). 음수 쪽은 -α로 부드럽게 포화합니다."""
    # 리키 렐루처럼 양수 부분과 음수 부분을 따로 계산합니다. np.expm1(x) = e^x - 1은 0 근처에서도 정확합니다.
    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0))
# --8<-- [end:elu]


# --8<-- [start:elu_grad]
def elu_grad(x, alpha=1.0):
    """ELU의 도함수: x > 0이면 1, x <= 0이면 α·e^x. x = 0에서는 PyTorch처럼 α를 씁니다."""
    h = np.heaviside(x, 0.0)  # 렐루의 도함수: x > 0이면 1, 아니면 0
    return h + alpha * np.exp(np.minimum(x, 0.0)) * (1 - h)
# --8<-- [end:elu_grad]
