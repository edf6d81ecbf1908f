"""The practice-model core of the report: the fixed sections of a Finnish practice model
description, so that the core can be published in the national register as it is.

Each section is drafted from the series' data; the facilitator or coordinator may replace the
draft with their own text (`ReportText`) before export. Saving names the version the editor
started from, as the series' documents do, so nobody's edit is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import plugins
from ..models import Practice, PrioritisedChallenge, ReportText, Series, Workshop
from ..models.reports import REPORT_TEXT_MAX
from ..practices.services import StaleEdit
from ..smallgroups import named_groups


def _practices(series) -> list[Practice]:
    return list(Practice.objects.filter(series=series).order_by("name", "id"))


def _basic_idea(series) -> str:
    parts = [series.goal.strip()] if series.goal.strip() else []
    for practice in _practices(series):
        if practice.description.strip():
            parts.append(f"{practice.name}: {practice.description.strip()}")
    return "\n\n".join(parts)


def _environment(series) -> str:
    """Where the practice was made and the organisations taking part. As in the workshops
    section, an organisation with fewer than MIN_GROUP participants in the series is not
    named (`named_groups`)."""
    counts: dict[str, int] = {}
    for name in series.participants.values_list("organisation_name", flat=True):
        if name.strip():
            counts[name.strip()] = counts.get(name.strip(), 0) + 1
    named, other = named_groups(counts)
    names = sorted(name for name, _n in named)
    if other:
        names.append(_("other organisations"))
    parts = [
        _("The practice was developed in %(organisation)s.")
        % {"organisation": series.organisation.name}
    ]
    if names:
        parts.append(_("Organisations taking part: %(names)s.") % {"names": ", ".join(names)})
    return " ".join(parts)


def _target_group(series) -> str:
    return series.target_group.strip()


def _conditions(series) -> str:
    return "\n\n".join(
        f"{p.name}: {p.conditions.strip()}" for p in _practices(series) if p.conditions.strip()
    )


def _evaluation(series) -> str:
    practices = _practices(series)
    if not practices:
        return ""
    labels = dict(Practice.Status.choices)
    counts: dict[str, int] = {}
    for practice in practices:
        counts[practice.status] = counts.get(practice.status, 0) + 1
    lines = [
        ngettext("%(n)s practice: %(status)s", "%(n)s practices: %(status)s", n)
        % {"n": n, "status": labels[status]}
        for status, n in counts.items()
    ]
    return "\n".join(lines)


def _tips(series) -> str:
    return "\n\n".join(f"{p.name}: {p.tips.strip()}" for p in _practices(series) if p.tips.strip())


def _path(series) -> str:
    """The workshops held and what each produced."""
    held = list(
        series.workshops.exclude(state=Workshop.State.PLANNED)
        .annotate(practice_count=Count("practices", distinct=True))
        .order_by("position", "id")
    )
    challenges: dict[int, int] = {}
    for workshop_id in PrioritisedChallenge.objects.filter(series=series).values_list(
        "workshop_id", flat=True
    ):
        challenges[workshop_id] = challenges.get(workshop_id, 0) + 1
    lines = []
    for w in held:
        produced = []
        if challenges.get(w.pk):
            produced.append(
                ngettext(
                    "%(n)s prioritised challenge", "%(n)s prioritised challenges", challenges[w.pk]
                )
                % {"n": challenges[w.pk]}
            )
        if w.practice_count:
            produced.append(
                ngettext("%(n)s practice", "%(n)s practices", w.practice_count)
                % {"n": w.practice_count}
            )
        when = date_format(w.date, "SHORT_DATE_FORMAT") if w.date else ""
        head = f"{w.position}. {w.title}" + (f" ({when})" if when else "")
        lines.append(head + (": " + ", ".join(produced) if produced else ""))
    return "\n".join(lines)


@dataclass(frozen=True)
class CoreSection:
    key: str
    title: str | Promise
    draft: Callable[[Series], str]


CORE = [
    CoreSection("basic_idea", gettext_lazy("Basic idea of the solution"), _basic_idea),
    CoreSection("environment", gettext_lazy("Operating environment"), _environment),
    CoreSection(
        "target_group", gettext_lazy("Target group and client understanding"), _target_group
    ),
    CoreSection("conditions", gettext_lazy("Conditions for working and adoption"), _conditions),
    CoreSection("evaluation", gettext_lazy("Evaluation results in brief"), _evaluation),
    CoreSection("tips", gettext_lazy("Tips for adopters of the practice"), _tips),
    CoreSection("path", gettext_lazy("The development path"), _path),
]
CORE_KEYS = {section.key: section for section in CORE}


def core_texts(series: Series) -> list[dict]:
    """Each core section with its draft, the series' own text (if any) and its version — what
    the edit page shows."""
    own = {t.key: t for t in ReportText.objects.filter(series=series)}
    result = []
    for section in CORE:
        text = own.get(section.key)
        result.append(
            {
                "section": section,
                "draft": section.draft(series),
                "text": text.text if text else None,
                "version": text.version if text else 0,
            }
        )
    return result


def text_for(series: Series, key: str) -> str:
    """The text the report prints: the series' own if saved, else the draft."""
    own = ReportText.objects.filter(series=series, key=key).first()
    if own is not None:
        return own.text
    return CORE_KEYS[key].draft(series)


@transaction.atomic
def text_save(series: Series, *, key: str, text: str, version: int, by) -> ReportText:
    """Save the series' own text over `version`; `StaleEdit` if someone saved meanwhile. An
    empty text leaves the section out of the report."""
    if key not in CORE_KEYS:
        raise KeyError(key)
    if len(text) > REPORT_TEXT_MAX:  # a TextField's max_length is not a model validator
        raise ValidationError(_("Keep the text under %(n)s characters.") % {"n": REPORT_TEXT_MAX})
    own, _created = ReportText.objects.get_or_create(series=series, key=key)
    updated = ReportText.objects.filter(pk=own.pk, version=version).update(
        text=text, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    if not updated:
        raise StaleEdit(ReportText.objects.get(pk=own.pk))
    own.refresh_from_db()
    return own


@transaction.atomic
def text_reset(series: Series, key: str) -> None:
    """Back to the draft made from the series' data."""
    ReportText.objects.filter(series=series, key=key).delete()


def _builder(key: str):
    def build(series):
        text = text_for(series, key).strip()
        return {"text": text} if text else None

    return build


def register() -> None:
    for position, section in enumerate(CORE, start=100):
        plugins.register_report_section(
            plugins.ReportSection(
                section.key,
                section.title,
                _builder(section.key),
                "reports/sections/text.html",
                position=position,
            )
        )
