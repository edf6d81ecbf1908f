"""A voter's ballot as HTML. Written with format_html rather than a template because in a big
room every phone draws it when the vote opens and again after each of its dots (hundreds a
second), and the template engine cost ten times the rest of the request; the `#ballot`
partial calls it through the `ballot` tag, so there is one way to draw a ballot."""

from __future__ import annotations

import functools

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
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


def _item(row, board: ConvergeBoard, url: str, csrf: SafeString) -> SafeString:
    settings_ = board.settings
    heading, name = _heading(row.public_id, row.name, tuple(row.notes_preview) if row.notes else ())
    parts = [heading]
    own = ngettext("Your dots: %(counter)s", "Your dots: %(counter)s", row.own) % {
        "counter": row.own
    }
    total = ""
    if board.results_visible:
        total = " · " + ngettext("%(counter)s dot in all", "%(counter)s dots in all", row.total) % {
            "counter": row.total
        }
    parts.append(
        format_html(
            '<p class="vote-item__own">{} <span aria-hidden="true" class="dots">{}</span>{}</p>',
            own,
            _marks(row.own),
            total,
        )
    )
    if board.is_open:
        spent = board.left < 1 or row.own >= settings_.max_per_item
        tools = [
            _form(
                url,
                csrf,
                format_html(
                    '<input type="hidden" name="item" value="{}">'
                    '<input type="hidden" name="action" value="add">',
                    row.public_id,
                ),
                format_html(
                    '<button type="submit" id="dot-add-{}" class="button button--small{}"{} '
                    'aria-label="{}">+ {}</button>',
                    row.public_id,
                    " is-spent" if spent else "",
                    mark_safe(' aria-disabled="true"') if spent else "",
                    _("Add a dot: %(name)s") % {"name": name},
                    _("Add a dot"),
                ),
                "inline-form",
            )
        ]
        if row.own:
            tools.append(
                _form(
                    url,
                    csrf,
                    format_html(
                        '<input type="hidden" name="item" value="{}">'
                        '<input type="hidden" name="action" value="remove">',
                        row.public_id,
                    ),
                    format_html(
                        '<button type="submit" id="dot-remove-{}" class="button button--small '
                        'button--secondary" aria-label="{}">− {}</button>',
                        row.public_id,
                        _("Take a dot back: %(name)s") % {"name": name},
                        _("Take a dot back"),
                    ),
                    "inline-form",
                )
            )
        parts.append(
            format_html('<div class="vote-item__tools">{}</div>', mark_safe("".join(tools)))  # noqa: S308 — built by format_html
        )
    return format_html(
        '<li class="vote-item{}">{}</li>',
        " vote-item--chosen" if row.own else "",
        mark_safe("".join(parts)),  # noqa: S308 — built by format_html
    )


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


def ballot_html(board: ConvergeBoard, request, workshop_code: str, error: str = "") -> SafeString:
    """The voter's ballot: dots left, each item with the voter's own dots and the buttons to add
    or take back a dot, and a form to move one."""
    url = reverse("live:dot", args=[workshop_code])
    csrf = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    settings_ = board.settings
    parts = []
    if error:
        parts.append(format_html('<p id="vote-error" class="errorlist" role="alert">{}</p>', error))
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
        items = "".join(_item(row, board, url, csrf) for row in board.items)
        parts.append(format_html('<ul class="vote-items">{}</ul>', mark_safe(items)))  # noqa: S308
        if board.is_open and board.used and len(board.items) > 1:
            parts.append(_move_form(board, url, csrf))
    else:
        parts.append(format_html('<p class="meta">{}</p>', _("Nothing to vote on yet.")))
    return format_html(
        '<div id="ballot" class="ballot">{}</div>',
        mark_safe("".join(parts)),  # noqa: S308 — built by format_html
    )
