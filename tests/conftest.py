"""Fixtures shared by the tests of tests/: the site, built once per test session.

The build (`mkdocs build --strict` with an empty figure cache, then again with the full one)
runs in a subprocess that starts as soon as collection is done, and the tests that need the
site run last: the build uses the second core while the other tests run on the first.
A failed build is reported once, with its log, by the first test that needs the site; every
later one says so in a line.
"""

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# No deadline: a test must not fail because the machine is busy (tests do not assert on time).
# In CI, the same examples on every run, so that a red run can be reproduced.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


class Build:
    """`mkdocs build --strict`, as a reader would run it, in a subprocess started now."""

    def __init__(self, site_dir, cache_dir, config_file=ROOT / "mkdocs.yml"):
        self.site_dir, self.cache_dir = site_dir, cache_dir
        env = dict(os.environ, FIGURE_CACHE_DIR=str(cache_dir), NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config_file, "--site-dir", site_dir]
        # Its output goes to a file: a pipe that nobody reads until the end could fill up and stall it.
        self.log_path = site_dir.with_name(f"{site_dir.name}.log")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.result = None
        self.failure_shown_in = None  # the test whose report holds the log of a failed build

    def wait(self):
        """(returncode, log): the log is what mkdocs prints."""
        if self.result is None:
            self.process.wait()
            self.result = self.process.returncode, self.log_path.read_text(encoding="utf-8")
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


class SiteBuilds:
    """A cold build (empty figure cache) and, once it is done, a warm one (same cache)."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="activations-site-"))
        self.cold = Build(self.root / "site", self.root / "figure-cache")
        self.warm = None

    def cold_site(self, test):
        log = self.cold.log_or_fail("mkdocs build --strict", test)
        if self.warm is None:  # the warm build runs while the tests look at the cold one
            self.warm = Build(self.root / "site-warm", self.cold.cache_dir)
        return self.cold.site_dir, log, self.cold.cache_dir

    def warm_site(self, test):
        self.cold_site(test)
        return self.warm.site_dir, self.warm.log_or_fail("the second mkdocs build --strict (full figure cache)", test)

    def close(self):
        for build in (self.cold, self.warm):
            if build is not None and build.process.poll() is None:
                build.process.kill()  # the session ended early (-x, Ctrl-C)
                build.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


BUILDS = None
SITE_FIXTURES = {"site", "warm_site"}


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Start the build now if a test needs it, and run the tests that need it last."""
    global BUILDS
    needs_site = [item for item in items if SITE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if needs_site and BUILDS is None:
        BUILDS = SiteBuilds()
        later = {id(item) for item in needs_site}
        items[:] = [item for item in items if id(item) not in later] + needs_site


def pytest_sessionfinish(session):
    if BUILDS is not None:
        BUILDS.close()


@pytest.fixture
def site(request):
    """The built site (a fresh figure cache, so every figure is drawn): (site dir, build log, figure cache)."""
    return BUILDS.cold_site(request.node.nodeid)


@pytest.fixture
def warm_site(request):
    """The site built again into another directory with the figure cache of `site`: (site dir, build log)."""
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
