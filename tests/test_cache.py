"""The build cache: a warm build makes nothing, an edit in src/ remakes exactly what uses it.

The edit test runs `mkdocs serve`'s situation in a subprocess: one process, several builds,
docs/hooks/package.py reloading the package before each, and a file of the package edited
between two builds. It works on a copy of src/activations with a small probe page added, so
that no file of the repository is touched. The snapshot test builds a one-page site with the
real hooks, `mkdocs build` in a subprocess each time, on such a copy too.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import activations
from activations.pages import FACTS, fact_hash
from activations.pages.cache import BuildCache
from conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]

PROBE_MATH = '''
import functools
from pathlib import Path

RUNS = Path(__file__).with_name("runs.txt")


@functools.cache  # an experiment that two facts and a figure share: once per build
def experiment():
    with RUNS.open("a") as log:
        log.write("run\\n")
    return 1


def other():
    return 2
'''

PROBE_PAGE = '''
from activations.pages.drawing import subplots
from activations.pages.registry import fact, figure
from activations.probe_math import experiment, other


@fact
def probe_answer():
    return f"{experiment()}"


@fact
def probe_twice():
    return f"{2 * experiment()}"


@fact
def probe_other():
    return f"{other()}"


@figure
def probe_answer_figure():
    fig, ax = subplots()
    ax.plot([0, 1], [0, experiment()])
    return fig


@figure
def probe_other_figure():
    fig, ax = subplots()
    ax.plot([0, 1], [0, other()])
    return fig
'''

# Three builds in one process, as `mkdocs serve` makes them: cold, warm, and after an edit.
SERVE = '''
import importlib.util, json, sys
from pathlib import Path

cache_dir, hook = Path(sys.argv[1]), sys.argv[2]
spec = importlib.util.spec_from_file_location("package_hook", hook)
package = importlib.util.module_from_spec(spec)
spec.loader.exec_module(package)
FACTS = ["probe_answer", "probe_twice", "probe_other", "sigmoid_at_zero"]
FIGURES = ["probe_answer_figure", "probe_other_figure", "sigmoid_curve"]


def build():
    package.on_pre_build(None)
    from activations.pages.cache import BuildCache
    import activations.probe_math as probe_math

    cache = BuildCache(cache_dir)
    values = {name: cache.fact(name) for name in FACTS}
    for name in FIGURES:
        for scheme in ("light", "dark"):
            cache.figure(name, scheme)
    runs = len(probe_math.RUNS.read_text().splitlines()) if probe_math.RUNS.exists() else 0
    probe_math.RUNS.unlink(missing_ok=True)
    return {"values": values, "computed": cache.computed, "drawn": [f"{n} {s}" for n, s in cache.drawn], "runs": runs}


builds = [build(), build()]
import activations.probe_math as probe_math
source = Path(probe_math.__file__)
source.write_text(source.read_text().replace("return 1\\n", "return 1 + 2\\n"))
builds.append(build())
print(json.dumps(builds))
'''


def test_warm_builds_make_nothing_and_an_edit_remakes_exactly_what_uses_it(tmp_path):
    src = tmp_path / "src"
    package = Path(activations.__file__).parent
    shutil.copytree(package, src / "activations", ignore=shutil.ignore_patterns("__pycache__"))
    (src / "activations" / "probe_math.py").write_text(PROBE_MATH, encoding="utf-8")
    (src / "activations" / "pages" / "probe.py").write_text(PROBE_PAGE, encoding="utf-8")
    with (src / "activations" / "pages" / "__init__.py").open("a", encoding="utf-8") as init:
        init.write("\nfrom activations.pages import probe  # noqa: E402 (this test's probe page)\n")
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")  # the copy, not the installed package
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(tmp_path / "cache"), str(ROOT / "docs" / "hooks" / "package.py")],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    cold, warm, edited = json.loads(result.stdout)

    assert sorted(cold["computed"]) == ["probe_answer", "probe_other", "probe_twice", "sigmoid_at_zero"]
    assert len(cold["drawn"]) == 6
    assert cold["runs"] == 1, "the shared experiment must run once per build"
    assert cold["values"]["probe_answer"] == "1"

    assert warm == {"values": cold["values"], "computed": [], "drawn": [], "runs": 0}

    # Only what calls experiment() is made again, with the edited code (the reload picked it up).
    assert sorted(edited["computed"]) == ["probe_answer", "probe_twice"]
    assert sorted(edited["drawn"]) == ["probe_answer_figure dark", "probe_answer_figure light"]
    assert edited["runs"] == 1
    assert edited["values"] == cold["values"] | {"probe_answer": "3", "probe_twice": "6"}
    # One entry per fact: the stale value of an edited fact is gone.
    assert len(list((tmp_path / "cache" / "facts").glob("probe_answer.*.json"))) == 1


def test_a_fact_is_stored_under_its_hash_and_read_back(tmp_path, monkeypatch):
    calls = []

    def counted():
        calls.append(1)
        return "0.25"

    monkeypatch.setitem(FACTS, "counted", counted)
    first = BuildCache(tmp_path)
    assert first.fact("counted") == first.fact("counted") == "0.25"
    assert first.computed == ["counted"] and len(calls) == 1
    stored = tmp_path / "facts" / f"counted.{fact_hash('counted')}.json"
    assert json.loads(stored.read_text(encoding="utf-8")) == {"value": "0.25"}

    second = BuildCache(tmp_path)
    assert second.fact("counted") == "0.25"
    assert second.computed == [] and second.facts_from_cache == 1 and len(calls) == 1


def test_the_cache_folder_can_be_moved(tmp_path, monkeypatch):
    cache_root = load_hook("snapshot").cache_root
    monkeypatch.delenv("FIGURE_CACHE_DIR", raising=False)
    assert cache_root(tmp_path) == tmp_path / ".cache"
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_root(ROOT) == tmp_path / "elsewhere"


# A one-page site whose package registers only this page's fact and figures.
SITE_PAGE = """
from activations.pages.drawing import subplots
from activations.pages.registry import fact, figure

VALUE = 1


@fact
def probe_answer():
    return f"{VALUE}"


@figure
def probe_figure():
    fig, ax = subplots()
    ax.plot([0, 1], [0, VALUE])
    return fig


@figure
def probe_other_figure():
    fig, ax = subplots()
    ax.plot([0, 1], [0, 2])
    return fig
"""

SITE_CONFIG = """
site_name: probe
theme: mkdocs
hooks:
  - {hooks}/package.py
  - {hooks}/facts.py
  - {hooks}/figures.py
  - {hooks}/mathml.py
  - modules.py
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
"""

# The last hook: which of the slow imports the build made.
MODULES_HOOK = """
import logging
import sys


def on_post_build(config):
    names = [name for name in ("activations", "numpy", "latex2mathml") if name in sys.modules]
    logging.getLogger("mkdocs.hooks.modules").info("imported: %s", " ".join(names) or "none")
"""


def test_a_warm_build_imports_no_package_and_an_edit_anywhere_in_src_is_seen(tmp_path):
    package = tmp_path / "src" / "activations"
    shutil.copytree(Path(activations.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "pages" / "probe.py").write_text(SITE_PAGE, encoding="utf-8")
    (package / "pages" / "__init__.py").write_text(
        "from activations.pages import probe  # noqa: F401\nfrom activations.pages.registry import FACTS, FIGURES\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(SITE_CONFIG.format(hooks=ROOT / "docs" / "hooks"), encoding="utf-8")
    (tmp_path / "modules.py").write_text(MODULES_HOOK, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Probe\n\n값은 {{ probe_answer }}입니다. \\( x^2 \\)\n\n"
        "![a](figures/probe_figure.svg) ![b](figures/probe_other_figure.svg)\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "src"), PYTHONDONTWRITEBYTECODE="1",
               FIGURE_CACHE_DIR=str(tmp_path / "cache"), NO_MKDOCS_2_WARNING="1")

    def build():
        """The hooks' log lines, and the page's fact and formula as built."""
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                                cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        shown = re.search(r"값은 (.*?)입니다\. <span class=\"math\"><math.*?<msup>", page).group(1)
        return re.findall(r"(?:facts|figures|imported): .*", result.stderr), shown

    assert build() == (["figures: 4 drawn, 0 from cache", "facts: 1 computed, 0 from cache",
                        "imported: activations numpy latex2mathml"], "1")
    assert build() == (["figures: 0 drawn, 4 from cache", "facts: 0 computed, 1 from cache", "imported: none"], "1")

    # Any file of the package counts, even a comment in one no fact or figure uses.
    with (package / "tanh.py").open("a", encoding="utf-8") as source:
        source.write("# an edit\n")
    assert build() == (["figures: 0 drawn, 4 from cache", "facts: 0 computed, 1 from cache",
                        "imported: activations numpy"], "1")

    probe = package / "pages" / "probe.py"
    probe.write_text(probe.read_text(encoding="utf-8").replace("VALUE = 1", "VALUE = 3"), encoding="utf-8")
    assert build() == (["figures: 2 drawn, 2 from cache", "facts: 1 computed, 0 from cache",
                        "imported: activations numpy"], "3")
    assert build() == (["figures: 0 drawn, 4 from cache", "facts: 0 computed, 1 from cache", "imported: none"], "3")
