"""Bad input gets a clear message and nothing typed is lost; diagrams survive odd content."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from cases import diagrams, selectors
from cases.anonymise import hetu_check_char
from cases.models import Case, CausalLink, PathEvent

from .factories import CausalMapFactory, FactorFactory, PathEventFactory, ServicePathFactory

HETU = "010190-123" + hetu_check_char("010190", "123")


@pytest.fixture
def logged_in(client, facilitator):
    client.force_login(facilitator)
    client.cookies["django_language"] = "en"
    return client


def test_a_case_with_identifiers_shows_every_place_and_keeps_the_text(logged_in, series):
    situation = f"Asiakas {HETU} soitti numerosta 040 123 4567 ja kertoi tilanteestaan."
    response = logged_in.post(
        reverse("cases:create", args=[series.code, "case"]),
        {"title": "Tapaus", "situation": situation, "tried": "Paljon", "confirmed": "on"},
    )
    assert response.status_code == 422
    assert f"<mark>{HETU}</mark>" in response.text
    assert "<mark>040 123 4567</mark>" in response.text
    assert situation in response.text
    assert "Paljon</textarea>" in response.text
    assert not Case.objects.exists()


def test_a_case_needs_the_anonymisation_confirmed(logged_in, series, facilitator):
    url = reverse("cases:create", args=[series.code, "case"])
    response = logged_in.post(url, {"title": "Tapaus", "situation": "Tilanne"})
    assert response.status_code == 422
    assert "Confirm that the case is anonymised" in response.text
    response = logged_in.post(url, {"title": "Tapaus", "situation": "Tilanne", "confirmed": "on"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.anonymised_confirmed_by == facilitator
    assert case.anonymised_confirmed_at is not None


def test_empty_names_are_refused_and_the_rest_is_kept(logged_in, series):
    response = logged_in.post(
        reverse("cases:create", args=[series.code, "persona"]),
        {"name": "   ", "age_group": "adult", "needs": "Tuttu työntekijä"},
    )
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert "Tuttu työntekijä" in response.text


def test_oversize_text_is_refused_with_its_length_and_kept(logged_in, series):
    huge = "x" * 20_000
    response = logged_in.post(
        reverse("cases:create", args=[series.code, "case"]),
        {"title": "Tapaus", "situation": huge, "confirmed": "on"},
    )
    assert response.status_code == 422
    assert "at most 5000 characters" in response.text
    assert huge in response.text


def test_an_empty_event_is_refused_in_the_htmx_editor_and_kept(logged_in, series):
    path = ServicePathFactory(series=series, case__series=series)
    response = logged_in.post(
        reverse("cases:item-add", args=[series.code, "path", path.public_id, "event"]),
        {"add-event-when": "vk 3", "add-event-actor": "", "add-event-what": "Käynti"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert 'value="vk 3"' in response.text
    assert not PathEvent.objects.exists()


def test_a_self_link_is_refused_with_a_message(logged_in, series):
    causal_map = CausalMapFactory(series=series)
    factor = FactorFactory(causal_map=causal_map)
    FactorFactory(causal_map=causal_map)
    response = logged_in.post(
        reverse("cases:item-add", args=[series.code, "map", causal_map.public_id, "link"]),
        {"add-link-cause": factor.pk, "add-link-effect": factor.pk, "add-link-sign": ""},
    )
    assert response.status_code == 422
    assert "A factor cannot cause itself" in response.text
    assert not CausalLink.objects.exists()


def test_a_cycle_is_allowed_drawn_and_named(logged_in, series):
    causal_map = CausalMapFactory(series=series)
    a, b, c = (
        FactorFactory(causal_map=causal_map, name=n)
        for n in ("Yksinäisyys", "Masennus", "Liikkumattomuus")
    )
    url = reverse("cases:item-add", args=[series.code, "map", causal_map.public_id, "link"])
    for cause, effect in ((a, b), (b, c), (c, a)):
        response = logged_in.post(
            url,
            {
                "add-link-cause": cause.pk,
                "add-link-effect": effect.pk,
                "add-link-sign": "reinforcing",
            },
        )
        assert response.status_code == 302
    page = logged_in.get(reverse("cases:detail", args=[series.code, "map", causal_map.public_id]))
    assert page.text.count('class="edge"') == 3
    assert "Feedback loops" in page.text
    assert "Yksinäisyys → Masennus → Liikkumattomuus" in page.text


def test_a_200_event_path_renders_quickly(logged_in, series):
    path = ServicePathFactory(series=series, case__series=series)
    PathEvent.objects.bulk_create(
        PathEvent(
            path=path,
            position=i,
            actor=f"Toimija {i % 7}",
            what=f"Tapahtuma {i}",
            when=f"vk {i}",
            experience=["neutral", "meaningful", "difficult"][i % 3],
        )
        for i in range(1, 201)
    )
    diagrams._pipe.cache_clear()
    started = time.perf_counter()
    response = logged_in.get(reverse("cases:detail", args=[series.code, "path", path.public_id]))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.text.count('class="node"') >= 200
    assert elapsed < 5, f"a 200-event path took {elapsed:.2f} s"


def test_user_text_cannot_inject_dot_or_svg(series):
    path = ServicePathFactory(series=series, case__series=series)
    nasty = [
        "</text><script>alert(1)</script>",
        '"]; evil [label="x',
        "<b>html label</b>",
        "back\\slash \\N \\G",
    ]
    for text in nasty:
        PathEventFactory(path=path, actor=text, what=text)
    with translation.override("en"):
        svg = str(selectors.path_page(path)["svg"])
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "evil" not in svg.split("<title")[0]
    assert "&lt;/text&gt;&lt;script&gt;" in svg
    assert 'role="img"' in svg
    assert "<?xml" not in svg
    assert ' width="' not in svg.split(">", 1)[0]


def test_events_appear_in_the_diagram_in_their_order(series):
    path = ServicePathFactory(series=series, case__series=series)
    for position, what in enumerate(["Alku", "Keskikohta", "Loppu"], start=1):
        PathEventFactory(path=path, position=position, what=what)
    svg = str(selectors.path_page(path)["svg"])
    assert svg.index("1. ") < svg.index("2. ") < svg.index("3. ")
    assert svg.index("Alku") < svg.index("Keskikohta") < svg.index("Loppu")
