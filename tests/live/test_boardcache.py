"""The shared drawing of a board (workshops/live/boardcache.py): made once per change, shown
to every phone and the room, and never older than the last change made through the services."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workshops.live import boardcache, converge, services
from workshops.models import LiveEvent
from workshops.models.live import BOARD_KINDS

from .conftest import join
from .converge_fixtures import go, step_of

pytestmark = pytest.mark.django_db


def _phone(workshop, nickname, language="fi"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    join(client, workshop, nickname)
    return client


def _page(client, workshop) -> str:
    response = client.get(reverse("live:participant", args=[workshop.code]))
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_version_query_and_the_partial_index_name_the_same_kinds():
    kinds = {str(kind) for kind in LiveEvent.Kind}
    assert set(BOARD_KINDS) <= kinds
    for kind in BOARD_KINDS:
        assert f"'{kind}'" in boardcache.VERSION_SQL
    assert boardcache.VERSION_SQL.count("'") == 2 * len(BOARD_KINDS)
    (index,) = [i for i in LiveEvent._meta.indexes if i.name == "workshops_liveevent_board"]
    assert set(index.condition.children[0][1]) == set(BOARD_KINDS)
    # Dots, timers and joins are many and change nothing shared: they are not in it.
    assert not {"vote", "timer", "people"} & set(BOARD_KINDS)


def test_the_second_phone_shares_the_first_phones_drawing_of_the_themes(converging):
    workshop = converging["workshop"]
    anna, ville = _phone(workshop, "Anna2"), _phone(workshop, "Ville2")
    url = reverse("live:participant", args=[workshop.code])
    first, first_html = _queries(anna, url)
    second, second_html = _queries(ville, url)
    assert "Odottaminen" in second_html and "Sama asia kolmeen kertaan" in second_html
    assert "{#" not in second_html and "boardcache" not in second_html
    # The themes, their notes, the earlier steps and the ungrouped notes are not read again.
    assert second <= first - 4

    def themes(html):
        start = html.index('<ul class="themes')
        return html[start : html.index("</ul>", html.index("</ul>", start) + 1)]

    assert themes(first_html) == themes(second_html)


def test_without_the_cache_every_phone_reads_the_board(converging, settings):
    settings.NOPSA_BOARD_CACHE_SECONDS = 0
    workshop = converging["workshop"]
    anna, ville = _phone(workshop, "Anna2"), _phone(workshop, "Ville2")
    url = reverse("live:participant", args=[workshop.code])
    _page(anna, workshop)  # the process learns the workshop's code (workshop_ids_for_code)
    first, _html = _queries(anna, url)
    second, html = _queries(ville, url)
    assert second == first
    assert "Odottaminen" in html


def test_every_change_of_the_themes_shows_on_the_next_drawing(converging):
    workshop = converging["workshop"]
    step = step_of(workshop, "themes")
    phone = _phone(workshop, "Anna2")
    waiting, flow = converging["themes"]
    notes = converging["notes"]
    assert "Odottaminen" in _page(phone, workshop)

    converge.theme_rename(workshop=workshop, step=step, theme_id=waiting.public_id, name="Jonot")
    page = _page(phone, workshop)
    assert "Jonot" in page and "Odottaminen" not in page

    converge.note_ungroup(workshop=workshop, step=step, note_id=notes[0].public_id)
    page = _page(phone, workshop)
    ungrouped = page[page.index("Ei vielä teemassa") :]
    assert "Odotamme lähetteitä" in ungrouped

    converge.notes_group(
        workshop=workshop, step=step, note_ids=[notes[0].public_id], new_name="Lähetteet"
    )
    assert "Lähetteet" in _page(phone, workshop)

    services.note_set_hidden(note=notes[3], hidden=True)
    assert "Sama asia kolmeen kertaan" not in _page(phone, workshop)

    converge.theme_delete(workshop=workshop, step=step, theme_id=flow.public_id)
    assert "Tiedonkulku" not in _page(phone, workshop)


def test_each_language_has_its_own_drawing(converging):
    workshop = converging["workshop"]
    finnish, swedish = _phone(workshop, "Anna2"), _phone(workshop, "Ville2", "sv")
    converge.note_ungroup(
        workshop=workshop,
        step=step_of(workshop, "themes"),
        note_id=converging["notes"][0].public_id,
    )
    assert "Ei vielä teemassa" in _page(finnish, workshop)
    page = _page(swedish, workshop)
    assert "Ei vielä teemassa" not in page and "Inte i något tema ännu" in page


def test_a_theme_renamed_during_the_vote_shows_on_the_ballot(converging):
    workshop = converging["workshop"]
    phone = _phone(workshop, "Anna2")
    go(workshop, "vote")
    assert "Odottaminen" in _page(phone, workshop)
    converge.theme_rename(
        workshop=workshop,
        step=step_of(workshop, "themes"),
        theme_id=converging["themes"][0].public_id,
        name="Jonottaminen",
    )
    page = _page(phone, workshop)
    assert "Jonottaminen" in page and "Odottaminen" not in page


def test_a_ballot_shared_from_the_cache_still_counts_the_voters_own_dots(converging):
    workshop = converging["workshop"]
    anna, ville = _phone(workshop, "Anna2"), _phone(workshop, "Ville2")
    go(workshop, "vote")
    _page(anna, workshop)
    theme = converging["themes"][1]
    response = anna.post(
        reverse("live:dot", args=[workshop.code]),
        {"item": str(theme.public_id), "action": "add"},
        HTTP_HX_REQUEST="true",
    )
    assert "Sinulla on 2 pistettä jäljellä" in response.content.decode()
    assert "Sinulla on 3 pistettä jäljellä" in _page(ville, workshop)
    assert "Sinulla on 2 pistettä jäljellä" in _page(anna, workshop)
