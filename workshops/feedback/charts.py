"""Charts as inline SVG made on the server: the same in the browser and in WeasyPrint's print.

Why our own and not pygal: pygal's SVG carries its own <style> and a <script> from a CDN for
tooltips, which the strict CSP refuses and print does not run; turning those off leaves a
chart with no text alternative. These charts use presentation attributes only (no style
attribute, no script), have role="img" with a <title> and <desc>, write every figure as text
beside its bar or point (nothing by colour alone), and each one is paired with a table in
the page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT = "DejaVu Sans, Arial, sans-serif"
INK = "#1b2631"
BAR = "#1f5f8b"
GRID = "#c9d3dc"
MUTED = "#4a5866"


def _attrs(**attrs) -> str:
    def show(value) -> str:
        return f"{value:.1f}" if isinstance(value, float) else str(value)

    return " ".join(f'{name.replace("_", "-")}="{escape(show(v))}"' for name, v in attrs.items())


def _el(tag: str, text: str | None = None, **attrs) -> str:
    """One SVG element with presentation attributes; `text` is escaped."""
    if text is None:
        return f"<{tag} {_attrs(**attrs)} />"
    return f"<{tag} {_attrs(**attrs)}>{escape(text)}</{tag}>"


def distribution_svg(
    *, title: str, rows: list[tuple[int, int, float]], low_label: str = "", high_label: str = ""
) -> SafeString:
    """Horizontal bars for the values 1–5: each bar's count and share written beside it.

    `rows`: (value, count, share 0–1) as `stats.ScaleStats.rows` gives them.
    """
    row_height, top, left, bar_max = 30, 8, 34, 180
    height = top + row_height * len(rows) + 6
    width = left + bar_max + 110
    n = sum(count for _v, count, _s in rows)
    parts = []
    for index, (value, count, share) in enumerate(rows):
        y = top + index * row_height
        bar = max(0.0, share) * bar_max
        parts.append(
            _el("text", str(value), x=left - 8, y=y + 18, text_anchor="end", font_size=14, fill=INK)
        )
        parts.append(
            _el("rect", x=left, y=y + 3, width=bar_max, height=20, fill="none", stroke=GRID)
        )
        if bar > 0:
            parts.append(_el("rect", x=left, y=y + 3, width=bar, height=20, fill=BAR))
        parts.append(
            _el(
                "text",
                f"{count} ({_percent(share)})",
                x=left + bar_max + 8,
                y=y + 18,
                font_size=13,
                fill=INK,
            )
        )
    desc = "; ".join(f"{value}: {count} ({_percent(share)})" for value, count, share in rows)
    if low_label or high_label:
        desc = f"1 = {low_label}, 5 = {high_label}. n = {n}. {desc}"
    return _svg(title, desc, width, height, "".join(parts), "chart chart--distribution")


def trend_svg(
    *,
    title: str,
    points: list[tuple[dt.date, Decimal]],
    baseline: Decimal | None = None,
    unit: str = "",
) -> SafeString:
    """A line through the measurements in date order, each point labelled with its value; the
    baseline as a dashed line. Dates are spaced by time, not evenly."""
    width, height = 520, 240
    left, right, top, bottom = 56, 24, 24, 40
    if not points:
        return _svg(title, "", width, 40, "", "chart chart--trend")
    points = sorted(points)
    values = [float(v) for _d, v in points] + ([float(baseline)] if baseline is not None else [])
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    first, last = points[0][0], points[-1][0]
    days = max(1, (last - first).days)

    def x_of(date: dt.date) -> float:
        if first == last:
            return left + (width - left - right) / 2
        return left + (date - first).days / days * (width - left - right)

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    axis_y = height - bottom
    parts = [
        _el("line", x1=left, y1=axis_y, x2=width - right, y2=axis_y, stroke=GRID),
        _el("line", x1=left, y1=top, x2=left, y2=axis_y, stroke=GRID),
    ]
    for value in (low + pad, high - pad):
        parts.append(
            _el(
                "text",
                _number(value),
                x=left - 6,
                y=y_of(value) + 4,
                text_anchor="end",
                font_size=11,
                fill=MUTED,
            )
        )
    if baseline is not None:
        y = y_of(float(baseline))
        parts.append(
            _el("line", x1=left, y1=y, x2=width - right, y2=y, stroke=MUTED, stroke_dasharray="6 4")
        )
    coords = [(x_of(d), y_of(float(v))) for d, v in points]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(_el("polyline", points=path, fill="none", stroke=BAR, stroke_width=2))
    for (_date, value), (x, y) in zip(points, coords, strict=True):
        parts.append(_el("circle", cx=x, cy=y, r=4, fill=BAR))
        parts.append(
            _el("text", _number(value), x=x, y=y - 9, text_anchor="middle", font_size=12, fill=INK)
        )
    ends = ((first, "start"), (last, "end")) if first != last else ((first, "middle"),)
    for date, anchor in ends:
        parts.append(
            _el(
                "text",
                date_format(date, "SHORT_DATE_FORMAT"),
                x=x_of(date),
                y=axis_y + 18,
                text_anchor=anchor,
                font_size=11,
                fill=MUTED,
            )
        )
    desc = "; ".join(
        f"{date_format(d, 'SHORT_DATE_FORMAT')}: {_number(v)} {unit}".strip() for d, v in points
    )
    return _svg(title, desc, width, height, "".join(parts), "chart chart--trend")


def _percent(share: float) -> str:
    """A share as a whole percentage, written as the language writes it (12 % or 12%)."""
    return _("%(percent)s%%") % {"percent": number_format(round(share * 100))}


def _number(value) -> str:
    """Up to two decimals, no trailing zeros, in the active language's format (12,5)."""
    text = f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(Decimal(text), use_l10n=True)


def _svg(title: str, desc: str, width: int, height: int, body: str, css_class: str) -> SafeString:
    # The id comes from the content: the same chart is the same markup in every render (the
    # report's fingerprint compares renders), and two charts with one id show the same text.
    digest = hashlib.sha256(f"{css_class}|{title}|{desc}|{body}".encode()).hexdigest()
    ident = f"chart-{digest[:10]}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{}" role="img" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{}" '
        'aria-labelledby="{}-title {}-desc"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        css_class,
        width,
        height,
        FONT,
        ident,
        ident,
        ident,
        title,
        ident,
        desc,
        mark_safe(body),  # noqa: S308 — built above from numbers and escaped text
    )
