"""The notebooks (notebooks/, made by tests/make_notebooks.py) and how the site shows them.

- The committed notebooks are exactly what the generator makes from the pages and exercises now.
- A lesson notebook holds the page's code blocks as the docs tests run them, and plain notebook
  Markdown ($ math, no snippets, tabs, admonitions or placeholders).
- Every notebook runs top to bottom in a fresh kernel in an empty folder: no error, nothing on
  stderr (no warning), and every cell that draws shows its figure.
- The built site: a download link (and, with repo_url, a Colab link) on every lesson page, the
  exercise pages next to their lessons, with Korean anchors, MathML, one shared stylesheet, folded
  solutions, under 150 KB, and search entries without notebook noise.
"""

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
from types import SimpleNamespace

import nbformat
import pytest
from traitlets.config import Config

from conftest import load_hook
from docs_blocks import OUTPUT, SiteView
from make_notebooks import NOTEBOOKS, ROOT, cells_of, exercises, expected, lessons, page_cells

KERNEL_CONFIG = Config(json.loads((ROOT / "docs/hooks/jupyter/jupyter_nbconvert_config.json").read_text("utf-8")))
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


# -- running them -------------------------------------------------------------------------------


async def execute(path, slots):
    """Run notebook `path` in a fresh kernel whose working folder is a new empty one."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    async with slots:
        with tempfile.TemporaryDirectory() as folder:
            # The site's kernel settings (docs/hooks/jupyter/): encrypted transport, no waiting at shutdown.
            resources = {"metadata": {"path": folder}}
            client = NotebookClient(notebook, config=KERNEL_CONFIG, timeout=120, resources=resources)
            # A reader's environment: tests/docs_blocks.py sets MPLBACKEND=Agg, which would hide the figures.
            env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
            try:
                await client.async_execute(env=env)
            except Exception as error:  # reported by the notebook's own test
                return error
            leftovers = os.listdir(folder)
    return notebook, leftovers


@pytest.fixture(scope="module")
def executed():
    """{lesson notebook: (executed notebook, files it left) or its error}, two kernels at a time.

    The exercise notebooks are not run here: the site build runs each of them top to bottom in a
    fresh kernel (mkdocs-jupyter's converter, allow_errors=False; docs/hooks/notebooks.py fails the
    build on stderr), and test_exercise_page_shows_that_each_solution_passes reads what they printed.
    """

    async def run_all():
        slots = asyncio.Semaphore(2)  # the machines have 2 cores
        paths = {f"{name}.ipynb": NOTEBOOKS / f"{name}.ipynb" for name in lessons()}
        results = await asyncio.gather(*(execute(path, slots) for path in paths.values()))
        return dict(zip(paths, results, strict=True))

    return asyncio.run(run_all())


@pytest.mark.parametrize("relative", [f"{name}.ipynb" for name in lessons()])
def test_lesson_notebook_runs_top_to_bottom_in_a_fresh_kernel(executed, relative):
    result = executed[relative]
    if isinstance(result, Exception):
        pytest.fail(f"notebooks/{relative} failed: {result}", pytrace=False)
    notebook, leftovers = result
    assert leftovers == [], f"notebooks/{relative} wrote {leftovers} into its folder"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        stderr = [out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stderr"]
        assert not stderr, f"notebooks/{relative}: a cell wrote to stderr:\n{cell.source}\n{stderr}"
        if "import matplotlib" in cell.source:
            figures = [out for out in cell.outputs if "image/png" in out.get("data", {})]
            assert figures, f"notebooks/{relative}: this cell draws but shows no figure:\n{cell.source}"


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
