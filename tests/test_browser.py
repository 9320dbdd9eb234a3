"""The site as a reader sees it (issue 7): the built site, served on 127.0.0.1, in headless Chromium.

Every page is opened at 390 px (a phone) and 1280 px, in the light and the dark scheme: whole
Korean words, nothing wider than the viewport, tables and formulas that scroll in their own box
with a cue, a copy button that covers no code, formulas drawn with the site's math font, and no
axe-core violation of impact serious or critical. Search is typed as a reader types it. Each
first visit is weighed (DOM elements, HTML, bytes transferred, largest figure).

Each page is loaded once per scheme, in a tab kept for that scheme from page to page (so that
Chromium compiles axe-core once). Every load is a first visit: a context that routes its
requests (through the guard below) has no HTTP cache, and the weighing checks that nothing came
from one. Layout does not depend on the scheme (the slate scheme and docs/stylesheets/ change
colours only), so the light tab is checked at 390 px, then widened to 1280 px; the dark one is
checked at 390 px for what depends on colours. The two tabs run side by side: each has a
renderer process of its own, so axe-core runs in both at once, one on each core.

A request to any other host fails the test that made it (and is never sent).

The browser: BROWSER_EXECUTABLE, default /usr/bin/chromium-headless-shell (Debian's build of
Chromium's headless shell, which .ci/run installs): the same Blink as `chromium`, without the
browser around it, and a fifth less CPU for these tests. It is also what Playwright runs headless
by default. Set BROWSER_EXECUTABLE to an empty string to use the one of `playwright install
chromium`: GitHub's runners do that (.github/workflows/ci.yml), because their apt `chromium` is a
snap stub. (A headless shell asks for no favicon, so the first visit is weighed without its 2 KB.)

The weights are printed and written to .cache/screenshots/weights.txt (git-ignored). Full-page
screenshots of every page (390 and 1280 px, light and dark) are for a person to look at and assert
nothing, so they are taken only on request, into .cache/screenshots/:

    SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_browser.py -k reads_well
"""

import gzip
import http.server
import importlib.resources
import io
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from test_build import nav_pages

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / ".cache" / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
CHECKS = (Path(__file__).with_name("browser_checks.js")).read_text(encoding="utf-8")
AXE = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
BROWSER = os.environ.get("BROWSER_EXECUTABLE", "/usr/bin/chromium-headless-shell")
# Flags that keep Chromium quiet and working in a container (../shared/FIELD-NOTES.md).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
HEIGHT = 800
# axe-core's rules that depend on colours: all of axe-core runs in the first scheme, these in the other.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The colour rules leave the formulas out: axe-core takes half its time on a page's hundreds of MathML
# elements, and browser_checks.js checks each formula's colour against its background instead.
NOT_FORMULAS = {"exclude": [["math"]]}

# The goals of issue 7 for every first visit (search index included).
MAX_ELEMENTS = 1500
MAX_HTML = 100_000
MAX_TRANSFERRED = 600_000
MAX_FIGURE = 60_000
# What GitHub Pages sends gzip-compressed (it does so for text types, SVG included).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


def url_path(page):
    """docs/<page> -> its address in the site: index.md -> "", tanh.md -> "tanh/"."""
    path = re.sub(r"(^|/)index\.md$|\.(md|ipynb)$", r"\1", page)
    return path if not path or path.endswith("/") else path + "/"


PAGES = [url_path(page) for page in nav_pages()]


def page_name(path):
    return path.strip("/").replace("/", "-") or "index"


class Server:
    """The built site on 127.0.0.1, on a port of its own, counting the bytes of every response."""

    def __init__(self):
        self.root = None
        self.sent = []  # (path, bytes on the wire, bytes of the file) of every response
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            """Serves text gzip-compressed when the browser asks for it, as GitHub Pages does."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(server.root), **kwargs)

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir() and self.path.endswith("/"):
                    path = path / "index.html"
                kind = self.guess_type(str(path))
                gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
                if not (gzip_ok and path.is_file() and kind.startswith(COMPRESSED)):
                    return super().send_head()
                body = path.read_bytes()
                self.wire = gzip.compress(body, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(self.wire)))
                self.end_headers()
                server.sent.append((unquote(urlsplit(self.path).path), len(self.wire), len(body)))
                return io.BytesIO(self.wire)

            def copyfile(self, source, outputfile):
                body = source.read()
                outputfile.write(body)
                if getattr(self, "wire", None) is not body:  # not counted yet: sent as it is
                    server.sent.append((unquote(urlsplit(self.path).path), len(body), len(body)))

            def log_message(self, *args):
                pass  # the test reports what matters

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Reader:
    """One Chromium, whose contexts record and block every request to another host."""

    def __init__(self, playwright, server):
        self.server = server
        executable = {"executable_path": BROWSER} if BROWSER else {}
        self.browser = playwright.chromium.launch(args=FLAGS, **executable)
        self.foreign = []  # requests to another host
        self.errors = []  # console errors and uncaught exceptions
        self.tabs = {}

    def context(self, scheme, width=WIDTHS[0]):
        context = self.browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=scheme)
        context.route("**/*", self.guard)  # which also turns the HTTP cache off (Playwright's routing)
        return context

    def guard(self, route):
        url = route.request.url
        if url.startswith(self.server.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def tab(self, scheme):
        """The tab of this scheme, reused from page to page."""
        if scheme not in self.tabs:
            tab = self.context(scheme).new_page()
            self.watch(tab)
            self.tabs[scheme] = tab
        return self.tabs[scheme]

    def watch(self, tab):
        tab.on("console", lambda message: message.type == "error" and self.errors.append(f"{tab.url}: {message.text}"))
        tab.on("pageerror", lambda error: self.errors.append(f"{tab.url}: {error}"))

    def open(self, tab, path):
        tab.goto(self.server.base + path, wait_until="load")
        settle(tab)

    def close(self):
        self.browser.close()


def settle(tab):
    """Wait for the fonts, two frames (overflow.js reacts to a load or resize within one), then transitions."""
    tab.evaluate(
        """() => document.fonts.ready
             .then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))
             .then(() => Promise.all(document.getAnimations().map(animation => animation.finished)))"""
    )


@pytest.fixture(scope="module")
def server():
    server = Server()
    yield server
    server.close()


@pytest.fixture(scope="module")
def reader(server):
    with sync_playwright() as playwright:
        reader = Reader(playwright, server)
        yield reader
        reader.close()


@pytest.fixture
def browse(site, server, reader):
    """The reader, on the built site; fails the test on any request to another host or console error."""
    server.root = site[0]
    reader.foreign.clear()
    reader.errors.clear()
    yield reader
    assert not reader.foreign, f"requests to other hosts (blocked): {reader.foreign}"
    assert not reader.errors, f"errors in the browser console: {reader.errors}"


def start_axe(tab, every_rule):
    """Start axe-core in `tab` and return at once; axe_violations() waits for it.

    every_rule: all of axe-core's rules, the colour rules outside the formulas; otherwise only those.
    axe.run() does most of its work before its first await, so it starts on a timer: otherwise
    evaluate() would return only once that work is done, and two tabs could not run it at once.
    """
    tab.evaluate(AXE)
    runs = [[NOT_FORMULAS, {"runOnly": COLOUR_RULES}]]
    if every_rule:
        runs.insert(0, ["document", {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}])
    tab.evaluate(
        """runs => { window.axeRun = runs.reduce(
             (before, [context, options]) => before.then(async violations => [
               ...violations,
               ...(await axe.run(context === "document" ? document : context,
                                 {...options, resultTypes: ["violations"]})).violations]),
             new Promise(go => setTimeout(go)).then(() => [])); }""",
        runs,
    )


def axe_violations(tab):
    """The violations of impact serious or critical of the runs start_axe() started, as readable lines."""
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in tab.evaluate("() => window.axeRun")
        if violation["impact"] in ("serious", "critical")
    ]


def fonts_of_formulas(tab):
    """{character(s): fonts Chromium drew them with}, for each distinct text in the formulas (DevTools)."""
    texts = tab.evaluate(
        """() => {
          const seen = new Set();
          for (const el of document.querySelectorAll("math mi, math mo, math mn, math mtext")) {
            const text = el.textContent.trim();
            if (el.children.length === 0 && text && !seen.has(text)) {
              seen.add(text);
              el.setAttribute("data-font-probe", "");
            }
          }
          return [...seen];
        }"""
    )
    if not texts:
        return {}
    cdp = tab.context.new_cdp_session(tab)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-font-probe]"})["nodeIds"]
        # querySelectorAll keeps document order, as the loop above did.
        return {
            text: {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
            for text, node in zip(texts, nodes, strict=True)
        }
    finally:
        cdp.detach()


def first_visit_weights(tab, server, path, capsys):
    """The goals of issue 7 that the first visit of `path` misses: `tab` (empty cache) has just loaded it.

    Transferred bytes are counted as they cross the wire: text gzip-compressed, as GitHub Pages
    serves it. HTML and figures are measured as files (uncompressed). Figures that the page loads
    lazily and that are out of view are not fetched on a first visit, so they do not count.
    """
    tab.wait_for_load_state("networkidle")
    elements = tab.evaluate("document.getElementsByTagName('*').length")
    files = {file: size for file, _, size in server.sent}
    assert "/search/search_index.json" in files, "the search index was not loaded"
    # Nothing came from a cache (routing turns Chromium's off): what comes from one has no transfer size.
    cached = tab.evaluate(
        "performance.getEntriesByType('resource').filter(e => !e.transferSize && e.decodedBodySize).map(e => e.name)"
    )
    assert not cached, f"taken from a cache, not fetched as on a first visit: {cached}"
    html, transferred = files["/" + path], sum(wire for _, wire, _ in server.sent)
    figures = [(size, file) for file, size in files.items() if file.startswith("/figures/")]
    figure, largest = max(figures, default=(0, "-"))
    row = f"{page_name(path):<20}{elements:>9,}{html:>10,}{transferred:>13,}{figure:>9,}  {largest}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with (SCREENSHOTS / "weights.txt").open("w" if path == PAGES[0] else "a", encoding="utf-8") as weights:
        weights.write(row + "\n")
    with capsys.disabled():
        if path == PAGES[0]:
            print(f"\n{'first visit':<20}{'elements':>9}{'HTML':>10}{'transferred':>13}{'figure':>9}  largest figure")
        print(row)
    return [
        f"first visit: {value:,} {what} > {limit:,}"
        for what, value, limit in (
            ("DOM elements", elements, MAX_ELEMENTS),
            ("bytes of HTML", html, MAX_HTML),
            ("bytes transferred", transferred, MAX_TRANSFERRED),
            (f"bytes in {largest}", figure, MAX_FIGURE),
        )
        if value > limit
    ]


@pytest.mark.parametrize("path", PAGES, ids=page_name)
def test_every_page_reads_well_at_390_and_1280_px_in_both_schemes(browse, server, capsys, path):
    """The page in the tab of each scheme at 390 px, then in the light one at 1280 px.

    The light tab's load is the page's first visit, weighed as well (first_visit_weights).
    """
    problems = []

    def look(tab, width, scheme):
        problems.extend(f"{width} px {scheme}: {problem}" for problem in tab.evaluate(CHECKS))
        if TAKE_SCREENSHOTS:
            tab.screenshot(path=SCREENSHOTS / f"{page_name(path)}-{width}-{scheme}.png", full_page=True)

    tabs = {scheme: browse.tab(scheme) for scheme in SCHEMES}
    light = tabs[SCHEMES[0]]
    for scheme, tab in tabs.items():
        tab.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        if tab is light:
            server.sent.clear()
        browse.open(tab, path)
        if tab is light:
            # Before the other tab sends a request, and before a full-page screenshot, which
            # fetches the lazy figures of the whole page.
            problems += first_visit_weights(tab, server, path, capsys)
        look(tab, WIDTHS[0], scheme)
        # The other tab loads while this one's axe-core runs.
        start_axe(tab, every_rule=tab is light)
    for scheme, tab in tabs.items():
        problems += [f"{WIDTHS[0]} px {scheme}: axe: {line}" for line in axe_violations(tab)]
    light.set_viewport_size({"width": WIDTHS[1], "height": HEIGHT})
    settle(light)
    look(light, WIDTHS[1], SCHEMES[0])
    if TAKE_SCREENSHOTS:  # what a reader of the dark scheme sees at 1280 px, to look at
        dark = tabs[SCHEMES[1]]
        dark.set_viewport_size({"width": WIDTHS[1], "height": HEIGHT})
        settle(dark)
        dark.screenshot(path=SCREENSHOTS / f"{page_name(path)}-{WIDTHS[1]}-{SCHEMES[1]}.png", full_page=True)
    for text, fonts in fonts_of_formulas(light).items():
        if fonts != {"Noto Sans Math"}:
            problems.append(f"formula text {text!r} drawn with {sorted(fonts)}, not only Noto Sans Math")
    assert not problems, "\n".join(problems)


# What a reader types, and the pages one of which must come first (None: any result will do).
SEARCHES = [
    ("탄젠트", {"tanh/"}),  # a part of the compound 하이퍼볼릭탄젠트
    ("하이퍼볼릭탄젠트", {"tanh/"}),
    ("시그모이드의", {"sigmoid/"}),  # particles are cut off
    ("역전파는", None),
    ("활성화함수", None),  # 활성화 함수 without the space
    ("교차 엔트로피", {"output-layer/", "softmax/"}),  # not tanh's 교차점
    ("BCEWithLogitsLoss", {"output-layer/"}),  # English API names
    ("CrossEntropyLoss", {"output-layer/"}),
    ("softmax", {"softmax/"}),
]


def search(tab, query):
    """The addresses of the results Material's search shows for `query`, typed as a reader does."""
    box = tab.locator("input.md-search__input")
    box.fill("")
    tab.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")  # fill() types no key, and Material searches on keyup
    tab.wait_for_function(
        "() => /\\d|없/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=10_000
    )
    settle(tab)
    links = tab.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => [a.pathname, a.innerText])"
    )
    return [(path.removeprefix(urlsplit(tab.url).path.rsplit("/", 2)[0] + "/"), text) for path, text in links]


def test_search_finds_what_a_reader_types(browse):
    tab = browse.tab("light")
    tab.set_viewport_size({"width": WIDTHS[1], "height": HEIGHT})
    browse.open(tab, "")
    name = tab.get_attribute(".md-search", "aria-label")
    assert name, "the search dialog has no accessible name"
    problems = []
    for query, first in SEARCHES:
        results = search(tab, query)
        pages = [path.lstrip("/") for path, _ in results]
        if not results:
            problems.append(f"{query!r} finds nothing")
        elif first is not None and pages[0] not in first:
            problems.append(f"{query!r} shows {pages[:3]} first, not one of {sorted(first)}")
        for _, text in results[:3]:
            if re.search(r"\bdef |\bimport |NumPyPyTorch", text):
                problems.append(f"{query!r}: an excerpt shows code: {text[:80]!r}")
    assert not problems, "\n".join(problems)


def test_the_search_index_holds_prose_not_code(site):
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    assert texts and not any("<pre>" in text for text in texts)
    assert not any("NumPyPyTorch" in text for text in texts)
    assert any("BCEWithLogitsLoss" in text for text in texts), "inline code in the prose stays searchable"


def test_a_request_to_another_host_is_blocked_and_reported(site, server, reader):
    """The guard the other tests rely on: a request to another host never leaves, and is recorded."""
    server.root = site[0]
    tab = reader.tab("light")
    reader.open(tab, "")
    reader.foreign.clear()
    reader.errors.clear()
    outcome = tab.evaluate("() => fetch('https://example.com/x.js').then(() => 'sent', () => 'blocked')")
    assert outcome == "blocked"
    assert reader.foreign == ["https://example.com/x.js"]
    reader.foreign.clear()
    reader.errors.clear()  # Chromium logs the blocked request as a console error



@pytest.mark.parametrize("fade", ["math { color: GREY }", "p { opacity: 0.35 }"], ids=["colour", "opacity"])
@pytest.mark.parametrize(("background", "ink", "grey"), [("#fff", "#000", "#999"), ("#1e2129", "#e2e4e9", "#5a5f6b")])
def test_a_formula_that_fades_is_reported(browse, fade, background, ink, grey):
    """axe-core's contrast rule leaves MathML out (NOT_FORMULAS): browser_checks.js must see it instead."""
    tab = browse.tab(SCHEMES[0])
    tab.goto("about:blank")  # away from the site: Material's scripts would see their page go
    tab.set_content(
        f'<html lang="ko"><body style="background: {background}; color: {ink}"><article class="md-content__inner">'
        "<p>식 <math><mi>x</mi><mo>+</mo><mn>1</mn></math></p></article></body></html>"
    )
    assert tab.evaluate(CHECKS) == []
    tab.add_style_tag(content=fade.replace("GREY", grey))
    problems = tab.evaluate(CHECKS)
    assert len(problems) == 1 and problems[0].startswith('formula text "x" has contrast'), problems


def test_a_first_visit_in_the_dark_scheme_is_dark_before_materials_script_runs(browse):
    """Material picks the scheme of the reader's system in its bundle, at the end of the page: until
    then a first visit in dark mode showed the page light. overrides/main.html picks it in <head>.
    Here the bundle never runs (an empty script)."""

    def empty_script(route):
        route.fulfill(body="", content_type="text/javascript")

    context = browse.context(SCHEMES[1])  # new: nothing in its localStorage, a first visit
    try:
        tab = context.new_page()
        tab.route("**/assets/javascripts/bundle.*.min.js", empty_script)
        tab.goto(browse.server.base + "sigmoid/", wait_until="load")
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        context.close()
