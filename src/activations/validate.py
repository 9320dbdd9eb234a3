"""Checks shared by every activation function: what counts as a valid input."""

# --8<-- [start:as_float_array]
import numpy as np


def as_float_array(x, where):
    """x를 실수 배열로 바꿉니다. where는 오류 메시지에 쓸 이름입니다(예: "sigmoid(x)").

    float16/32/64는 그 dtype을 그대로 두고, 정수는 float64로 바꿉니다.
    문자열, 불리언, 복소수처럼 실수가 아닌 입력은 TypeError를 냅니다.
    """
    try:
        arr = np.asarray(x)
    except ValueError as error:  # 예: 길이가 서로 다른 중첩 리스트
        raise ValueError(f"{where}: cannot make an array of the input: {error}") from None
    if arr.dtype.kind in "iu":
        return arr.astype(np.float64)
    if arr.dtype.kind != "f":
        raise TypeError(f"{where}: expected real numbers, got dtype {arr.dtype}")
    return arr
# --8<-- [end:as_float_array]
