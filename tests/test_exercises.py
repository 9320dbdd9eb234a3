"""The exercises (exercises/NAME.py): every check says "정답입니다!" for the solution and
"아직입니다" for the untouched stub and for a typical mistake (the `wrong` cell), so a broken
solution or a check that cannot fail is caught.

The cells run here in-process, as the notebook runs them: the setup cells before the check,
then the stub or the solution, then the check.
"""

import contextlib
import io

import pytest

from make_notebooks import exercise_cells, exercises

CORE_LESSONS = {"sigmoid", "tanh", "relu", "leaky-relu", "softmax", "output-layer", "vanishing-gradient"}


def parts(name):
    """[{"setup": [cells before the check], "exercise", "check", "solution", "wrong": sources}] of lesson `name`."""
    out, setup = [], []
    for kind, source, tags in exercise_cells(name):
        if kind != "code":
            continue
        if not tags or "setup" in tags:
            setup.append(source)
        if "exercise" in tags:
            out.append({"setup": list(setup)})
        for tag in ("exercise", "check", "solution", "wrong"):
            if tag in tags:
                if not out or tag in out[-1]:
                    raise AssertionError(f"exercises/{name}.py: a {tag} cell outside an exercise, or two in one")
                out[-1][tag] = source
    for number, exercise in enumerate(out, start=1):
        missing = {"exercise", "check", "solution", "wrong"} - set(exercise)
        if missing:
            raise AssertionError(f"exercises/{name}.py, exercise {number}: no {', '.join(sorted(missing))} cell")
    return out


CASES = [(name, i) for name in exercises() for i in range(len(parts(name)))]


def test_every_core_lesson_has_two_to_four_exercises():
    assert set(exercises()) == CORE_LESSONS
    counts = {name: len(parts(name)) for name in exercises()}
    assert all(2 <= n <= 4 for n in counts.values()), counts


def run(setup, answer, check):
    namespace = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for source in [*setup, answer]:
            exec(compile(source, "<exercise>", "exec"), namespace)
        printed.truncate(0)  # only what the check says
        printed.seek(0)
        exec(compile(check, "<check>", "exec"), namespace)
    return printed.getvalue()


@pytest.mark.parametrize(("name", "index"), CASES)
def test_check_accepts_the_solution(name, index):
    exercise = parts(name)[index]
    said = run(exercise["setup"], exercise["solution"], exercise["check"])
    assert said.strip() == "정답입니다!", f"exercises/{name}.py, exercise {index + 1}: the check says {said!r}"


@pytest.mark.parametrize("answer", ["exercise", "wrong"])
@pytest.mark.parametrize(("name", "index"), CASES)
def test_check_rejects_the_stub_and_a_typical_mistake(name, index, answer):
    exercise = parts(name)[index]
    said = run(exercise["setup"], exercise[answer], exercise["check"])
    assert said.startswith("아직입니다") and "정답" not in said, f"exercises/{name}.py, exercise {index + 1}: {said!r}"
