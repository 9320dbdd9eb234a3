"""The docs plugin itself (tests/docs_blocks.py): #> checking, --update-outputs, containers."""

import subprocess
import sys
import textwrap
from pathlib import Path

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


def run_pytest(page, *options):
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
            str(page),
            *options,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_wrong_output_fails_and_update_outputs_rewrites_it(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    result = run_pytest(page)
    assert result.returncode == 1 and "2 failed" in result.stdout, result.stdout
    assert "printed output differs from the block's #> lines" in result.stdout

    assert run_pytest(page, "--update-outputs").returncode == 0
    assert page.read_text(encoding="utf-8") == UPDATED
    result = run_pytest(page)
    assert result.returncode == 0 and "2 passed" in result.stdout, result.stdout


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
