"""Reflow (WCAG 1.4.4 and 1.4.10): at 320 px with the text enlarged to 200 %, nothing may
scroll sideways. The text is enlarged from the test (the served pages carry no inline style:
the Content Security Policy forbids it)."""

from __future__ import annotations

# Null when nothing scrolls sideways; else the widths and the elements that stick out.
OVERFLOW = """() => {
  const root = document.scrollingElement;
  if (root.scrollWidth <= root.clientWidth + 1) return null;
  const wide = [...document.querySelectorAll("body, body *")].filter(el =>
    el.getBoundingClientRect().right > root.clientWidth + 1
    || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible"));
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map(c => "." + c).join("")
    + ` (right ${Math.round(el.getBoundingClientRect().right)}, scroll ${el.scrollWidth})`;
  return `${root.scrollWidth} > ${root.clientWidth}: ` + wide.slice(0, 12).map(name).join(", ");
}"""


def sideways_at_200_percent(page) -> str | None:
    """What scrolls sideways on the page (at its current width) with the text at 200 %."""
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    try:
        return page.evaluate(OVERFLOW)
    finally:
        page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
