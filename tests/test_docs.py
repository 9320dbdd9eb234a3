"""The pages' code blocks: all of them are run by pytest, and each stands on its own.

The blocks themselves run as tests through pytest-markdown-docs (see tests/docs_blocks.py);
these tests check that nothing escapes that: no block is hidden from the runner, and no
block leans on this project's package, which a reader copying it would not have.
"""

import ast
import re
from pathlib import Path

import pytest
from pytest_markdown_docs.plugin import FenceSyntax, extract_fence_tests

from docs_blocks import SiteView

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").glob("*.md"))


def collected_blocks(page):
    """The blocks that pytest-markdown-docs runs for `page`, as the docs plugin shows them."""
    return list(
        extract_fence_tests(
            SiteView(),
            page.read_text(encoding="utf-8"),
            start_line_offset=0,
            source_path=page,
            fence_syntax=FenceSyntax.superfences,
        )
    )


def test_there_are_pages():
    assert len(PAGES) >= 9


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_python_block_on_the_site_is_run(page, site):
    """As many blocks run as the built page shows, tabs and admonitions included."""
    site_dir, _, _ = site
    built = site_dir / ("" if page.stem == "index" else page.stem) / "index.html"
    shown = built.read_text(encoding="utf-8").count('<div class="language-python')
    assert len(collected_blocks(page)) == shown


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_block_is_named_by_the_line_of_its_fence_in_the_page(page):
    """Test ids ([line:N]) and failure reports count the page's lines, not those of the page with
    every --8<-- expanded: line N of the page is the block's opening fence."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for block in collected_blocks(page):
        fence = lines[block.start_line - 1].strip()
        assert fence.startswith("```") and "python" in fence, f"{page.name}, line {block.start_line}: {fence!r}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_block_imports_the_project_package(page):
    for block in collected_blocks(page):
        if block.runner_name == "OriginalNote":
            continue  # the note's own code: it does not parse, and it imports no project code
        for node in ast.walk(ast.parse(block.source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(re.match(r"activations\b", name) for name in names), (
                f"{page.name}, line {block.start_line}: a reader who copies this block has no `activations`"
            )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_block_runs_alone_and_once(page):
    """No block is skipped (notest), leans on the one before (continuation) or is retried."""
    for option in ("notest", "continuation", "retry:"):
        assert option not in page.read_text(encoding="utf-8"), f"{page.name} uses {option}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_blocks_are_marked_python(page, site):
    """Only `python` blocks run; `py3`, `Python`, `pycon`... would be shown but never run."""
    site_dir, _, _ = site
    built = site_dir / ("" if page.stem == "index" else page.stem) / "index.html"
    languages = set(re.findall(r'<div class="language-(\w+)', built.read_text(encoding="utf-8")))
    assert languages <= {"python", "text", "bash"}, languages
