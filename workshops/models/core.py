"""Core models: organisations and their members, the method catalogue, series and their workshops.

A *method* (template) → a *series* started from it → its *workshops* (one meeting each) →
each workshop's agenda of *steps* of a registered step kind.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import stepkinds
from ..codes import new_organisation_code, new_series_code, new_workshop_code
from ..translation import Translated

STEP_MINUTES_MAX = 480
WORKSHOP_MINUTES_MIN = 15
WORKSHOP_MINUTES_MAX = 720
TITLE_MAX = 200
LONG_TEXT_MAX = 5000


def validate_step_kind(value: str) -> None:
    if stepkinds.get(value) is None:
        raise ValidationError(_("Choose a step kind from the list."), code="unknown_kind")


class Organisation(models.Model):
    code = models.CharField(
        max_length=12, unique=True, default=new_organisation_code, editable=False
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff user's role in an organisation."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        FACILITATOR = "facilitator", _("facilitator")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="workshops_membership_one_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


# --- Method catalogue -------------------------------------------------------------------------


class Method(models.Model):
    """A built-in or custom template of a workshop series, in Finnish, Swedish and English."""

    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_builtin = models.BooleanField(default=False)
    name_fi = models.CharField(max_length=TITLE_MAX)
    name_sv = models.CharField(max_length=TITLE_MAX, blank=True)
    name_en = models.CharField(max_length=TITLE_MAX, blank=True)
    summary_fi = models.TextField(blank=True)
    summary_sv = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    purpose_fi = models.TextField(blank=True)
    purpose_sv = models.TextField(blank=True)
    purpose_en = models.TextField(blank=True)
    outputs_fi = models.TextField(blank=True)
    outputs_sv = models.TextField(blank=True)
    outputs_en = models.TextField(blank=True)
    origin_fi = models.TextField(blank=True)
    origin_sv = models.TextField(blank=True)
    origin_en = models.TextField(blank=True)

    name = Translated("name")
    summary = Translated("summary")
    purpose = Translated("purpose")
    outputs = Translated("outputs")
    origin = Translated("origin")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self) -> str:
        return self.name_fi

    @property
    def output_lines(self) -> list[str]:
        return [line.strip() for line in self.outputs.splitlines() if line.strip()]

    @property
    def purpose_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.purpose.split("\n\n") if p.strip()]


class MethodWorkshop(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="workshops")
    position = models.PositiveSmallIntegerField()
    name_fi = models.CharField(max_length=TITLE_MAX)
    name_sv = models.CharField(max_length=TITLE_MAX, blank=True)
    name_en = models.CharField(max_length=TITLE_MAX, blank=True)
    purpose_fi = models.TextField(blank=True)
    purpose_sv = models.TextField(blank=True)
    purpose_en = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField()

    name = Translated("name")
    purpose = Translated("purpose")

    class Meta:
        ordering = ["method", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "position"], name="workshops_methodworkshop_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi


class MethodStep(models.Model):
    workshop = models.ForeignKey(MethodWorkshop, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32)
    title_fi = models.CharField(max_length=TITLE_MAX)
    title_sv = models.CharField(max_length=TITLE_MAX, blank=True)
    title_en = models.CharField(max_length=TITLE_MAX, blank=True)
    instructions_fi = models.TextField(blank=True)
    instructions_sv = models.TextField(blank=True)
    instructions_en = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField()
    # Language-keyed where it holds text, e.g. {"categories": {"fi": [...], "sv": [...]}}.
    settings = models.JSONField(default=dict, blank=True)

    title = Translated("title")
    instructions = Translated("instructions")

    class Meta:
        ordering = ["workshop", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "position"], name="workshops_methodstep_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title_fi

    @property
    def kind_label(self) -> str:
        return stepkinds.label(self.kind)


class MethodTask(models.Model):
    """A between-workshop task that follows a workshop of the method."""

    workshop = models.ForeignKey(MethodWorkshop, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField()
    text_fi = models.TextField()
    text_sv = models.TextField(blank=True)
    text_en = models.TextField(blank=True)

    text = Translated("text")

    class Meta:
        ordering = ["workshop", "position"]

    def __str__(self) -> str:
        return self.text_fi[:60]


# --- Series, workshops, agendas ---------------------------------------------------------------


class SeriesQuerySet(models.QuerySet):
    def for_user(self, user) -> SeriesQuerySet:
        """Series the user may see: all of their coordinated organisations, plus those they run."""
        if not user.is_authenticated:
            return self.none()
        coordinated = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).values(
            "organisation_id"
        )
        facilitated = Series.facilitators.through.objects.filter(user=user).values("series_id")
        # Subqueries rather than joins: no duplicate rows, so counts annotated later stay right.
        return self.filter(Q(organisation__in=coordinated) | Q(pk__in=facilitated))


class Series(models.Model):
    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    code = models.CharField(max_length=12, unique=True, default=new_series_code, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="series",
        verbose_name=_("organisation"),
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("method"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    goal = models.TextField(_("goal"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_series",
        verbose_name=_("facilitators"),
    )
    # Empty once the creator's account is deleted; the series must stay editable then.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Retention (workshops/retention.py): a coordinator closes the series when its work is
    # done; NOPSA_RETENTION_DAYS later the participants' content is purged and `purged_at`
    # records when. Reopening (before the purge) clears `closed_at`.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purged_at = models.DateTimeField(_("content removed at"), null=True, blank=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("series")
        verbose_name_plural = _("series")
        indexes = [
            # The daily purge looks for closed series not yet purged.
            models.Index(
                fields=["closed_at"],
                name="workshops_series_to_purge",
                condition=Q(closed_at__isnull=False, purged_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(purged_at__isnull=True) | Q(closed_at__isnull=False),
                name="workshops_series_purged_only_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopQuerySet(models.QuerySet):
    def with_agenda_totals(self) -> WorkshopQuerySet:
        return self.annotate(
            agenda_minutes=models.Sum("steps__duration_minutes", default=0),
            step_count=models.Count("steps"),
        )


class Workshop(models.Model):
    """One meeting (työpaja) of a series."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        LIVE = "live", _("live")
        HELD = "held", _("held")

    code = models.CharField(max_length=12, unique=True, default=new_workshop_code, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="workshops")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    purpose = models.TextField(_("purpose"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"),
        validators=[
            MinValueValidator(WORKSHOP_MINUTES_MIN),
            MaxValueValidator(WORKSHOP_MINUTES_MAX),
        ],
    )
    place = models.CharField(_("place"), max_length=TITLE_MAX, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    # Live facilitation. The join code exists only while the workshop is live.
    join_code = models.CharField(max_length=8, null=True, blank=True, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    current_step = models.ForeignKey(
        "Step", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The timer's end is kept on the server; browsers count down to it. Paused: seconds left.
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    timer_paused_seconds = models.PositiveIntegerField(null=True, blank=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["series_id", "position", "id"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=WORKSHOP_MINUTES_MIN)
                & Q(duration_minutes__lte=WORKSHOP_MINUTES_MAX),
                name="workshops_workshop_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def join_code_display(self) -> str:
        """The join code in two groups, easier to read aloud: "K7M 3QX"."""
        code = self.join_code or ""
        return f"{code[:3]} {code[3:]}" if len(code) == 6 else code

    @property
    def starts_at(self) -> dt.datetime | None:
        if self.date is None or self.start_time is None:
            return None
        return dt.datetime.combine(self.date, self.start_time)

    @property
    def ends_at(self) -> dt.datetime | None:
        start = self.starts_at
        return start + dt.timedelta(minutes=self.duration_minutes) if start else None


class Step(models.Model):
    """One timed item of a workshop's agenda."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=32, validators=[validate_step_kind])
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    instructions = models.TextField(_("instructions"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(STEP_MINUTES_MAX)],
    )
    settings = models.JSONField(default=dict, blank=True)
    # Live state: notes of a private step are shown to others once revealed; a closed step
    # takes no more input.
    revealed_at = models.DateTimeField(null=True, blank=True)
    input_closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop_id", "position", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=STEP_MINUTES_MAX),
                name="workshops_step_duration_in_range",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "position"], name="workshops_step_order")]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return stepkinds.label(self.kind)

    @property
    def kind_unit(self) -> stepkinds.StepKind | None:
        return stepkinds.get(self.kind)

    @property
    def is_private(self) -> bool:
        """Notes stay with their authors (and the facilitator) until the step is revealed."""
        return bool(self.settings.get("private_until_reveal")) and self.revealed_at is None


class SeriesTaskQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(status=SeriesTask.Status.DONE)


class SeriesTask(models.Model):
    """An action of the series: work between workshops (e.g. mapping a client's path with the
    client, from the method) or an action the series decided — what, who, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="tasks")
    after_workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_after",
        verbose_name=_("after workshop"),
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("task"))
    # Who: a member of the organisation, or a named role ("the home care manager").
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_role = models.CharField(_("owner (role)"), max_length=100, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # What the action serves: a prioritised challenge or a practice of the series.
    challenge = models.ForeignKey(
        "PrioritisedChallenge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("challenge"),
    )
    practice = models.ForeignKey(
        "Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("practice"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)

    objects = SeriesTaskQuerySet.as_manager()

    class Meta:
        ordering = ["series_id", "position", "id"]
        verbose_name = _("between-workshop task")
        verbose_name_plural = _("between-workshop tasks")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_date is not None
            and self.status != self.Status.DONE
            and self.due_date < timezone.localdate()
        )
