"""The notebooks (notebooks/, made by tests/make_notebooks.py) and how the site shows them.

- The committed notebooks are exactly what the generator makes from the pages and exercises now.
- A lesson notebook holds the page's code blocks as the docs tests run them, and plain notebook
  Markdown ($ math, no snippets, tabs, admonitions or placeholders).
- Every notebook runs top to bottom in a fresh kernel in an empty folder, in the site build: no
  error, nothing on stderr (no warning), every cell that draws shows its figure, no file left.
- The built site: a download link (and, with repo_url, a Colab link) on every lesson page, the
  exercise pages next to their lessons, with Korean anchors, MathML, one shared stylesheet, folded
  solutions, under 150 KB, and search entries without notebook noise.
"""

import json
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import nbformat
import pytest

from conftest import load_hook
from docs_blocks import OUTPUT, SiteView
from make_notebooks import NOTEBOOKS, ROOT, cells_of, exercises, expected, lessons, page_cells

REGENERATE = ".venv/bin/python tests/make_notebooks.py"
NOTEBOOK_PAGE_BYTES = 150_000
COLAB = "https://colab.research.google.com/github/"


@pytest.fixture(scope="module")
def wanted():
    return expected()


def committed():
    return {path.relative_to(NOTEBOOKS).as_posix(): path for path in sorted(NOTEBOOKS.rglob("*.ipynb"))}


def test_committed_notebooks_are_regenerated(wanted):
    on_disk = committed()
    assert sorted(on_disk) == sorted(wanted), f"notebooks/ differs from the pages and exercises: run {REGENERATE}"
    stale = [name for name, path in on_disk.items() if path.read_text(encoding="utf-8") != wanted[name]]
    assert not stale, f"stale notebooks {stale}: run {REGENERATE}"


def test_every_lesson_has_a_notebook():
    assert lessons(), "no lesson page found"
    assert {f"{name}.ipynb" for name in lessons()} <= set(committed())
    assert set(exercises()) <= set(lessons())


@pytest.mark.parametrize("name", lessons())
def test_lesson_notebook_has_the_page_code_as_the_tests_run_it(name):
    page = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
    fences = [token for token in SiteView().parse(page) if token.type == "fence" and token.info.startswith("python")]
    blocks = ["\n".join(line for line in f.content.splitlines() if not OUTPUT.match(line)).strip("\n") for f in fences]
    cells = [source for kind, source in page_cells(name) if kind == "code"]
    assert cells == blocks


@pytest.mark.parametrize("relative", sorted(committed()))
def test_notebook_is_clean(relative):
    notebook = nbformat.read(NOTEBOOKS / relative, as_version=4)
    nbformat.validate(notebook)
    ids = [cell.id for cell in notebook.cells]
    assert len(set(ids)) == len(ids)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{relative}: a cell with outputs"
            assert not any(OUTPUT.match(line) for line in cell.source.splitlines()), f"{relative}: #> lines"
            assert "--8<--" not in cell.source
        else:
            for raw in (r"\(", r"\[", "{{", "--8<--", "](figures/", '=== "', "!!! ", "??? "):
                assert raw not in cell.source, f"{relative}: {raw!r} left in a Markdown cell:\n{cell.source}"


# -- running them (docs/hooks/notebook_runs.py, at build time) -----------------------------------


@pytest.mark.parametrize("name", lessons())
def test_lesson_notebook_ran_top_to_bottom_in_a_fresh_kernel(site, name):
    """The build's record of a clean run of the notebook as it is now (made now, or by an earlier build).

    Checked again here from what the kernel showed: every code cell ran, with no error and nothing
    on stderr (no warning); a cell that imports matplotlib shows its figure; no file was left behind.
    """
    _, _, cache = site
    runs, snapshot = load_hook("notebook_runs"), load_hook("snapshot")
    path = NOTEBOOKS / f"{name}.ipynb"
    record = snapshot.read(cache / "lessons" / f"{name}.json", runs.record_key(path))
    assert record is not None, f"the build kept no record of a clean run of notebooks/{name}.ipynb as it is now"
    code = [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    assert [cell["line"] for cell in record["cells"]] == [source.strip().partition("\n")[0] for source in code]
    for source, cell in zip(code, record["cells"], strict=True):
        assert cell["ran"] and not cell["error"] and not cell["stderr"], (source, cell)
        draws = runs.IMPORTS_MATPLOTLIB.search(source)
        assert not draws or cell["figures"], f"this cell draws but shows no figure:\n{source}"
    assert record["leftovers"] == []


def test_a_lesson_notebook_that_fails_stops_the_build_naming_its_cell(tmp_path, monkeypatch, caplog):
    """A real kernel: the failing cell is named, no record is kept, and once mended it runs, then is read back."""
    from mkdocs.exceptions import PluginError

    runs = load_hook("notebook_runs")
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path / "cache"))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    path = tmp_path / "notebooks" / "broken.ipynb"
    path.parent.mkdir()

    def write(*sources):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, path)

    write("x = 1", 'raise ValueError("일부러")', "print(x)")
    said = "notebooks/broken.ipynb: code cell 2 ('raise ValueError(\"일부러\")') failed: ValueError: 일부러"
    with pytest.raises(PluginError, match=f"^{re.escape(said)}$"):
        runs.on_post_build(config)
    assert not (tmp_path / "cache" / "lessons").exists()
    write("x = 1", "print(x)")
    with caplog.at_level("INFO", logger="mkdocs.hooks.notebook_runs"):
        runs.on_post_build(config)
        runs.on_post_build(config)
    assert [r.getMessage() for r in caplog.records] == [
        "lesson notebooks: 1 ran, 0 from cache", "lesson notebooks: 0 ran, 1 from cache"]


def executed_cell(source, *outputs):
    cell = nbformat.v4.new_code_cell(source, outputs=list(outputs))
    cell.execution_count = 1
    return cell


@pytest.mark.parametrize(
    ("cells", "leftovers", "said"),
    [
        ([executed_cell("import warnings\nwarnings.warn('w')",
                        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: w\n"))], [],
         "code cell 1 ('import warnings') wrote to stderr (a warning?): UserWarning: w"),
        ([executed_cell("import matplotlib.pyplot as plt\nplt.plot([1])")], [],
         "code cell 1 ('import matplotlib.pyplot as plt') imports matplotlib but shows no figure"),
        ([executed_cell("from matplotlib import pyplot as plt\nplt.plot([1])")], [],
         "code cell 1 ('from matplotlib import pyplot as plt') imports matplotlib but shows no figure"),
        ([executed_cell("x = 1"), nbformat.v4.new_code_cell("y = 2")], [], "code cell 2 ('y = 2') did not run"),
        ([executed_cell("open('out.txt', 'w').close()")], ["out.txt"], "left ['out.txt'] in the folder it ran in"),
        ([executed_cell("import matplotlib.pyplot as plt",
                        nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"}))], [], None),
    ],
    ids=["stderr", "no-figure", "no-figure-from", "did-not-run", "leftover", "clean"],
)
def test_what_keeps_a_run_from_being_clean_is_named(cells, leftovers, said):
    runs = load_hook("notebook_runs")
    assert runs.first_problem({"cells": [runs.summary(cell) for cell in cells], "leftovers": leftovers}) == said


def test_the_record_key_of_a_lesson_notebook_follows_it(tmp_path):
    runs = load_hook("notebook_runs")
    notebook = tmp_path / "made-up.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    first = runs.record_key(notebook)
    assert runs.record_key(notebook) == first
    notebook.write_text("{ }", encoding="utf-8")
    assert runs.record_key(notebook) != first


@pytest.mark.parametrize("name", exercises())
def test_exercise_page_shows_that_each_solution_passes(site, name):
    """The build ran the notebook: each check says "아직" after the stub and "정답" after the solution."""
    site_dir, _, _ = site
    html = page_html(site_dir, f"exercises/{name}.ipynb")
    said = {}
    for part in re.split(r"(<details[^>]*>.*?</details>)", html, flags=re.S):
        checks = re.findall(r'data-label="확인">.*?<pre class="notebook-output">(.*?)</pre>', part, re.S)
        said.setdefault(part.startswith("<details"), []).extend(text.strip() for text in checks)
    assert said[False] and all(text.startswith("아직입니다") for text in said[False]), said[False]
    assert said[True] == ["정답입니다!"] * len(said[False]), said[True]


# -- on the site ----------------------------------------------------------------------------------


def page_html(site_dir, uri):
    return (site_dir / uri.removesuffix(".md").removesuffix(".ipynb") / "index.html").read_text(encoding="utf-8")


def test_lesson_pages_link_their_notebooks_and_exercises(site):
    site_dir, log, _ = site
    for name in lessons():
        html = page_html(site_dir, f"{name}.md")
        links = re.search(r'<p class="notebook-links">(.*?)</p>', html)
        assert links, f"{name}.md has no notebook links"
        assert f'href="../{name}.ipynb"' in links[1] and "노트북 다운로드" in links[1]
        assert COLAB not in html, "no repo_url in mkdocs.yml, yet a Colab link"
        assert (site_dir / f"{name}.ipynb").read_bytes() == (NOTEBOOKS / f"{name}.ipynb").read_bytes()
        if name in exercises():
            last = re.findall(r'<p class="exercise-link">(.*?)</p>', html)
            assert last and f'href="../exercises/{name}/"' in last[0], f"{name}.md does not end with its exercises"
            # Next in the navigation (the footer's "next" link): the lesson's exercises.
            assert re.search(rf'<a href="../exercises/{name}/" class="md-footer__link md-footer__link--next"', html)
    said = [line for line in log.splitlines() if "no repo_url" in line]
    assert len(said) == 1 and said[0].startswith("INFO"), log


@pytest.mark.parametrize("name", exercises())
def test_exercise_page_is_the_sites_own_html(site, name):
    site_dir, _, _ = site
    html = page_html(site_dir, f"exercises/{name}.ipynb")
    size = len(html.encode("utf-8"))
    print(f"exercises/{name}: {size:,} bytes")
    assert size <= NOTEBOOK_PAGE_BYTES
    assert "<style" not in html and "jupyter-wrapper" not in html and "mathjax" not in html.lower()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]*notebook\.css)">', html)
    assert stylesheet and (site_dir / "exercises" / name / stylesheet[1]).resolve().is_file()
    ids = re.findall(r'<h[1-6] id="([^"]*)"', html)
    assert ids and all(re.search(r"[\uac00-\ud7a3]", i) for i in ids), ids
    assert len(set(ids)) == len(ids)
    toc = re.search(r'data-md-component="toc".*?</ul>', html, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets and set(targets) <= set(ids), (targets, ids)
    assert "<math" in html
    text = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\$[^$\s]", text), "raw $ math left"
    solutions = re.findall(r"<details[^>]*notebook-solution[^>]*>", html)
    assert solutions and not any("open" in tag for tag in solutions)
    assert "<strong>풀이</strong>" not in html, "the notebook's solution note: the summary says it here"
    download = re.search(r'<a href="([^"]+\.ipynb)" download', html)[1]
    source = NOTEBOOKS / "exercises" / f"{name}.ipynb"
    assert (site_dir / "exercises" / name / download).read_bytes() == source.read_bytes()
    lesson = re.search(r'<a href="(\.\./\.\./[\w-]+/)">', html)
    assert lesson and lesson[1] == f"../../{name}/", "the exercise page links back to its lesson"


def test_exercise_pages_search_entries_have_no_notebook_noise(site):
    site_dir, _, _ = site
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"].startswith("exercises/")]
    assert {doc["location"].split("/")[1] for doc in entries} == set(exercises())
    for doc in entries:
        for noise in ("In [", "Copied!", "¶", "$"):
            assert noise not in doc["title"] + doc["text"], (noise, doc["location"], doc["title"])


def test_with_a_repo_url_every_lesson_page_opens_in_colab(site, tmp_path):
    """A build with repo_url set (the same mkdocs.yml, one option changed) has the Colab links."""
    _, _, figure_cache = site  # drawn by the first build: this one draws nothing
    script = (
        "import logging, sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "logging.basicConfig(level=logging.INFO, format='%(levelname)s %(message)s')\n"
        "build(load_config('mkdocs.yml', repo_url=sys.argv[1], site_dir=sys.argv[2], strict=True))\n"
    )
    env = dict(os.environ, FIGURE_CACHE_DIR=str(figure_cache), NO_MKDOCS_2_WARNING="1")
    site_dir = tmp_path / "site"
    repo = "https://github.com/OWNER/REPO"
    result = subprocess.run(
        [sys.executable, "-c", script, repo, str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no repo_url" not in result.stderr
    base = "https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/"
    for name in lessons():
        assert f'href="{base}{name}.ipynb"' in page_html(site_dir, f"{name}.md"), name
    for name in exercises():
        assert f'href="{base}exercises/{name}.ipynb"' in page_html(site_dir, f"exercises/{name}.ipynb"), name


def test_page_markdown_becomes_notebook_cells():
    """Tabs, admonitions, snippets, math, figures, links and #> lines, on a made-up page."""
    page = "\n".join(
        [
            "# 제목",
            "",
            r"식 \(x^2\)와 [렐루](relu.md#식), [홈](index.md).",
            "",
            "![그래프](figures/sigmoid_curve.svg)",
            "",
            r"\[",
            r"y = \sigma(x)",
            r"\]",
            "",
            "## 절",
            "",
            '=== "NumPy"',
            "",
            "    ```python",
            '    --8<-- "src/activations/relu.py:relu"',
            "",
            "    print(relu(-1.0))",
            "    #> 0.0",
            "    ```",
            "",
            '!!! tip "알아 두기"',
            "",
            "    첫 줄입니다.",
            "",
            "    ```bash",
            "    ls",
            "    ```",
            "",
            "끝.",
        ]
    )
    cells = cells_of(page, "made-up.md")
    relu = SiteView().snippets.run(['--8<-- "src/activations/relu.py:relu"'])
    assert cells == [
        ("markdown", "# 제목\n\n식 $x^2$와 [렐루](relu.ipynb#식), 홈.\n\n"
         "*그림: 그래프 (그림은 사이트의 같은 페이지에 있습니다.)*\n\n$$\ny = \\sigma(x)\n$$"),
        ("markdown", "## 절"),
        ("markdown", "### NumPy"),
        ("code", "\n".join([*relu, "", "print(relu(-1.0))"])),
        ("markdown", "> **알아 두기**\n>\n> 첫 줄입니다.\n>\n> ```bash\n> ls\n> ```\n\n끝."),
    ]


def test_a_repo_url_that_is_not_on_github_stops_the_build():
    hook = load_hook("notebooks")
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"repo_url 'https://gitlab.com/o/r' is not https://github.com/OWNER/REPO"):
        hook.on_config(SimpleNamespace(repo_url="https://gitlab.com/o/r"))


def test_notebook_stylesheet_uses_the_sites_colours():
    """Colours come from Material's variables, so the exercise pages follow light and dark."""
    css = (ROOT / "docs" / "stylesheets" / "notebook.css").read_text(encoding="utf-8")
    colours = re.findall(r"(?:color|background|border[\w-]*)\s*:\s*([^;]+);", css)
    assert colours
    for value in colours:
        assert "var(--md-" in value or value.strip() == "white", value  # white: behind a drawn figure only


def test_a_page_the_generator_cannot_read_is_named():
    with pytest.raises(ValueError, match=r"^made-up\.md: a code block is not closed$"):
        cells_of("# 제목\n\n```python\nprint(1)\n", "made-up.md")


# -- exercise pages: made once, then read from the cache ------------------------------------------


def test_a_second_build_runs_no_notebook_and_loads_no_nbconvert(site, warm_site):
    _, cold_log, _ = site
    _, warm_log = warm_site
    count = len(exercises())
    rendered, from_cache = map(int, re.search(r"exercise pages: (\d+) rendered, (\d+) from cache", cold_log).groups())
    assert rendered + from_cache == count, cold_log  # rendered now, or by an earlier build (.cache/)
    assert f"exercise pages: 0 rendered, {count} from cache (nbconvert not loaded)" in warm_log
    count = len(lessons())
    ran, from_cache = map(int, re.search(r"lesson notebooks: (\d+) ran, (\d+) from cache", cold_log).groups())
    assert ran + from_cache == count, cold_log
    assert f"lesson notebooks: 0 ran, {count} from cache" in warm_log


def test_the_cache_key_of_an_exercise_page_follows_its_notebook(tmp_path):
    hook = load_hook("notebooks")
    config = SimpleNamespace(use_directory_urls=True)
    notebook = tmp_path / "made-up.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    first = hook.exercise_hash(notebook, config)
    assert hook.exercise_hash(notebook, config) == first
    notebook.write_text("{ }", encoding="utf-8")
    assert hook.exercise_hash(notebook, config) != first
    flat_urls = SimpleNamespace(use_directory_urls=False)  # other links to the lessons
    assert hook.exercise_hash(notebook, flat_urls) != hook.exercise_hash(notebook, config)


def test_an_exercise_notebook_that_fails_stops_the_build_naming_it(tmp_path, monkeypatch):
    hook = load_hook("notebooks")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(ROOT / "docs" / "hooks" / "jupyter"))  # as on_config sets it
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('raise ValueError("일부러 낸 오류")')])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="exercises/broken.ipynb"))
    from mkdocs.exceptions import PluginError

    said = r"^notebooks/exercises/broken\.ipynb: a cell failed: ValueError: 일부러 낸 오류$"
    with pytest.raises(PluginError, match=said):
        hook.exercise_page(path, page, config=None, files=None)
