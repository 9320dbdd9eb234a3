"""Run the original note's code at build time and show, under it, the error it raises.

A block written as ```{.python .original-note} is the note's code as it was. The hook runs
it in a fresh namespace and inserts the exception Python reports (as
traceback.format_exception_only prints it) in a ```{.text .original-note-error} block
right below. No error message on the page is typed by hand; a block that runs without
error stops the build, because then the page would be wrong.
"""

import re
import traceback

import matplotlib
from mkdocs.exceptions import PluginError

ORIGINAL = re.compile(r"^```\{\.python \.original-note\}\n(.*?)^```\n", re.S | re.M)


def run_original(code, filename):
    """Run `code`; return the error it raises, formatted as Python prints it, or None."""
    matplotlib.use("Agg")  # the note's plt.show() must not try to open a window
    try:
        exec(compile(code, filename, "exec"), {"__name__": "__main__"})
    except Exception as error:
        return "".join(traceback.format_exception_only(error))
    return None


def on_page_markdown(markdown, page, config, files):
    def add_error(match):
        block, code = match.group(0), match.group(1)
        line = markdown.count("\n", 0, match.start()) + 1
        error = run_original(code, "<original-note>")
        if error is None:
            raise PluginError(f"{page.file.src_uri}, line {line}: this original-note block ran without error")
        return f"{block}\n```{{.text .original-note-error}}\n{error.rstrip()}\n```\n"

    return ORIGINAL.sub(add_error, markdown)
