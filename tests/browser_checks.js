// What tests/test_browser.py checks inside a page, in the browser: returns a list of problems
// (strings), empty when the page reads well at the current width and colour scheme.
() => {
  "use strict";
  const problems = [];
  const article = document.querySelector("article.md-content__inner") || document.body;
  const HANGUL = /[\uac00-\ud7a3]/;
  const rect = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range;
  };
  const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  // Nothing makes the page wider than the viewport.
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) {
    const wide = [...article.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">`);
    problems.push(`page is ${width} px wide in a ${window.innerWidth} px viewport: ${wide.join(", ")}`);
  }

  if (document.documentElement.lang !== "ko") problems.push(`<html lang="${document.documentElement.lang}">`);

  // Whole Korean words: no line ends between two Hangul syllables of one word.
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      HANGUL.test(node.data) && !node.parentElement.closest("pre, math, .md-code__nav, script, style")
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT,
  });
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    let previousTop = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) { previousTop = null; continue; }
      if (previousTop !== null && box.top > previousTop + 1 && HANGUL.test(text[i - 1]) && HANGUL.test(text[i])) {
        problems.push(`Korean word broken across lines: "${text.slice(Math.max(0, i - 8), i)}/${text.slice(i, i + 8)}"`);
        break;
      }
      previousTop = box.top;
    }
  }

  // Tables and display formulas that are wider than their box scroll inside it, with a cue.
  for (const box of article.querySelectorAll(".md-typeset__scrollwrap, div.math, span.math.math--wide")) {
    if (box.scrollWidth - box.clientWidth > 1) {
      if (getComputedStyle(box).overflowX !== "auto") problems.push(`${box.className} overflows but does not scroll`);
      if (!box.hasAttribute("data-overflow")) problems.push(`${box.className} scrolls with no cue: "${box.textContent.slice(0, 40)}"`);
      if (box.tabIndex < 0) problems.push(`${box.className} scrolls but a keyboard cannot reach it`);
    }
  }
  for (const table of article.querySelectorAll("table")) {
    if (!table.closest(".md-typeset__scrollwrap")) problems.push(`a table outside a scroll box: "${table.textContent.slice(0, 40)}"`);
  }

  // The copy button covers no code.
  for (const button of article.querySelectorAll(".md-code__nav")) {
    const box = button.getBoundingClientRect();
    const code = button.parentElement.querySelector("code");
    if (!code || box.width === 0) continue;
    for (const line of rect(code).getClientRects()) {
      if (line.width > 0 && intersects(line, box)) {
        problems.push(`the copy button covers code: "${code.textContent.slice(0, 40)}"`);
        break;
      }
    }
  }

  // Figures keep their Korean alt text.
  for (const img of article.querySelectorAll("img")) {
    if (!HANGUL.test(img.alt || "")) problems.push(`figure without Korean alt text: ${img.src}`);
  }

  // Text that axe-core does not check meets 4.5:1 as well: the errata's ::before labels, and the
  // formulas and code (tests/test_browser.py leaves MathML and highlighted code out of axe-core's
  // contrast rule, where their hundreds of tokens took more than half of its time).
  const rgba = (css) => {
    const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
    if (srgb) return [...srgb.slice(1, 4).map((c) => 255 * c), srgb[4] === undefined ? 1 : Number(srgb[4])];
    const rgb = css.match(/^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/);
    if (!rgb) throw new Error(`browser_checks.js cannot read the colour ${css}`);
    return [...rgb.slice(1, 4).map(Number), rgb[4] === undefined ? 1 : Number(rgb[4])];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const background = (el) => {
    // The backgrounds of `el` and its ancestors, laid one over the other up to the first opaque one.
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const color = rgba(getComputedStyle(node).backgroundColor);
      if (color[3] === 1) return layers.reduceRight((under, top) => over(top, under), color.slice(0, 3));
      if (color[3] > 0) layers.push(color);
    }
    throw new Error(`no opaque background behind <${el.tagName.toLowerCase()}>`);
  };
  const opacity = (el) => {
    let product = 1;
    for (let node = el; node; node = node.parentElement) product *= Number(getComputedStyle(node).opacity);
    return product;
  };
  const luminance = ([r, g, b]) => {
    const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (fg, bg) => {
    const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  };
  for (const el of article.querySelectorAll(".original-note, .original-note-error")) {
    const before = getComputedStyle(el, "::before");
    if (before.content === "none") continue;
    const ratio = contrast(rgba(before.color), background(el));
    if (ratio < 4.5) problems.push(`label ${before.content} has contrast ${ratio.toFixed(2)}:1`);
  }
  const faded = (what, elements) => {
    for (const el of elements) {
      const text = [...el.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.data).join("").trim();
      if (!text) continue;
      const color = rgba(getComputedStyle(el).color);
      color[3] *= opacity(el);
      const ratio = contrast(color, background(el));
      if (ratio < 4.5) {
        problems.push(`${what} text "${text.slice(0, 40)}" has contrast ${ratio.toFixed(2)}:1`);
        return; // one is enough to find the rule that fades them
      }
    }
  };
  faded("formula", article.querySelectorAll("math :is(mi, mn, mo, ms, mtext)"));
  faded("code", article.querySelectorAll(".highlight, .highlight *"));
  return problems;
}
