"""The errata page shows, under each piece of the original note, exactly the error it raises."""

import html
import re
import traceback
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r'<div class="language-(\w+) (original-note(?:-error)?) highlight">(.*?)</div>', re.S)


def text_of(block_html):
    return html.unescape(re.sub(r"<[^>]+>", "", block_html))


def shown_pairs(site_dir):
    """(code, error) for every original-note block on the built errata page, in page order."""
    blocks = BLOCK.findall((site_dir / "errata" / "index.html").read_text(encoding="utf-8"))
    kinds = [kind for _, kind, _ in blocks]
    assert kinds == ["original-note", "original-note-error"] * (len(kinds) // 2), kinds
    texts = [text_of(body) for _, _, body in blocks]
    return list(zip(texts[0::2], texts[1::2], strict=True))


def test_every_original_block_is_followed_by_its_error(site):
    site_dir, _, _ = site
    fences = (ROOT / "docs" / "errata.md").read_text(encoding="utf-8").count("```{.python .original-note}")
    assert fences == 6  # the six bugs that the seed README lists
    assert len(shown_pairs(site_dir)) == fences


def test_each_shown_error_is_what_the_code_raises(site):
    site_dir, _, _ = site
    matplotlib.use("Agg")
    for code, shown in shown_pairs(site_dir):
        try:
            exec(compile(code, "<original-note>", "exec"), {"__name__": "__main__"})
        except Exception as error:
            raised = "".join(traceback.format_exception_only(error))
        else:
            raise AssertionError(f"ran without error:\n{code}")
        finally:
            plt.close("all")  # the note's plt.plot opened a figure before failing
        assert raised.rstrip() == shown.rstrip()


def test_the_shown_errors_are_the_note_bugs(site):
    """The page shows the kinds of error that the seed README says the note's code raises."""
    site_dir, _, _ = site
    kinds = [shown.strip().splitlines()[-1].split(":")[0] for _, shown in shown_pairs(site_dir)]
    assert kinds == ["SyntaxError", "AttributeError", "ValueError", "ValueError", "TypeError", "NameError"]
