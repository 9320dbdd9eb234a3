"""Run the original note's code at build time and show, under it, the error it raises.

A block written as ```{.python .original-note} is the note's code as it was. The hook runs
it in a fresh namespace and inserts the exception Python reports (as
traceback.format_exception_only prints it) in a ```{.text .original-note-error} block
right below. No error message on the page is typed by hand; a block that runs without
error stops the build, because then the page would be wrong.

The error is cached (.cache/errata/, moved with FIGURE_CACHE_DIR like the figures and facts)
under a hash of the block and of the versions of Python and of the libraries the note uses:
a warm build neither runs the note's code nor imports matplotlib or torch for it.
"""

import hashlib
import logging
import platform
import re
import traceback
from pathlib import Path

from mkdocs.exceptions import PluginError

import snapshot  # docs/hooks/snapshot.py

ORIGINAL = re.compile(r"^```\{\.python \.original-note\}\n(.*?)^```\n", re.S | re.M)
LIBRARIES = ("numpy", "matplotlib", "torch")  # what the note imports: their versions word the errors
log = logging.getLogger("mkdocs.hooks.errata")
counts = {"run": 0, "from cache": 0}


def run_original(code, filename):
    """Run `code`; return the error it raises, formatted as Python prints it, or None."""
    import matplotlib  # only when a block runs: a warm build takes the errors from the cache

    matplotlib.use("Agg")  # the note's plt.show() must not try to open a window
    try:
        exec(compile(code, filename, "exec"), {"__name__": "__main__"})
    except Exception as error:
        return "".join(traceback.format_exception_only(error))
    return None


def versions():
    """The versions of Python and of the libraries that word the errors, as text."""
    return f"python {platform.python_version()}, {snapshot.versions(LIBRARIES)}"


def error_key(code):
    """A hash of the block and of everything that words its error."""
    return hashlib.sha256(f"{code}\0{versions()}".encode()).hexdigest()[:16]


def on_pre_build(config):
    counts.update({"run": 0, "from cache": 0})


def on_page_markdown(markdown, page, config, files):
    if not ORIGINAL.search(markdown):
        return markdown
    base = Path(config.config_file_path).parent if config else Path.cwd()  # no config: called by a test
    cache = snapshot.cache_root(base) / "errata"  # not activations.pages.cache's: that imports the package

    def add_error(match):
        block, code = match.group(0), match.group(1)
        line = markdown.count("\n", 0, match.start()) + 1
        cached = cache / f"{error_key(code)}.txt"
        if cached.exists():
            error = cached.read_text(encoding="utf-8")
            counts["from cache"] += 1
        else:
            error = run_original(code, "<original-note>")
            if error is None:
                raise PluginError(f"{page.file.src_uri}, line {line}: this original-note block ran without error")
            cache.mkdir(parents=True, exist_ok=True)
            cached.write_text(error, encoding="utf-8")
            counts["run"] += 1
        return f"{block}\n```{{.text .original-note-error}}\n{error.rstrip()}\n```\n"

    return ORIGINAL.sub(add_error, markdown)


def on_post_build(config):
    log.info("original-note blocks: %d run, %d from cache", counts["run"], counts["from cache"])
