"""README's quick start is exactly two commands, and CI runs the second one word for word."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 빠른 시작", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)]


def test_quick_start_has_a_serve_command_and_a_test_command():
    serve, test = quick_start()
    for command in (serve, test):
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && ")
    assert serve.endswith(".venv/bin/mkdocs serve")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command():
    _, test = quick_start()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd ", "export "))]
    assert commands[-1] == test  # the lines before it install what the browser tests need


def test_home_page_shows_the_same_commands():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    shown = [block.strip() for block in re.findall(r"```bash\n(.*?)```", re.sub(r"(?m)^    ", "", home), re.S)]
    assert shown == quick_start()
