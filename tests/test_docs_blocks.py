"""The docs plugin itself (tests/docs_blocks.py): #> checking, --update-outputs, containers,
failures named by the page's own lines, missing snippets.

The pages here are written into a temporary directory and run by pytest in a subprocess,
as `pytest docs` runs the real ones: all of them in one run, then --update-outputs once.
(`fresh` is what --update-outputs must make of `stale`: the first run checks that it passes.)
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docs_blocks import unindent_containers

ROOT = Path(__file__).resolve().parents[1]

PAGE = """\
# 페이지

```python
def show(v):
    print(v)


for i in range(2):
    print(i)
show("a")
#> stale
```

=== "탭"

    ```python
    print(1 + 1)
    ```
"""

# A failure after a snippet: the id and the report give the page's lines (3, 8 and 4), not those
# of the page with the snippet expanded.
INCLUDED = """\
# 페이지

```python
--8<-- "src/activations/softmax.py:softmax"


print(softmax([0.0, 0.0]))
softmax(["a"])
```
"""

# A missing section fails its own block (the others run), naming the page, the line and the section.
MISSING = """\
# 페이지

```python
--8<-- "src/activations/softmax.py:no_such_section"
```

```python
print(1)
#> 1
```
"""

UPDATED = """\
# 페이지

```python
def show(v):
    print(v)


for i in range(2):
    print(i)
    #> 0
    #> 1
show("a")
#> a
```

=== "탭"

    ```python
    print(1 + 1)
    #> 2
    ```
"""


def run_pytest(*pages_and_options):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(ROOT),
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:hypothesispytest",  # these pages need no hypothesis; its import is a third of the run
            "-n",
            "0",  # one process: a few small pages
            *map(str, pages_and_options),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The pages above, written into a directory, and one pytest run over all of them."""
    root = tmp_path_factory.mktemp("pages")
    paths = {}
    for name, text in {"stale": PAGE, "fresh": UPDATED, "included": INCLUDED, "missing": MISSING}.items():
        paths[name] = root / f"{name}.md"
        paths[name].write_text(text, encoding="utf-8")
    return paths, run_pytest(*paths.values())


def test_the_run_reports_each_failing_block_and_runs_the_others(pages):
    _, result = pages
    assert result.returncode == 1 and "4 failed, 3 passed" in result.stdout, result.stdout


def test_wrong_output_fails_and_update_outputs_rewrites_it(pages):
    paths, result = pages
    assert "printed output differs from the block's #> lines" in result.stdout
    page = paths["stale"]
    assert run_pytest(page, "--update-outputs").returncode == 0
    assert page.read_text(encoding="utf-8") == UPDATED  # which passed in the first run


def test_a_failure_after_a_snippet_is_reported_at_the_lines_of_the_page(pages):
    paths, result = pages
    page = paths["included"]
    assert "FAILED ::[CodeFence#1][line:3]" in result.stdout, result.stdout
    report = result.stdout[result.stdout.index(f"Error in the code block of {page}, line 3:") :]
    assert f'File "{page}", line 8, in <module>\n    softmax(["a"])' in report, report
    included = 'in the code that --8<-- "src/activations/softmax.py:softmax" includes, in softmax'
    assert f'File "{page}", line 4, {included}' in report, report
    assert "ufunc 'maximum' did not contain a loop" in report


def test_a_missing_snippet_fails_its_block_naming_page_line_and_section(pages):
    paths, result = pages
    expected = (
        f'{paths["missing"]}, line 4: --8<-- "src/activations/softmax.py:no_such_section": '
        "Snippet section 'no_such_section' could not be located"
    )
    assert expected in result.stdout, result.stdout
    assert "FAILED ::[CodeFence#1][line:3]" in result.stdout


def test_containers_are_unindented_and_line_numbers_kept():
    lines = textwrap.dedent("""\
        !!! note "제목"

            === "NumPy"

                ```python
                x = 1
                ```

            ===+ "PyTorch"

                ```python
                y = 2
                ```
        끝
        """).splitlines()
    out = unindent_containers(lines)
    assert len(out) == len(lines)
    assert out[4:7] == ["```python", "x = 1", "```"]
    assert out[10:13] == ["```python", "y = 2", "```"]
    assert out[-1] == "끝"
