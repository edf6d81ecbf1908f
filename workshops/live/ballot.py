"""A voter's ballot as HTML. Written with format_html rather than a template because in a big
room every phone draws it when the vote opens and again after each of its dots (hundreds a
second), and the template engine cost ten times the rest of the request; the `#ballot`
partial calls it through the `ballot` tag, so there is one way to draw a ballot."""

from __future__ import annotations

import functools

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .converge_board import ConvergeBoard


def _marks(count: int) -> str:
    """A voter's dots as ● marks (decoration: the number is always written beside them)."""
    return "●" * max(0, int(count or 0))


def _form(url: str, csrf: SafeString, fields: SafeString, button: SafeString, css: str):
    return format_html(
        '<form class="{}" method="post" action="{}" hx-post="{}" hx-target="#ballot" '
        'hx-swap="outerHTML">{}{}{}</form>',
        css,
        url,
        url,
        csrf,
        fields,
        button,
    )


@functools.lru_cache(maxsize=4096)
def _heading(public_id, name: str, notes: tuple[str, ...]) -> tuple[SafeString, str]:
    """An item's name and notes preview as HTML, and its name cut for button labels. What
    every voter sees the same, keyed by its own content: a new name or note is a new key."""
    html = format_html('<p class="vote-item__name" id="item-{}">{}</p>', public_id, name)
    if notes:
        preview = Truncator(" · ".join(notes)).chars(160)
        html += format_html('<p class="meta vote-item__notes">{}</p>', preview)
    return html, Truncator(name).chars(60)


def _item(row, board: ConvergeBoard, url: str, csrf: SafeString, words: dict) -> str:
    """One item of the ballot. Plain f-strings over escaped parts: it is drawn for every item
    of every voter's every dot, and format_html's per-argument escaping was most of its cost.
    Every value is escaped here or comes escaped (`_heading`, `words`); ids are UUIDs."""
    settings_ = board.settings
    heading, name = _heading(row.public_id, row.name, tuple(row.notes_preview) if row.notes else ())
    own = words["own"](row.own)
    total = f" · {words['total'](row.total)}" if board.results_visible else ""
    parts = [
        heading,
        f'<p class="vote-item__own">{own} <span aria-hidden="true" class="dots">'
        f"{_marks(row.own)}</span>{total}</p>",
    ]
    if board.is_open:
        spent = board.left < 1 or row.own >= settings_.max_per_item
        form = (
            f'<form class="inline-form" method="post" action="{url}" hx-post="{url}" '
            f'hx-target="#ballot" hx-swap="outerHTML">{csrf}'
        )
        label = escape(words["add_label"] % {"name": name})
        spent_class, spent_attr = (" is-spent", ' aria-disabled="true"') if spent else ("", "")
        tools = [
            f'{form}<input type="hidden" name="item" value="{row.public_id}">'
            '<input type="hidden" name="action" value="add">'
            f'<button type="submit" id="dot-add-{row.public_id}" class="button button--small'
            f'{spent_class}"{spent_attr} '
            f'aria-label="{label}">+ {words["add"]}</button></form>'
        ]
        if row.own:
            label = escape(words["remove_label"] % {"name": name})
            tools.append(
                f'{form}<input type="hidden" name="item" value="{row.public_id}">'
                '<input type="hidden" name="action" value="remove">'
                f'<button type="submit" id="dot-remove-{row.public_id}" class="button '
                f'button--small button--secondary" aria-label="{label}">− '
                f"{words['remove']}</button></form>"
            )
        parts.append(f'<div class="vote-item__tools">{"".join(tools)}</div>')
    chosen = " vote-item--chosen" if row.own else ""
    return f'<li class="vote-item{chosen}">{"".join(parts)}</li>'


def _words() -> dict:
    """The ballot's words in the active language, escaped once per ballot."""

    def counted(text):
        seen: dict[int, str] = {}

        def word(count: int) -> str:
            if count not in seen:
                seen[count] = escape(text(count))
            return seen[count]

        return word

    return {
        "own": counted(
            lambda n: (
                ngettext("Your dots: %(counter)s", "Your dots: %(counter)s", n) % {"counter": n}
            )
        ),
        "total": counted(
            lambda n: (
                ngettext("%(counter)s dot in all", "%(counter)s dots in all", n) % {"counter": n}
            )
        ),
        "add": escape(_("Add a dot")),
        "remove": escape(_("Take a dot back")),
        # Escaped with the name filled in (the name is the user's text).
        "add_label": _("Add a dot: %(name)s"),
        "remove_label": _("Take a dot back: %(name)s"),
    }


def _move_form(board: ConvergeBoard, url: str, csrf: SafeString) -> SafeString:
    sources = format_html_join(
        "",
        '<option value="{}">{} ({})</option>',
        ((r.public_id, Truncator(r.name).chars(60), r.own) for r in board.items if r.own),
    )
    targets = format_html_join(
        "",
        '<option value="{}">{}</option>',
        ((r.public_id, Truncator(r.name).chars(60)) for r in board.items),
    )
    fieldset = format_html(
        '<input type="hidden" name="action" value="move"><fieldset><legend>{}</legend>'
        '<label for="move-from">{}</label><select id="move-from" name="from">{}</select>'
        '<label for="move-to">{}</label><select id="move-to" name="item">{}</select>'
        '<button type="submit" id="dot-move" class="button button--secondary">{}</button>'
        "</fieldset>",
        _("Move a dot"),
        _("From"),
        sources,
        _("To"),
        targets,
        _("Move the dot"),
    )
    return _form(url, csrf, fieldset, mark_safe(""), "move-form")


# Stands for the request's CSRF token in a drawn ballot: escaped user text can never contain "<".
_TOKEN = "<nopsa-csrf-token>"  # noqa: S105 — a placeholder, not a secret
# Ballots drawn in this process, by everything they show (`_key`). A vote's ballots differ only
# by the voter's own dots, so a room of 300 needs a few dozen drawings, not one per dot.
_drawn: dict[tuple, str] = {}
DRAWN_MAX = 512


def _key(board: ConvergeBoard, url: str) -> tuple:
    settings_ = board.settings
    return (
        translation.get_language(),
        url,
        settings_.budget,
        settings_.max_per_item,
        board.is_open,
        board.results_visible,
        board.used,
        tuple(
            (r.public_id, r.name, tuple(r.notes), r.own, r.total if board.results_visible else 0)
            for r in board.items
        ),
    )


def ballot_html(board: ConvergeBoard, request, workshop_code: str, error: str = "") -> SafeString:
    """The voter's ballot: dots left, each item with the voter's own dots and the buttons to add
    or take back a dot, and a form to move one."""
    url = reverse("live:dot", args=[workshop_code])
    # While everyone's totals show during the vote, every dot changes them: nothing to share.
    key = None if board.results_visible and board.is_open else _key(board, url)
    body = _drawn.get(key) if key is not None else None
    if body is None:
        body = _body(board, url)
        if key is not None:
            if len(_drawn) >= DRAWN_MAX:
                _drawn.clear()
            _drawn[key] = body
    head = ""
    if error:
        head = format_html('<p id="vote-error" class="errorlist" role="alert">{}</p>', error)
    return mark_safe(  # noqa: S308 — drawn by format_html and escaped parts
        f'<div id="ballot" class="ballot">{head}{body.replace(_TOKEN, get_token(request))}</div>'
    )


def _body(board: ConvergeBoard, url: str) -> str:
    csrf = mark_safe(f'<input type="hidden" name="csrfmiddlewaretoken" value="{_TOKEN}">')  # noqa: S308
    settings_ = board.settings
    parts = []
    left = ngettext(
        "You have %(counter)s dot left", "You have %(counter)s dots left", board.left
    ) % {"counter": board.left}
    limits = _("(%(budget)s in all, at most %(max)s per item)") % {
        "budget": settings_.budget,
        "max": settings_.max_per_item,
    }
    parts.append(
        format_html(
            '<p id="dots-left" class="dots-left" tabindex="-1"><strong>{}</strong> '
            '<span class="meta">{}</span></p>',
            left,
            limits,
        )
    )
    if not board.is_open:
        parts.append(format_html('<p class="notice">{}</p>', _("The vote has closed.")))
    elif not board.results_visible:
        parts.append(
            format_html('<p class="meta">{}</p>', _("The results are shown when the vote closes."))
        )
    if board.items:
        words = _words()
        items = "".join(_item(row, board, url, csrf, words) for row in board.items)
        parts.append(format_html('<ul class="vote-items">{}</ul>', mark_safe(items)))  # noqa: S308
        if board.is_open and board.used and len(board.items) > 1:
            parts.append(_move_form(board, url, csrf))
    else:
        parts.append(format_html('<p class="meta">{}</p>', _("Nothing to vote on yet.")))
    return "".join(parts)
