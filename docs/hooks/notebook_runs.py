"""Every lesson notebook runs top to bottom in a fresh kernel, at build time.

notebooks/NAME.ipynb is what a reader downloads or opens in Colab, so it is checked as the
site's figures and formulas are: the build stops, naming the notebook and the cell, when a cell
raises, writes to stderr (a warning), or imports matplotlib and shows no figure, and when the
notebook leaves a file in the empty folder it ran in. (The exercise notebooks run in
notebooks.py, as their pages are made.)

Two kernels run at a time (the machines have 2 cores), with the site's kernel settings
(docs/hooks/jupyter/). What a clean run showed is kept in .cache/lessons/NAME.json under a hash of
the notebook, this code and the versions of what the kernel runs: a build where no notebook
changed starts no kernel and imports no nbclient. tests/test_notebooks.py reads those records.
A run that fails is never kept.
"""

import hashlib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import snapshot  # docs/hooks/snapshot.py: the cache folder, entries stored under their key

log = logging.getLogger("mkdocs.hooks.notebook_runs")
KERNEL_SETTINGS = Path(__file__).parent / "jupyter" / "jupyter_nbconvert_config.json"
# What a lesson notebook's outputs depend on, besides the notebook itself.
RUNS_WITH = ("numpy", "scipy", "matplotlib", "torch", "ipykernel", "matplotlib-inline", "nbclient")
KERNELS_AT_ONCE = 2
# A cell that imports matplotlib draws, and must show its figure.
IMPORTS_MATPLOTLIB = re.compile(r"^\s*(?:import|from)\s+matplotlib\b", re.MULTILINE)


def on_post_build(config):
    base = Path(config.config_file_path).parent
    notebooks = sorted((base / "notebooks").glob("*.ipynb"))
    todo = {}  # {path: key} of the notebooks with no record of a clean run
    for path in notebooks:
        key = record_key(path)
        if snapshot.read(records(base) / f"{path.stem}.json", key) is None:
            todo[path] = key
    results = run_all(list(todo)) if todo else []
    for (path, key), record in zip(todo.items(), results, strict=True):
        problem = first_problem(record)
        if problem:
            raise PluginError(f"notebooks/{path.name}: {problem}")
        snapshot.write(records(base) / f"{path.stem}.json", key, record)
    log.info("lesson notebooks: %d ran, %d from cache", len(todo), len(notebooks) - len(todo))


def records(base):
    return snapshot.cache_root(base) / "lessons"


def record_key(path):
    digest = hashlib.sha256(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(snapshot.versions(RUNS_WITH).encode())
    return digest.hexdigest()[:16]


def run_all(paths):
    """What running each notebook showed (see run()), two kernels at a time."""
    import asyncio  # here, like nbclient below: a build where no notebook changed needs neither

    async def all_of_them():
        slots = asyncio.Semaphore(KERNELS_AT_ONCE)
        return await asyncio.gather(*(run(path, slots) for path in paths))

    return asyncio.run(all_of_them())


async def run(path, slots):
    """What running `path` in a fresh kernel, in a new empty folder, showed: see first_problem()."""
    import contextlib
    import json
    import os
    import tempfile

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    notebook = nbformat.read(path, as_version=4)
    settings = Config(json.loads(KERNEL_SETTINGS.read_text(encoding="utf-8")))
    # A reader's environment: a test run sets MPLBACKEND=Agg (tests/docs_blocks.py), which hides figures.
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    async with slots:
        with tempfile.TemporaryDirectory() as folder:
            client = NotebookClient(notebook, config=settings, timeout=120, resources={"metadata": {"path": folder}})
            with contextlib.suppress(CellExecutionError):  # the cell keeps its error: first_problem() names it
                await client.async_execute(env=env)
            leftovers = sorted(os.listdir(folder))
    return {"cells": [summary(cell) for cell in notebook.cells if cell.cell_type == "code"], "leftovers": leftovers}


def summary(cell):
    """A code cell after its run: its first line, whether it ran, its error, its stderr, its figures."""
    error = next((f"{out.ename}: {out.evalue}" for out in cell.outputs if out.output_type == "error"), None)
    stderr = "".join(out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stderr")
    return {
        "line": cell.source.strip().partition("\n")[0],
        "ran": cell.execution_count is not None,
        "error": error,
        "stderr": stderr,
        "imports_matplotlib": bool(IMPORTS_MATPLOTLIB.search(cell.source)),
        "figures": sum("image/png" in out.get("data", {}) for out in cell.outputs),
    }


def first_problem(record):
    """What keeps a run from being clean, naming the cell (by number and first line); None if clean."""
    for number, cell in enumerate(record["cells"], start=1):
        where = f"code cell {number} ({cell['line']!r})"
        if cell["error"]:
            return f"{where} failed: {cell['error']}"
        if not cell["ran"]:
            return f"{where} did not run"
        if cell["stderr"]:
            return f"{where} wrote to stderr (a warning?): {cell['stderr'].strip()}"
        if cell["imports_matplotlib"] and not cell["figures"]:
            return f"{where} imports matplotlib but shows no figure"
    if record["leftovers"]:
        return f"left {record['leftovers']} in the folder it ran in"
    return None
