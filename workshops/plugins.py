"""Registries through which other apps plug into `workshops` without being imported by it.

Step kinds have their own registry (`stepkinds.py`); this module holds the smaller ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class SeriesLink:
    """A page of the series contributed by another app, linked from the series page.

    `url_name` is reversed with the series code as its only argument.
    """

    key: str
    label: str | Promise
    url_name: str
    position: int = 100


_SERIES_LINKS: dict[str, SeriesLink] = {}


def register_series_link(link: SeriesLink) -> SeriesLink:
    _SERIES_LINKS[link.key] = link
    return link


def series_links(series) -> list[tuple[str, str]]:
    """(label, url) pairs for the series page, in their registered order."""
    links = sorted(_SERIES_LINKS.values(), key=lambda link: (link.position, link.key))
    return [(str(link.label), reverse(link.url_name, args=[series.code])) for link in links]


# --- Demo data --------------------------------------------------------------------------------

_DEMO_SEEDERS: dict[str, Callable[..., None]] = {}


def register_demo_seeder(key: str, seeder: Callable[..., None]) -> None:
    """`seed_demo` calls `seeder(organisation=...)` after it has made the demo series, inside
    its transaction; a seeder must change nothing when run again."""
    _DEMO_SEEDERS[key] = seeder


def demo_seeders() -> list[Callable[..., None]]:
    return list(_DEMO_SEEDERS.values())


@dataclass(frozen=True)
class PracticeSection:
    """A part of the practice page contributed by another app (e.g. the cases and solutions
    behind a practice). `context(practice)` returns the template's context, or None to leave
    the section out."""

    key: str
    template: str
    context: object
    position: int = 100


_PRACTICE_SECTIONS: dict[str, PracticeSection] = {}


def register_practice_section(section: PracticeSection) -> PracticeSection:
    _PRACTICE_SECTIONS[section.key] = section
    return section


def practice_sections(practice) -> list[tuple[str, dict]]:
    """(template, context) pairs for the practice page, in their registered order."""
    sections = sorted(_PRACTICE_SECTIONS.values(), key=lambda s: (s.position, s.key))
    result = []
    for section in sections:
        context = section.context(practice)
        if context is not None:
            result.append((section.template, context))
    return result


# --- Summaries and comments -------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryItem:
    """One output in a summary that participants can comment on."""

    kind: str  # a registered comment target kind
    public_id: str
    label: str


@dataclass
class SummaryDraft:
    text: str
    items: list[SummaryItem] = field(default_factory=list)


@dataclass(frozen=True)
class SummarySource:
    """A section of a workshop summary: `build(workshop)` drafts it from what the workshop
    produced (None when it produced nothing of the kind). `included` is whether the draft
    shows it until the facilitator chooses otherwise."""

    key: str
    title: str | Promise
    build: Callable
    included: bool = True
    position: int = 100


_SUMMARY_SOURCES: dict[str, SummarySource] = {}


def register_summary_source(source: SummarySource) -> SummarySource:
    _SUMMARY_SOURCES[source.key] = source
    return source


def summary_sources() -> list[SummarySource]:
    return sorted(_SUMMARY_SOURCES.values(), key=lambda s: (s.position, s.key))


@dataclass(frozen=True)
class CommentTarget:
    """A kind of output participants can comment on. `resolve(series, public_id)` returns a
    label for the output if it belongs to the series (and may be commented now), else None."""

    kind: str
    label: str | Promise
    resolve: Callable


_COMMENT_TARGETS: dict[str, CommentTarget] = {}


def register_comment_target(target: CommentTarget) -> CommentTarget:
    _COMMENT_TARGETS[target.kind] = target
    return target


def comment_target(kind: str) -> CommentTarget | None:
    return _COMMENT_TARGETS.get(kind)


# --- Participants' pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantWorkshopLink:
    """A link another app adds under a workshop on the participant's page of the series (e.g.
    the feedback form afterwards). `available(workshops, participant)` returns the ids of the
    workshops whose link this participant may follow, in one query for all of them; `url_name`
    is reversed with the workshop code."""

    key: str
    label: str | Promise
    url_name: str
    available: Callable
    position: int = 100
    # Optional: `done(workshop_ids, participant)` returns the ids of the workshops where the
    # participant has already done it (one query); those links say `done_label` beside them.
    done: Callable | None = None
    done_label: str | Promise = ""


@dataclass(frozen=True)
class AppLink:
    label: str
    url: str
    done: str = ""  # e.g. "Answered — you can still change your answers"


_PARTICIPANT_LINKS: dict[str, ParticipantWorkshopLink] = {}


def register_participant_workshop_link(link: ParticipantWorkshopLink) -> ParticipantWorkshopLink:
    _PARTICIPANT_LINKS[link.key] = link
    return link


def participant_workshop_links(workshops, participant) -> dict[int, list[AppLink]]:
    """Per workshop id, the registered links that apply to it, each saying whether the
    participant has already done what it leads to."""
    result: dict[int, list[AppLink]] = {w.pk: [] for w in workshops}
    codes = {w.pk: w.code for w in workshops}
    for link in sorted(_PARTICIPANT_LINKS.values(), key=lambda x: (x.position, x.key)):
        ids = [i for i in link.available(workshops, participant) if i in result]
        done = link.done(ids, participant) if link.done and ids else set()
        for workshop_id in ids:
            result[workshop_id].append(
                AppLink(
                    str(link.label),
                    reverse(link.url_name, args=[codes[workshop_id]]),
                    str(link.done_label) if workshop_id in done else "",
                )
            )
    return result


# --- The final report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportSection:
    """A section of a series' final report. `build(series)` returns the context of
    `template` (under `templates/reports/`), or None to leave the section out when its data
    does not exist. `in_contents` is whether the table of contents lists it."""

    key: str
    title: str | Promise
    build: Callable
    template: str
    position: int = 100
    in_contents: bool = True


_REPORT_SECTIONS: dict[str, ReportSection] = {}


def register_report_section(section: ReportSection) -> ReportSection:
    _REPORT_SECTIONS[section.key] = section
    return section


def report_sections() -> list[ReportSection]:
    return sorted(_REPORT_SECTIONS.values(), key=lambda s: (s.position, s.key))


# --- Retention ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentKeeper:
    """Participants' content that another app keeps for a series, for retention
    (`workshops/retention.py`):

    - `purge_series(series)` deletes or blanks it all when the series' retention ends;
    - `purge_participant(participant)` deletes or blanks what that one participant wrote
      (their own request);
    - `count_participant(participant)` says how much of it is theirs ({label: count});
    - `export(series)` returns it as JSON-ready data for the coordinator's export (never a
      token or an e-mail address).

    The purges return {what: count} for the log (counts only, never content); each runs
    inside the caller's transaction.
    """

    key: str
    purge_series: Callable
    purge_participant: Callable
    count_participant: Callable
    export: Callable
    position: int = 100


_CONTENT_KEEPERS: dict[str, ContentKeeper] = {}


def register_content_keeper(keeper: ContentKeeper) -> ContentKeeper:
    _CONTENT_KEEPERS[keeper.key] = keeper
    return keeper


def content_keepers() -> list[ContentKeeper]:
    return sorted(_CONTENT_KEEPERS.values(), key=lambda k: (k.position, k.key))
