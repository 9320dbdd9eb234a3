"""GELU, SiLU (Swish) and ELU, with their derivatives, numerically stable for any float input.

GELU needs erf, which NumPy does not have; the exact form calls the standard library's
math.erfc element by element (np.vectorize), so that the pages' code runs with numpy alone.
"""

import numpy as np

from activations.validate import as_float_array

# isort: split
# --8<-- [start:gelu_cdf]
import math


def gelu_cdf(x, approximate, where):
    """GELU가 x에 곱하는 Φ(x)입니다: 표준 정규 분포의 누적 분포 함수, 또는 그 tanh 근사.

    where는 오류 메시지에 쓸 이름입니다(예: "gelu()").
    """
    if not isinstance(approximate, str):
        raise TypeError(f"{where}: approximate must be 'none' or 'tanh', got {approximate!r}")
    if approximate == "none":
        # NumPy에는 erf가 없어서, 표준 라이브러리의 math.erfc를 원소마다 부릅니다(큰 배열에서는 느립니다).
        # Φ(x) = (1 + erf(x/√2))/2 와 같은 값인 erfc(-x/√2)/2 를 쓰면,
        # x가 큰 음수일 때 1 + erf(...)처럼 0으로 뭉개지지 않습니다.
        return np.vectorize(math.erfc, otypes=[x.dtype])(-x / math.sqrt(2)) / 2
    if approximate == "tanh":
        # (1 + tanh(u))/2 = σ(2u): tanh 근사도 시그모이드 함수처럼 안정적으로 계산합니다.
        # |x| > 50이면 값은 이미 정확히 0 또는 1이므로, x³이 오버플로하지 않게 x를 자릅니다.
        xc = np.clip(x, -50, 50)
        u = math.sqrt(2 / math.pi) * xc * (1 + 0.044715 * xc**2)
        z = np.exp(-2 * np.abs(u))  # 지수가 0 이하라서 z는 (0, 1] 안에 있습니다.
        return np.where(u >= 0, 1 / (1 + z), z / (1 + z))
    raise ValueError(f"{where}: approximate must be 'none' or 'tanh', got {approximate!r}")
# --8<-- [end:gelu_cdf]


# --8<-- [start:gelu]
def gelu(x, approximate="none"):
    """GELU: x·Φ(x). 인자는 PyTorch의 F.gelu와 같습니다(approximate="none" 또는 "tanh")."""
    x = as_float_array(x, "gelu(x)")
    cdf = gelu_cdf(x, approximate, "gelu()")
    # x = -inf이면 x·Φ(x) = -inf·0 = nan이 되므로, -inf를 가장 작은 유한수로 바꿉니다(극한값 0).
    return (np.maximum(x, np.finfo(x.dtype).min) * cdf)[()]
# --8<-- [end:gelu]


# --8<-- [start:gelu_grad]
def gelu_grad(x, approximate="none"):
    """GELU의 도함수 Φ(x) + x·φ(x). φ(x) = e^(-x²/2)/√(2π)는 표준 정규 분포의 확률 밀도 함수입니다."""
    x = as_float_array(x, "gelu_grad(x)")
    cdf = gelu_cdf(x, approximate, "gelu_grad()")
    # |x| > 50이면 x·φ(x)는 정확히 0이므로, x²이 오버플로하지 않게 x를 자릅니다.
    xc = np.clip(x, -50, 50)
    if approximate == "none":
        pdf = np.exp(-(xc**2) / 2) / math.sqrt(2 * math.pi)
    else:
        # tanh 근사 σ(2u)의 도함수 2σ'(2u)·u'(x), u = √(2/π)(x + 0.044715x³)
        k = math.sqrt(2 / math.pi)
        z = np.exp(-2 * np.abs(k * xc * (1 + 0.044715 * xc**2)))
        pdf = 2 * z / (1 + z) ** 2 * k * (1 + 3 * 0.044715 * xc**2)
    return (cdf + xc * pdf)[()]
# --8<-- [end:gelu_grad]


# --8<-- [start:silu]
def silu(x):
    """SiLU(Swish): x·σ(x) = x / (1 + e^-x). 어떤 실수를 넣어도 오버플로가 없습니다."""
    x = as_float_array(x, "silu(x)")
    z = np.exp(-np.abs(x))  # 지수가 0 이하라서 z는 (0, 1] 안에 있습니다.
    s = np.where(x >= 0, 1 / (1 + z), z / (1 + z))  # σ(x)
    # x = -inf이면 x·σ(x) = -inf·0 = nan이 되므로, -inf를 가장 작은 유한수로 바꿉니다(극한값 0).
    return (np.maximum(x, np.finfo(x.dtype).min) * s)[()]
# --8<-- [end:silu]


# --8<-- [start:silu_grad]
def silu_grad(x):
    """SiLU의 도함수 σ(x)(1 + x(1 - σ(x)))."""
    x = as_float_array(x, "silu_grad(x)")
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + z), z / (1 + z))  # σ(x)
    s_neg = np.where(x >= 0, z / (1 + z), 1 / (1 + z))  # 1 - σ(x) = σ(-x): 빼지 않아서 정확합니다.
    # x = ±inf이면 x·σ(-x) = inf·0 = nan이 되므로, x를 유한한 범위로 자릅니다(극한값은 그대로).
    info = np.finfo(x.dtype)
    return (s * (1 + np.clip(x, info.min, info.max) * s_neg))[()]
# --8<-- [end:silu_grad]


# --8<-- [start:check_alpha]
def check_alpha(alpha, dtype, where):
    """ELU의 α는 양의 유한한 실수이고, x의 dtype으로 나타낼 수 있어야 합니다(float16이면 65504 이하).

    where는 오류 메시지에 쓸 이름입니다.
    """
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: alpha must be a real number, got {alpha!r}")
    try:
        a = float(alpha)  # 파이썬 float이라 x의 dtype을 바꾸지 않습니다.
    except OverflowError:  # 10**400 같은 아주 큰 정수
        raise ValueError(f"{where}: alpha must be positive and finite, got {alpha!r}") from None
    if not (np.isfinite(a) and a > 0):
        raise ValueError(f"{where}: alpha must be positive and finite, got {a!r}")
    if a > float(np.finfo(dtype).max):  # x의 dtype으로 바꾸면 inf가 되어 결과가 틀립니다.
        raise ValueError(f"{where}: alpha {a!r} does not fit in {np.dtype(dtype)}")
    return a
# --8<-- [end:check_alpha]


# --8<-- [start:elu]
def elu(x, alpha=1.0):
    """ELU: x > 0이면 x, 아니면 α(e^x - 1). 음수 쪽은 -α로 부드럽게 포화합니다."""
    x = as_float_array(x, "elu(x)")
    a = check_alpha(alpha, x.dtype, "elu()")
    # np.where는 두 식을 모두 계산하므로, e^x가 오버플로하지 않게 음수 쪽 값만 넣습니다.
    # np.expm1(x) = e^x - 1은 x가 0 근처일 때도 정확합니다.
    return np.where(x > 0, x, a * np.expm1(np.minimum(x, 0)))[()]
# --8<-- [end:elu]


# --8<-- [start:elu_grad]
def elu_grad(x, alpha=1.0):
    """ELU의 도함수: x > 0이면 1, x <= 0이면 α·e^x. x = 0에서는 PyTorch처럼 α를 씁니다."""
    x = as_float_array(x, "elu_grad(x)")
    a = check_alpha(alpha, x.dtype, "elu_grad()")
    return np.where(x > 0, 1, a * np.exp(np.minimum(x, 0)))[()]
# --8<-- [end:elu_grad]
