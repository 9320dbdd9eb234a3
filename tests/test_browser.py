"""The site as a reader sees it (issue 7): the built site, served on 127.0.0.1, in headless Chromium.

Every page is opened at 390 px (a phone) and 1280 px, in the light and the dark scheme: whole
Korean words, nothing wider than the viewport, tables and formulas that scroll in their own box
with a cue, a copy button that covers no code, formulas drawn with the site's math font, and no
axe-core violation of impact serious or critical. Search is typed as a reader types it. Each
first visit is weighed (DOM elements, HTML, bytes transferred, largest figure).

Each page is loaded once, in a tab kept from page to page (so that Chromium compiles axe-core
once). Every load is a first visit: what an earlier page stored is cleared before the page's
scripts run, a context that routes its requests (through the guard below) has no HTTP cache, and
the weighing checks that nothing came from one. The page is checked at 390 px in the light
scheme; then the reader presses Material's palette toggle, and it is checked again at 390 px in
the dark one; then at 1280 px. A first visit in the dark scheme has a test of its own. Layout
does not depend on the scheme (the slate scheme and docs/stylesheets/ change colours only), so
one width per scheme would do; both are checked in the dark one.

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
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
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
# The colour rules leave the formulas and the highlighted code out: hundreds of tokens a page, on which
# axe-core spent more than half of the rules' time (0.8-1.0 s a page and scheme with them, 0.4-0.6 s
# without). browser_checks.js checks the colour of each of their tokens against its background instead.
NOT_FORMULAS_OR_CODE = {"exclude": [["math"], [".highlight"]]}

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
        self._tab = None
        self.pending = {}  # tab -> its requests still waiting for a response

    def context(self, scheme, width=WIDTHS[0]):
        context = self.browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=scheme)
        context.route("**/*", self.guard)  # which also turns the HTTP cache off (Playwright's routing)
        # Nor anything an earlier page stored (Material stores the palette it shows), before any script
        # of the page runs. about:blank has no storage to clear.
        context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (error) {}")
        return context

    def guard(self, route):
        url = route.request.url
        if url.startswith(self.server.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    @property
    def tab(self):
        """The tab, reused from page to page: its context's system scheme is light."""
        if self._tab is None:
            self._tab = self.context(SCHEMES[0]).new_page()
            self.watch(self._tab)
        return self._tab

    def watch(self, tab):
        pending = self.pending.setdefault(tab, set())
        tab.on("request", lambda request: pending.add(request))
        tab.on("requestfinished", lambda request: pending.discard(request))
        tab.on("requestfailed", lambda request: pending.discard(request))
        tab.on("console", lambda message: message.type == "error" and self.errors.append(f"{tab.url}: {message.text}"))
        tab.on("pageerror", lambda error: self.errors.append(f"{tab.url}: {error}"))

    def open(self, tab, path):
        tab.goto(self.server.base + path, wait_until="load")
        settle(tab)

    def switch_to_dark(self, tab):
        """As a reader does: press Material's palette toggle.

        The system's scheme stays light: when it changes while a page is open, Material reads its
        stored palette again, and that raced with the press (12 of 30 presses were undone).
        """
        # Every colour at once, with no transition: the content of a closed <details> starts its
        # transition only when asked for its style, and would be read mid-way.
        tab.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
        tab.locator("form[data-md-component=palette] label:visible").click()
        try:
            tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=10_000)
        except PlaywrightTimeout:
            raise AssertionError(f"{tab.url}: Material's palette toggle did not switch to the slate scheme") from None
        settle(tab)

    def wait_until_served(self, tab, path):
        """Until the server has sent `path` and `tab` waits for no response, twice 50 ms apart.

        Playwright's "networkidle" waits for 500 ms without a request: that idled a core for 5 s of a run.
        """
        deadline, quiet = time.monotonic() + 10, 0
        while quiet < 2:
            tab.wait_for_timeout(50)  # Playwright delivers the request events while it waits
            sent = {file for file, _, _ in self.server.sent}
            quiet = quiet + 1 if path in sent and not self.pending[tab] else 0
            if time.monotonic() > deadline:
                pending = [request.url for request in self.pending[tab]]
                raise AssertionError(f"{path} sent: {path in sent}; still waiting for {pending} after 10 s")

    def close(self):
        self.browser.close()


def settle(tab):
    """Wait for the fonts, two frames (overflow.js reacts to a load or resize within one), then transitions.

    An animation that has not ended after 10 s fails the test, named (evaluate() itself never times out).
    """
    tab.evaluate(
        """() => document.fonts.ready
             .then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))
             .then(() => {
               const animations = document.getAnimations();
               const running = () => animations.filter(a => a.playState !== "finished")
                 .map(a => `${a.animationName || a.transitionProperty} on <${a.effect.target.localName}>`);
               const late = new Promise((_, fail) => setTimeout(
                 () => fail(new Error(`animations still running after 10 s: ${running().join(", ")}`)), 10000));
               return Promise.race([Promise.all(animations.map(animation => animation.finished)), late]);
             })"""
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


def axe_violations(tab, every_rule):
    """axe-core's violations of impact serious or critical in `tab`, as readable lines.

    every_rule: all of axe-core's rules, the colour rules outside formulas and code; otherwise only those.
    """
    if not tab.evaluate("() => 'axe' in window"):
        tab.evaluate(AXE)
    runs = [[NOT_FORMULAS_OR_CODE, {"runOnly": COLOUR_RULES}]]
    if every_rule:
        runs.insert(0, ["document", {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}])
    violations = tab.evaluate(
        """async runs => {
             const violations = [];
             for (const [context, options] of runs) {
               const result = await axe.run(context === "document" ? document : context,
                                            {...options, resultTypes: ["violations"]});
               violations.push(...result.violations);
             }
             return violations;
           }""",
        runs,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in violations
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


def first_visit_weights(reader, tab, path, capsys):
    """The goals of issue 7 that the first visit of `path` misses: `tab` (empty cache) has just loaded it.

    Transferred bytes are counted as they cross the wire: text gzip-compressed, as GitHub Pages
    serves it. HTML and figures are measured as files (uncompressed). Figures that the page loads
    lazily and that are out of view are not fetched on a first visit, so they do not count.
    """
    reader.wait_until_served(tab, "/search/search_index.json")  # which Material's search fetches after the load
    elements = tab.evaluate("document.getElementsByTagName('*').length")
    files = {file: size for file, _, size in reader.server.sent}
    # Nothing came from a cache (routing turns Chromium's off): what comes from one has no transfer size.
    cached = tab.evaluate(
        "performance.getEntriesByType('resource').filter(e => !e.transferSize && e.decodedBodySize).map(e => e.name)"
    )
    assert not cached, f"taken from a cache, not fetched as on a first visit: {cached}"
    html, transferred = files["/" + path], sum(wire for _, wire, _ in reader.server.sent)
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
def test_every_page_reads_well_at_390_and_1280_px_in_both_schemes(browse, capsys, path):
    """The page's first visit at 390 px in the light scheme (weighed: first_visit_weights), then
    in the dark one (Material's toggle), then at 1280 px."""
    problems = []
    tab = browse.tab

    def look(width, scheme):
        problems.extend(f"{width} px {scheme}: {problem}" for problem in tab.evaluate(CHECKS))
        if TAKE_SCREENSHOTS:
            tab.screenshot(path=SCREENSHOTS / f"{page_name(path)}-{width}-{scheme}.png", full_page=True)

    def axe(every_rule, scheme):
        problems.extend(f"{WIDTHS[0]} px {scheme}: axe: {line}" for line in axe_violations(tab, every_rule))

    tab.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    browse.server.sent.clear()
    browse.open(tab, path)
    # Before the switch, whose dark figures are requests of their own; before a full-page screenshot,
    # which fetches the lazy figures of the whole page.
    problems += first_visit_weights(browse, tab, path, capsys)
    look(WIDTHS[0], SCHEMES[0])
    axe(every_rule=True, scheme=SCHEMES[0])
    browse.switch_to_dark(tab)
    look(WIDTHS[0], SCHEMES[1])
    axe(every_rule=False, scheme=SCHEMES[1])
    tab.set_viewport_size({"width": WIDTHS[1], "height": HEIGHT})
    settle(tab)
    look(WIDTHS[1], SCHEMES[1])
    if TAKE_SCREENSHOTS:  # what a reader of the light scheme sees at 1280 px, to look at
        tab.locator("form[data-md-component=palette] label:visible").click()
        settle(tab)
        tab.screenshot(path=SCREENSHOTS / f"{page_name(path)}-{WIDTHS[1]}-{SCHEMES[0]}.png", full_page=True)
    for text, fonts in fonts_of_formulas(tab).items():
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
    tab = browse.tab
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
    tab = reader.tab
    reader.open(tab, "")
    reader.foreign.clear()
    reader.errors.clear()
    outcome = tab.evaluate("() => fetch('https://example.com/x.js').then(() => 'sent', () => 'blocked')")
    assert outcome == "blocked"
    assert reader.foreign == ["https://example.com/x.js"]
    reader.foreign.clear()
    reader.errors.clear()  # Chromium logs the blocked request as a console error



# Text that axe-core's contrast rule does not see (NOT_FORMULAS_OR_CODE): (its markup, its tokens, the first).
UNSEEN_BY_AXE = {
    "formula": ('<p class="probe">식 <math><mi>x</mi><mo>+</mo><mn>1</mn></math></p>', "math", "x"),
    "code": ('<div class="probe language-python highlight"><pre><code><span class="k">import</span></code></pre></div>',
             ".highlight span", "import"),
}


@pytest.mark.parametrize("what", UNSEEN_BY_AXE)
@pytest.mark.parametrize("fade", ["TOKENS { color: GREY }", ".probe { opacity: 0.35 }"], ids=["colour", "opacity"])
@pytest.mark.parametrize(("background", "ink", "grey"), [("#fff", "#000", "#999"), ("#1e2129", "#e2e4e9", "#5a5f6b")])
def test_a_formula_or_code_that_fades_is_reported(browse, what, fade, background, ink, grey):
    """axe-core's contrast rule leaves formulas and code out: browser_checks.js must see them fade."""
    markup, tokens, first = UNSEEN_BY_AXE[what]
    tab = browse.tab
    tab.goto("about:blank")  # away from the site: Material's scripts would see their page go
    tab.set_content(
        f'<html lang="ko"><body style="background: {background}; color: {ink}">'
        f'<article class="md-content__inner">{markup}</article></body></html>'
    )
    assert tab.evaluate(CHECKS) == []
    tab.add_style_tag(content=fade.replace("TOKENS", tokens).replace("GREY", grey))
    problems = tab.evaluate(CHECKS)
    assert len(problems) == 1 and problems[0].startswith(f'{what} text "{first}" has contrast'), problems


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
