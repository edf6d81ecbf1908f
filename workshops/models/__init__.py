"""Models of the workshops app, split by topic."""

from .audit import AppendOnlyError, AuditEntry
from .between import PreworkAnswer, PreworkQuestion
from .converge import (
    BUDGET_MAX,
    THEME_NAME_MAX,
    TOP_N_MAX,
    Dot,
    PrioritisedChallenge,
    Theme,
    ThemeNote,
    ThemeSuggestion,
)
from .core import (
    LONG_TEXT_MAX,
    STEP_MINUTES_MAX,
    TITLE_MAX,
    WORKSHOP_MINUTES_MAX,
    WORKSHOP_MINUTES_MIN,
    Membership,
    Method,
    MethodStep,
    MethodTask,
    MethodWorkshop,
    Organisation,
    Series,
    SeriesQuerySet,
    SeriesTask,
    Step,
    Workshop,
    WorkshopQuerySet,
    validate_step_kind,
)
from .limits import RateCount
from .live import NOTE_MAX, Attendance, LiveEvent, Note, Participant
from .people import PersonalLink
from .practices import Practice, PracticeStatusChange, SeriesDocument
from .reports import ReportExport, ReportText
from .summaries import COMMENT_MAX, Comment, WorkshopSummary

__all__ = [
    "BUDGET_MAX",
    "COMMENT_MAX",
    "LONG_TEXT_MAX",
    "NOTE_MAX",
    "STEP_MINUTES_MAX",
    "THEME_NAME_MAX",
    "TITLE_MAX",
    "TOP_N_MAX",
    "WORKSHOP_MINUTES_MAX",
    "WORKSHOP_MINUTES_MIN",
    "AppendOnlyError",
    "Attendance",
    "AuditEntry",
    "Comment",
    "Dot",
    "LiveEvent",
    "Membership",
    "Method",
    "MethodStep",
    "MethodTask",
    "MethodWorkshop",
    "Note",
    "Organisation",
    "Participant",
    "PersonalLink",
    "Practice",
    "PracticeStatusChange",
    "PreworkAnswer",
    "PreworkQuestion",
    "PrioritisedChallenge",
    "RateCount",
    "ReportExport",
    "ReportText",
    "Series",
    "SeriesDocument",
    "SeriesQuerySet",
    "SeriesTask",
    "Step",
    "Theme",
    "ThemeNote",
    "ThemeSuggestion",
    "Workshop",
    "WorkshopQuerySet",
    "WorkshopSummary",
    "validate_step_kind",
]
