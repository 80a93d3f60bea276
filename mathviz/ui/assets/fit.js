// Formulas that fit their box: a formula wider than the column it sits in is drawn smaller,
// down to MIN_SCALE of its size, instead of being cut at the column's edge. Runs once per
// browser tab and watches the page, so formulas drawn later (a rerun, another page) fit too.

const MIN_SCALE = 0.62;

function fit(display) {
  const math = display.querySelector(":scope > .katex");
  if (!math) return;
  math.style.fontSize = "";
  const room = display.clientWidth;
  if (room <= 0) return;
  const size = parseFloat(getComputedStyle(math).fontSize);
  // Width grows with the type, so one scaling nearly fits; further passes absorb the parts
  // that do not scale (rounding, a bracket's fixed width).
  for (let pass = 0; pass < 4; pass += 1) {
    const need = display.scrollWidth;
    if (need <= room + 1) break;
    const now = parseFloat(math.style.fontSize) || size;
    // Aim a little inside the edge: KaTeX's subscripts reach 2 px past its own box.
    const next = Math.max(MIN_SCALE * size, (now * (room - 4)) / need);
    if (next >= now) break;
    math.style.fontSize = `${next.toFixed(2)}px`;
  }
  display.dataset.fit = (parseFloat(math.style.fontSize) || size) / size < 0.999 ? "smaller" : "whole";
}

let watched = null;

function fitAll(resized) {
  document.querySelectorAll(".katex-display").forEach(fit);
  // The main column changes width without the window doing so when the sidebar folds.
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main !== watched) {
    resized.disconnect();
    resized.observe(main);
    watched = main;
  }
}

function install() {
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fitAll(resized);
    });
  };
  const resized = new ResizeObserver(soon);
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", soon);
  // KaTeX's fonts arrive after the first drawing and change every formula's width.
  document.fonts.addEventListener("loadingdone", soon);
  document.fonts.ready.then(soon);
  soon();
}

export default function () {
  if (window.mathvizFormulasFit) return;
  window.mathvizFormulasFit = true;
  install();
}
