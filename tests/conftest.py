"""Fixtures shared by the tests of tests/: the site, built once per test session."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from hypothesis import settings

from activations.pages import FIGURES

ROOT = Path(__file__).resolve().parents[1]

# No deadline: a test must not fail because the machine is busy (tests do not assert on time).
# In CI, the same examples on every run, so that a red run can be reproduced.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


def build_site(site_dir, cache_dir):
    """Run `mkdocs build --strict` as a reader would; return its log (stderr)."""
    env = dict(os.environ, FIGURE_CACHE_DIR=str(cache_dir), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The built site (a fresh figure cache, so every figure is drawn) and its build log."""
    root = tmp_path_factory.mktemp("build")
    log = build_site(root / "site", root / "figure-cache")
    return root / "site", log, root / "figure-cache"


@contextlib.contextmanager
def drawn(name):
    """Figure `name` of activations.pages, drawn for inspection and closed afterwards."""
    fig = FIGURES[name]()
    try:
        yield fig
    finally:
        plt.close(fig)
