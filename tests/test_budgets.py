"""Lessons, not code walls: size budgets of every built lesson page (issue 6).

A learner should see the point of a section without scrolling past code that does not teach
it. Measured on the built HTML, as the reader gets it:

- no open code block over 30 code lines;
- at most one folded block (inside ``???`` details, "전체 코드") per page, of at most 60 lines;
- at most 150 code lines per page;
- at most 100 KB of HTML per page.

Code lines do not count blank lines or ``#>`` output lines. The errata page is exempt: it
shows the original note's code as it was. Exercise notebooks (``.ipynb`` pages) have a budget of
their own (tests/test_exercises.py).
"""

from html.parser import HTMLParser

import pytest

from test_build import html_pages, nav_pages

OPEN_BLOCK_LINES = 30
FOLDED_BLOCK_LINES = 60
FOLDED_BLOCKS = 1
PAGE_CODE_LINES = 150
PAGE_BYTES = 100_000
EXEMPT = {"errata.md"}
LESSONS = [page for page in nav_pages() if page.endswith(".md") and page not in EXEMPT]


class CodeBlocks(HTMLParser):
    """Collects the text of every <pre> block, and whether it sits inside <details>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (folded, text)
        self.details = 0
        self.pre = None

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self.details += 1
        elif tag == "pre":
            self.pre = []

    def handle_endtag(self, tag):
        if tag == "details":
            self.details -= 1
        elif tag == "pre" and self.pre is not None:
            self.blocks.append((self.details > 0, "".join(self.pre)))
            self.pre = None

    def handle_data(self, data):
        if self.pre is not None:
            self.pre.append(data)


def code_lines(text):
    """Lines that a reader reads as code: not blank, not `#>` output."""
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#>")]


def blocks_of(html):
    parser = CodeBlocks()
    parser.feed(html)
    return [(folded, len(code_lines(text))) for folded, text in parser.blocks]


def budget_violations(html):
    """Every budget the page breaks, in words (empty if it meets them all)."""
    blocks = blocks_of(html)
    problems = []
    for number, (folded, lines) in enumerate(blocks, 1):
        limit = FOLDED_BLOCK_LINES if folded else OPEN_BLOCK_LINES
        if lines > limit:
            kind = "folded" if folded else "open"
            problems.append(f"{kind} code block {number} has {lines} code lines (at most {limit})")
    folded = sum(1 for is_folded, _ in blocks if is_folded)
    if folded > FOLDED_BLOCKS:
        problems.append(f"{folded} folded code blocks (at most {FOLDED_BLOCKS})")
    total = sum(lines for _, lines in blocks)
    if total > PAGE_CODE_LINES:
        problems.append(f"{total} code lines in all (at most {PAGE_CODE_LINES})")
    size = len(html.encode("utf-8"))
    if size > PAGE_BYTES:
        problems.append(f"{size:,} bytes of HTML (at most {PAGE_BYTES:,})")
    return problems


@pytest.mark.parametrize("page", LESSONS)
def test_lesson_page_meets_its_budgets(site, page):
    site_dir, _, _ = site
    html = html_pages(site_dir)[page].read_text(encoding="utf-8")
    blocks = blocks_of(html)
    print(f"{page}: {len(blocks)} code blocks, {sum(n for _, n in blocks)} code lines, {len(html.encode()):,} bytes")
    assert budget_violations(html) == [], page


# -- the measuring itself, on made-up pages ---------------------------------------------


def page_with(*blocks):
    """HTML with one <pre> block per (folded, number of code lines)."""
    parts = []
    for folded, lines in blocks:
        code = "".join(f"x{i} = {i}\n\n#> {i}\n" for i in range(lines))
        block = f'<div class="highlight"><pre><span></span><code>{code}</code></pre></div>'
        parts.append(f"<details><summary>전체 코드</summary>{block}</details>" if folded else block)
    return "<html><body>" + "".join(parts) + "</body></html>"


def test_blank_and_output_lines_are_not_code():
    assert blocks_of(page_with((False, 30))) == [(False, 30)]


def test_a_page_within_every_budget_passes():
    assert budget_violations(page_with((False, 30), (False, 30), (True, 60), (False, 30))) == []


@pytest.mark.parametrize(
    ("blocks", "problem"),
    [
        ([(False, 31)], "open code block 1 has 31 code lines"),
        ([(True, 61)], "folded code block 1 has 61 code lines"),
        ([(True, 10), (True, 10)], "2 folded code blocks"),
        ([(False, 30)] * 5 + [(False, 1)], "151 code lines in all"),
    ],
)
def test_a_page_over_a_budget_is_named(blocks, problem):
    problems = budget_violations(page_with(*blocks))
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_a_page_over_its_byte_budget_is_named():
    html = page_with((False, 1)) + "<!--" + "x" * PAGE_BYTES + "-->"
    assert budget_violations(html)[-1].endswith("bytes of HTML (at most 100,000)")
