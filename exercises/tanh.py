# %% [markdown]
# # 연습 문제: 하이퍼볼릭탄젠트 함수
#
# [하이퍼볼릭탄젠트 함수](../tanh.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`와, 사이트의 시그모이드 함수 `sigmoid`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch


--8<-- "exercises/_check.py:check"


--8<-- "src/activations/sigmoid.py:sigmoid"

# %% [markdown]
# ## 문제 1: 시그모이드 함수로 만드는 하이퍼볼릭탄젠트 함수
#
# 하이퍼볼릭탄젠트 함수(tanh)는 시그모이드 함수를 가로로 절반 줄이고, 세로로 두 배 늘린 뒤 1만큼 내린 것입니다.
#
# \[
# \tanh(x) = 2\,\sigma(2x) - 1
# \]
#
# 위에서 정의한 `sigmoid`만 써서 `tanh_from_sigmoid(x)`를 만듭니다.
# 확인 셀은 \(-20\)부터 \(20\)까지의 값에서 `torch.tanh`와 비교합니다.

# %% tags=["exercise"]
def tanh_from_sigmoid(x):
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_tanh(f):
    x = np.linspace(-20, 20, 4001)
    expected = torch.tanh(torch.from_numpy(x)).numpy()
    return np.allclose(f(x), expected, rtol=0, atol=1e-12)


check(tanh_from_sigmoid, same_as_torch_tanh, "torch.tanh와 값이 다릅니다. 2σ(2x) - 1을 계산했는지 확인합니다.")

# %% tags=["solution"]
def tanh_from_sigmoid(x):
    return 2 * sigmoid(2 * np.asarray(x)) - 1


# %% tags=["wrong"]
def tanh_from_sigmoid(x):  # 흔한 실수: 2x가 아니라 x
    return 2 * sigmoid(np.asarray(x)) - 1


# %% [markdown]
# ## 문제 2: 꼬리에서도 정확한 도함수
#
# 도함수(derivative) \(\tanh'(x) = 1 - \tanh(x)^2\)을 그대로 계산하면 \(x = 20\)에서 0이 나옵니다.
# \(\tanh(20)\)이 float64에서 정확히 1로 반올림되기 때문입니다.
# 같은 값을 \(\tanh'(x) = \operatorname{sech}(x)^2\), \(\operatorname{sech}(x) = \dfrac{2 e^{-|x|}}{1 + e^{-2|x|}}\)로
# 계산하는 `tanh_grad_stable(x)`를 만듭니다. 지수가 0 이하라 오버플로도 없습니다.
# 확인 셀은 \(-30\)부터 \(30\)까지의 값에서, 파이썬 표준 라이브러리의 `decimal`로 50자리까지 계산한 값과 상대 오차로 비교합니다
# (PyTorch의 자동 미분(autograd)도 \(1 - \tanh(x)^2\)을 계산하므로 기준이 될 수 없습니다).

# %% tags=["exercise"]
def tanh_grad_stable(x):
    x = np.asarray(x, dtype=np.float64)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_exact(f):
    from decimal import Decimal, getcontext

    getcontext().prec = 50  # 유효숫자 50자리
    xs = np.linspace(-30, 30, 121)
    exact = [float(4 / (Decimal(x).exp() + (-Decimal(x)).exp()) ** 2) for x in xs]  # sech(x)^2
    return np.allclose(f(xs), exact, rtol=1e-12, atol=0)


check(tanh_grad_stable, same_as_exact, "정확한 값과 다릅니다. |x|가 큰 곳에서 0이 나오지 않는지 확인합니다.")

# %% tags=["solution"]
def tanh_grad_stable(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))  # 0 < z <= 1
    sech = 2 * z / (1 + z * z)
    return sech * sech


# %% tags=["wrong"]
def tanh_grad_stable(x):  # 흔한 실수: 1 - tanh(x)^2를 그대로 계산
    return 1 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2
