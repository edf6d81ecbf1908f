"""HTML of one note, for all three views. Written with format_html rather than a template
because a busy poll renders thousands of notes a second; templates call it through the
`note_item` tag so there is one way to draw a note."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import Note


@dataclass(frozen=True)
class Viewer:
    role: str  # "participant", "cockpit" or "room"
    participant_id: int | None = None
    series_code: str = ""
    workshop_code: str = ""


def _csrf_form(action: str, label: str, aria: str, css: str, confirm: str = "") -> SafeString:
    confirm_attr = format_html(' hx-confirm="{}"', confirm) if confirm else ""
    return format_html(
        '<form class="inline-form" method="post" action="{0}" hx-post="{0}" '
        'hx-target="closest li" hx-swap="outerHTML"{1}>'
        '<button type="submit" class="button button--small {2}" aria-label="{3}">{4}</button>'
        "</form>",
        action,
        confirm_attr,
        css,
        aria,
        label,
    )


def note_html(note: Note, viewer: Viewer) -> SafeString:
    """One note as an <li id="note-…">; what it offers depends on who looks at it."""
    own = viewer.role == "participant" and note.participant_id == viewer.participant_id
    classes = ["note"]
    if own:
        classes.append("note--own")
    if note.hidden_at:
        classes.append("note--hidden")
    parts = []
    if note.category:
        parts.append(format_html('<span class="note__category">{}</span>', note.category))
    parts.append(format_html('<p class="note__text">{}</p>', note.text))
    meta = []
    if own:
        meta.append(_("your note"))
    if note.hidden_at:
        meta.append(_("hidden from others"))
    if meta:
        parts.append(format_html('<p class="note__meta">{}</p>', " · ".join(str(m) for m in meta)))
    tools = []
    excerpt = note.text[:40]
    if own:
        base = reverse("live:note-edit", args=[viewer.workshop_code, note.public_id])
        tools.append(
            format_html(
                '<a class="button button--small button--secondary" href="{0}" hx-get="{0}" '
                'hx-target="closest li" hx-swap="outerHTML" aria-label="{1}">{2}</a>',
                base,
                _("Edit note: %(text)s") % {"text": excerpt},
                _("Edit"),
            )
        )
        tools.append(
            _csrf_form(
                reverse("live:note-delete", args=[viewer.workshop_code, note.public_id]),
                _("Delete"),
                _("Delete note: %(text)s") % {"text": excerpt},
                "button--danger",
                confirm=_("Delete this note?"),
            )
        )
    elif viewer.role == "cockpit":
        hidden = note.hidden_at is not None
        tools.append(
            _csrf_form(
                reverse(
                    "workshops:live-note-hide",
                    args=[viewer.series_code, viewer.workshop_code, note.public_id],
                ),
                _("Show") if hidden else _("Hide"),
                (_("Show note again: %(text)s") if hidden else _("Hide note: %(text)s"))
                % {"text": excerpt},
                "button--secondary",
            )
        )
    if tools:
        parts.append(format_html('<div class="note__tools">{}</div>', mark_safe("".join(tools))))  # noqa: S308 — each part is format_html output
    return format_html(
        '<li id="note-{}" class="{}">{}</li>',
        note.public_id,
        " ".join(classes),
        mark_safe("".join(parts)),  # noqa: S308 — built from format_html pieces above
    )


def notes_html(notes, viewer: Viewer) -> SafeString:
    return format_html_join("", "{}", ((note_html(note, viewer),) for note in notes))
