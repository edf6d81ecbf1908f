"""Participant-facing URLs (no account): joining and the live workshop on a phone."""

from django.urls import path

from .urls import CodeConverter  # noqa: F401 — registers the "code" converter
from .views import converge, participant

app_name = "live"

urlpatterns = [
    path("join/", participant.join, name="join"),
    path("join/<str:code>/", participant.join_workshop, name="join-workshop"),
    # /live/<workshop code>/
    path("live/<code:workshop>/", participant.participant_view, name="participant"),
    path("live/<code:workshop>/poll/", participant.participant_poll, name="poll"),
    path("live/<code:workshop>/notes/", participant.note_post, name="note-post"),
    path("live/<code:workshop>/notes/<uuid:note>/", participant.note_edit, name="note-edit"),
    path(
        "live/<code:workshop>/notes/<uuid:note>/delete/",
        participant.note_delete,
        name="note-delete",
    ),
    path("live/<code:workshop>/dots/", converge.dot, name="dot"),
    path("live/<code:workshop>/theme-suggestions/", converge.theme_suggest, name="theme-suggest"),
]
