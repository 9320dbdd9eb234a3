"""The original note's bugs cannot come back, into a page's code or into src/.

Running the blocks already catches most of them (a NameError fails the block's test), but
code in src/ that no test happens to reach would not be caught by running alone. So every
.py file in src/ and every code block of the pages is also read with `note_bugs`, which
recognises each kind of bug the note had; the last tests check that it recognises every
one of the note's actual blocks, as docs/errata.md shows them.
"""

import ast
import builtins
import re
from pathlib import Path

import pytest

from test_docs import PAGES, collected_blocks

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src").rglob("*.py"))
MODULE_NAMES = {"__name__", "__file__", "__doc__", "__spec__", "__builtins__"}


def note_bugs(source):
    """The note's kinds of bug found in `source`, one line each (empty if none)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [f"line {error.lineno}: does not parse: {error.msg}"]
    bound = bound_names(tree) | set(dir(builtins)) | MODULE_NAMES
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_numpy(node.value) and node.attr == "range":
            problems.append(f"line {node.lineno}: np.range does not exist (np.arange)")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if is_numpy(node.func.value) and name in {"max", "min", "amax", "amin"} and len(node.args) > 1:
                problems.append(f"line {node.lineno}: np.{name} with 2 positional arguments: the 2nd is an axis")
            if name == "plot":
                problems += plot_mismatches(node)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound:
            problems.append(f"line {node.lineno}: name {node.id!r} is not defined")
    return problems


def is_numpy(node):
    return isinstance(node, ast.Name) and node.id in {"np", "numpy"}


def plot_mismatches(call):
    """plot(x, y, ...) with literal lists for x and y of different lengths."""
    args = [arg for arg in call.args if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
    problems = []
    for x, y in zip(args[0::2], args[1::2], strict=False):  # a lone last argument is x values only
        if isinstance(x, (ast.List, ast.Tuple)) and isinstance(y, (ast.List, ast.Tuple)) and len(x.elts) != len(y.elts):
            problems.append(f"line {call.lineno}: plot with {len(x.elts)} x values and {len(y.elts)} y values")
    return problems


def bound_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def lesson_blocks():
    for page in PAGES:
        for block in collected_blocks(page):
            if block.runner_name != "OriginalNote":
                yield pytest.param(block.source, id=f"{page.name}:{block.start_line}")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_src_has_none_of_the_note_bugs(path):
    assert note_bugs(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", list(lesson_blocks()))
def test_lesson_blocks_have_none_of_the_note_bugs(source):
    assert note_bugs(source) == []


# -- the checker itself recognises each of the note's bugs -------------------------

ORIGINAL = re.compile(r"^```\{\.python \.original-note\}\n(.*?)^```\n", re.S | re.M)
NOTE_BLOCKS = ORIGINAL.findall((ROOT / "docs" / "errata.md").read_text(encoding="utf-8"))
EXPECTED = ["does not parse", "np.range", "plot with 2 x values and 4 y values", "plot with 1 x values and 2 y values",
            "np.max with 2 positional", "name 'exp' is not defined"]


@pytest.mark.parametrize(("code", "expected"), list(zip(NOTE_BLOCKS, EXPECTED, strict=True)), ids=EXPECTED)
def test_each_bug_of_the_note_is_recognised(code, expected):
    assert any(expected in problem for problem in note_bugs(code)), note_bugs(code)


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("return 1 / (1 + np.exp(-x))", "return 1 / (1 + np.exp(-x)"),
        ("np.arange(-5.0, 5.0, 0.1)", "np.range(-5.0, 5.0, 0.1)"),
        ("np.maximum(0, x)", "np.max(0, x)"),
        ("np.sum(np.exp(x))", "np.sum(exp(x))"),
        ('plt.plot([0, 0], [0, 1], ":")', 'plt.plot([0, 0], [1, 0, 0, 0], ":")'),
    ],
)
def test_a_bug_put_back_into_real_code_is_recognised(good, bad):
    """Re-insert a bug into the site's code: where the fix stood, the bug is found."""
    source = "import numpy as np\nimport matplotlib.pyplot as plt\nx = np.zeros(3)\n\n\ndef f(x):\n    " + good + "\n"
    assert note_bugs(source) == []
    assert note_bugs(source.replace(good, bad))
