# %% [markdown]
# # 연습 문제: 기울기 소실 측정하기
#
# [기울기 소실 측정하기](../vanishing-gradient.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch


--8<-- "exercises/_check.py:check"

# %% [markdown]
# ## 문제 1: 시그모이드 층을 지난 기울기를 예측하고 재기
#
# 층마다 뉴런이 하나이고, 가중치 1, 편향 0인 층 \(n = 10\)개가 시그모이드 함수(sigmoid)를 연달아 적용합니다: \(h_k = \sigma(h_{k-1})\), \(h_0 = 0\).
# 시그모이드 함수의 미분값은 어디서나 \(0.25\) 이하이므로, 처음 입력에 대한 기울기 \(\partial h_n / \partial h_0\)는 \(0.25^n\) 이하입니다.
#
# 1. 이 상한 \(0.25^{n}\)을 계산해 `bound`에 넣습니다.
# 2. PyTorch의 자동 미분(autograd)으로 실제 기울기를 재서 `measured`에 넣습니다(float64로 계산합니다).
#
# 실제 기울기는 상한보다도 작습니다. 둘째 층부터는 입력이 \(\sigma(0) = 0.5\) 이상이라 미분값이 0.25보다 작기 때문입니다.

# %%
n = 10

# %% tags=["exercise"]
bound = ...
measured = ...

# %% tags=["check"]
def sigmoid_chain(answers):
    bound_value, measured_value = answers
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(n):
        h = torch.sigmoid(h)
    h.backward()
    return np.isclose(bound_value, 0.25**n, rtol=1e-12) and np.isclose(measured_value, x.grad.item(), rtol=1e-9)


check((bound, measured), sigmoid_chain, "상한은 0.25를 n번 곱한 값입니다. 측정값은 h.backward() 뒤의 x.grad입니다.")

# %% tags=["solution"]
bound = 0.25**n

x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
h = x
for _ in range(n):
    h = torch.sigmoid(h)
h.backward()
measured = x.grad.item()
print(f"상한 {bound:.3e}, 측정값 {measured:.3e}")


# %% tags=["wrong"]
bound = 0.25 * n  # 흔한 실수: 곱해야 할 것을 더함
measured = 3.875220e-07


# %% [markdown]
# ## 문제 2: 깊은 신경망에서 첫 층과 마지막 층의 기울기 비율
#
# 사이트의 실험과 같은 신경망입니다. 폭 64인 선형층 15개에 활성화 함수를 붙이고, 입력 256개의 배치를 넣은 뒤
# 손실 \(L = \operatorname{mean}(h_L)\)로 역전파를 한 번 합니다. 가중치는 Xavier 초기화로 뽑았습니다.
# 아래 셀의 `model_with(activation)`은 그 신경망을 PyTorch로 만들어 돌려줍니다.
#
# 시그모이드 함수와 렐루(ReLU) 각각에 대해, 마지막 층과 첫 층의 가중치 기울기(gradient) 크기(프로베니우스 노름, Frobenius norm)의 비율
# \(r = \|\partial L / \partial W_{15}\| \,/\, \|\partial L / \partial W_1\|\)을 구해 `r_sigmoid`, `r_relu`에 넣습니다.
# \(r\)이 클수록 첫 층의 기울기가 작습니다. 어느 쪽이 더 클지 먼저 예측해 봅시다.

# %%
def model_with(activation, depth=15, width=64, seed=0):
    torch.manual_seed(seed)
    layers = []
    for _ in range(depth):
        linear = torch.nn.Linear(width, width, dtype=torch.float64)
        torch.nn.init.xavier_normal_(linear.weight)  # N(0, 2 / (fan_in + fan_out))
        torch.nn.init.zeros_(linear.bias)
        layers += [linear, activation()]
    return torch.nn.Sequential(*layers)


x = torch.rand(256, 64, dtype=torch.float64, generator=torch.Generator().manual_seed(1))

# %% tags=["exercise"]
r_sigmoid = ...
r_relu = ...

# %% tags=["check"]
def ratio(activation):
    model = model_with(activation)
    model(x).mean().backward()
    norms = [layer.weight.grad.norm().item() for layer in model if isinstance(layer, torch.nn.Linear)]
    return norms[-1] / norms[0]


check(
    (r_sigmoid, r_relu),
    lambda r: np.isclose(r[0], ratio(torch.nn.Sigmoid), rtol=1e-9) and np.isclose(r[1], ratio(torch.nn.ReLU), rtol=1e-9),
    "비율이 다릅니다. backward() 뒤에 첫 층과 마지막 층의 weight.grad.norm()을 나눕니다(마지막 / 첫).",
)

# %% tags=["solution"]
def last_over_first(activation):
    model = model_with(activation)
    model(x).mean().backward()
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    return (linears[-1].weight.grad.norm() / linears[0].weight.grad.norm()).item()


r_sigmoid = last_over_first(torch.nn.Sigmoid)
r_relu = last_over_first(torch.nn.ReLU)
print(f"시그모이드 함수: {r_sigmoid:.3g}배, 렐루: {r_relu:.3g}배")


# %% tags=["wrong"]
def first_over_last(activation):  # 흔한 실수: 첫 층 / 마지막 층
    model = model_with(activation)
    model(x).mean().backward()
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    return (linears[0].weight.grad.norm() / linears[-1].weight.grad.norm()).item()


r_sigmoid = first_over_last(torch.nn.Sigmoid)
r_relu = first_over_last(torch.nn.ReLU)
