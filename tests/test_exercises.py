"""The exercises (exercises/NAME.py): every check says "정답입니다!" for the solution and
"아직입니다" for the untouched stub and for a typical mistake (the `wrong` cell), so a broken
solution or a check that cannot fail is caught.

The cells run here in-process, as the notebook runs them: the setup cells before the check,
then the stub or the solution, then the check.
"""

import contextlib
import io
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, requires

import pytest
from packaging.requirements import Requirement

from make_notebooks import ROOT, exercise_cells, exercises

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


def test_building_the_site_installs_what_the_exercises_import():
    """README's serve command installs only `.[docs]`, and the build runs every exercise notebook:
    each package an exercise imports must come with the `docs` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["docs"]]
    closure = set()
    while wanted:
        requirement = wanted.pop()
        name = requirement.name.lower().replace("_", "-")
        if name in closure or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        closure.add(name)
        wanted += [Requirement(r) for r in requires(name) or []]

    sources = sorted((ROOT / "exercises").glob("*.py"))
    statement = re.compile(r"(?m)^\s*(?:import|from)\s+(\w+)")
    imported = {module for p in sources for module in statement.findall(p.read_text(encoding="utf-8"))}
    providers = packages_distributions()
    missing = {
        module
        for module in imported - set(sys.stdlib_module_names)
        if not {d.lower().replace("_", "-") for d in providers.get(module, [])} & closure
    }
    assert sources and "torch" in imported
    assert not missing, f"exercises import {sorted(missing)}, which `pip install .[docs]` does not bring"
