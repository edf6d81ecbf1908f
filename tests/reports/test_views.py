"""Who may edit the report's texts and export it, and the texts' version check."""

import pytest
from django.urls import reverse

from workshops.models import ReportExport, ReportText
from workshops.reports import practice_model


@pytest.fixture
def fake_pdf(series):
    """The permission matrix needs a finished export, not a real render."""
    return ReportExport.objects.create(
        series=series,
        state=ReportExport.State.DONE,
        stage=ReportExport.Stage.READY,
        percent=100,
        pdf=b"%PDF-1.7 fake",
        size=13,
        pages=1,
        fingerprint="0" * 64,
    )


def _urls(series):
    s = series.code
    export = ReportExport.objects.get(series=series)
    return [
        ("get", reverse("workshops:report-texts", args=[s]), None),
        ("get", reverse("workshops:report-export-pdf", args=[s, export.public_id]), None),
        ("get", reverse("workshops:report-export-status", args=[s, export.public_id]), None),
        ("post", reverse("workshops:report-export", args=[s]), None),
        ("get", reverse("workshops:report-text-edit", args=[s, "basic_idea"]), None),
        (
            "post",
            reverse("workshops:report-text-edit", args=[s, "basic_idea"]),
            {"text": "Uusi perusidea", "version": "0"},
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_the_series_staff_may_edit_and_export(client, request, series, fake_pdf, who):
    client.force_login(request.getfixturevalue(who))
    for method, url, data in _urls(series):
        response = getattr(client, method)(url, data or {})
        assert response.status_code in (200, 302), (url, response.status_code)
    pdf = client.get(reverse("workshops:report-export-pdf", args=[series.code, fake_pdf.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert ReportText.objects.get(series=series, key="basic_idea").text == "Uusi perusidea"
    assert ReportExport.objects.filter(series=series, state="queued").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["colleague", "outsider", "other_coordinator"])
def test_other_staff_get_404_and_change_nothing(client, request, series, fake_pdf, who):
    client.force_login(request.getfixturevalue(who))
    for method, url, data in _urls(series):
        assert getattr(client, method)(url, data or {}).status_code == 404, url
    assert not ReportText.objects.exists()
    assert ReportExport.objects.count() == 1, "no export was queued"


@pytest.mark.django_db
def test_participants_and_anonymous_users_get_nothing(client, series, anna, fake_pdf):
    # `anna` joined a workshop of the series: her client carries the participant's cookie.
    for method, url, data in _urls(series):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and "/login" in response["Location"], url
    assert not ReportText.objects.exists()
    assert ReportExport.objects.count() == 1, "no export was queued"


@pytest.mark.django_db
def test_an_unknown_section_is_404(client, facilitator, series):
    client.force_login(facilitator)
    url = reverse("workshops:report-text-edit", args=[series.code, "nothing"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_stale_edit_shows_what_is_saved_now_and_overwrites_nothing(client, facilitator, series):
    series.target_group = "Ikääntyneet kotihoidon asiakkaat"
    series.save()
    practice_model.text_save(series, key="target_group", text="Oma teksti", version=0, by=None)
    client.force_login(facilitator)
    url = reverse("workshops:report-text-edit", args=[series.code, "target_group"])
    response = client.post(url, {"text": "Vanhasta versiosta", "version": "0"})
    assert response.status_code == 422
    assert "Oma teksti" in response.text  # what is saved now, beside the editor's text
    assert practice_model.text_for(series, "target_group") == "Oma teksti"

    client.post(url, {"reset": "1"})
    assert practice_model.text_for(series, "target_group") == "Ikääntyneet kotihoidon asiakkaat"
