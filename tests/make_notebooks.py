"""Make the notebooks in notebooks/ from their one source each.

    .venv/bin/python tests/make_notebooks.py

- Lesson notebooks: docs/NAME.md -> notebooks/NAME.ipynb, the page as its reader sees it:
  prose -> markdown cells, every ```python block -> a code cell (snippets expanded, #> lines
  dropped: the cell's output shows them), content tabs -> a short heading per tab, admonitions
  -> quoted text, {{ fact }} -> its value, \\( \\) and \\[ \\] -> $ and $$ (Jupyter, Colab).
- Exercise notebooks: exercises/NAME.py (jupytext percent) -> notebooks/exercises/NAME.ipynb.
  Cells tagged `exercise` are what the reader fills in, `check` says whether the answer is right,
  `solution` is the answer: after it the generator adds a copy of the check, so that running the
  notebook shows that the solution passes. Cells tagged `wrong` hold a typical mistake that the
  check must reject (tests/test_exercises.py); they are not put into the notebook. A cell tagged
  `setup` (the check helper) is folded on the site, like the solutions.

The page expansion is the one the docs tests use (tests/docs_blocks.py), so a notebook cell is
exactly the code that `pytest docs` runs. The output is byte-stable: no outputs, cell ids made
from the cell's content. tests/test_notebooks.py fails when a committed notebook is stale.
"""

import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import jupytext
import nbformat

from docs_blocks import CONTAINER, OUTPUT, SiteView, unindent_containers

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
EXERCISES = ROOT / "exercises"
NOT_LESSONS = {"index", "errata"}  # the home page; the original note's failing code

FENCE = re.compile(r"^(`{3,})\s*(\{?\.?[\w-]*)")
HEADING = re.compile(r"^(#{1,6}) ")
FIGURE = re.compile(r"!\[([^\]]*)\]\(figures/[^)]+\.svg\)")
LINK = re.compile(r"\[([^\]]*)\]\(([\w-]+)\.md(#[^)]*)?\)")
CODE_SPAN = re.compile(r"(`+).+?\1")
INLINE_MATH = re.compile(r"\\\((.+?)\\\)")
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
SOLUTION_NOTE = "**풀이** (먼저 직접 풀어 본 다음에 봅시다. 아래에서 확인 셀을 한 번 더 실행합니다.)"


def lessons():
    """The lesson pages: every page of docs/ but the home page and the errata."""
    return sorted(p.stem for p in DOCS.glob("*.md") if p.stem not in NOT_LESSONS)


def exercises():
    """The lessons that have an exercise notebook (exercises/NAME.py)."""
    return sorted(p.stem for p in EXERCISES.glob("*.py") if not p.stem.startswith("_"))


def _load_hook(name):
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", DOCS / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(DOCS / "hooks"))  # as MkDocs loads a hook: it imports its helpers (snapshot.py)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DOCS / "hooks"))
    return module


def fill_facts(text, where):
    """{{ name }} -> the fact's value, by the site's own hook (same errors for unknown names)."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri=where))
    return _load_hook("facts").on_page_markdown(text, page=page, config=None, files=None)


# -- lesson pages ------------------------------------------------------------------


def prose(line, lessons_with_notebooks):
    """One line of page prose as notebook Markdown."""
    if line.strip() == r"\[" or line.strip() == r"\]":
        return line.replace(r"\[", "$$").replace(r"\]", "$$")
    line = FIGURE.sub(r"*그림: \1 (그림은 사이트의 같은 페이지에 있습니다.)*", line)

    def link(match):
        text, page, anchor = match.group(1), match.group(2), match.group(3) or ""
        # Another lesson: its notebook, next to this one. A page with no notebook: just the words.
        return f"[{text}]({page}.ipynb{anchor})" if page in lessons_with_notebooks else text

    line = LINK.sub(link, line)
    # Math outside `code spans`: \( x \) -> $x$.
    parts, last = [], 0
    for span in CODE_SPAN.finditer(line):
        parts.append(INLINE_MATH.sub(lambda m: f"${m.group(1).strip()}$", line[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(INLINE_MATH.sub(lambda m: f"${m.group(1).strip()}$", line[last:]))
    return "".join(parts)


def page_cells(name):
    """The cells of lesson `name`: [(\"markdown\" | \"code\", source)]."""
    return cells_of(fill_facts((DOCS / f"{name}.md").read_text(encoding="utf-8"), f"{name}.md"), f"docs/{name}.md")


def cells_of(text, where):
    """The cells of a page's Markdown (facts already filled)."""
    lines, _ = SiteView().expand_snippets(text.splitlines())
    flat = unindent_containers(lines)  # same length: line i of `flat` is line i of `lines`
    with_notebooks = set(lessons())

    cells, markdown, code = [], [], None
    stack, level = [], 1  # open containers ("tab" | "note"); level of the last heading

    def flush():
        while markdown and not markdown[-1][1].strip():
            markdown.pop()
        while markdown and not markdown[0][1].strip():
            markdown.pop(0)
        if markdown:
            out = []
            for i, (quoted, text) in enumerate(markdown):
                if not text.strip():  # a blank line inside a quote keeps the quote going
                    after = next((q for q, t in markdown[i + 1 :] if t.strip()), False)
                    quoted = quoted and after
                if not (out and not out[-1].strip() and not text.strip()):
                    out.append(("> " + text).rstrip() if quoted else text)
            cells.append(("markdown", "\n".join(out)))
        markdown.clear()

    for original, line in zip(lines, flat, strict=True):
        indent = len(original) - len(original.lstrip(" "))
        if code is not None:  # inside a fence
            fence, is_python, body, quoted = code
            if line.startswith(fence) and not line.strip("`"):
                if is_python:
                    cells.append(("code", "\n".join(body).strip("\n")))
                else:
                    markdown.extend((quoted, t) for t in [f"{fence}{body[0]}", *body[1:], fence])
                code = None
            elif not (is_python and OUTPUT.match(line)):
                body.append(line)
            continue
        if CONTAINER.match(original):
            stack = stack[: indent // 4]
            kind, _, title = original.strip().partition(" ")  # === "NumPy" or !!! tip "제목"
            if not kind.startswith("==="):
                kind_word, _, title = title.partition(" ")
                title = title if title.strip() else kind_word.capitalize()  # no title: the type, as rendered
            title = title.strip().strip('"')
            if kind.startswith("==="):
                stack.append("tab")
                flush()
                markdown.append((False, f"{'#' * min(level + 1, 6)} {title}"))
            else:
                stack.append("note")
                markdown.append((False, ""))
                if title:  # !!! note "" has no title line
                    markdown.append((True, f"**{title}**"))
            continue
        if line.strip():
            stack = stack[: (indent - (len(line) - len(line.lstrip(" ")))) // 4]
        quoted = "note" in stack
        fence = FENCE.match(line)
        if fence:
            is_python = fence.group(2).lstrip("{.") in ("python", "py", "python3")
            if is_python:
                flush()
            code = (fence.group(1), is_python, [] if is_python else [line[len(fence.group(1)) :]], quoted)
            continue
        heading = HEADING.match(line)
        if heading and not quoted:
            flush()
            level = len(heading.group(1))
        markdown.append((quoted, prose(line, with_notebooks)))
    flush()
    if code is not None:
        raise ValueError(f"{where}: a code block is not closed")
    return cells


def lesson_notebook(name):
    cells = page_cells(name)
    title = cells[0][1].splitlines()[0].lstrip("# ")
    note = (
        f"이 노트북은 사이트의 「{title}」 페이지를 그대로 옮긴 것입니다. "
        "코드 셀은 하나하나가 따로 실행되도록 만들어져 있으니, 위에서부터 차례로 실행해 봅시다."
    )
    if name in exercises():
        note += f" 다 읽었으면 [연습 문제](exercises/{name}.ipynb)를 풀어 봅시다."
    title_line, _, rest = cells[0][1].partition("\n")
    cells[0] = ("markdown", "\n\n".join(part for part in [title_line, note, rest.strip("\n")] if part))
    return to_json([(kind, source, []) for kind, source in cells])


# -- exercises ---------------------------------------------------------------------


def exercise_cells(name):
    """The cells of exercises/NAME.py as written: [(kind, source, tags)], snippets expanded."""
    source = EXERCISES / f"{name}.py"
    text = fill_facts(source.read_text(encoding="utf-8"), f"exercises/{name}.py")
    lines, _ = SiteView().expand_snippets(text.splitlines())
    notebook = jupytext.reads("\n".join(lines) + "\n", fmt="py:percent")
    with_notebooks = set(lessons())
    cells = []
    for cell in notebook.cells:
        source = cell.source.strip("\n")
        if cell.cell_type == "markdown":
            source = "\n".join(prose(line, with_notebooks) for line in source.splitlines())
        cells.append((cell.cell_type, source, list(cell.metadata.get("tags", []))))
    return cells


def exercise_notebook(name):
    """The exercise notebook: after each solution, a note before it and its check again after it."""
    cells, check = [], None
    for kind, source, tags in exercise_cells(name):
        if "wrong" in tags:  # a typical mistake that the check must reject: for the tests only
            continue
        if "check" in tags:
            check = source
        if "solution" in tags:
            if check is None:
                raise ValueError(f"exercises/{name}.py: a solution cell with no check cell before it")
            cells += [("markdown", SOLUTION_NOTE, ["solution", "solution-note"]), (kind, source, tags)]
            cells.append(("code", check, ["solution", "check"]))
            check = None
        else:
            cells.append((kind, source, tags))
    return to_json(cells)


# -- writing -----------------------------------------------------------------------


def to_json(cells):
    """The notebook as byte-stable JSON: no outputs, ids from the content."""
    seen = {}
    nb_cells = []
    for kind, source, tags in cells:
        digest = hashlib.sha256(f"{kind}\0{source}".encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        metadata = {"tags": tags} if tags else {}
        if kind == "code":
            cell = nbformat.v4.new_code_cell(source, id=cell_id, metadata=metadata)
        else:
            cell = nbformat.v4.new_markdown_cell(source, id=cell_id, metadata=metadata)
        nb_cells.append(cell)
    notebook = nbformat.v4.new_notebook(cells=nb_cells, metadata=METADATA)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"  # Jupyter's own layout: saving it again changes nothing


def expected():
    """{path under notebooks/: JSON text} for every notebook there should be."""
    made = [(f"{name}.ipynb", f"docs/{name}.md", lesson_notebook, name) for name in lessons()]
    made += [(f"exercises/{name}.ipynb", f"exercises/{name}.py", exercise_notebook, name) for name in exercises()]
    out = {}
    for relative, source, make, name in made:
        try:
            out[relative] = make(name)
        except Exception as error:
            why = f"{type(error).__name__}: {error}"
            raise RuntimeError(f"{source}: cannot make notebooks/{relative}: {why}") from error
    return out


def main():
    wanted = expected()
    written = 0
    for relative, text in wanted.items():
        path = NOTEBOOKS / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    for path in NOTEBOOKS.rglob("*.ipynb"):
        if path.relative_to(NOTEBOOKS).as_posix() not in wanted:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)}")
    print(f"{len(wanted)} notebooks in notebooks/, {written} rewritten")


if __name__ == "__main__":
    sys.exit(main())
