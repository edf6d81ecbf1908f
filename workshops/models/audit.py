"""The audit log: who viewed or changed client cases, exported reports, revoked personal links
or deleted things (issue 9, item 5).

Append-only. An entry names the object by its kind, its public id and a short label made of
codes (a series or workshop code, never a title); it never holds case text, note text,
nicknames, e-mail addresses or tokens. `save` on an existing entry and `delete` raise here, and
the database refuses UPDATE (and, on PostgreSQL, DELETE) by a trigger (migration 0014).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import Organisation, Series

AUDIT_LABEL_MAX = 40
AUDIT_ID_MAX = 40


class AppendOnlyError(Exception):
    """An audit entry cannot be changed or deleted."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")

    # `bulk_update` and `update_or_create` go through `update`/`save`.

    def for_organisation(self, organisation: Organisation) -> AuditQuerySet:
        return self.filter(organisation=organisation)


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CASE_VIEWED = "case_viewed", _("viewed case material")
        CASE_CREATED = "case_created", _("created case material")
        CASE_CHANGED = "case_changed", _("changed case material")
        CASE_DELETED = "case_deleted", _("deleted case material")
        REPORT_EXPORTED = "report_exported", _("exported the final report")
        REPORT_DOWNLOADED = "report_downloaded", _("downloaded the final report")
        SUMMARY_PDF = "summary_pdf", _("printed a workshop summary")
        FEEDBACK_EXPORTED = "feedback_exported", _("exported feedback")
        LINK_ISSUED = "link_issued", _("issued a personal link")
        LINK_REVOKED = "link_revoked", _("revoked a personal link")
        NOTE_HIDDEN = "note_hidden", _("hid a note")
        NOTE_SHOWN = "note_shown", _("showed a hidden note again")
        DELETED = "deleted", _("deleted")
        SERIES_CLOSED = "series_closed", _("closed the series")
        SERIES_REOPENED = "series_reopened", _("reopened the series")
        SERIES_EXPORTED = "series_exported", _("downloaded the series' data")
        SERIES_PURGED = "series_purged", _("removed the series' content (retention)")
        OWN_CONTENT_DELETED = "own_content_deleted", _("a participant deleted their own content")

    class Kind(models.TextChoices):
        # The cases app's kinds by their URL names (workshops does not import cases).
        CASE = "case", _("client case")
        PERSONA = "persona", _("persona")
        PATH = "path", _("service path")
        MAP = "map", _("causal map")
        NETWORK = "network", _("actor network")
        FLOWCHART = "flowchart", _("collaboration flowchart")
        REPORT = "report", _("final report")
        SUMMARY = "summary", _("workshop summary")
        FEEDBACK = "feedback", _("feedback")
        PARTICIPANT = "participant", _("participant")
        NOTE = "note", _("note")
        THEME = "theme", _("theme")
        STEP = "step", _("agenda step")
        TASK = "task", _("task")
        PREWORK = "prework", _("pre-work question")
        FEEDBACK_ITEM = "feedback_item", _("feedback question")
        INDICATOR = "indicator", _("indicator")
        MEASUREMENT = "measurement", _("measurement")
        SERIES = "series", _("series")

    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    # PROTECT: a staff account with audit history is deactivated, not deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        help_text=_("empty for the system (a management command)"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="audit_entries"
    )
    # No database constraint and nothing done on delete: the entry outlives its series.
    series = models.ForeignKey(
        Series,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    object_kind = models.CharField(_("object"), max_length=20, choices=Kind.choices)
    object_id = models.CharField(max_length=AUDIT_ID_MAX, blank=True)
    label = models.CharField(max_length=AUDIT_LABEL_MAX, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(
                fields=["organisation", "-created_at", "-id"], name="workshops_audit_org_time"
            ),
            models.Index(fields=["series", "-created_at"], name="workshops_audit_series_time"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_kind}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def short_id(self) -> str:
        """The first part of a UUID (enough to tell objects apart on the page)."""
        return self.object_id.split("-", 1)[0]
