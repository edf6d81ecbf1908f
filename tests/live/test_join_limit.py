"""The limit on wrong join codes (issue 9, item 4): 429 after 10 wrong codes a minute."""

import re

import pytest
from django.urls import reverse

from workshops import codes
from workshops.live import joinlimit, services
from workshops.models import RateCount

ATTACKER = "198.51.100.7"
NEIGHBOUR = "203.0.113.9"


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand, starting 5 s into a minute."""
    now = {"t": 1_800_000_005.0}
    monkeypatch.setattr(joinlimit, "_clock", lambda: now["t"])
    return now


def _guess(client, code="ZZZ999", addr=ATTACKER):
    return client.post(reverse("live:join"), {"code": code}, REMOTE_ADDR=addr)


def test_ten_wrong_codes_a_minute_then_429_with_retry_after(client, live_workshop, clock):
    for _ in range(10):
        assert _guess(client).status_code == 422
    response = _guess(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "55"
    assert "Liian monta väärää koodia" in response.text
    # While blocked, the right code is refused too (otherwise the 429 would leak nothing but
    # a right guess would still be recognisable), and the code in the address as well.
    assert _guess(client, live_workshop.join_code).status_code == 429
    url = reverse("live:join-workshop", args=[live_workshop.join_code])
    assert client.get(url, REMOTE_ADDR=ATTACKER).status_code == 429


def test_the_limit_resets_after_the_window(client, live_workshop, clock):
    for _ in range(10):
        _guess(client)
    assert _guess(client).status_code == 429
    clock["t"] += 55  # a new minute has begun, but the ten guesses were within 60 s
    assert _guess(client).status_code == 429
    clock["t"] += 15  # 70 s on: a quarter of them has slid out of the last minute
    assert _guess(client).status_code == 422
    response = _guess(client, live_workshop.join_code)
    assert response.status_code == 302


def test_a_burst_at_a_minutes_edge_is_held_like_any_other(client, live_workshop, clock):
    clock["t"] += 54  # the last second of a minute
    for _ in range(9):
        assert _guess(client).status_code == 422
    clock["t"] += 2  # the first second of the next
    assert _guess(client).status_code == 422  # the tenth
    response = _guess(client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_right_codes_are_never_counted(client, live_workshop, clock):
    for _ in range(9):
        _guess(client)
    for _ in range(20):
        assert _guess(client, live_workshop.join_code).status_code == 302
    url = reverse("live:join-workshop", args=[live_workshop.join_code])
    for _ in range(5):
        assert client.get(url, REMOTE_ADDR=ATTACKER).status_code == 200
    assert _guess(client).status_code == 422  # the tenth wrong one
    assert _guess(client).status_code == 429


def test_a_good_code_still_works_from_another_address(client, live_workshop, clock):
    for _ in range(11):
        _guess(client)
    assert _guess(client, live_workshop.join_code).status_code == 429
    response = _guess(client, live_workshop.join_code, addr=NEIGHBOUR)
    assert response.status_code == 302


def test_codes_in_the_address_count_like_typed_ones(client, live_workshop, clock):
    for i in range(10):
        url = reverse("live:join-workshop", args=[f"ZZZ99{i}"])
        assert client.get(url, REMOTE_ADDR=ATTACKER).status_code == 404
    assert _guess(client, live_workshop.join_code).status_code == 429


def test_the_counter_is_shared_in_the_database_and_stores_no_address(client, live_workshop, clock):
    for _ in range(3):
        _guess(client)
    row = RateCount.objects.get()
    assert row.hits == 3
    assert ATTACKER not in row.client
    # Another app process sees the same row: the check reads only the database.
    assert joinlimit.retry_after(_request(ATTACKER)) is None
    RateCount.objects.update(hits=10)
    assert joinlimit.retry_after(_request(ATTACKER)) == 55


def test_old_windows_are_deleted(client, live_workshop, clock):
    _guess(client)
    clock["t"] += joinlimit.KEEP_SECONDS + 120
    _guess(client)
    assert RateCount.objects.count() == 1


def test_an_ended_code_and_an_unknown_code_get_the_same_answer(client, live_workshop, clock):
    ended = live_workshop.join_code
    services.workshop_end(workshop=live_workshop)
    unknown = "KKKKKK" if ended != "KKKKKK" else "MMMMMM"

    def page(code):
        response = _guess(client, code, addr=NEIGHBOUR)
        text = re.sub(r"[A-Za-z0-9]{64}", "", response.text)  # the CSRF tokens
        return response.status_code, text.replace(code, "CODE")

    assert page(ended) == page(unknown)
    get_ended = client.get(reverse("live:join-workshop", args=[ended]), REMOTE_ADDR=NEIGHBOUR)
    get_unknown = client.get(reverse("live:join-workshop", args=[unknown]), REMOTE_ADDR=NEIGHBOUR)
    assert get_ended.status_code == get_unknown.status_code == 404


def test_join_codes_cannot_be_enumerated_the_arithmetic():
    codes_possible = len(codes.ALPHABET) ** services.JOIN_CODE_LENGTH
    assert codes_possible == 387_420_489
    guesses_a_day = joinlimit.limit() * 60 * 24
    assert guesses_a_day == 14_400
    # With 100 workshops live at once, a day of guessing from one address:
    assert guesses_a_day * 100 / codes_possible < 0.004


def test_the_429_page_costs_one_query(client, live_workshop, clock, django_assert_max_num_queries):
    for _ in range(10):
        _guess(client)
    with django_assert_max_num_queries(1):
        assert _guess(client).status_code == 429


def test_behind_a_proxy_each_client_has_its_own_count(client, live_workshop, clock, settings):
    settings.NOPSA_TRUSTED_PROXY_COUNT = 1
    for _ in range(11):
        client.post(
            reverse("live:join"),
            {"code": "ZZZ999"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    blocked = client.post(
        reverse("live:join"),
        {"code": live_workshop.join_code},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert blocked.status_code == 429
    other = client.post(
        reverse("live:join"),
        {"code": live_workshop.join_code},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"{ATTACKER}, {NEIGHBOUR}",
    )
    assert other.status_code == 302


def _request(addr):
    from django.test import RequestFactory

    return RequestFactory().post("/join/", REMOTE_ADDR=addr)
