"""Domain rules for practices and the series' documents.

Two facilitators may edit the same text at once. Every edit names the version it started from
and saves only over that version; otherwise `StaleEdit` carries what is stored now, so the
page can show both texts and nothing is overwritten silently.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Practice, PracticeStatusChange, Series, SeriesDocument

PRACTICE_FIELDS = (
    "name",
    "description",
    "elements",
    "principles",
    "owners",
    "conditions",
    "tips",
)


class StaleEdit(Exception):
    """The text changed after the editor opened it; `current` is what is stored now."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


@transaction.atomic
def practice_create(series: Series, *, by, workshops=(), challenges=(), **fields) -> Practice:
    practice = Practice(series=series, **{k: fields[k] for k in PRACTICE_FIELDS if k in fields})
    practice.full_clean()
    practice.save()
    practice.workshops.set(workshops)
    practice.challenges.set(challenges)
    PracticeStatusChange.objects.create(practice=practice, status=practice.status, created_by=by)
    return practice


@transaction.atomic
def practice_update(
    practice: Practice, *, version: int, workshops=(), challenges=(), **fields
) -> Practice:
    values = {k: fields[k] for k in PRACTICE_FIELDS if k in fields}
    candidate = Practice(pk=practice.pk, series=practice.series, **values)
    candidate.full_clean(exclude=["series", "origin", "status"], validate_unique=False)
    updated = Practice.objects.filter(pk=practice.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(Practice.objects.get(pk=practice.pk))
    practice.refresh_from_db()
    practice.workshops.set(workshops)
    practice.challenges.set(challenges)
    return practice


@transaction.atomic
def practice_set_status(practice: Practice, *, status: str, date, note: str = "", by) -> None:
    # Not a text edit: it does not move the version, so nobody editing the texts meanwhile is
    # told of a conflict.
    Practice.objects.filter(pk=practice.pk).update(status=status, updated_at=timezone.now())
    PracticeStatusChange.objects.create(
        practice=practice, status=status, date=date, note=note, created_by=by
    )
    practice.refresh_from_db()


@transaction.atomic
def practice_adopt(practice: Practice, *, into: Series, by) -> Practice:
    """Take a practice into another series (e.g. NOPSA's second pilot group refining the first
    group's prototype): a copy to refine there, linked to where it came from."""
    status = (
        Practice.Status.IDEA
        if practice.status == Practice.Status.IDEA
        else Practice.Status.PROTOTYPE
    )
    copy = Practice.objects.create(
        series=into,
        origin=practice,
        status=status,
        **{name: getattr(practice, name) for name in PRACTICE_FIELDS},
    )
    with translation.override(into.language):  # the note is part of that series' record
        note = _("Taken from the series %(series)s") % {"series": practice.series.title}
    PracticeStatusChange.objects.create(practice=copy, status=status, note=note, created_by=by)
    return copy


def document_for(series: Series, kind: str) -> SeriesDocument:
    return SeriesDocument.objects.filter(series=series, kind=kind).first() or SeriesDocument(
        series=series, kind=kind
    )


@transaction.atomic
def document_save(series: Series, *, kind: str, text: str, version: int, by) -> SeriesDocument:
    document, _created = SeriesDocument.objects.get_or_create(series=series, kind=kind)
    updated = SeriesDocument.objects.filter(pk=document.pk, version=version).update(
        text=text, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(SeriesDocument.objects.get(pk=document.pk))
    document.refresh_from_db()
    return document
