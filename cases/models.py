"""Anonymised client cases and what the group builds on them.

Everything belongs to a series (`workshops.Series`); only that series' facilitators and the
organisation's coordinators see it (cases/permissions.py). Items of an artefact (events of a
path, factors and links of a causal map, actors of a network, steps of a flowchart) have a
`position` for their order and a `public_id` for URLs.

Participants' suggestions during a live step are `Suggestion`s of the step; accepting one
writes into the artefact that the step names through the same services as the editor does.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from workshops.models import LONG_TEXT_MAX, TITLE_MAX, Participant, Series, Step, Workshop

NAME_MAX = 120


class LifeArea(models.TextChoices):
    HEALTH = "health", _("Health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    WORK = "work", _("Work and employment")
    INCOME = "income", _("Income and debt")
    HOUSING = "housing", _("Housing")
    FAMILY = "family", _("Family and children")
    SOCIAL = "social", _("Social relations")
    EDUCATION = "education", _("Education")
    EVERYDAY = "everyday", _("Managing everyday life")
    SAFETY = "safety", _("Safety")
    OTHER = "other", _("Other")


def validate_life_areas(value) -> None:
    allowed = set(LifeArea.values)
    if not isinstance(value, list) or not set(value) <= allowed:
        raise ValidationError(_("Choose the life areas from the list."), code="life_areas")


class SeriesArtefact(models.Model):
    """Shared fields: the series, a public id, who made it and when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Case(SeriesArtefact):
    """An anonymised client case (asiakastapaus)."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    # The practices of the series that this case is behind.
    practices = models.ManyToManyField(
        "workshops.Practice", blank=True, related_name="cases", verbose_name=_("practices")
    )
    situation = models.TextField(_("situation"), max_length=LONG_TEXT_MAX)
    life_areas = models.JSONField(
        _("life areas"), default=list, blank=True, validators=[validate_life_areas]
    )
    services_involved = models.TextField(
        _("services and actors involved"), max_length=LONG_TEXT_MAX, blank=True
    )
    tried = models.TextField(_("what has been tried"), max_length=LONG_TEXT_MAX, blank=True)
    client_goal = models.TextField(_("the client's own goal"), max_length=LONG_TEXT_MAX, blank=True)
    anonymised_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anonymisation confirmed by"),
    )
    anonymised_confirmed_at = models.DateTimeField(
        _("anonymisation confirmed at"), null=True, blank=True
    )

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("client case")
        verbose_name_plural = _("client cases")

    def __str__(self) -> str:
        return self.title

    @property
    def life_area_labels(self) -> list[str]:
        labels = dict(LifeArea.choices)
        return [str(labels[value]) for value in self.life_areas if value in labels]


class Persona(SeriesArtefact):
    """A fictional user persona (käyttäjäpersoona) and the client value it seeks."""

    class AgeGroup(models.TextChoices):
        CHILD = "child", _("child (under 13)")
        YOUTH = "youth", _("young person (13–17)")
        YOUNG_ADULT = "young_adult", _("young adult (18–29)")
        ADULT = "adult", _("adult (30–64)")
        OLDER = "older", _("older person (65–79)")
        ELDERLY = "elderly", _("elderly person (80+)")

    name = models.CharField(_("name"), max_length=NAME_MAX)
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices)
    life_situation = models.TextField(_("life situation"), max_length=LONG_TEXT_MAX, blank=True)
    needs = models.TextField(_("needs"), max_length=LONG_TEXT_MAX, blank=True)
    goals = models.TextField(_("goals"), max_length=LONG_TEXT_MAX, blank=True)
    value_functional = models.TextField(_("functional value"), max_length=LONG_TEXT_MAX, blank=True)
    value_social = models.TextField(_("social value"), max_length=LONG_TEXT_MAX, blank=True)
    value_emotional = models.TextField(_("emotional value"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("persona")
        verbose_name_plural = _("personas")

    def __str__(self) -> str:
        return self.name


# --- Service paths ----------------------------------------------------------------------------


class ServicePath(SeriesArtefact):
    """The service path (palvelupolku) of one case or one persona."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="paths"
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, null=True, blank=True, related_name="paths"
    )

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("service path")
        verbose_name_plural = _("service paths")
        constraints = [
            models.CheckConstraint(
                condition=(Q(case__isnull=False) & Q(persona__isnull=True))
                | (Q(case__isnull=True) & Q(persona__isnull=False)),
                name="cases_servicepath_of_case_or_persona",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self):
        return self.case or self.persona


class Item(models.Model):
    """An ordered item of an artefact."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class PathEvent(Item):
    class Experience(models.TextChoices):
        NEUTRAL = "neutral", _("neutral")
        MEANINGFUL = "meaningful", _("meaningful")
        DIFFICULT = "difficult", _("difficult")

    class Channel(models.TextChoices):
        NONE = "", _("not specified")
        IN_PERSON = "in_person", _("in person")
        HOME_VISIT = "home_visit", _("home visit")
        PHONE = "phone", _("phone")
        VIDEO = "video", _("video call")
        DIGITAL = "digital", _("digital service")
        LETTER = "letter", _("letter or decision")
        OTHER = "other", _("other")

    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="events")
    when = models.CharField(_("when"), max_length=NAME_MAX, blank=True)
    what = models.TextField(_("what happened"), max_length=LONG_TEXT_MAX)
    actor = models.CharField(_("actor or service"), max_length=NAME_MAX)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, blank=True, default=""
    )
    experience = models.CharField(
        _("experience"), max_length=12, choices=Experience.choices, default=Experience.NEUTRAL
    )

    class Meta(Item.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["path", "position"], name="cases_pathevent_order")]

    def __str__(self) -> str:
        return self.what[:60]


class CriticalPoint(Item):
    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="critical_points")
    event = models.ForeignKey(
        PathEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="critical_points",
        verbose_name=_("at event"),
    )
    title = models.CharField(_("critical point"), max_length=TITLE_MAX)
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("critical point")
        verbose_name_plural = _("critical points")

    def __str__(self) -> str:
        return self.title


class Solution(Item):
    """A solution to a critical point.

    `prioritised_challenge` links the series' prioritised challenge it answers; `challenge`
    keeps its wording as text (written before the link existed, or kept when the challenge
    is later removed).
    """

    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="solutions")
    critical_point = models.ForeignKey(
        CriticalPoint,
        on_delete=models.CASCADE,
        related_name="solutions",
        verbose_name=_("critical point"),
    )
    text = models.TextField(_("solution"), max_length=LONG_TEXT_MAX)
    challenge = models.CharField(
        _("prioritised challenge it answers"), max_length=TITLE_MAX, blank=True
    )
    prioritised_challenge = models.ForeignKey(
        "workshops.PrioritisedChallenge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solutions",
        verbose_name=_("prioritised challenge it answers"),
    )
    practice = models.ForeignKey(
        "workshops.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solutions",
        verbose_name=_("practice it became part of"),
    )

    class Meta(Item.Meta):
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self) -> str:
        return self.text[:60]


# --- Causal maps ------------------------------------------------------------------------------


class CausalMap(SeriesArtefact):
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("causal map")
        verbose_name_plural = _("causal maps")

    def __str__(self) -> str:
        return self.title


class Factor(Item):
    causal_map = models.ForeignKey(CausalMap, on_delete=models.CASCADE, related_name="factors")
    name = models.CharField(_("factor"), max_length=TITLE_MAX)

    class Meta(Item.Meta):
        verbose_name = _("factor")
        verbose_name_plural = _("factors")

    def __str__(self) -> str:
        return self.name


class CausalLink(Item):
    """cause → effect. Cycles are allowed (vicious circles are the point); self-links are not."""

    class Sign(models.TextChoices):
        NONE = "", _("not specified")
        REINFORCING = "reinforcing", _("reinforcing")
        WEAKENING = "weakening", _("weakening")

    causal_map = models.ForeignKey(CausalMap, on_delete=models.CASCADE, related_name="links")
    cause = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="+", verbose_name=_("cause")
    )
    effect = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="+", verbose_name=_("effect")
    )
    sign = models.CharField(_("sign"), max_length=12, choices=Sign.choices, blank=True, default="")

    class Meta(Item.Meta):
        verbose_name = _("causal link")
        verbose_name_plural = _("causal links")
        constraints = [
            models.CheckConstraint(
                condition=~Q(cause=F("effect")), name="cases_causallink_not_self"
            ),
            models.UniqueConstraint(fields=["cause", "effect"], name="cases_causallink_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cause} → {self.effect}"


# --- Actor networks and collaboration flowcharts ----------------------------------------------


class ActorNetwork(SeriesArtefact):
    """The actors serving a client segment, their roles, responsibilities and obligations."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    client_segment = models.CharField(_("client segment"), max_length=TITLE_MAX, blank=True)

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("actor network")
        verbose_name_plural = _("actor networks")

    def __str__(self) -> str:
        return self.title


class Actor(Item):
    class Type(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        SERVICE = "service", _("service")
        PROFESSION = "profession", _("profession")
        NGO = "ngo", _("NGO")
        PARISH = "parish", _("parish")
        OWN_NETWORK = "own_network", _("client's own network")

    network = models.ForeignKey(ActorNetwork, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    role = models.TextField(_("role"), max_length=LONG_TEXT_MAX, blank=True)
    responsibilities = models.TextField(_("responsibilities"), max_length=LONG_TEXT_MAX, blank=True)
    obligations = models.TextField(
        _("obligations towards the client segment"), max_length=LONG_TEXT_MAX, blank=True
    )

    class Meta(Item.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return self.name


class CoordinatedService(Item):
    network = models.ForeignKey(ActorNetwork, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=LONG_TEXT_MAX, blank=True)
    actors = models.ManyToManyField(
        Actor, blank=True, related_name="services", verbose_name=_("actors")
    )

    class Meta(Item.Meta):
        verbose_name = _("coordinated service")
        verbose_name_plural = _("coordinated services")

    def __str__(self) -> str:
        return self.name


class ClientCard(Item):
    class Kind(models.TextChoices):
        SEGMENT = "segment", _("client segment card")
        CLIENT = "client", _("client card")

    network = models.ForeignKey(ActorNetwork, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("card")
        verbose_name_plural = _("cards")

    def __str__(self) -> str:
        return self.title


class Flowchart(SeriesArtefact):
    """The agreed way of working together (the output of a Ratkaisupaja)."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta(SeriesArtefact.Meta):
        verbose_name = _("collaboration flowchart")
        verbose_name_plural = _("collaboration flowcharts")

    def __str__(self) -> str:
        return self.title


class FlowStep(Item):
    flowchart = models.ForeignKey(Flowchart, on_delete=models.CASCADE, related_name="steps")
    actor = models.CharField(_("who"), max_length=NAME_MAX)
    action = models.TextField(_("does what"), max_length=LONG_TEXT_MAX)
    handoff_to = models.CharField(_("hands over to"), max_length=NAME_MAX, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.action[:60]


# --- Live suggestions -------------------------------------------------------------------------


class Suggestion(models.Model):
    """A participant's suggestion in a live persona, service path or causal map step.

    The facilitator accepts it into the artefact that the step names (then it is written there
    through the cases services) or dismisses it. `data` holds the suggested fields of its kind.
    """

    class Kind(models.TextChoices):
        PERSONA_LINE = "persona_line", _("persona line")
        PATH_EVENT = "path_event", _("service path event")
        FACTOR = "factor", _("factor")
        LINK = "link", _("cause and effect")

    class State(models.TextChoices):
        OPEN = "open", _("waiting")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    # Made by the participant's browser: a retried POST carries the same id.
    client_id = models.UUIDField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="cases_suggestion_idempotent_post"
            ),
        ]
        indexes = [
            models.Index(fields=["step", "state", "created_at"], name="cases_suggestion_step"),
        ]

    def __str__(self) -> str:
        return self.summary[:60]

    @property
    def summary(self) -> str:
        """The suggestion as one line of text, e.g. "Unemployment → Debt"."""
        data = self.data or {}
        if self.kind == self.Kind.LINK:
            return f"{data.get('cause', '')} → {data.get('effect', '')}"
        if self.kind == self.Kind.FACTOR:
            return data.get("name", "")
        if self.kind == self.Kind.PATH_EVENT:
            return data.get("what", "")
        return data.get("text", "")
