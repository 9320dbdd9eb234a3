"""How the code blocks of docs/ are run as tests (pytest-markdown-docs, extended).

Loaded as a plugin (-p docs_blocks in pyproject.toml) because docs/ is outside tests/,
where a conftest.py would not apply.

pytest-markdown-docs runs each ```python block of a page as its own test. Here it is taught
to see the blocks as a reader sees them on the site:

1. `--8<-- "file.py:section"` lines are expanded with pymdownx.snippets itself, configured
   from mkdocs.yml, so a block assembled from src/ runs exactly as it is shown. Test ids and
   failure reports still give the page's own lines (not those of the expanded page), and a
   missing file or section fails the block that includes it, naming the page and the line.
2. Blocks inside admonitions (!!!, ???) and content tabs (===) are un-indented, otherwise
   markdown-it would not see them as code blocks and they would silently not run.
3. What a block prints must equal its `#>` lines (as in pydantic's docs). Run
   `pytest docs --update-outputs` to rewrite the `#>` lines from the actual output.
4. Blocks marked {.python .original-note} hold the original note's buggy code: they must
   raise (docs/hooks/errata.py shows the error on the page; tests/test_errata.py checks it).
5. Every figure a block opens is drawn (so drawing errors and missing glyphs surface) and
   then closed; plt.show() does nothing under the Agg backend.
"""

import ast
import contextlib
import functools
import io
import os
import re
import sys
import traceback
from pathlib import Path

os.environ["MPLBACKEND"] = "Agg"  # before anything imports matplotlib

import markdown
import pytest
from markdown_it import MarkdownIt
from mkdocs.utils.yaml import yaml_load
from pymdownx.snippets import SnippetMissingError
from pytest_markdown_docs._runners import DefaultRunner, register_runner

ROOT = Path(__file__).resolve().parents[1]
# Admonitions (!!! note), collapsible ones (??? and ???+), content tabs (===, ===+, ===!).
CONTAINER = re.compile(r"^(?: {4})*(?:!!!|\?\?\?\+?|===[+!]?) ")
ORIGINAL_FENCE = re.compile(r"^(\s*```)\{\.python \.original-note\}\s*$")
OUTPUT = re.compile(r"^\s*#>( |$)")
# What a `--8<--` line whose file or section is missing becomes in the blocks pytest runs.
MISSING = re.compile(r"^\s*# missing snippet, page line (\d+): (.*)$", re.M)

# .md path -> {md line index after which to insert: [output lines]}, and lines to delete
UPDATES = {}


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the #> lines of docs/ code blocks from what the blocks actually print",
    )


def pytest_configure(config):
    global UPDATE_OUTPUTS
    UPDATE_OUTPUTS = config.getoption("--update-outputs")


# -- 1, 2: what the blocks look like on the site -----------------------------------


@functools.cache
def snippet_preprocessor():
    """pymdownx.snippets as mkdocs.yml configures it (base_path, check_paths).

    Only its markdown_extensions are read, not the whole validated config (hooks, plugins, theme).
    """
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        extensions = yaml_load(file)["markdown_extensions"]
    options = next(dict(item["pymdownx.snippets"]) for item in extensions if "pymdownx.snippets" in item)
    options["base_path"] = [str(ROOT / path) for path in options["base_path"]]
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    return md.preprocessors["snippet"]


class SiteView(MarkdownIt):
    """A markdown-it parser that first turns a page into the code the reader sees."""

    def __init__(self):
        super().__init__("commonmark")
        self.snippets = snippet_preprocessor()

    def parse(self, src, env=None):
        expanded = list(self.origins(src.splitlines(), keep_missing=True))
        lines = unindent_containers([line for line, _, _ in expanded])
        lines = [ORIGINAL_FENCE.sub(r"\1{.python .original-note runner:OriginalNote}", line) for line in lines]
        tokens = super().parse("\n".join(lines) + "\n", {} if env is None else env)
        last = len(expanded) - 1
        for token in tokens:  # line numbers of the page, not of the expanded page (test ids use them)
            if token.map:
                start, end = token.map
                token.map = [expanded[min(start, last)][1], expanded[min(end - 1, last)][1] + 1]
        return tokens

    def expand_snippets(self, lines):
        """Expand snippet lines; also return, for each line, its line in the page (None if included)."""
        expanded = list(self.origins(lines))
        return [line for line, _, _ in expanded], [None if included else index for _, index, included in expanded]

    def origins(self, lines, keep_missing=False):
        """(line, index of the page line it comes from, whether --8<-- included it) for each expanded line.

        A missing file or section raises SnippetMissingError naming the line, or with
        `keep_missing` becomes a comment that the runners below turn into a failure.
        """
        for index, line in enumerate(lines):
            if "--8<--" not in line:
                yield line, index, False
                continue
            try:
                expanded = self.snippets.run([line])
            except SnippetMissingError as error:
                message = f"{line.strip()}: {error}"
                if not keep_missing:
                    raise SnippetMissingError(f"line {index + 1}: {message}") from error
                indent = line[: len(line) - len(line.lstrip())]
                yield f"{indent}# missing snippet, page line {index + 1}: {message}", index, False
                continue
            yield from ((included, index, True) for included in expanded)


def unindent_containers(lines):
    """Remove the indentation of admonition, details and tab bodies; keep line numbers."""
    out, depth = [], 0
    for line in lines:
        if line.strip():
            indent = len(line) - len(line.lstrip(" "))
            depth = min(depth, indent // 4)  # a line less indented closes containers
        if CONTAINER.match(line):
            depth = (len(line) - len(line.lstrip(" "))) // 4 + 1
            out.append("")
        else:
            out.append(line[4 * depth :] if line.strip() else "")
    return out


@pytest.hookimpl(tryfirst=True)  # before the plugin's own plain parser
def pytest_markdown_docs_markdown_it():
    return SiteView()


# -- failures named by the page's own lines ---------------------------------------


def block_origins(test):
    """{line of the block's test source: (line in the page, whether --8<-- included it)}.

    The test source is the expanded block, after as many blank lines as the fence's line.
    """
    page = Path(test.source_path).read_text(encoding="utf-8").splitlines()
    expanded = list(SiteView().origins(page, keep_missing=True))
    fence = next(i for i, (_, index, included) in enumerate(expanded) if index == test.start_line - 1 and not included)
    lines = len(test.source.splitlines())
    return {
        number: (expanded[i][1] + 1, expanded[i][2])
        for number in range(test.start_line + 1, lines + 1)
        if (i := fence + number - test.start_line) < len(expanded)
    }


class PageBlock(DefaultRunner):
    """Runs a block of a page; its failures name the page's lines, as the page's author sees them."""

    def runtest(self, test, args, *, asyncio_runner=None):
        missing = MISSING.search(test.source)
        if missing:
            pytest.fail(f"{page_name(test)}, line {missing.group(1)}: {missing.group(2)}", pytrace=False)
        super().runtest(test, args)

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, pytest.fail.Exception) and not excinfo.value.pytrace:
            return str(excinfo.value)
        origins = block_origins(test)
        page = Path(test.source_path).read_text(encoding="utf-8").splitlines()
        code = test.source.splitlines()
        lines = [line for line, _ in origins.values()] or [test.start_line]
        report = [f"Error in the code block of {page_name(test)}, line {test.start_line}:"]
        report += [f"{number:>5}   {page[number - 1]}" for number in range(min(lines), max(lines) + 1)]
        report.append("Traceback (most recent call last):")
        in_block = False  # frames from the block's first one on (not pytest's own)
        for frame in traceback.extract_tb(excinfo.tb):
            if frame.filename == str(test.source_path):
                in_block = True
                line, included = origins[frame.lineno]
                where = f"line {line}" + (f", in the code that {page[line - 1].strip()} includes" if included else "")
                statement = code[frame.lineno - 1].strip()
                report += [f'  File "{page_name(test)}", {where}, in {frame.name}', f"    {statement}"]
            elif in_block:  # library code that the block called
                report += [f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}', f"    {frame.line}"]
        return "\n".join([*report, excinfo.exconly()])


def page_name(test):
    path = Path(test.source_path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# -- 3, 5: the default runner checks printed output and draws figures ---------------


@register_runner(default=True)
class CheckedOutput(PageBlock):
    def runtest(self, test, args, *, asyncio_runner=None):
        printed = io.StringIO()
        lines_printed = []  # (line in the block, text) for --update-outputs

        def recording_print(*values, sep=" ", end="\n", file=None, flush=False):
            if file not in (None, sys.stdout):
                return print(*values, sep=sep, end=end, file=file, flush=flush)
            text = sep.join(map(str, values)) + end
            printed.write(text)
            lines_printed.append((top_level_line(test), text))

        args["print"] = recording_print
        with fresh_global_state():
            with contextlib.redirect_stdout(printed):
                super().runtest(test, args)
            draw_and_close_figures()

        expected = [OUTPUT.sub("", line, count=1).rstrip() for line in test.source.splitlines() if OUTPUT.match(line)]
        actual = [line.rstrip() for line in printed.getvalue().splitlines()]
        if UPDATE_OUTPUTS:
            plan_update(test, lines_printed)
        elif actual != expected:
            raise AssertionError(
                "printed output differs from the block's #> lines "
                "(refresh them with: pytest docs --update-outputs)\n"
                f"  printed: {actual}\n  #> says: {expected}"
            )


def top_level_line(test):
    """The line of the block's own top-level statement that is running (a print inside a
    function reports the line that called the function: that is where its #> lines go)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename == str(test.source_path) and frame.f_code.co_name == "<module>":
            return frame.f_lineno
        frame = frame.f_back
    raise AssertionError("print() called from outside the block")


@contextlib.contextmanager
def fresh_global_state():
    """Undo what a block changes for the whole process (print options, rcParams, open figures).

    A reader runs each block in a fresh Python; here all blocks share one process, so a block
    that calls torch.set_printoptions must not change what the next block prints.
    """
    import decimal

    import matplotlib
    import numpy as np

    numpy_options, numpy_random, rc = np.get_printoptions(), np.random.get_state(), matplotlib.rcParams.copy()
    decimal_context = decimal.getcontext().copy()
    try:
        yield
    finally:
        np.set_printoptions(**numpy_options)
        np.random.set_state(numpy_random)
        matplotlib.rcParams.update(rc)
        decimal.setcontext(decimal_context)
        if "torch" in sys.modules:
            torch = sys.modules["torch"]
            torch.set_printoptions(profile="default")
            torch.set_default_dtype(torch.float32)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")


def draw_and_close_figures():
    if "matplotlib.pyplot" not in sys.modules:
        return
    plt = sys.modules["matplotlib.pyplot"]
    for number in plt.get_fignums():
        plt.figure(number).canvas.draw()  # raises on bad data; missing glyphs warn (= error)


# -- 4: the original note's code must fail -----------------------------------------


@register_runner()
class OriginalNote(PageBlock):
    def runtest(self, test, args, *, asyncio_runner=None):
        try:
            with fresh_global_state():
                super().runtest(test, args)
        except Exception:
            return  # tests/test_errata.py checks that it is exactly the error the page shows
        raise AssertionError("this block of the original note is shown as failing, but it ran without error")


# -- --update-outputs ----------------------------------------------------------------


def plan_update(test, lines_printed):
    """Record where the #> lines of this block go in its .md file."""
    page = Path(test.source_path).read_text(encoding="utf-8").splitlines()
    origins = block_origins(test)  # line of the test source -> (line in the page, included)
    code_lines = test.source.splitlines()
    plan = UPDATES.setdefault(test.source_path, {"delete": set(), "insert": {}})
    own = {number: line for number, (line, included) in origins.items() if not included}  # the page's own lines
    plan["delete"] |= {line - 1 for number, line in own.items() if OUTPUT.match(code_lines[number - 1])}
    statement_end = statement_ends(test.source)
    for lineno, text in lines_printed:
        (md_line, included), (md_end, end_included) = origins[lineno], origins[statement_end.get(lineno, lineno)]
        if included or end_included:
            raise AssertionError(f"line {md_line} prints, but it is included from src/: print on the page instead")
        md_line, md_end = md_line - 1, md_end - 1  # indices of page lines
        indent = re.match(r"\s*", page[md_line]).group(0)
        plan["insert"].setdefault(md_end, []).extend(f"{indent}#> {line}".rstrip() for line in text.splitlines())


def statement_ends(source):
    """line of any statement -> last line of the innermost simple statement that contains it."""
    ends = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt) and not hasattr(node, "body"):
            for line in range(node.lineno, node.end_lineno + 1):
                ends[line] = node.end_lineno
    return ends


def pytest_sessionfinish(session):
    for path, plan in UPDATES.items():
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        out = []
        for index, line in enumerate(lines):
            if index in plan["delete"]:
                continue
            out.append(line)
            out += plan["insert"].get(index, [])
        Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
