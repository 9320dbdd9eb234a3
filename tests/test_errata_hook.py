"""docs/hooks/errata.py keeps the error of each original-note block in the build cache: a warm
build does not run the note's code again, and an edited block is run again."""

import pytest

from conftest import load_hook

PAGE = "# 오류\n\n```{.python .original-note}\n%s\n```\n"


@pytest.fixture
def errata(monkeypatch, tmp_path):
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path))  # the cache of every build-time result
    return load_hook("errata")


def shown(errata, code):
    page = type("Page", (), {"file": type("File", (), {"src_uri": "errata.md"})})
    return errata.on_page_markdown(PAGE % code, page, None, None)


def test_an_error_is_run_once_then_read_from_the_cache(errata, monkeypatch, tmp_path):
    first = shown(errata, "1 / 0")
    assert "ZeroDivisionError: division by zero" in first
    assert errata.counts == {"run": 1, "from cache": 0}
    assert len(list((tmp_path / "errata").glob("*.txt"))) == 1

    def must_not_run(code, filename):
        raise AssertionError("the note's code ran although its error is cached")

    monkeypatch.setattr(errata, "run_original", must_not_run)
    assert shown(errata, "1 / 0") == first
    assert errata.counts == {"run": 1, "from cache": 1}


def test_an_edited_block_is_run_again(errata):
    shown(errata, "1 / 0")
    assert "IndexError: list index out of range" in shown(errata, "[][1]")
    assert errata.counts == {"run": 2, "from cache": 0}
