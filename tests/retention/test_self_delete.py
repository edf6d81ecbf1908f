"""A participant deletes their own contributions and e-mail address, each behind a
confirmation (issue 9, item 6). Only their own: another participant's content stays."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from cases.models import Suggestion
from tests.retention.conftest import NOTE_TEXTS, device, participant_content
from workshops.feedback.models import FeedbackAnswer
from workshops.models import (
    Comment,
    Dot,
    Note,
    Participant,
    PreworkAnswer,
    PrioritisedChallenge,
    ReportExport,
    ThemeSuggestion,
    Workshop,
)


def url(content):
    return reverse("people:my-delete", args=[content.series.code])


def anna_content(anna) -> dict[str, int]:
    return {
        "notes": Note.objects.filter(participant=anna).count(),
        "prework": PreworkAnswer.objects.filter(participant=anna).count(),
        "comments": Comment.objects.filter(participant=anna).count(),
        "feedback_texts": FeedbackAnswer.objects.filter(response__participant=anna)
        .exclude(text="")
        .count(),
        "case_suggestions": Suggestion.objects.filter(participant=anna).count(),
    }


@pytest.fixture
def phone(content):
    return device(content.anna, content.anna_token)


def test_the_page_lists_what_the_participant_has_written(content, phone):
    response = phone.get(url(content))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Muistilaput ja lämmittelyvastaukset: 2" in page
    assert "Ennakkovastaukset: 1" in page
    assert "Kommentit: 1" in page
    assert "Ehdotukset: 1" in page
    assert "Teemaehdotukset" not in page  # Anna made none
    assert "anna@example.fi" in page


def test_the_page_is_reached_from_the_participants_series_page(content, phone):
    page = phone.get(reverse("people:my-series", args=[content.series.code])).content.decode()
    assert url(content) in page


def test_deleting_contributions_without_confirming_deletes_nothing(content, phone):
    before = participant_content(content.series)
    response = phone.post(url(content), {"what": "contributions"})
    assert response.status_code == 422
    assert "Vahvista rastittamalla ruutu." in response.content.decode()
    assert participant_content(content.series) == before


def test_a_post_that_names_nothing_to_delete_deletes_nothing(content, phone):
    before = participant_content(content.series)
    response = phone.post(url(content), {"what": "everything", "everything-confirm": "on"})
    assert response.status_code == 422
    assert "Valitse, mitä poistetaan." in response.content.decode()
    assert participant_content(content.series) == before


def test_a_participant_deletes_everything_they_wrote_and_only_that(content, phone):
    ben_before = anna_content(content.ben)
    ben_suggestions = ThemeSuggestion.objects.filter(participant=content.ben).count()
    anna_dots = Dot.objects.filter(participant=content.anna).count()
    response = phone.post(url(content), {"what": "contributions", "contributions-confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:my-series", args=[content.series.code])
    assert anna_content(content.anna) == {
        "notes": 0,
        "prework": 0,
        "comments": 0,
        "feedback_texts": 0,
        "case_suggestions": 0,
    }
    # Ben's suggestion was on Anna's note; it goes with the note. Ben's own note stays.
    assert anna_content(content.ben) == ben_before
    assert ben_suggestions == 1
    assert not ThemeSuggestion.objects.filter(participant=content.ben).exists()
    assert Note.objects.filter(pk=content.ben_note.pk).exists()
    # Her dots stay (results others saw do not change); numeric feedback stays too.
    assert Dot.objects.filter(participant=content.anna).count() == anna_dots
    assert FeedbackAnswer.objects.filter(
        response__participant=content.anna, value__isnull=False
    ).exists()
    # Her note's text no longer shows where the confirmed challenge came from.
    source = PrioritisedChallenge.objects.get(pk=content.challenge.pk).source
    assert NOTE_TEXTS[1] not in source["notes"]
    # The stored final report quoted her note: it goes, the next export renders without it.
    assert not ReportExport.objects.filter(series=content.series).exists()
    # Her nickname and e-mail are not contributions: they stay until she deletes them.
    anna = Participant.objects.get(pk=content.anna.pk)
    assert anna.nickname == "Anna" and anna.email == "anna@example.fi"


def test_contributions_cannot_be_deleted_while_a_workshop_is_live(content, phone):
    Workshop.objects.filter(pk=content.planned.pk).update(state=Workshop.State.LIVE)
    before = anna_content(content.anna)
    response = phone.post(url(content), {"what": "contributions", "contributions-confirm": "on"})
    assert response.status_code == 422
    assert "Sarjan työpaja on käynnissä." in response.content.decode()
    assert anna_content(content.anna) == before


def test_a_participant_deletes_their_e_mail_address_after_confirming(content, phone):
    response = phone.post(url(content), {"what": "email"})
    assert response.status_code == 422
    assert Participant.objects.get(pk=content.anna.pk).email == "anna@example.fi"
    response = phone.post(url(content), {"what": "email", "email-confirm": "on"})
    assert response.status_code == 302
    assert Participant.objects.get(pk=content.anna.pk).email == ""
    assert anna_content(content.anna)["notes"] == 2  # only the address went


def test_another_participant_of_the_series_deletes_only_their_own(content):
    ben_phone = device(content.ben, content.ben_token)
    anna_before = anna_content(content.anna)
    response = ben_phone.post(
        url(content), {"what": "contributions", "contributions-confirm": "on"}
    )
    assert response.status_code == 302
    assert anna_content(content.anna) == anna_before
    assert not Note.objects.filter(participant=content.ben).exists()


def test_a_device_without_a_participant_gets_404(content, client):
    assert client.get(url(content)).status_code == 404
    response = client.post(url(content), {"what": "email", "email-confirm": "on"})
    assert response.status_code == 404
    assert Participant.objects.get(pk=content.anna.pk).email == "anna@example.fi"


def test_the_page_reads_a_bounded_number_of_queries(content, phone, django_assert_max_num_queries):
    for i in range(20):
        Note.objects.create(
            workshop=content.workshop,
            step=content.steps["brainstorm"],
            participant=content.anna,
            client_id=uuid.uuid4(),
            text=f"Lappu {i}",
        )
    # The counts come from a fixed number of aggregate queries, however much she wrote.
    with django_assert_max_num_queries(8):
        assert phone.get(url(content)).status_code == 200
