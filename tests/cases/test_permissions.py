"""Who may open and use each view of the cases app.

Anonymous users go to the login page; a facilitator or coordinator of another organisation and
a colleague who does not run the series get 404 and change nothing; the series' facilitator
and the organisation's coordinator get through.
"""

import pytest
from django.urls import reverse

from cases import models as m

KINDS = ["case", "persona", "path", "map", "network", "flowchart"]

NEW_DATA = {
    "case": {"title": "Uusi", "situation": "Tilanne", "confirmed": "on"},
    "persona": {"name": "Maija", "age_group": "adult"},
    "map": {"title": "Uusi kartta"},
    "network": {"title": "Uusi verkosto"},
    "flowchart": {"title": "Uusi kaavio"},
}
ITEM_DATA = {
    "event": {
        "add-event-actor": "Kela",
        "add-event-what": "Hakemus",
        "add-event-experience": "neutral",
    },
    "factor": {"add-factor-name": "Yksinäisyys"},
    "step": {"add-step-actor": "Ohjaaja", "add-step-action": "Soittaa"},
    "card": {"add-card-kind": "client", "add-card-title": "Kortti"},
    "actor": {"add-actor-name": "Kela", "add-actor-type": "organisation"},
}


def fingerprint():
    """Everything a forbidden request could have changed."""
    result = []
    for model in (
        m.Case,
        m.Persona,
        m.ServicePath,
        m.PathEvent,
        m.CriticalPoint,
        m.Solution,
        m.CausalMap,
        m.Factor,
        m.CausalLink,
        m.ActorNetwork,
        m.Actor,
        m.CoordinatedService,
        m.ClientCard,
        m.Flowchart,
        m.FlowStep,
    ):
        result.append(sorted(model.objects.values_list("public_id", flat=True)))
    result.append(
        list(m.PathEvent.objects.order_by("position", "id").values_list("pk", "position"))
    )
    result.append(list(m.Case.objects.values_list("title", "updated_at")))
    return result


def _urls(series, everything):
    s = series.code
    urls = [("get", reverse("cases:index", args=[s]), None)]
    for kind in KINDS:
        obj = everything[kind]
        urls.append(("get", reverse("cases:create", args=[s, kind]), None))
        if kind in NEW_DATA:
            urls.append(("post", reverse("cases:create", args=[s, kind]), NEW_DATA[kind]))
        urls.append(("get", reverse("cases:detail", args=[s, kind, obj.public_id]), None))
        urls.append(("get", reverse("cases:edit", args=[s, kind, obj.public_id]), None))
    urls.append(
        (
            "post",
            reverse("cases:edit", args=[s, "case", everything["case"].public_id]),
            {"title": "Muutettu", "situation": "Muutettu", "confirmed": "on"},
        )
    )
    for item_kind, (parent, item) in everything["items"].items():
        kind = {
            m.ServicePath: "path",
            m.CausalMap: "map",
            m.ActorNetwork: "network",
            m.Flowchart: "flowchart",
        }[type(parent)]
        args = [s, kind, parent.public_id, item_kind]
        if item_kind in ITEM_DATA:
            urls.append(("post", reverse("cases:item-add", args=args), ITEM_DATA[item_kind]))
        urls.append(("get", reverse("cases:item-edit", args=[*args, item.public_id]), None))
        urls.append(("post", reverse("cases:item-move", args=[*args, item.public_id, "down"]), {}))
    # Deletes last: they remove what the other URLs point at.
    urls.append(
        (
            "post",
            reverse(
                "cases:item-delete",
                args=[
                    s,
                    "path",
                    everything["path"].public_id,
                    "event",
                    everything["items"]["event"][1].public_id,
                ],
            ),
            {},
        )
    )
    urls.append(
        ("post", reverse("cases:delete", args=[s, "persona", everything["persona"].public_id]), {})
    )
    return urls


@pytest.mark.parametrize("who", ["outsider", "other_coordinator", "colleague"])
def test_staff_outside_the_series_get_404_and_change_nothing(
    client, request, series, everything, who
):
    client.force_login(request.getfixturevalue(who))
    before = fingerprint()
    for method, url, data in _urls(series, everything):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (who, method, url, response.status_code)
    assert fingerprint() == before


def test_anonymous_users_are_sent_to_login(client, series, everything):
    before = fingerprint()
    for method, url, data in _urls(series, everything):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("login")), url
    assert fingerprint() == before


@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_the_facilitator_and_the_coordinator_get_through(client, request, series, everything, who):
    client.force_login(request.getfixturevalue(who))
    for method, url, data in _urls(series, everything):
        response = getattr(client, method)(url, data or {})
        assert response.status_code in (200, 302), (who, method, url, response.status_code)


def test_an_item_of_another_artefact_kind_is_404(client, facilitator, series, everything):
    client.force_login(facilitator)
    path = everything["path"]
    factor = everything["items"]["factor"][1]
    url = reverse(
        "cases:item-edit", args=[series.code, "path", path.public_id, "factor", factor.public_id]
    )
    assert client.get(url).status_code == 404


def test_an_artefact_of_another_series_is_404(
    client, facilitator, organisation, series, everything
):
    from tests.workshops.factories import SeriesFactory

    other = SeriesFactory(organisation=organisation, facilitators=[facilitator])
    client.force_login(facilitator)
    url = reverse("cases:detail", args=[other.code, "case", everything["case"].public_id])
    assert client.get(url).status_code == 404


def test_the_series_page_links_to_the_cases(client, facilitator, series):
    client.force_login(facilitator)
    response = client.get(reverse("workshops:series-detail", args=[series.code]))
    assert reverse("cases:index", args=[series.code]) in response.text
