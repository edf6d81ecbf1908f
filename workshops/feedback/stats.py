"""Results of feedback forms: counts, means and distributions, split by participant type only
where nobody can be recognised.

The anonymity rule: a group with fewer than `MIN_GROUP` respondents is never shown on its own.
With two groups, showing the other one would reveal it by subtraction from the total, so an
item is split only when *every* group that answered it has at least `MIN_GROUP` respondents.
The answers of a small group always count in the total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from workshops.models import Participant
from workshops.smallgroups import MIN_GROUP, split_allowed  # the rule shared with the report

from .models import SCALE_MAX, SCALE_MIN, FeedbackAnswer, FeedbackForm, FeedbackItem

GROUPS = [Participant.Kind.PROFESSIONAL, Participant.Kind.CLIENT]


@dataclass
class ScaleStats:
    """One group's answers to one scale item."""

    label: str
    kind: str = ""
    counts: list[int] = field(default_factory=lambda: [0] * (SCALE_MAX - SCALE_MIN + 1))

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        total = sum(value * count for value, count in zip(self.values, self.counts, strict=True))
        return total / self.n

    @property
    def values(self) -> list[int]:
        return list(range(SCALE_MIN, SCALE_MAX + 1))

    @property
    def rows(self) -> list[tuple[int, int, float]]:
        """(value, count, share 0–1) for the table and the chart."""
        n = self.n
        return [
            (v, c, (c / n if n else 0.0)) for v, c in zip(self.values, self.counts, strict=True)
        ]

    def add(self, value: int, count: int = 1) -> None:
        self.counts[value - SCALE_MIN] += count


@dataclass
class ItemResult:
    item: FeedbackItem
    total: ScaleStats | None = None
    groups: list[ScaleStats] = field(default_factory=list)  # empty unless split is allowed
    texts: list[str] = field(default_factory=list)  # open answers of everyone
    group_texts: list[tuple[str, list[str]]] = field(default_factory=list)
    respondents_by_group: dict[str, int] = field(default_factory=dict)
    suppressed: bool = False  # a small group exists, so no split is shown

    @property
    def respondents(self) -> int:
        return sum(self.respondents_by_group.values())


@dataclass
class FormResult:
    form: FeedbackForm
    respondents: int
    respondents_by_group: dict[str, int]
    items: list[ItemResult]
    split_shown: bool  # respondent counts per group may be shown

    @property
    def group_counts(self) -> list[tuple[str, int]]:
        labels = dict(Participant.Kind.choices)
        return [(str(labels[g]), self.respondents_by_group.get(g, 0)) for g in GROUPS]


def _group_label(kind: str) -> str:
    return str(dict(Participant.Kind.choices).get(kind, kind))


def item_result(
    item: FeedbackItem, answers: list[tuple[str, int | None, str]], *, parts_allow_split=True
) -> ItemResult:
    """`answers`: (participant kind, value, text) of everyone who answered the item.
    `parts_allow_split`: False when the answers combine forms one of which has a small group
    (see `series_results`)."""
    by_group: dict[str, int] = defaultdict(int)
    for kind, _value, _text in answers:
        by_group[kind] += 1
    result = ItemResult(item=item, respondents_by_group=dict(by_group))
    split = split_allowed(by_group) and parts_allow_split
    result.suppressed = not split and len([n for n in by_group.values() if n]) > 1
    if item.is_scale:
        result.total = ScaleStats(label="")
        groups = {kind: ScaleStats(label=_group_label(kind), kind=kind) for kind in GROUPS}
        for kind, value, _text in answers:
            if value is None:
                continue
            result.total.add(value)
            if kind in groups:
                groups[kind].add(value)
        if split:
            result.groups = [groups[kind] for kind in GROUPS if groups[kind].n]
    else:
        # Sorted by text, not by time: the order of answering could tell who wrote what.
        result.texts = sorted((t for _k, _v, t in answers if t), key=str.casefold)
        if split:
            result.group_texts = [
                (
                    _group_label(kind),
                    sorted((t for k, _v, t in answers if k == kind and t), key=str.casefold),
                )
                for kind in GROUPS
                if by_group.get(kind)
            ]
    return result


def form_results(forms: list[FeedbackForm] | QuerySet) -> list[FormResult]:
    """Results of each form, in three queries whatever the number of answers."""
    forms = list(forms)
    if not forms:
        return []
    items = list(FeedbackItem.objects.filter(form__in=forms).order_by("form_id", "position", "id"))
    rows = FeedbackAnswer.objects.filter(item__form__in=forms).values_list(
        "item_id", "response_id", "response__participant_kind", "value", "text"
    )
    answers_by_item: dict[int, list] = defaultdict(list)
    respondents: dict[int, dict[int, str]] = defaultdict(dict)
    form_of_item = {item.pk: item.form_id for item in items}
    for item_id, response_id, kind, value, text in rows:
        answers_by_item[item_id].append((kind, value, text))
        respondents[form_of_item[item_id]][response_id] = kind
    results = []
    for form in forms:
        by_group: dict[str, int] = defaultdict(int)
        for kind in respondents[form.pk].values():
            by_group[kind] += 1
        results.append(
            FormResult(
                form=form,
                respondents=len(respondents[form.pk]),
                respondents_by_group=dict(by_group),
                items=[
                    item_result(item, answers_by_item[item.pk])
                    for item in items
                    if item.form_id == form.pk
                ],
                split_shown=split_allowed(by_group),
            )
        )
    return results


@dataclass
class SeriesItemResult:
    key: str
    text: str
    is_scale: bool
    low_label: str
    high_label: str
    result: ItemResult
    per_workshop: list[tuple[str, ScaleStats]]


def series_results(forms: list[FeedbackForm]) -> list[SeriesItemResult]:
    """Items of the series' forms combined by key (the default items share keys), with each
    workshop's figures beside the combined ones; open answers listed, in three queries.

    A combined item is split by type only if, in every workshop, each type has either no
    respondents or at least MIN_GROUP: otherwise the series' figure for a type minus a
    workshop's figure for it would reveal the answers of a small group elsewhere."""
    forms = list(forms)
    if not forms:
        return []
    items = list(FeedbackItem.objects.filter(form__in=forms).order_by("position", "id"))
    rows = FeedbackAnswer.objects.filter(item__in=items).values_list(
        "item_id", "response__participant_kind", "value", "text"
    )
    by_item: dict[int, list] = defaultdict(list)
    for item_id, kind, value, text in rows:
        by_item[item_id].append((kind, value, text))
    form_title = {f.pk: f.step.workshop.title for f in forms}
    keys: dict[str, list[FeedbackItem]] = {}
    for item in items:
        keys.setdefault(f"{item.kind}:{item.key}", []).append(item)
    results = []
    for key, key_items in keys.items():
        first = key_items[0]
        combined = [a for item in key_items for a in by_item[item.pk]]
        parts_ok = all(
            all(n == 0 or n >= MIN_GROUP for n in _counts(by_item[item.pk]).values())
            for item in key_items
        )
        per_workshop = []
        if first.is_scale:
            for item in key_items:
                stats = ScaleStats(label=form_title[item.form_id])
                for _kind, value, _t in by_item[item.pk]:
                    if value is not None:
                        stats.add(value)
                per_workshop.append((form_title[item.form_id], stats))
        results.append(
            SeriesItemResult(
                key=key.replace(":", "-"),
                text=first.text,
                is_scale=first.is_scale,
                low_label=first.low_label,
                high_label=first.high_label,
                result=item_result(first, combined, parts_allow_split=parts_ok),
                per_workshop=per_workshop,
            )
        )
    return results


def _counts(answers) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for kind, _value, _text in answers:
        counts[kind] += 1
    return counts
