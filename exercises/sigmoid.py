# %% [markdown]
# # 연습 문제: 시그모이드 함수
#
# [시그모이드와 기울기 소실](../sigmoid.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch


--8<-- "exercises/_check.py:check"

# %% [markdown]
# ## 문제 1: float32에서 오버플로가 시작되는 곳
#
# 식을 그대로 옮긴 `1 / (1 + np.exp(-x))`는 \(x\)가 절댓값이 큰 음수일 때 `np.exp(-x)`가 오버플로(overflow)합니다.
# PyTorch의 기본 자료형인 float32에서, `np.exp(-x)`가 오버플로하지 **않는** 가장 작은 정수 \(x\)를 찾습니다.
# \(x\)를 0에서 1씩 줄여 가며 `np.exp(np.float32(-x))`가 `inf`가 되는지 보면 됩니다.
# 오버플로 경고는 `with np.errstate(over="ignore"):` 안에서 계산하면 나오지 않습니다.

# %% tags=["exercise"]
answer = ...  # 정수 하나, 예: -50

# %% tags=["check"]
def overflows(x):
    with np.errstate(over="ignore"):
        return bool(np.isinf(np.exp(np.float32(-x))))


check(
    answer,
    lambda x: x == int(x) and not overflows(x) and overflows(x - 1),
    "그 x에서는 오버플로하지 않고, 1 작은 x에서는 오버플로해야 합니다.",
)

# %% tags=["solution"]
xs = np.arange(0, -200, -1).astype(np.float32)
with np.errstate(over="ignore"):
    overflow = np.isinf(np.exp(-xs))
answer = int(xs[~overflow][-1])  # 오버플로하지 않는 x 중 마지막(가장 작은) 값
print(answer)


# %% tags=["wrong"]
answer = -89  # 흔한 실수: 이미 오버플로하는 x


# %% [markdown]
# ## 문제 2: 수치적으로 안정적인 시그모이드 함수
#
# \(x\)의 부호에 따라 식을 골라, 어떤 \(x\)에서도 오버플로가 없는, 수치적으로 안정적인(numerically stable) `sigmoid_stable(x)`를 만듭니다.
# \(x \ge 0\)이면 \(1 / (1 + e^{-x})\), \(x < 0\)이면 \(e^{x} / (1 + e^{x})\)입니다.
# 두 식 모두 지수를 \(-|x|\)로 쓰면 `np.exp`에 0 이하의 수만 들어갑니다.
# 확인 셀은 \(-700\)부터 \(700\)까지의 값에서 `torch.sigmoid`와 비교하고, \(\pm 1000\)에서 경고 없이 0과 1이 나오는지 봅니다.
# 경고가 하나라도 나면 틀린 것으로 봅니다.

# %% tags=["exercise"]
def sigmoid_stable(x):
    x = np.asarray(x, dtype=np.float64)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch(f):
    x = np.concatenate([np.linspace(-700, 700, 1401), [-40.0, -1e-9, 0.0, 1e-9, 40.0]])
    expected = torch.sigmoid(torch.from_numpy(x)).numpy()
    extremes = f(np.array([-1000.0, 1000.0]))
    return np.allclose(f(x), expected, rtol=1e-12, atol=0) and np.array_equal(extremes, [0.0, 1.0])


check(sigmoid_stable, same_as_torch, "torch.sigmoid와 값이 다릅니다. 아주 작은 값에서 상대 오차도 작아야 합니다.")

# %% tags=["solution"]
def sigmoid_stable(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))  # 0 < z <= 1: 오버플로가 없습니다.
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


# %% tags=["wrong"]
def sigmoid_stable(x):  # 흔한 실수: 식을 그대로 옮김
    return 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))


# %% [markdown]
# ## 문제 3: 오른쪽 꼬리에서도 정확한 도함수
#
# 도함수(derivative)의 교과서 식 \(\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)\)을 그대로 계산하면 \(x = 40\)에서 0이 나옵니다.
# \(\sigma(40)\)이 float64에서 정확히 1로 반올림되기 때문입니다.
# 같은 값을 \(\sigma'(x) = e^{-|x|} / (1 + e^{-|x|})^2\)로 계산하는 `sigmoid_grad_stable(x)`를 만듭니다.
# 확인 셀은 파이썬 표준 라이브러리의 `decimal`로 50자리까지 계산한 값과 상대 오차로 비교합니다.
# PyTorch의 자동 미분(autograd)은 기준이 될 수 없습니다. `torch.sigmoid`의 역전파도 \(\sigma(1 - \sigma)\)를 계산해서 \(x = 40\)에서 0을 냅니다.

# %% tags=["exercise"]
def sigmoid_grad_stable(x):
    x = np.asarray(x, dtype=np.float64)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_exact(f):
    from decimal import Decimal, getcontext

    getcontext().prec = 50  # 유효숫자 50자리
    xs = np.linspace(-40, 40, 161)
    exact = [float(Decimal(x).exp() / (1 + Decimal(x).exp()) ** 2) for x in xs]
    return np.allclose(f(xs), exact, rtol=1e-12, atol=0)


check(sigmoid_grad_stable, same_as_exact, "정확한 값과 다릅니다. x = 40 근처도 살펴봅니다.")

# %% tags=["solution"]
def sigmoid_grad_stable(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))  # σ'는 좌우 대칭이므로 |x|로 계산해도 됩니다.
    return z / (1 + z) ** 2


# %% tags=["wrong"]
def sigmoid_grad_stable(x):  # 흔한 실수: 교과서의 식 σ(1 - σ)
    s = 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
    return s * (1 - s)
