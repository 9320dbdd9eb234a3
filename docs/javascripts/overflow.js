// Boxes that scroll sideways inside the page (tables, formulas) say so: data-overflow tells CSS on
// which side there is more to see ("start", "end" or "both"; docs/stylesheets/extra.css fades that
// side), and tabindex lets a keyboard scroll them. An inline formula wider than its line becomes
// such a box (class math--wide) instead of widening the page.
(function () {
  "use strict";
  const BOXES = ".md-typeset__scrollwrap, div.math, span.math.math--wide";

  function markWideFormulas() {
    for (const span of document.querySelectorAll(".md-typeset span.math")) {
      span.classList.remove("math--wide");
      const line = span.parentElement.getBoundingClientRect().width;
      if (span.getBoundingClientRect().width > line) span.classList.add("math--wide");
    }
  }

  function mark(box) {
    const hidden = box.scrollWidth - box.clientWidth;
    if (hidden <= 1) {
      box.removeAttribute("data-overflow");
      if (box.dataset.scrollFocus) box.removeAttribute("tabindex");
      return;
    }
    const start = box.scrollLeft > 1;
    const end = box.scrollLeft < hidden - 1;
    box.setAttribute("data-overflow", start && end ? "both" : start ? "start" : "end");
    if (!box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollFocus = "1";
    }
  }

  function scan() {
    markWideFormulas();
    for (const box of document.querySelectorAll(BOXES)) {
      mark(box);
      if (!box.dataset.scrollWatched) {
        box.dataset.scrollWatched = "1";
        box.addEventListener("scroll", () => mark(box), { passive: true });
      }
    }
  }

  // Material wraps tables in their scroll box when a page is shown (document$); wait a frame for it.
  const later = () => requestAnimationFrame(scan);
  if (typeof document$ !== "undefined") document$.subscribe(later);
  else document.addEventListener("DOMContentLoaded", later);
  window.addEventListener("resize", later);
  document.fonts.ready.then(later);
})();
