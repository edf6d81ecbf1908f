"""Models of the workshops app, split by topic."""

from .between import PreworkAnswer, PreworkQuestion
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
from .live import NOTE_MAX, Attendance, LiveEvent, Note, Participant
from .people import PersonalLink
from .practices import Practice, PracticeStatusChange, SeriesDocument

__all__ = [
    "LONG_TEXT_MAX",
    "NOTE_MAX",
    "STEP_MINUTES_MAX",
    "TITLE_MAX",
    "WORKSHOP_MINUTES_MAX",
    "WORKSHOP_MINUTES_MIN",
    "Attendance",
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
    "Series",
    "SeriesDocument",
    "SeriesQuerySet",
    "SeriesTask",
    "Step",
    "Workshop",
    "WorkshopQuerySet",
    "validate_step_kind",
]
