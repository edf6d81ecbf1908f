"""Domain rules for workshop summaries and comments.

A summary starts as a draft compiled from what the workshop produced (each app contributes
sections through `plugins.register_summary_source`), is edited, and is published to the
series' participants. Edits save only over the version they started from (see
`practices.services.StaleEdit`). Participants comment on the published summary and on the
outputs it lists; staff reply and mark comments addressed.
"""

from __future__ import annotations

import logging
import uuid

from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import plugins
from ..models import Comment, Participant, Series, Workshop, WorkshopSummary
from ..practices.services import StaleEdit

logger = logging.getLogger(__name__)

SINCE_LAST_TIME_SHOWN = 50


class SummaryError(Exception):
    """A rule refused the change; the message is for the user."""


def compile_sections(workshop: Workshop) -> list[dict]:
    """A fresh draft of every section the workshop has material for, in the series' language."""
    sections = []
    with translation.override(workshop.series.language):
        for source in plugins.summary_sources():
            draft = source.build(workshop)
            if draft is None:
                continue
            sections.append(
                {
                    "key": source.key,
                    "title": str(source.title),
                    "text": draft.text,
                    "included": source.included,
                    "items": [
                        {"kind": i.kind, "id": str(i.public_id), "label": i.label}
                        for i in draft.items
                    ],
                }
            )
    return sections


def summary_for(workshop: Workshop) -> WorkshopSummary:
    """The stored summary, or an unsaved draft compiled now."""
    summary = WorkshopSummary.objects.filter(workshop=workshop).first()
    if summary is None:
        summary = WorkshopSummary(workshop=workshop, sections=compile_sections(workshop))
    return summary


@transaction.atomic
def summary_save(
    workshop: Workshop, *, intro: str, sections: list[dict], version: int, by, refresh=False
) -> WorkshopSummary:
    """Save the edited summary over `version`. With `refresh`, sections are drafted anew from
    the workshop, keeping the texts the facilitator edited and their choices of what to show."""
    summary, _created = WorkshopSummary.objects.get_or_create(workshop=workshop)
    if refresh:
        edited = {s["key"]: s for s in sections}
        fresh = compile_sections(workshop)
        for section in fresh:
            old = edited.get(section["key"])
            if old is not None:
                section["included"] = old["included"]
                if old.get("edited"):
                    section["text"] = old["text"]
                    section["edited"] = True
        sections = fresh
    updated = WorkshopSummary.objects.filter(pk=summary.pk, version=version).update(
        intro=intro,
        sections=sections,
        version=F("version") + 1,
        updated_by=by,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleEdit(WorkshopSummary.objects.get(pk=summary.pk))
    summary.refresh_from_db()
    return summary


def summary_publish(summary: WorkshopSummary, *, by, url: str) -> int:
    """Publish the summary to the series' participants; e-mail those who gave an address.
    Returns how many were e-mailed (none on a re-publish)."""
    if summary.workshop.state == Workshop.State.PLANNED:
        raise SummaryError(_("The workshop has not been held yet, so there is nothing to publish."))
    first_time = summary.published_at is None
    WorkshopSummary.objects.filter(pk=summary.pk).update(
        published_at=summary.published_at or timezone.now(), published_by=by
    )
    summary.refresh_from_db()
    if not first_time:
        return 0
    workshop = summary.workshop
    series = workshop.series
    addresses = list(
        series.participants.exclude(email="").values_list("email", flat=True).distinct()
    )
    with translation.override(series.language):
        subject = _("Summary of %(workshop)s") % {"workshop": workshop.title}
        body = render_to_string(
            "summaries/email_published.txt", {"workshop": workshop, "series": series, "url": url}
        )
    try:
        send_mass_mail([(subject, body, None, [address]) for address in addresses])
    except OSError as exc:  # SMTP down: the summary is published all the same
        logger.warning("summary e-mails not sent: %s", type(exc).__name__)
        return 0
    return len(addresses)


def published_summary(series: Series, workshop_code: str) -> WorkshopSummary | None:
    return (
        WorkshopSummary.objects.select_related("workshop")
        .filter(workshop__series=series, workshop__code=workshop_code, published_at__isnull=False)
        .first()
    )


# --- Comments ---------------------------------------------------------------------------------


def _target_label(series: Series, kind: str, target_id) -> str:
    target = plugins.comment_target(kind)
    try:
        public_id = uuid.UUID(str(target_id))
    except ValueError:
        public_id = None
    label = target.resolve(series, public_id) if target and public_id else None
    if label is None:
        raise SummaryError(_("This can no longer be commented on. Reload the page."))
    return label


@transaction.atomic
def comment_add(
    series: Series,
    *,
    kind: str,
    target_id,
    text: str,
    participant: Participant | None = None,
    author=None,
    parent: Comment | None = None,
) -> Comment:
    """A participant's comment (or reply), or a staff member's reply to a comment."""
    if parent is not None:
        if parent.series_id != series.pk:
            raise SummaryError(_("This can no longer be commented on. Reload the page."))
        if parent.parent_id is not None:
            parent = parent.parent  # threads are one level deep: a reply joins its thread
        kind, target_id = parent.target_kind, parent.target_id
    label = _target_label(series, kind, target_id)
    comment = Comment(
        series=series,
        target_kind=kind,
        target_id=target_id,
        target_label=label[:300],
        text=text,
        participant=participant,
        author=author,
        parent=parent,
    )
    comment.full_clean()
    comment.save()
    if author is not None and parent is not None and parent.addressed_at is None:
        # A staff reply addresses the comment it answers.
        Comment.objects.filter(pk=parent.pk).update(
            addressed_at=timezone.now(), addressed_by=author
        )
    return comment


def comment_set_addressed(comment: Comment, *, addressed: bool, by) -> None:
    comment.addressed_at = timezone.now() if addressed else None
    comment.addressed_by = by if addressed else None
    comment.save(update_fields=["addressed_at", "addressed_by"])


def threads(series: Series, *, target_ids=None) -> dict[tuple[str, str], list[Comment]]:
    """Top-level comments with their replies, by (kind, target id), of the whole series or of
    the targets named; one query."""
    comments = Comment.objects.filter(series=series).select_related(
        "participant", "author", "addressed_by"
    )
    if target_ids is not None:
        comments = comments.filter(target_id__in=[uuid.UUID(str(i)) for i in target_ids])
    by_parent: dict[int, list[Comment]] = {}
    tops: list[Comment] = []
    for comment in comments:
        if comment.parent_id is None:
            tops.append(comment)
        else:
            by_parent.setdefault(comment.parent_id, []).append(comment)
    result: dict[tuple[str, str], list[Comment]] = {}
    for comment in tops:
        comment.thread = by_parent.get(comment.pk, [])
        result.setdefault((comment.target_kind, str(comment.target_id)), []).append(comment)
    return result


def since_last_time(workshop: Workshop) -> dict:
    """For the cockpit of `workshop`: participants' comments since the previous workshop of the
    series ended (PAKU starts each meeting from the comments on the previous outputs)."""
    previous = (
        workshop.series.workshops.filter(position__lt=workshop.position)
        .order_by("-position")
        .first()
    )
    comments = Comment.objects.filter(
        series=workshop.series, parent__isnull=True, participant__isnull=False
    )
    if previous is not None and previous.ended_at is not None:
        comments = comments.filter(created_at__gte=previous.ended_at)
    counts = comments.aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(addressed_at__isnull=True))
    )
    newest = list(comments.order_by("-created_at")[:SINCE_LAST_TIME_SHOWN])
    return {
        "comments": newest[::-1],
        "total": counts["total"],
        "addressed": counts["total"] - counts["open"],
        "open": counts["open"],
    }
