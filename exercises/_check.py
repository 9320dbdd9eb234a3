"""The check that every exercise notebook uses (included into its first code cell)."""


# --8<-- [start:check]
def check(answer, passed, hint):
    """answer가 맞는지 알려 줍니다. passed(answer)가 참이면 정답입니다. 틀리면 hint를 보여 줍니다."""
    import warnings

    answers = answer if isinstance(answer, tuple) else (answer,)
    if any(a is ... for a in answers):
        print("아직입니다: ...를 여러분의 답으로 바꾸고, 그 셀과 이 셀을 다시 실행합니다.")
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # 오버플로 같은 경고도 틀린 것으로 봅니다.
            ok = bool(passed(answer))
    except NotImplementedError:
        print("아직입니다: 함수 본문의 raise NotImplementedError를 여러분의 코드로 바꿉니다.")
        return
    except Exception as error:  # 여러분의 코드에서 난 오류를 그대로 보여 줍니다.
        print(f"아직입니다: {type(error).__name__}: {error}")
        return
    print("정답입니다!" if ok else f"아직입니다: {hint}")
# --8<-- [end:check]
