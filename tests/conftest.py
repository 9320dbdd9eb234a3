"""Fixtures shared by the tests of tests/: the site, built once per test run.

The site is built twice (`mkdocs build --strict`): first with the project's build cache (.cache/,
or FIGURE_CACHE_DIR, as `mkdocs serve` uses it: only what changed since the last build is drawn,
computed or run; in a fresh clone, as in CI, everything is), then again, when every figure, fact,
original-note error and exercise page must come from the cache. The first build runs in a
subprocess that starts as soon as collection is done, and the tests that need the site run last:
the build runs while the other tests do. The tests run in two processes (pytest-xdist, `-n auto`
in pyproject.toml); both collect, the first to take a build's lock starts it, and both read the
same site from a folder of this run. A failed build is reported once per process, with its log,
by the first test that needs the site; every later one says so in a line.
"""

import contextlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# No deadline: a test must not fail because the machine is busy (tests do not assert on time).
# In CI, the same examples on every run, so that a red run can be reproduced.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


# Runs a command and then writes its return code to a file (whole, or not at all): the process
# that waits for a build need not be the one that started it.
RUN_AND_RECORD = """
import os, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1] + ".part", "w") as file:
    file.write(str(code))
os.replace(sys.argv[1] + ".part", sys.argv[1])
"""


class Build:
    """`mkdocs build --strict` into `folder/name`, as a reader would run it: started by the first test
    process to take its lock (a folder), awaited by every process that needs it."""

    def __init__(self, folder, name, cache_dir, config_file=ROOT / "mkdocs.yml"):
        self.site_dir, self.cache_dir = folder / name, cache_dir
        self.log_path, self.code_path = folder / f"{name}.log", folder / f"{name}.returncode"
        self.process, self.result = None, None
        self.failure_shown_in = None  # the test whose report holds the log of a failed build
        try:
            (folder / f"{name}.started").mkdir(parents=True)
        except FileExistsError:
            return  # another test process started it
        env = dict(os.environ, FIGURE_CACHE_DIR=str(cache_dir), NO_MKDOCS_2_WARNING="1")
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
        build += ["--site-dir", str(self.site_dir)]
        # Its output goes to a file: a pipe that nobody reads until the end could fill up and stall it.
        with open(self.log_path, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", RUN_AND_RECORD, str(self.code_path), *build],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def wait(self):
        """(returncode, log): the log is what mkdocs prints."""
        while self.result is None:
            if self.code_path.exists():
                if self.process is not None:
                    self.process.wait()  # ends as soon as it has written the code; reaped, or Python warns
                self.result = int(self.code_path.read_text()), self.log_path.read_text(encoding="utf-8")
            else:
                time.sleep(0.1)
        return self.result

    def log_or_fail(self, what, test):
        """The build log; a failed build fails `test`, with the whole log only the first time."""
        returncode, log = self.wait()
        if returncode == 0:
            return log
        if self.failure_shown_in:
            pytest.fail(f"{what} failed: its log is in the report of {self.failure_shown_in}", pytrace=False)
        self.failure_shown_in = test
        pytest.fail(f"{what} failed:\n{log}", pytrace=False)

    def finish(self, interrupted):
        """Stop the build if the run was interrupted (Ctrl-C); else let it end: another test process
        (pytest-xdist hands out work unevenly) may still be waiting for it."""
        if self.process is None or self.process.poll() is not None:
            return
        if interrupted:
            os.killpg(self.process.pid, signal.SIGTERM)  # the recorder and mkdocs under it
        self.process.wait()


class SiteBuilds:
    """A build with the project's build cache and, once it is done, a second one (all from the cache)."""

    def __init__(self, folder):
        self.folder = folder
        self.first = Build(folder, "site", load_hook("snapshot").cache_root(ROOT))
        self.second = None

    def site(self, test):
        log = self.first.log_or_fail("mkdocs build --strict", test)
        if self.second is None:  # the second build runs while the tests look at the first one
            self.second = Build(self.folder, "site-warm", self.first.cache_dir)
        return self.first.site_dir, log, self.first.cache_dir

    def warm_site(self, test):
        self.site(test)
        return self.second.site_dir, self.second.log_or_fail("the second mkdocs build --strict (full cache)", test)

    def finish(self, interrupted):
        for build in (self.first, self.second):
            if build is not None:
                build.finish(interrupted)


BUILDS = None
SITE_FIXTURES = {"site", "warm_site"}
# The file that takes longest (about half of the run): with two test processes it goes first, so
# that the other process does every other file meanwhile and both end together.
LONGEST = "tests/test_browser.py::"


def pytest_configure(config):
    # pytest-xdist gives this id to every worker of the run: they find the run's site folder by it.
    if not hasattr(config, "workerinput") and getattr(config.option, "testrunuid", None) is None:
        config.option.testrunuid = uuid.uuid4().hex


def run_folder(config):
    """The folder of this test run's builds, the same in every test process of the run."""
    uid = config.workerinput["testrunuid"] if hasattr(config, "workerinput") else config.option.testrunuid
    return Path(tempfile.gettempdir()) / f"activations-site-{uid}"


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Start the build now if a test needs it, and run the tests that need it last."""
    global BUILDS
    needs_site = [item for item in items if SITE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if needs_site and BUILDS is None:
        BUILDS = SiteBuilds(run_folder(config))
        later = {id(item) for item in needs_site}
        items[:] = [item for item in items if id(item) not in later] + needs_site
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: not item.nodeid.startswith(LONGEST))  # a stable sort: the rest keep their order


def pytest_sessionfinish(session, exitstatus):
    if BUILDS is not None:
        BUILDS.finish(interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)
    if not hasattr(session.config, "workerinput"):  # the last process of the run to finish
        shutil.rmtree(run_folder(session.config), ignore_errors=True)


@pytest.fixture
def site(request):
    """The built site, with the project's build cache: (site dir, build log, cache folder)."""
    return BUILDS.site(request.node.nodeid)


@pytest.fixture
def warm_site(request):
    """The site built again into another directory with the same, now full, cache: (site dir, build log)."""
    return BUILDS.warm_site(request.node.nodeid)


def load_hook(name):
    """docs/hooks/NAME.py as a fresh module, as MkDocs loads it (with its folder on sys.path)."""
    hooks = ROOT / "docs" / "hooks"
    spec = importlib.util.spec_from_file_location(f"hook_{name}", hooks / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(hooks))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(hooks))
    return module


@contextlib.contextmanager
def drawn(name):
    """Figure `name` of activations.pages, drawn for inspection and closed afterwards."""
    import matplotlib.pyplot as plt

    from activations.pages import FIGURES

    fig = FIGURES[name]()
    try:
        yield fig
    finally:
        plt.close(fig)
