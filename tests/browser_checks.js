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

  // Text that axe cannot see (the errata's ::before labels) meets 4.5:1 as well.
  const rgba = (css) => {
    const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const color = rgba(getComputedStyle(node).backgroundColor);
      if (color[3] > 0) return color; // Material's backgrounds here are opaque
    }
    return [255, 255, 255, 1];
  };
  const luminance = ([r, g, b]) => {
    const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (fg, bg) => {
    const mixed = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
    const [hi, lo] = [luminance(mixed), luminance(bg)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  };
  for (const el of article.querySelectorAll(".original-note, .original-note-error")) {
    const before = getComputedStyle(el, "::before");
    if (before.content === "none") continue;
    const ratio = contrast(rgba(before.color), background(el));
    if (ratio < 4.5) problems.push(`label ${before.content} has contrast ${ratio.toFixed(2)}:1`);
  }
  return problems;
}
