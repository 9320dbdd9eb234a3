"""The notebooks of notebooks/ on the site.

- Lesson notebooks (notebooks/NAME.ipynb, made from docs/NAME.md by tests/make_notebooks.py) are
  copied next to their pages; each lesson page gets "노트북 다운로드" and, when mkdocs.yml has a
  GitHub `repo_url`, "Colab에서 열기" (Colab opens notebooks from the repository, not from the site).
- Exercise notebooks (notebooks/exercises/NAME.ipynb) become pages, and each lesson with exercises
  ends with a link to them. mkdocs-jupyter's converter runs each notebook top to bottom in a fresh
  kernel (a cell that fails stops the build) and renders it. Its HTML is then rebuilt from the cells
  as the site's own markup, closing mkdocs-jupyter 0.26.3's gaps: headings get the lesson pages'
  Korean ids (its slugify is ASCII-only) and the TOC points to them; $...$ becomes MathML like the
  lesson pages; its ~590 KB of inline CSS and its scripts give way to one shared
  stylesheets/notebook.css in Material's colours (light and dark); no prompts, copy widgets or
  nbconvert ¶ reach the search index; solutions are folded in <details>; a cell that wrote to
  stderr stops the build.
- Exercise pages are cached in .cache/exercises/ under a hash of the notebook, this code and the
  versions that shape them: a build where no notebook changed starts no kernel and imports no
  nbconvert (mkdocs-jupyter's plugin imports it on every build: about 1 s, more than half of a
  plain build).
"""

import hashlib
import html
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import snapshot  # docs/hooks/snapshot.py: the cache folder, entries stored under their key
from mathml import to_mathml  # the lesson pages' conversion (docs/hooks/mathml.py)

log = logging.getLogger("mkdocs.hooks.notebooks")
GITHUB = re.compile(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?")
STYLESHEET = "stylesheets/notebook.css"

colab = None  # https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/, or None
lessons, exercises = set(), set()  # names with a notebook in notebooks/ and notebooks/exercises/
converted, from_cache = [], 0  # this build's exercise pages: rendered (names), read back from the cache
# What an exercise page is made with, besides its notebook: the kernel's packages (the outputs),
# the converter and the code that rebuilds its HTML.
SHAPED_BY = ("numpy", "torch", "ipykernel", "mkdocs-jupyter", "nbconvert", "beautifulsoup4", "latex2mathml", "pygments")


def notebooks_dir(config):
    return Path(config.config_file_path).parent / "notebooks"


INLINE_STYLE = re.compile(r"<style\b.*?</style>", re.S)


def on_config(config):
    global colab
    # mkdocs-jupyter runs the exercise notebooks through nbconvert, which reads this folder's
    # jupyter_nbconvert_config.json: the kernel gets CurveZMQ keys, so ipykernel does not print
    # "WARNING | Kernel is running over TCP without encryption" into the build log, and it is
    # stopped at once when done instead of after a grace period. tests/test_notebooks.py uses it too.
    paths = [str(Path(__file__).parent / "jupyter"), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])]
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    colab = None
    if config.repo_url:
        match = GITHUB.fullmatch(config.repo_url)
        if not match:
            raise PluginError(f"mkdocs.yml: repo_url {config.repo_url!r} is not https://github.com/OWNER/REPO")
        colab = f"https://colab.research.google.com/github/{match[1]}/{match[2]}/blob/main/notebooks/"
    else:  # said once per build, not per page; INFO, since --strict fails on warnings
        log.info("notebooks: mkdocs.yml has no repo_url, so the pages have no 'Colab에서 열기' link")


class NotebookPage(File):
    """An exercise notebook as a page of the nav (MkDocs takes only Markdown files as pages)."""

    def is_documentation_page(self):
        return True


def on_files(files, config):
    global from_cache
    lessons.clear()
    exercises.clear()
    converted.clear()
    from_cache = 0
    folder = notebooks_dir(config)
    for path in sorted(folder.glob("*.ipynb")):
        if files.get_file_from_path(f"{path.stem}.md") is None:
            raise PluginError(f"notebooks/{path.name} has no page docs/{path.stem}.md (run tests/make_notebooks.py)")
        lessons.add(path.stem)
        files.append(File.generated(config, f"{path.stem}.ipynb", content=path.read_bytes()))
    for path in sorted((folder / "exercises").glob("*.ipynb")):
        if path.stem not in lessons:
            raise PluginError(f"notebooks/exercises/{path.name} has no lesson notebook notebooks/{path.name}")
        exercises.add(path.stem)
        files.append(NotebookPage(f"exercises/{path.name}", str(folder), config.site_dir, config.use_directory_urls))
        files.append(File.generated(config, download_uri(path.stem), content=path.read_bytes()))
    return files


def download_uri(name):
    """Where the exercise notebook of lesson `name` is downloaded from (next to its page)."""
    return f"exercises/{name}/{name}-exercises.ipynb"


def links(download, name, colab_path):
    """The download and Colab links of a notebook, as Markdown."""
    out = f'[노트북 다운로드]({download}){{ download="{name}" }}'
    if colab:
        out += f" · [Colab에서 열기]({colab}{colab_path})"
    return out + "\n{ .notebook-links }"


@event_priority(100)  # first: the other hooks see no notebook JSON as Markdown
def on_page_markdown(markdown, page, config, files):
    if is_exercise(page):
        return ""  # the page is made from the notebook, in on_page_content
    name = page.file.src_uri.removesuffix(".md")
    if name not in lessons:
        return markdown
    title, _, rest = markdown.partition("\n")
    if not title.startswith("# "):
        raise PluginError(f"{page.file.src_uri}: the notebook links go under the title, but line 1 is no '# ' title")
    markdown = f"{title}\n\n{links(f'{name}.ipynb', f'{name}.ipynb', f'{name}.ipynb')}\n{rest}"
    if name in exercises:
        markdown += (
            f"\n\n**연습 문제**: 이 페이지에서 배운 내용을 [연습 문제](exercises/{name}.ipynb)에서 직접 풀어 봅시다."
            " 답을 채우고 확인 셀을 실행하면 맞았는지 알려 줍니다.\n{ .exercise-link }\n"
        )
    return markdown


# -- exercise pages: mkdocs-jupyter's HTML, rebuilt as the site's own -----------------------

MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)  # as nbconvert leaves it in Markdown cells
LESSON_LINK = re.compile(r"^\.\./([\w-]+)\.ipynb(#.*)?$")
CELL_LABELS = {"exercise": "여기를 채웁니다", "check": "확인"}


def is_exercise(page):
    return page.file.src_uri.startswith("exercises/") and page.file.src_uri.endswith(".ipynb")


def on_page_content(html_text, page, config, files):
    """Exercise pages: the notebook's cells as the site's own HTML, from the cache or made now."""
    global from_cache
    if not is_exercise(page):
        return html_text
    path = Path(page.file.abs_src_path)
    name = path.stem
    cached, key = cache_dir(config) / f"{name}.json", exercise_hash(path, config)
    made = snapshot.read(cached, key)
    if made is None:
        made = exercise_page(path, page, config, files)
        snapshot.write(cached, key, made)
        converted.append(name)
    else:
        from_cache += 1
    page.toc = table_of_contents(made["headings"])
    links = f'\n<p class="notebook-links">{download_links(name, page)}</p>'
    return made["html"].replace("</h1>", "</h1>" + links, 1)


def cache_dir(config):
    return snapshot.cache_root(Path(config.config_file_path).parent) / "exercises"


def exercise_hash(path, config):
    digest = hashlib.sha256(path.read_bytes())
    for hook in ("notebooks.py", "mathml.py"):
        digest.update((Path(__file__).parent / hook).read_bytes())
    digest.update(snapshot.versions(SHAPED_BY).encode())
    digest.update(repr(config.use_directory_urls).encode())  # the links to the lessons
    return digest.hexdigest()[:16]


def exercise_page(path, page, config, files):
    """{"html": the page's content, "headings": [(level, id, text)]}: the notebook run and rendered."""
    from bs4 import BeautifulSoup  # comes with nbconvert
    from mkdocs_jupyter.convert import nb2html  # imports nbconvert: only when a notebook changed

    where = page.file.src_uri
    try:
        # The mkdocs-jupyter plugin's settings for these pages: run every cell, stop at the first
        # that fails (its default, allow_errors=True, would publish the traceback), no "In [1]:".
        html_text = nb2html(str(path), execute=True, allow_errors=False, no_prompt=True)
    except Exception as error:  # nbclient's CellExecutionError names the error the cell raised
        detail = f"{error.ename}: {error.evalue}" if hasattr(error, "ename") else f"{type(error).__name__}: {error}"
        raise PluginError(f"notebooks/{where}: a cell failed: {detail}") from error
    # The ~590 KB of inline CSS goes anyway; dropping it first makes the parse below 10x cheaper.
    soup = BeautifulSoup(INLINE_STYLE.sub("", html_text), "html.parser")
    cells = soup.select('[id^="cell-id="]')
    if not cells:
        raise PluginError(f"{where}: mkdocs-jupyter's HTML has no cells (changed template?)")
    blocks, headings = [], []  # [(tags, html)], [(level, id, text)]
    for cell in cells:
        # nbconvert puts a cell's tags as celltag_* classes: on the cell, or on a Markdown cell's body.
        classes = [*cell.get("class", []), *(c for div in cell.select(".jp-RenderedMarkdown") for c in div["class"])]
        tags = {c.removeprefix("celltag_") for c in classes if c.startswith("celltag_")}
        if "jp-MarkdownCell" in cell["class"]:
            blocks.append((tags, markdown_cell(cell, page, files, headings, config)))
        else:
            blocks.append((tags, code_cell(cell, where)))
    content = "\n".join(fold_solutions(blocks))
    if "</h1>" not in content:
        raise PluginError(f"{where}: the exercise notebook must start with a '# ' title")
    return {"html": content, "headings": headings}


def markdown_cell(cell, page, files, headings, config):
    from bs4 import BeautifulSoup

    body = cell.select_one(".jp-RenderedMarkdown")
    for mark in body.select("a.anchor-link"):  # nbconvert's ¶, with an ASCII-only id
        mark.decompose()
    # The lesson pages' ids: the toc extension's slugify from mkdocs.yml (pymdownx.slugs keeps Hangul).
    slugify = config.mdx_configs.get("toc", {}).get("slugify")
    if slugify is None:
        raise PluginError("mkdocs.yml: the exercise pages take their heading ids from toc's slugify, which is not set")
    taken = {id_ for _, id_, _ in headings}
    for heading in body.select("h1, h2, h3, h4, h5, h6"):
        text = heading.get_text().strip()
        base = slugify(text, "-")
        id_, n = base, 0
        while id_ in taken:  # like the toc extension: a repeated heading gets _1, _2
            n += 1
            id_ = f"{base}_{n}"
        taken.add(id_)
        heading["id"] = id_
        headings.append((int(heading.name[1]), id_, text))
        mark = f'<a class="headerlink" href="#{id_}" title="Permanent link">¶</a>'  # as on the lesson pages
        heading.append(BeautifulSoup(mark, "html.parser"))
    for link in body.select("a[href]"):
        match = LESSON_LINK.match(link["href"])
        if match:
            lesson = files.get_file_from_path(f"{match[1]}.md")
            if lesson is None:
                raise PluginError(f"{page.file.src_uri}: link to {link['href']}, but there is no page {match[1]}.md")
            link["href"] = lesson.url_relative_to(page.file) + (match[2] or "")
    return MATH.sub(lambda m: math(m, page), body.decode_contents())


def math(match, page):
    display = match[1] is not None
    latex = html.unescape(match[1] if display else match[2]).strip()
    try:
        mathml = to_mathml(latex, display)
    except Exception as error:
        raise PluginError(f'{page.file.src_uri}: {error} in formula "{latex}"') from error
    return f'<div class="math">{mathml}</div>' if display else f'<span class="math">{mathml}</span>'


def code_cell(cell, where):
    """The source, highlighted as Material shows code, then the outputs as plain text."""
    source = cell.select_one(".highlight-ipynb pre")
    tags = {c.removeprefix("celltag_") for c in cell.get("class", []) if c.startswith("celltag_")}
    label = next((CELL_LABELS[t] for t in ("exercise", "check") if t in tags), None)
    parts = [f'<div class="notebook-cell" data-label="{label}">' if label else '<div class="notebook-cell">']
    code = source.decode_contents().removeprefix("<span></span>")  # Pygments' spans, Material's markup
    parts.append(f'<div class="language-python highlight"><pre><span></span><code>{code}</code></pre></div>')
    for output in cell.select(".jp-OutputArea-output"):
        mime = output.get("data-mime-type")
        if mime == "application/vnd.jupyter.stderr":
            raise PluginError(f"{where}: a cell wrote to stderr (a warning?): {output.get_text().strip()}")
        if mime == "text/plain":
            parts.append(f'<pre class="notebook-output">{output.pre.decode_contents()}</pre>')
        elif mime and mime.startswith("image/"):
            from bs4 import BeautifulSoup

            image = BeautifulSoup(str(output.img), "html.parser").img
            image["alt"] = image.get("alt") or "코드 셀이 그린 그림"
            parts.append(f'<div class="notebook-output">{image}</div>')
        else:
            raise PluginError(f"{where}: an output of type {mime!r} that the exercise pages do not show")
    parts.append("</div>")
    return "".join(parts)


# Cells with these tags are folded into a closed <details>: (its classes, its summary).
FOLDS = {
    "setup": ("note notebook-setup", "준비 코드: 확인에 쓰는 함수 (먼저 실행합니다)"),
    "solution": ("success notebook-solution", "풀이 보기"),
}


def fold_solutions(blocks):
    """Runs of cells tagged `setup` or `solution` (the note, the code, the check again) go into
    closed <details>: the reader opens a solution on purpose."""
    out, folded, kind = [], [], None
    for tags, block in [*blocks, (set(), None)]:
        tag = next((t for t in FOLDS if t in tags), None)
        if folded and tag != kind:
            classes, summary = FOLDS[kind]
            out += [f'<details class="{classes}">\n<summary>{summary}</summary>\n', *folded, "</details>"]
            folded = []
        kind = tag
        if tag is None:
            if block is not None:
                out.append(block)
        elif "solution-note" not in tags:  # the notebook's "**풀이**" line: the summary says it here
            folded.append(block)
    return out


def table_of_contents(headings):
    from markdown.extensions.toc import nest_toc_tokens
    from mkdocs.structure.toc import get_toc

    tokens = [{"level": level, "id": id_, "name": html.escape(text), "children": []} for level, id_, text in headings]
    return get_toc(nest_toc_tokens(tokens))


def download_links(name, page):
    """'노트북 다운로드' (and 'Colab에서 열기') for the exercise notebook of lesson `name`, as HTML."""
    href = get_relative_url(download_uri(name), page.file.url)
    out = f'<a href="{href}" download="{name}-exercises.ipynb">노트북 다운로드</a>'
    if colab:
        out += f' · <a href="{colab}exercises/{name}.ipynb">Colab에서 열기</a>'
    return out


def on_post_build(config):
    loaded = "nbconvert loaded" if "nbconvert" in sys.modules else "nbconvert not loaded"
    log.info("exercise pages: %d rendered, %d from cache (%s)", len(converted), from_cache, loaded)


def on_post_page(output, page, config):
    """Exercise pages load the one shared notebook stylesheet instead of ~590 KB of inline CSS."""
    if not is_exercise(page):
        return output
    href = get_relative_url(STYLESHEET, page.url)
    return output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
