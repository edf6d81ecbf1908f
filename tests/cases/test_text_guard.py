"""The guard on every free-text field of the app, through the configured text validators.

The workshop forms of `workshops` are used here on purpose: the guard reaches them without
`workshops` importing `cases`.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.anonymise import hetu_check_char
from workshops.forms import WorkshopForm
from workshops.models import Workshop
from workshops.textguard import check_text, validate_text

HETU = "010190-123" + hetu_check_char("010190", "123")
BAD_HETU = "010190-123" + ("A" if hetu_check_char("010190", "123") != "A" else "B")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _workshop_data(**overrides):
    data = {"title": "Ratkaisupaja", "duration_minutes": "120", "purpose": "", "place": ""}
    data.update(overrides)
    return data


def test_a_workshop_form_refuses_an_identity_code_and_shows_the_place():
    text = f"Käsitellään asiakasta, jonka tunnus on {HETU}, ja hänen polkuaan."
    form = WorkshopForm(_workshop_data(purpose=text))
    assert not form.is_valid()
    html = str(form["purpose"].errors)
    assert f"<mark>{HETU}</mark>" in html
    assert "Personal identity code" in html
    # The text itself is kept in the field.
    assert form["purpose"].value() == text


def test_the_excerpt_escapes_the_users_text():
    text = f"<script>alert(1)</script> {HETU} <b>lihava</b>"
    form = WorkshopForm(_workshop_data(purpose=text))
    assert not form.is_valid()
    html = str(form["purpose"].errors)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html


def test_every_blocking_place_is_shown():
    text = f"Tunnus {HETU}, puhelin 040 123 4567, osoite Koivukuja 3."
    form = WorkshopForm(_workshop_data(purpose=text))
    assert not form.is_valid()
    html = str(form["purpose"].errors)
    for place in (HETU, "040 123 4567", "Koivukuja 3"):
        assert f"<mark>{place}</mark>" in html


def test_a_warning_asks_for_confirmation_and_saves_once_confirmed():
    text = f"Tunnus {BAD_HETU} on keksitty esimerkki."
    form = WorkshopForm(_workshop_data(purpose=text))
    assert not form.is_valid()
    html = form["purpose"].as_field_group()
    assert f"<mark>{BAD_HETU}</mark>" in html
    assert 'type="checkbox" name="purpose__checked"' in html

    confirmed = WorkshopForm(_workshop_data(purpose=text, purpose__checked="on"))
    assert confirmed.is_valid(), confirmed.errors
    assert confirmed.cleaned_data["purpose"] == text


def test_the_confirmation_box_appears_only_with_warnings():
    form = WorkshopForm(_workshop_data(purpose="Tavallinen tarkoitus, 45-vuotias asiakas."))
    assert form.is_valid()
    assert "__checked" not in form["purpose"].as_field_group()


def test_confirmation_does_not_let_blocking_findings_through():
    form = WorkshopForm(_workshop_data(purpose=f"Tunnus {HETU}", purpose__checked="on"))
    assert not form.is_valid()


def test_validate_text_raises_for_blocking_and_ignores_warnings():
    with pytest.raises(Exception, match="must not identify"):
        validate_text(f"puh. 040 123 4567 {HETU}")
    validate_text(f"Keksitty {BAD_HETU}")
    assert len(check_text(f"Keksitty {BAD_HETU}").warnings) == 1


def test_the_workshop_edit_view_keeps_the_text_and_marks_the_place(client, facilitator, workshop):
    client.force_login(facilitator)
    client.cookies["django_language"] = "en"
    url = reverse("workshops:workshop-edit", args=[workshop.series.code, workshop.code])
    text = "Asiakas soitti numerosta 040 123 4567 ja kertoi tilanteestaan pitkästi."
    response = client.post(url, _workshop_data(purpose=text))
    assert response.status_code == 200
    assert "<mark>040 123 4567</mark>" in response.text
    assert text in response.text
    assert Workshop.objects.get(pk=workshop.pk).purpose == ""
