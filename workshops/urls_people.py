"""Participant-facing URLs between workshops (no account): personal links, the participant's
series page, calendars."""

from django.urls import path

from .urls import CodeConverter  # noqa: F401 — registers the "code" converter
from .views import people, retention, summaries

app_name = "people"

urlpatterns = [
    path("p/<str:token>/", people.link_return, name="return"),
    path("my/<code:code>/", people.my_series, name="my-series"),
    path("my/<code:code>/email/", people.my_email, name="my-email"),
    path("my/<code:code>/delete/", retention.my_delete, name="my-delete"),
    path("my/<code:code>/prework/<code:workshop>/", people.prework_answer, name="prework"),
    path(
        "my/<code:code>/summaries/<code:workshop>/",
        summaries.participant_summary,
        name="summary",
    ),
    path(
        "my/<code:code>/summaries/<code:workshop>/pdf/",
        summaries.participant_summary_pdf,
        name="summary-pdf",
    ),
    path(
        "my/<code:code>/summaries/<code:workshop>/comments/",
        summaries.participant_comment,
        name="comment",
    ),
    path("calendar/<str:key>/", people.calendar_feed, name="calendar-feed"),
    path(
        "calendar/<str:key>/<code:workshop>.ics", people.calendar_workshop, name="calendar-workshop"
    ),
]
