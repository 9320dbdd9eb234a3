"""GELU, SiLU and ELU and their derivatives: against mpmath, scipy and PyTorch, plus the page's facts and figures."""

import inspect
import math

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import scipy.special
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.modern import elu, elu_grad, gelu, gelu_grad, gelu_tanh, silu, silu_grad
from activations.pages import FACTS, compute_fact
from activations.pages.modern import extremum, silu_gelu_scale
from conftest import drawn

DPS = 50  # far more digits than float64 has: the references are exact for our purposes


@pytest.fixture(autouse=True, scope="module")
def mpmath_precision():
    with mpmath.workdps(DPS):
        yield


def K():
    return mpmath.sqrt(2 / mpmath.pi)  # √(2/π) of the tanh approximation, at the current precision


# -- references, computed in mpmath from the definitions --------------------------------


def ref_gelu(x):
    return x * mpmath.ncdf(x)


def ref_gelu_tanh(x):
    # x (1 + tanh u) / 2 with u = √(2/π)(x + 0.044715 x³). 1 + tanh(u) = 2 / (1 + e^-2u) keeps the
    # negative tail exact in mpmath too (its exponent range is unbounded).
    u = K() * (x + mpmath.mpf("0.044715") * x**3)
    return x / (1 + mpmath.exp(-2 * u))


def ref_silu(x):
    return x / (1 + mpmath.exp(-x))


def ref_elu(x, alpha=1.0):
    return x if x > 0 else alpha * mpmath.expm1(x)


def reference(func, x, derivative=False):
    """func (an mpmath reference) or its derivative (mpmath.diff), element by element, as float64."""
    values = np.asarray(x, dtype=np.float64)

    def one(v):
        v = mpmath.mpf(float(v))
        return float(mpmath.diff(func, v) if derivative else func(v))

    return np.array([one(v) for v in values.ravel()], dtype=np.float64).reshape(values.shape)


FUNCTIONS = {  # name -> (our function, its derivative or None, mpmath reference)
    "gelu": (gelu, gelu_grad, ref_gelu),
    "gelu_tanh": (gelu_tanh, None, ref_gelu_tanh),
    "silu": (silu, silu_grad, ref_silu),
    "elu": (elu, elu_grad, ref_elu),
}
WITH_GRAD = [name for name, (_, grad, _) in FUNCTIONS.items() if grad is not None]
ALL_FUNCTIONS = [gelu, gelu_grad, gelu_tanh, silu, silu_grad, elu, elu_grad]

finite = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)
wide = st.floats(-1e5, 1e5, allow_nan=False, allow_infinity=False)  # mpmath's erfc overflows far beyond
moderate = st.floats(-40, 40, allow_nan=False, allow_infinity=False)


def arrays(elements, dtype=np.float64):
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=2, max_side=6), elements=elements)


# -- against mpmath (float64) ---------------------------------------------------------


@pytest.mark.parametrize("name", ["gelu", "silu", "elu"])
@given(x=arrays(wide))
def test_function_matches_mpmath(name, x):
    f, _, ref = FUNCTIONS[name]
    # rtol: erfc(-x/√2) magnifies the rounding of -x/√2 by about x² in GELU's far negative tail (see below).
    np.testing.assert_allclose(f(x), reference(ref, x), rtol=1e-12, atol=1e-300)


@given(x=arrays(wide))
def test_gelu_tanh_matches_mpmath_to_the_digits_its_formula_keeps(x):
    # The textbook form x/2 (1 + tanh u), as PyTorch computes it: 1 + tanh(u) is accurate to about eps
    # in absolute terms, so the error is bounded by eps·|x| rather than relative to the tiny tail value.
    error = np.abs(gelu_tanh(x) - reference(ref_gelu_tanh, x))
    assert np.all(error <= 1e-13 * np.abs(reference(ref_gelu_tanh, x)) + 4e-16 * np.abs(x))


@pytest.mark.parametrize("name", WITH_GRAD)
@given(x=arrays(moderate))
def test_derivative_matches_mpmath(name, x):
    _, grad, ref = FUNCTIONS[name]
    x = np.where(x == 0, 0.5, x) if name == "elu" else x  # ELU has a kink at 0 unless α = 1; see below
    # atol: each derivative crosses zero somewhere, where only absolute accuracy is meaningful.
    np.testing.assert_allclose(grad(x), reference(ref, x, derivative=True), rtol=1e-11, atol=1e-15)


@given(st.floats(-30, 30), st.floats(0.05, 5))
def test_elu_with_alpha_matches_mpmath(x, alpha):
    np.testing.assert_allclose(elu(x, alpha=alpha), float(ref_elu(mpmath.mpf(x), alpha)), rtol=1e-14, atol=1e-300)
    if abs(x) > 1e-9:  # mpmath.diff's step must not reach across the kink at 0
        expected = float(mpmath.diff(lambda t: ref_elu(t, alpha), mpmath.mpf(x)))
        np.testing.assert_allclose(elu_grad(x, alpha=alpha), expected, rtol=1e-12)


def test_elu_grad_at_zero_is_alpha_as_in_pytorch():
    for alpha in (0.5, 1.0, 2.0):
        x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        F.elu(x, alpha=alpha).sum().backward()
        assert elu_grad(0.0, alpha=alpha) == x.grad.item() == alpha


# -- GELU's accuracy in ulps: what the page says ---------------------------------------


def ulps(ours, exact, dtype):
    """|ours - exact| in units of the last place of `dtype` at the exact value."""
    exact = np.asarray(exact, dtype=np.float64)
    return np.abs(ours.astype(np.float64) - exact) / np.spacing(np.abs(exact).astype(dtype)).astype(np.float64)


@given(arrays(st.floats(-14, 14, width=32), dtype=np.float32))
def test_gelu_float32_is_within_one_ulp(x):
    # Computed in float64 and rounded once: below 1 ulp of float32 (measured: at most about 0.5).
    assert np.all(ulps(gelu(x), reference(ref_gelu, x), np.float32) < 1)


@given(arrays(st.floats(-37, 8)))
def test_gelu_float64_loses_about_x_squared_ulps_in_the_negative_tail(x):
    # The page's sentence: ndtr computes erfc(-x/√2), and the rounding of -x/√2 costs about x² ulps.
    # Measured on a dense grid: <= 3 ulps for x >= -1, 11 near -1.3, 52 on [-6, -3], 242 on [-12, -6],
    # 1816 on [-37, -12]; never more than 2x² + 16.
    u = ulps(gelu(x), reference(ref_gelu, x), np.float64)
    assert np.all(u <= 2 * x * x + 16)
    assert np.all(u[x >= -1] <= 3)


def test_gelu_matches_the_erf_form_where_it_has_not_lost_its_digits():
    # The definition's (1 + erf(x/√2))/2, on a million points at once, where 1 + erf has not yet cancelled.
    x = np.linspace(-6, 6, 1_000_001)
    np.testing.assert_allclose(gelu(x), x / 2 * (1 + scipy.special.erf(x / math.sqrt(2))), rtol=1e-9, atol=1e-15)


@given(arrays(moderate))
def test_derivatives_match_scipy_closed_forms(x):
    pdf = np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)
    np.testing.assert_allclose(gelu_grad(x), scipy.special.ndtr(x) + x * pdf, rtol=1e-10, atol=1e-15)
    s = scipy.special.expit(x)
    np.testing.assert_allclose(silu_grad(x), s * (1 + x * scipy.special.expit(-x)), rtol=1e-10, atol=1e-15)


# -- against PyTorch ------------------------------------------------------------------

TORCH = {
    "gelu": (lambda t: F.gelu(t), {}),
    "gelu_tanh": (lambda t: F.gelu(t, approximate="tanh"), {}),
    "silu": (F.silu, {}),
    "elu": (lambda t: F.elu(t), {}),
    "elu_alpha": (lambda t: F.elu(t, alpha=0.3), {"alpha": 0.3}),
}
OURS = {"gelu": "gelu", "gelu_tanh": "gelu_tanh", "silu": "silu", "elu": "elu", "elu_alpha": "elu"}
# (rtol, atol) per dtype. PyTorch computes 1 + erf (or 1 + tanh), which loses the digits of the
# negative tail (down to 0) where we keep the tiny true value (checked against mpmath above):
# atol covers that difference, of the order of the dtype's eps.
TOL = {np.float64: (1e-12, 1e-14), np.float32: (2e-6, 1e-6), np.float16: (4e-3, 2e-3)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16])
@pytest.mark.parametrize("name", sorted(TORCH))
@given(data=st.data())
def test_function_and_derivative_match_pytorch(name, dtype, data):
    torch_f, kwargs = TORCH[name]
    f, grad, _ = FUNCTIONS[OURS[name]]
    x = data.draw(hnp.arrays(dtype, st.integers(1, 20), elements=st.floats(-20, 20, width=16)))
    t = torch.from_numpy(x).requires_grad_()
    y = torch_f(t)
    y.sum().backward()
    rtol, atol = TOL[dtype]
    out = f(x, **kwargs)
    assert out.dtype == dtype
    np.testing.assert_allclose(out.astype(np.float64), y.detach().double().numpy(), rtol=rtol, atol=atol)
    if grad is not None:  # the tanh approximation's derivative is not on the page
        d_out = grad(x, **kwargs)
        assert d_out.dtype == dtype
        np.testing.assert_allclose(d_out.astype(np.float64), t.grad.double().numpy(), rtol=rtol, atol=atol)


# -- identities, as a check that does not go through any reference ---------------------


@given(arrays(finite))
def test_odd_part_is_x(x):
    # Φ(x) + Φ(-x) = 1 and σ(x) + σ(-x) = 1, so f(x) - f(-x) = x for GELU (exact and tanh) and SiLU.
    for f in (gelu, gelu_tanh, silu):
        np.testing.assert_allclose(f(x) - f(-x), x, rtol=1e-14, atol=1e-300)


@given(arrays(moderate))
def test_derivative_even_part_is_one(x):
    for grad in (gelu_grad, silu_grad):
        np.testing.assert_allclose(grad(x) + grad(-x), 1.0, rtol=1e-12)


@given(arrays(finite))
def test_tanh_approximation_is_close_to_exact_gelu(x):
    assert np.all(np.abs(gelu_tanh(x) - gelu(x)) <= 5e-4)


# -- infinities, nan, huge values, dtypes ----------------------------------------------

INFINITIES = {  # function: (value at -inf, value at +inf); nan where x·σ(x) or x·Φ(x) meets -inf·0, as in PyTorch
    gelu: (np.nan, np.inf),
    gelu_grad: (0.0, 1.0),  # clipped to ±40 first: the limits (PyTorch's autograd gives nan)
    gelu_tanh: (np.nan, np.inf),
    silu: (np.nan, np.inf),
    silu_grad: (np.nan, np.nan),
    elu: (-1.0, np.inf),
    elu_grad: (0.0, 1.0),
}
LIMITS = {  # function: (limit at -inf, limit at +inf), reached at the largest finite numbers
    gelu: (0.0, np.inf),
    gelu_grad: (0.0, 1.0),
    gelu_tanh: (0.0, np.inf),
    silu: (0.0, np.inf),
    silu_grad: (0.0, 1.0),
    elu: (-1.0, np.inf),
    elu_grad: (0.0, 1.0),
}


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_infinities_and_nan(func, dtype):
    x = np.array([-np.inf, np.inf, np.nan], dtype=dtype)
    gives_nan = np.isnan(INFINITIES[func]).any()
    if gives_nan:  # 0·inf: NumPy says so with a warning rather than silently
        with pytest.warns(RuntimeWarning, match="invalid value"):
            out = func(x)
    else:
        out = func(x)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out[:2], np.array(INFINITIES[func], dtype=dtype))
    assert np.isnan(out[2])


@pytest.mark.parametrize("func", [gelu, gelu_tanh, silu])
def test_nan_at_minus_infinity_is_pytorchs_too(func):
    torch_f = {gelu: F.gelu, gelu_tanh: lambda t: F.gelu(t, approximate="tanh"), silu: F.silu}[func]
    assert torch.isnan(torch_f(torch.tensor(-np.inf, dtype=torch.float64)))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_largest_finite_values_give_no_warning(func, dtype):
    big = np.finfo(dtype).max
    x = np.array([-big, big], dtype=dtype)
    out = func(x)  # filterwarnings = error: an overflow warning fails here
    low, high = LIMITS[func]
    np.testing.assert_array_equal(out, np.array([low, big if high == np.inf else high], dtype=dtype))


def test_plus_minus_1e308():
    x = np.array([-1e308, 1e308])
    assert gelu(x).tolist() == [0.0, 1e308] == gelu_tanh(x).tolist() == silu(x).tolist()
    assert elu(x).tolist() == [-1.0, 1e308]
    for grad in (gelu_grad, silu_grad, elu_grad):
        assert grad(x).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("x", [-10.0, -30.0, -37.0])
def test_negative_tail_keeps_its_digits(x):
    # 1 + erf(x/√2) would round to 0 here (PyTorch returns 0); ndtr keeps the tiny true value.
    assert gelu(x) != 0 and F.gelu(torch.tensor(x, dtype=torch.float64)).item() == 0
    np.testing.assert_allclose(gelu(x), float(ref_gelu(mpmath.mpf(x))), rtol=1e-12)
    np.testing.assert_allclose(gelu_grad(x), float(mpmath.diff(ref_gelu, mpmath.mpf(x))), rtol=1e-11)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_keeps_float_dtype_and_shape(func, dtype):
    x = np.linspace(-3, 3, 12, dtype=dtype).reshape(3, 4)
    out = func(x)
    assert out.dtype == dtype and out.shape == (3, 4)
    expected = func(x.astype(np.float64))
    np.testing.assert_allclose(out.astype(np.float64), expected, rtol=4 * np.finfo(dtype).eps, atol=np.finfo(dtype).eps)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_integers_become_float64(func):
    out = func(np.array([-2, 0, 3], dtype=np.int32))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, func(np.array([-2.0, 0.0, 3.0])))
    assert func([1, 2]).dtype == np.float64


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_scalars_give_scalars(func):
    for x in (1.5, np.array(1.5), np.float64(1.5), 2):
        out = func(x)
        assert isinstance(out, np.float64) and np.ndim(out) == 0
    out32 = func(np.float32(1.5))
    assert isinstance(out32, np.float32)
    assert out == func(np.array([2.0]))[0]


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(0,), (2, 0)])
def test_empty_arrays(func, shape):
    for dtype in (np.float16, np.float32, np.float64):
        out = func(np.zeros(shape, dtype=dtype))
        assert out.shape == shape and out.dtype == dtype


# -- bad input and masked arrays ------------------------------------------------------


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_x(func):
    for bad in ("1.0", np.array(["1.0"]), None):
        with pytest.raises(TypeError):
            func(bad)
    with pytest.raises(ValueError):
        func([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_masked_entries_stay_masked(func):
    x = np.ma.array([-2.0, 3.0, 1e308], mask=[False, False, True])
    out = func(x)
    np.testing.assert_array_equal(np.ma.getmaskarray(out), [False, False, True])
    np.testing.assert_array_equal(out.compressed(), func(np.array([-2.0, 3.0])))


@pytest.mark.parametrize("func", [elu, elu_grad], ids=lambda f: f.__name__)
def test_bad_alpha(func):
    for alpha in ("1", None):
        with pytest.raises(TypeError):
            func(1.0, alpha=alpha)
    with pytest.raises(OverflowError):
        func(-1.0, alpha=10**400)
    with pytest.warns(RuntimeWarning, match="overflow"):  # float16 cannot hold α = 1e5: a warning, not silence
        func(np.array([-1.0], dtype=np.float16), alpha=1e5)


def test_alpha_keeps_dtype():
    x = np.array([-1.0, 1.0], dtype=np.float16)
    assert elu(x, alpha=2.0).dtype == np.float16 == elu_grad(x, alpha=3).dtype


# -- the page's facts, each against an independent computation --------------------------


def shows(name, value, decimals=3):
    assert compute_fact(name) == f"{value:.{decimals}f}", name


def gelu_scipy(x):
    return x * scipy.special.ndtr(x)


def gelu_grad_scipy(x):
    return scipy.special.ndtr(x) + x * np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)


def test_silu_is_gelu_enlarged_fact():
    # σ(x) ≈ Φ(x/c) with the smallest largest error, so SiLU(x) ≈ c·GELU(x/c): found here by SciPy.
    def worst(c):
        x = np.linspace(-10, 10, 4001)
        return np.max(np.abs(scipy.special.expit(x) - scipy.special.ndtr(x / c)))

    best = scipy.optimize.minimize_scalar(worst, bounds=(1.5, 2.0), method="bounded", options={"xatol": 1e-6})
    assert abs(silu_gelu_scale() - best.x) < 1e-3
    assert compute_fact("modern_silu_gelu_scale") == f"{best.x:.1f}"
    # The page: the smallest point of SiLU lies about c times as far out as GELU's.
    ratio = float(compute_fact("modern_silu_min_x")) / float(compute_fact("modern_gelu_min_x"))
    assert f"{ratio:.1f}" == compute_fact("modern_silu_gelu_scale")


def test_gelu_facts():
    # GELU' = Φ + xφ; GELU'' = φ(2 - x²): the derivative is largest at x = √2.
    shows("modern_gelu_grad_max_x", math.sqrt(2))
    shows("modern_gelu_grad_max", gelu_grad_scipy(math.sqrt(2)))
    x_min = scipy.optimize.brentq(gelu_grad_scipy, -3, 0, xtol=1e-14)  # GELU is smallest where GELU' = 0
    shows("modern_gelu_min_x", x_min)
    shows("modern_gelu_min", gelu_scipy(x_min))


def test_silu_facts():
    x_min = mpmath.findroot(lambda t: mpmath.diff(ref_silu, t), -1.3)
    shows("modern_silu_min_x", float(x_min))
    shows("modern_silu_min", float(ref_silu(x_min)))
    x_max = mpmath.findroot(lambda t: mpmath.diff(ref_silu, t, 2), 2.4)
    shows("modern_silu_grad_max_x", float(x_max))
    shows("modern_silu_grad_max", float(mpmath.diff(ref_silu, x_max)))


def test_tanh_approximation_error_fact():
    def minus_error(x):
        return -abs(float(ref_gelu_tanh(mpmath.mpf(x)) - ref_gelu(mpmath.mpf(x))))

    best = scipy.optimize.minimize_scalar(minus_error, bounds=(2, 3.5), method="bounded", options={"xatol": 1e-10})
    mantissa, exponent = f"{-best.fun:.1e}".split("e")
    assert compute_fact("modern_gelu_tanh_max_error") == rf"{mantissa} \times 10^{{{int(exponent)}}}"
    # The error is even in x, so the other peak is as high.
    np.testing.assert_allclose(minus_error(-best.x), best.fun, rtol=1e-12)


def normal_expectation(f):
    return scipy.integrate.quad(lambda z: f(z) * np.exp(-z * z / 2) / math.sqrt(2 * math.pi), -np.inf, np.inf)[0]


def test_output_mean_facts():
    shows("modern_mean_relu", 1 / math.sqrt(2 * math.pi))  # E[max(0, Z)]
    shows("modern_mean_gelu", 1 / (2 * math.sqrt(math.pi)))  # E[Z Φ(Z)] = E[φ(Z)] (Stein's lemma)
    shows("modern_mean_silu", normal_expectation(lambda z: z * scipy.special.expit(z)))
    # E[ELU(Z)] = E[max(0, Z)] + E[e^Z - 1; Z < 0] = 1/√(2π) + √e Φ(-1) - 1/2
    shows("modern_mean_elu", 1 / math.sqrt(2 * math.pi) + math.exp(0.5) * scipy.special.ndtr(-1) - 0.5)


def test_elu_default_alpha_fact_is_pytorchs_default():
    # The page says "PyTorch의 기본값은 α = ...": the value must be PyTorch's, and ours must agree.
    torch_default = inspect.signature(F.elu).parameters["alpha"].default
    assert compute_fact("modern_elu_default_alpha") == f"{torch_default:g}"
    assert inspect.signature(elu).parameters["alpha"].default == torch_default


def test_extremum_finds_a_known_peak():
    x, y = extremum(lambda t: 2 - (t - 0.3) ** 2, -5, 5)
    # Near a smooth peak f changes by only (dx)², so x is found to about √eps, y to eps.
    assert abs(x - 0.3) < 1e-7 and abs(y - 2) < 1e-15
    x, y = extremum(np.abs, -2, 1, find=np.argmin)
    assert abs(x) < 1e-9 and y < 1e-9


def test_every_modern_fact_is_checked_here():
    checked = {
        "modern_gelu_grad_max", "modern_gelu_grad_max_x", "modern_gelu_min", "modern_gelu_min_x",
        "modern_silu_min", "modern_silu_min_x", "modern_silu_grad_max", "modern_silu_grad_max_x",
        "modern_gelu_tanh_max_error", "modern_elu_default_alpha", "modern_silu_gelu_scale",
        "modern_mean_relu", "modern_mean_gelu", "modern_mean_silu", "modern_mean_elu",
    }  # fmt: skip
    assert {name for name in FACTS if name.startswith("modern_")} == checked


# -- the page's figures ---------------------------------------------------------------


def lines_by_label(fig):
    return {line.get_label(): line for ax in fig.axes for line in ax.get_lines()}


def test_curves_figure_draws_the_functions():
    with drawn("modern_curves") as fig:
        lines = lines_by_label(fig)
    x = lines["GELU"].get_xdata()
    np.testing.assert_allclose(lines["GELU"].get_ydata(), gelu_scipy(x), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(lines["SiLU"].get_ydata(), x * scipy.special.expit(x), rtol=1e-12)
    np.testing.assert_allclose(lines["ReLU"].get_ydata(), np.maximum(x, 0))
    elu_line = next(line for label, line in lines.items() if label.startswith("ELU"))
    np.testing.assert_allclose(elu_line.get_ydata(), F.elu(torch.from_numpy(x)).numpy(), rtol=1e-12)


@pytest.mark.parametrize(
    ("name", "torch_f"),
    [("modern_gelu_curve", F.gelu), ("modern_silu_curve", F.silu), ("modern_elu_curve", F.elu)],
)
def test_curve_figures_draw_f_and_its_autograd_derivative(name, torch_f):
    with drawn(name) as fig:
        solid, dashed = [line for line in fig.axes[0].get_lines() if line.get_label().startswith("$")][:2]
    t = torch.from_numpy(np.asarray(solid.get_xdata(), dtype=np.float64)).requires_grad_()
    y = torch_f(t)
    y.sum().backward()
    np.testing.assert_allclose(solid.get_ydata(), y.detach().numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dashed.get_ydata(), t.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_tanh_error_figure():
    with drawn("modern_gelu_tanh_error") as fig:
        (line,) = (line for line in fig.axes[0].get_lines() if len(line.get_xdata()) > 2)
    x = line.get_xdata()
    expected = [float(ref_gelu_tanh(mpmath.mpf(v)) - ref_gelu(mpmath.mpf(v))) for v in x[::50]]
    np.testing.assert_allclose(line.get_ydata()[::50], expected, rtol=1e-6, atol=1e-15)
