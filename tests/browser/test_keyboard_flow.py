"""A live workshop by keyboard alone, on a 320 px phone (issue 10, item 2).

The participant joins by code, answers the warm-up, posts a note, spends dots and gives
feedback using only Tab, Shift+Tab, Enter, Space and typing — no clicks, no `fill()`. The
facilitator's side moves the steps through the services (and pauses and extends the timer
in the cockpit). Along the way the test checks that focus is visible, that changes arriving
by polling are announced in the polite region without moving focus, that the timer is not a
live region read out every second, and that the phone view reflows at 320 px with the text
enlarged to 200 %.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.reflow import sideways_at_200_percent
from tests.workshops.factories import StepFactory, WorkshopFactory
from workshops.feedback.models import FeedbackResponse
from workshops.live import converge
from workshops.live import services as live_services
from workshops.models import LiveEvent, Participant, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 40

# The focused element as the user sees it: a visible outline or focus ring.
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== "none";
}"""


def _describe_focus(page) -> str:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el) return "nothing";
          const name = el.getAttribute("aria-label") || (el.labels && el.labels[0]
            ? el.labels[0].textContent : "") || el.textContent || el.name || "";
          return `${el.tagName.toLowerCase()}#${el.id} ${name.trim().slice(0, 60)}`;
        }"""
    )


def tab_to(page, matches: str, *, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches the CSS selector; every stop
    on the way must show its focus."""
    key = "Shift+Tab" if back else "Tab"
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("() => document.activeElement !== document.body"):
            seen.append(_describe_focus(page))
            assert page.evaluate(FOCUS_VISIBLE), f"focus is not visible on {seen[-1]}"
        if page.evaluate("s => document.activeElement.matches(s)", matches):
            return
    raise AssertionError(f"{matches!r} not reached by {key}; focus went through: {seen}")


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def assert_reflows(page) -> None:
    """At the page's 320 px with the text at 200 %: nothing scrolls sideways."""
    assert page.viewport_size["width"] == 320
    overflow = sideways_at_200_percent(page)
    assert overflow is None, f"the page scrolls sideways at 200 % text: {overflow}"


def caught_up(page, workshop) -> None:
    """Wait until the page's poll has brought every change so far (a redraw in the middle of
    a key press would swap the button away between its keydown and keyup)."""
    latest = LiveEvent.objects.filter(workshop_id=workshop.pk).latest("id").id
    expect(page.locator("#live-poller")).to_have_attribute(
        "hx-get", re.compile(rf"since={latest}(&|$)")
    )


def mark_focus(page) -> None:
    page.evaluate("() => { document.activeElement.dataset.kbdMark = 'kept'; }")


def focus_kept(page) -> bool:
    return page.evaluate("() => document.activeElement.dataset.kbdMark === 'kept'")


@pytest.fixture
def workshop(series, settings):
    settings.NOPSA_POLL_INTERVAL_MS = 300
    workshop = WorkshopFactory(series=series, position=1, title="Hukkapaja")
    steps = {}
    for position, (kind, title, step_settings) in enumerate(
        [
            ("warmup", "Lämmittely", {"question": "Mikä sai sinut hymyilemään?"}),
            ("brainstorm", "Hukat", {}),
            ("themes", "Teemoittelu", {}),
            ("vote", "Äänestys", {"budget": 3}),
            ("feedback", "Palaute", {}),
        ],
        start=1,
    ):
        steps[kind] = StepFactory(
            workshop=workshop,
            position=position,
            kind=kind,
            title=title,
            duration_minutes=10,
            settings=step_settings,
        )
    workshop = live_services.workshop_go_live(workshop=workshop)
    workshop.steps_by_kind = steps
    return workshop


def _go(workshop, kind):
    step = workshop.steps_by_kind[kind]
    live_services.step_go(workshop=Workshop.objects.get(pk=workshop.pk), step=step)
    return step


def _note_by(workshop, participant, text, phone):
    """Someone else writes a note; it reaches the phone by poll."""
    live_services.note_post(
        workshop=Workshop.objects.get(pk=workshop.pk),
        participant=participant,
        text=text,
        client_id=uuid.uuid4(),
    )
    expect(phone.locator("#notes-list")).to_contain_text(text)


def test_a_participant_takes_part_by_keyboard_alone(new_page, workshop, facilitator, series):
    phone = new_page(width=320, height=640)
    keys = phone.keyboard

    # --- Join by code --------------------------------------------------------------------------
    phone.goto("/join/")
    tab_to(phone, "#id_code")
    keys.type(workshop.join_code)
    keys.press("Enter")
    expect(phone.get_by_role("heading", name="Hukkapaja", level=1)).to_be_visible()
    tab_to(phone, "#id_nickname")
    keys.type("Anna")
    tab_to(phone, "input[name=kind]")
    keys.press("Space")
    expect(phone.locator("input[name=kind]:checked")).to_have_count(1)
    tab_to(phone, "main button[type=submit]")
    keys.press("Enter")
    # Going live put the first step on.
    expect(phone.get_by_role("heading", name="Lämmittely", level=1)).to_be_visible()
    anna = Participant.objects.get(nickname="Anna")

    # Changes by polling are announced in a polite region; the timer is not a live region.
    announcer = phone.locator("#announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")

    # --- Warm-up -------------------------------------------------------------------------------
    tab_to(phone, "textarea[name=text]")
    keys.type("Aurinko paistoi")
    tab_to(phone, "#note-form button[type=submit]")
    keys.press("Enter")
    expect(phone.locator("#notes-list")).to_contain_text("Aurinko paistoi")
    # After sending, focus is back in the (emptied) field for the next one.
    expect(phone.locator("textarea[name=text]")).to_be_focused()
    assert_reflows(phone)

    # --- Brainstorm: a poll brings another note; focus and the typed text stay put -------------
    brainstorm = _go(workshop, "brainstorm")
    expect(phone.get_by_role("heading", name="Hukat", level=1)).to_be_visible()
    expect(announcer).to_have_text("Nyt: Hukat")
    tab_to(phone, "textarea[name=text]")
    keys.type("Tieto ei kulje")
    mark_focus(phone)
    ville, _token = live_services.participant_join(
        workshop=Workshop.objects.get(pk=workshop.pk),
        nickname="Ville",
        kind=Participant.Kind.PROFESSIONAL,
    )
    _note_by(workshop, ville, "Jonot puhelimessa", phone)
    assert focus_kept(phone), f"a poll moved the focus to {_describe_focus(phone)}"
    expect(phone.locator("textarea[name=text]")).to_have_value("Tieto ei kulje")
    # New notes are announced politely, at most every few seconds (never on every poll).
    expect(announcer).to_contain_text("Uusia muistiinpanoja", timeout=12_000)
    tab_to(phone, "#note-form button[type=submit]")
    keys.press("Enter")
    expect(phone.locator("#notes-list")).to_contain_text("Tieto ei kulje")
    assert_reflows(phone)

    # --- The timer: the facilitator can pause and extend it; it is not read out every second ---
    cockpit = new_page()
    cockpit.goto("/accounts/login/")
    cockpit.get_by_label("Käyttäjätunnus").fill(facilitator.username)
    cockpit.get_by_label("Salasana").fill("salasana-123")
    cockpit.get_by_role("button", name="Kirjaudu").click()
    cockpit.goto(f"/series/{series.code}/workshops/{workshop.code}/cockpit/")
    cockpit.get_by_role("button", name="Käynnistä ajastin (10 min)").click()
    # The cockpit's button turns into "Pause" and keeps the facilitator's focus.
    expect(cockpit.locator("#timer-toggle")).to_have_text("Keskeytä ajastin")
    expect(cockpit.locator("#timer-toggle")).to_be_focused()
    timer = phone.locator("#live-timer .timer__value")
    expect(timer).to_be_visible()
    assert phone.evaluate(
        """() => {
          const value = document.querySelector("#live-timer .timer__value");
          return value.closest('[aria-live]:not([aria-live="off"])') === null
            && value.getAttribute("role") === "timer"
            && value.getAttribute("aria-live") === "off";
        }"""
    ), "the timer must not be a live region that speaks every second"
    cockpit.get_by_role("button", name="+5 min").click()
    expect(timer).to_have_text(re.compile(r"^1[45]:\d\d$"))
    cockpit.get_by_role("button", name="Keskeytä ajastin").click()
    expect(phone.locator("#live-timer")).to_contain_text("tauolla")
    # Paused at 10 + 5 minutes less the seconds the test took.
    expect(timer).to_have_text(re.compile(r"^1[45]:\d\d$"))

    # A note that comes just before the step changes is not announced on the next step.
    _note_by(workshop, ville, "Kukaan ei vastaa", phone)
    themes_step = workshop.steps_by_kind["themes"]
    _go(workshop, "themes")
    expect(announcer).to_have_text(f"Nyt: {themes_step.title}")
    phone.wait_for_timeout(9000)  # the new-notes count would have been read out by now
    expect(announcer).to_have_text(f"Nyt: {themes_step.title}")

    # --- Vote: dots by Enter and Space; focus stays on the button -----------------------------
    own = workshop.notes.get(text="Tieto ei kulje", step=brainstorm)
    other = workshop.notes.get(text="Jonot puhelimessa")
    w = Workshop.objects.get(pk=workshop.pk)
    theme = converge.notes_group(
        workshop=w, step=themes_step, note_ids=[own.public_id], new_name="Tiedonkulku"
    )
    converge.notes_group(
        workshop=w, step=themes_step, note_ids=[other.public_id], new_name="Odottaminen"
    )
    vote = _go(workshop, "vote")
    expect(phone.get_by_role("heading", name="Äänestys", level=1)).to_be_visible()
    add = f"#dot-add-{theme.public_id}"
    tab_to(phone, add)
    keys.press("Enter")
    expect(phone.locator("#ballot")).to_contain_text("Sinun pisteesi: 1")
    expect(phone.locator(add)).to_be_focused()
    caught_up(phone, workshop)
    keys.press("Space")
    expect(phone.locator("#ballot")).to_contain_text("Sinun pisteesi: 2")
    expect(phone.locator(add)).to_be_focused()
    # Someone else's dot redraws the ballot by poll: the focus stays on the same button.
    converge.dot_change(
        workshop=Workshop.objects.get(pk=workshop.pk),
        step=vote,
        participant=ville,
        action="add",
        item_id=theme.public_id,
    )
    expect(phone.locator("#ballot")).to_contain_text("yhteensä 3 pistettä")
    expect(phone.locator(add)).to_be_focused()
    # Taking a dot back: Shift+Tab and Tab reach the button.
    tab_to(phone, f"#dot-remove-{theme.public_id}")
    keys.press("Enter")
    expect(phone.locator("#ballot")).to_contain_text("Sinun pisteesi: 1")
    tab_to(phone, add, back=True)
    assert_reflows(phone)

    # --- Feedback ------------------------------------------------------------------------------
    _go(workshop, "feedback")
    expect(phone.get_by_role("heading", name="Palaute", level=1)).to_be_visible()
    assert_reflows(phone)
    answered_groups = set()
    for _ in range(MAX_TABS):
        keys.press("Tab")
        if focused_matches(phone, "body"):
            continue  # past the end of the page: the next Tab starts from the top
        assert phone.evaluate(FOCUS_VISIBLE), f"focus is not visible on {_describe_focus(phone)}"
        if focused_matches(phone, "input[type=radio]"):
            name = phone.evaluate("() => document.activeElement.name")
            if name not in answered_groups:
                keys.press("Space")
                answered_groups.add(name)
        elif focused_matches(phone, ".feedback-form textarea"):
            keys.type("Hyvä työpaja")
        elif focused_matches(phone, ".feedback-form button[type=submit]"):
            keys.press("Enter")
            break
    else:
        raise AssertionError("the feedback form's send button was not reached by Tab")
    expect(phone.locator("#feedback-region")).to_contain_text("Kiitos! Vastauksesi on tallennettu")
    assert answered_groups
    assert FeedbackResponse.objects.filter(participant=anna).exists()
