"""The numbers of issue 9, all measured in one run on one machine (results: BENCHMARKS.md).

    .venv/bin/python bench/run.py              # everything (about 17 minutes on 2 cores)
    .venv/bin/python bench/run.py --rounds 1   # quicker, noisier

1. Site builds, each `mkdocs build` in a fresh process, on a copy of the project (src/ included)
   in a temporary folder: nothing in the working tree is touched, and edits made there meanwhile
   do not reach the builds. Each is compared with a *plain* build of the same pages: mkdocs.yml
   without `hooks:` and without the exercise (notebook) pages, every {{ fact }} replaced by a number.
   Cold = empty caches; warm = nothing changed; prose edit = one sentence of docs/sigmoid.md
   changed. Goals: warm <= 1.5x, prose edit <= 2x (of CPU time; wall-clock time is printed too).
2. Speed of `activations.sigmoid` (10^6 float64) and `activations.softmax` (1000 x 1000 float64,
   last axis) against SciPy and PyTorch on the same data: median CPU time of repeated runs.
   Goals: sigmoid <= 2.5x scipy.special.expit; softmax <= 0.6x scipy.special.softmax.
3. Accuracy: the largest error in ulps against mpmath over a dense grid that includes both tails.
4. The test suite: README's test command (`.venv/bin/python -m pytest`) with `.venv` and `.cache/`
   as they are (warm, the edit loop), run on the working tree; wall-clock seconds, how busy the
   machine's cores were, and pytest's ten slowest tests. Goal: under 2 minutes.

Benchmarks are scripts, not tests: nothing here asserts; it prints, and the goals are read from it.
"""

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", ".cache", ".hypothesis", ".ruff_cache", "__pycache__")
EDITED_PAGE = "docs/sigmoid.md"


# -- 1. site builds ---------------------------------------------------------------------


def copy_project(dst):
    shutil.copytree(ROOT, dst, ignore=COPY_IGNORE)
    return dst


def drop_block(text, start):
    """`text` without the line matching `start` and the more indented lines under it."""
    lines, out, skip_deeper_than = text.splitlines(), [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None and line.strip() and indent > skip_deeper_than:
            continue
        skip_deeper_than = None
        if re.match(start, line):
            skip_deeper_than = indent
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def make_plain(project):
    """Turn the copy `project` into the plain site: no hooks, no notebooks, numbers typed in."""
    config = project / "mkdocs.yml"
    text = drop_block(config.read_text(encoding="utf-8"), r"hooks:")
    text = "\n".join(line for line in text.splitlines() if ".ipynb" not in line) + "\n"
    config.write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        page.write_text(re.sub(r"\{\{.*?\}\}", "0.25", page.read_text(encoding="utf-8")), encoding="utf-8")


def build(project, strict=True):
    """(wall, CPU) seconds of one `mkdocs build` of `project` in a fresh process, caches in project/.cache.

    CPU seconds are those of the build and the processes it waited for (the notebooks' kernels):
    on a shared machine they change much less than the wall-clock time.
    """
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        FIGURE_CACHE_DIR=str(project / ".cache" / "pages"),
        PYTHONPATH=str(project / "src"),  # the copy's package, not the working tree's (which may change meanwhile)
    )
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    cpu_before, start = children_cpu(), time.perf_counter()
    result = subprocess.run(command + ["--strict"] * strict, cwd=project, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu_before
    if result.returncode:
        sys.exit(f"mkdocs build failed in {project}:\n{result.stdout}{result.stderr}")
    return wall, cpu


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def edit_prose(project, round_):
    """Change one sentence of the edited page (differently in every round)."""
    page = project / EDITED_PAGE
    lines = page.read_text(encoding="utf-8").splitlines()
    prose = next(i for i, line in enumerate(lines) if line and not line.startswith(("#", " ", "`", "!", "\\", "=")))
    lines[prose] += f" (편집 {round_})"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_builds(rounds):
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        plain = copy_project(Path(tmp) / "plain")
        make_plain(plain)
        hooked = copy_project(Path(tmp) / "hooked")
        times = {"plain": [], "cold": [], "warm": [], "prose edit": []}
        for round_ in range(rounds):  # interleaved, so that a busy moment of the machine hits all kinds
            times["plain"].append(build(plain, strict=False))
            shutil.rmtree(hooked / ".cache", ignore_errors=True)  # figures, facts, original-note blocks, exercise pages
            times["cold"].append(build(hooked))
            times["warm"].append(build(hooked))
            edit_prose(hooked, round_)
            times["prose edit"].append(build(hooked))
    wall = {kind: statistics.median(w for w, _ in runs) for kind, runs in times.items()}
    cpu = {kind: statistics.median(c for _, c in runs) for kind, runs in times.items()}
    goals = {"warm": 1.5, "prose edit": 2.0}
    print(f"\n## Site builds (median of {rounds}; each a fresh `mkdocs build` process)\n")
    print("| build | wall s | × plain | CPU s | × plain | goal (CPU) |\n|---|---:|---:|---:|---:|---|")
    for kind in times:
        ratio = cpu[kind] / cpu["plain"]
        goal = "reported" if kind not in goals else f"≤ {goals[kind]}× " + ("met" if ratio <= goals[kind] else "MISSED")
        wall_ratio = wall[kind] / wall["plain"]
        print(f"| {kind} | {wall[kind]:.2f} | {wall_ratio:.2f} | {cpu[kind]:.2f} | {ratio:.2f} | {goal} |")
    runs = "; ".join(f"{kind} {', '.join(f'{w:.1f}/{c:.1f}' for w, c in values)}" for kind, values in times.items())
    print(f"\nall runs (wall/CPU s): {runs}")


# -- 2. speed against SciPy and PyTorch -------------------------------------------------


def interleaved_seconds(functions, repeat):
    """{name: [CPU seconds per call, one per round]}: each round times every function once, in turn.

    Interleaved, so that a machine whose speed drifts over seconds (this one is shared) slows the
    functions of a round alike, and a ratio taken within a round cancels the drift. Each timing is
    of enough calls to last ~0.05 s. CPU time of this process: all functions run on one thread.
    """
    timers = {name: timeit.Timer(func, timer=time.process_time) for name, func in functions.items()}
    numbers = {name: max(1, timer.autorange()[0] // 4) for name, timer in timers.items()}
    rounds = [{name: timer.timeit(numbers[name]) / numbers[name] for name, timer in timers.items()}
              for _ in range(repeat)]
    return {name: [row[name] for row in rounds] for name in functions}


def bench_speed(repeat):
    import scipy.special
    import torch

    from activations.sigmoid import sigmoid
    from activations.softmax import softmax

    torch.set_num_threads(1)  # NumPy and SciPy use one core; so does PyTorch here, for the same footing
    rng = np.random.default_rng(0)
    x = rng.uniform(-40.0, 40.0, 10**6)  # both signs, both tails
    logits = rng.normal(0.0, 10.0, (1000, 1000))
    cases = {
        "sigmoid, 10⁶ float64": {
            "activations.sigmoid": lambda: sigmoid(x),
            "scipy.special.expit": lambda: scipy.special.expit(x),
            "torch.sigmoid": (lambda t: lambda: torch.sigmoid(t))(torch.from_numpy(x)),
        },
        "softmax, 1000×1000 float64, last axis": {
            "activations.softmax": lambda: softmax(logits, axis=-1),
            "scipy.special.softmax": lambda: scipy.special.softmax(logits, axis=-1),
            "torch.softmax": (lambda t: lambda: torch.softmax(t, dim=-1))(torch.from_numpy(logits)),
            # Not a softmax: the one pass that no NumPy softmax can avoid, on the same (shifted) logits,
            # into a buffer made beforehand. The floor of any softmax built on np.exp.
            "np.exp alone": (lambda z, out: lambda: np.exp(z, out=out))(
                logits - logits.max(axis=-1, keepdims=True), np.empty_like(logits)
            ),
        },
    }
    goals = {"sigmoid, 10⁶ float64": 2.5, "softmax, 1000×1000 float64, last axis": 0.6}
    print(f"\n## Speed ({repeat} interleaved rounds; median CPU time; torch with 1 thread)\n")
    print("× SciPy is the median over the rounds of the ratio within a round.\n")
    print("| case | function | ms per call | × SciPy | goal |\n|---|---|---:|---:|---|")
    for case, functions in cases.items():
        seconds = interleaved_seconds(functions, repeat)
        scipy_seconds = next(s for name, s in seconds.items() if name.startswith("scipy"))
        for name, s in seconds.items():
            ratio = statistics.median(mine / theirs for mine, theirs in zip(s, scipy_seconds, strict=True))
            s = statistics.median(s)
            goal = ""
            if name.startswith("activations"):
                goal = f"≤ {goals[case]}× " + ("met" if ratio <= goals[case] else "MISSED")
            print(f"| {case} | `{name}` | {s * 1e3:.2f} | {ratio:.2f} | {goal} |")


# -- 3. accuracy against mpmath ------------------------------------------------------------


def ulps(computed, exact):
    """|computed - exact| in units of the spacing of float64 at the exact value."""
    import mpmath

    spacing = np.spacing(abs(float(exact))) if float(exact) != 0 else np.spacing(0.0)
    return float(abs(mpmath.mpf(float(computed)) - exact) / mpmath.mpf(float(spacing)))


def worst_error(inputs, outputs, exacts):
    """(largest error in ulps, the input where it is) over inputs, output arrays and exact values."""
    worst = (-1.0, None)
    for value, out, exact in zip(inputs, outputs, exacts, strict=True):
        error = max(ulps(c, e) for c, e in zip(np.atleast_1d(out), exact, strict=True))
        if error > worst[0]:
            worst = (error, value)
    return worst


def bench_accuracy():
    import mpmath
    import scipy.special

    from activations.sigmoid import sigmoid
    from activations.softmax import softmax

    mpmath.mp.prec = 200
    grid = np.unique(
        np.concatenate(
            [
                np.linspace(-745.0, 710.0, 145_501),  # the whole range, every 0.01
                np.linspace(-40.0, 40.0, 80_001),  # where sigmoid turns, every 0.001
                np.geomspace(1e-300, 1.0, 3001),  # tiny inputs, both signs
                -np.geomspace(1e-300, 1.0, 3001),
                [-745.1, -745.0, -744.44, -709.78, 0.0, 36.7, 37.0, 709.78, 710.0],  # the edges of float64
            ]
        )
    )

    exact = [[1 / (1 + mpmath.exp(-mpmath.mpf(float(x))))] for x in grid]
    print("\n## Accuracy against mpmath (200-bit)\n")
    print("| function | inputs | largest error (ulp) | at |\n|---|---|---:|---|")
    for name, func in {"activations.sigmoid": sigmoid, "scipy.special.expit": scipy.special.expit}.items():
        error, at = worst_error(grid, func(grid), exact)
        print(f"| `{name}` | {grid.size:,} points in [-745.1, 710] | {error:.2f} | x = {float(at)!r} |")

    # softmax of [0, d] is [sigmoid(-d), sigmoid(d)]: both tails; then wide random rows, and shifted ones.
    rng = np.random.default_rng(1)
    pairs = np.stack([np.zeros(14_551), np.linspace(-745.0, 710.0, 14_551)], axis=1)
    wide = rng.uniform(-50.0, 50.0, (2000, 10))
    batches = [pairs, wide, wide + 700.0, wide - 700.0]
    rows = [row for batch in batches for row in batch]
    exact = []
    for row in rows:
        exps = [mpmath.exp(mpmath.mpf(float(v))) for v in row]
        exact.append([e / mpmath.fsum(exps) for e in exps])

    inputs = f"{2 * len(pairs) + 3 * wide.size:,} entries: [0, d] for d in [-745, 710]; 10 in [-50, 50], ±700"
    for name, func in {"activations.softmax": softmax, "scipy.special.softmax": scipy.special.softmax}.items():
        outputs = [out for batch in batches for out in func(batch, axis=-1)]
        error, at = worst_error(rows, outputs, exact)
        print(f"| `{name}` | {inputs} | {error:.2f} | row starting {[round(float(v), 3) for v in at[:3]]} |")


# -- the machine ---------------------------------------------------------------------------


# -- 4. the test suite --------------------------------------------------------------------


def cpu_ticks():
    """(busy, all) ticks of every core since boot, from /proc/stat (Linux)."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    busy = user + nice + system + irq + softirq
    return busy, busy + idle + iowait + steal


def bench_suite(runs):
    command = [sys.executable, "-m", "pytest", "--durations=10"]
    print(f"\n## The test suite (`{' '.join(['.venv/bin/python', *command[1:]])}`, warm; runs: {runs})\n")
    print("| run | result | wall s | cores busy |\n|---|---|---:|---:|")
    walls, slowest, failed = [], [], 0
    for run in range(1, runs + 1):
        busy, ticks = cpu_ticks()
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - start)
        failed += result.returncode != 0
        busy, ticks = (now - before for now, before in zip(cpu_ticks(), (busy, ticks), strict=True))
        summary = result.stdout.strip().splitlines()[-1].strip("= ")
        failures = re.findall(r"^(?:FAILED|ERROR) \S+", result.stdout, re.MULTILINE)
        print(f"| {run} | {'; '.join([summary, *failures])} | {walls[-1]:.1f} | {100 * busy / ticks:.0f}% |")
        slowest = re.findall(r"^\d+\.\d+s .*$", result.stdout, re.MULTILINE)
    median = statistics.median(walls)
    verdict = f"not measured: {failed} runs failed" if failed else ("met" if median < 120 else "MISSED")
    print(f"\nmedian {median:.1f} s; goal < 120 s: {verdict}")
    print("\nThe ten slowest tests of the last run:\n\n```\n" + "\n".join(slowest) + "\n```")


def describe_machine():
    packages = ["numpy", "scipy", "torch", "mpmath", "matplotlib", "mkdocs", "mkdocs-material", "mkdocs-jupyter"]
    print("## Machine\n")
    print(f"- {os.cpu_count()} cores ({platform.processor() or platform.machine()}), {platform.system()}")
    print(f"- Python {platform.python_version()}")
    print("- " + ", ".join(f"{name} {version(name)}" for name in packages))
    load = os.getloadavg()
    print(f"- load average at the start: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind (default 3)")
    parser.add_argument("--repeat", type=int, default=31, help="interleaved rounds of timings (default 31)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the test suite (default 3)")
    parser.add_argument("--only", choices=["builds", "speed", "accuracy", "suite"], help="run one part only")
    args = parser.parse_args()
    describe_machine()
    if args.only in (None, "builds"):
        bench_builds(args.rounds)
    if args.only in (None, "speed"):
        bench_speed(args.repeat)
    if args.only in (None, "accuracy"):
        bench_accuracy()
    if args.only in (None, "suite"):
        bench_suite(args.runs)


if __name__ == "__main__":
    main()
