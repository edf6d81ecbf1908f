"""axe-core on every page type of the app, at 320 px and at 1280 px (issue 10, item 1).

`PAGES` lists the page types: each says how to reach it (a URL name of the permission
matrix, its arguments from the matrix's object graph, and who looks at it) and, for a form,
how to make the server refuse it so that its error state is checked too. Every step kind of
the registry is run live (`STEP_KINDS`) and its three views — the cockpit, the room screen
and the participant's phone — are checked at that step.

Zero violations of the WCAG 2.1 A and AA rules are allowed, of any impact. At 320 px each page
is also checked with the text enlarged to 200 %: nothing may scroll sideways (WCAG 1.4.10),
except the pages listed in `REFLOW_GAPS` with their reasons.

Two fast tests keep the list complete: every URL name of the matrix that serves an HTML page
by GET must be in `PAGES` or in `NOT_PAGES` with its reason, every form must have its error
state checked or a reason in `NO_ERROR_STATE`, and every registered step kind must be in
`STEP_KINDS`. The permission matrix itself covers every URL pattern, so a new page cannot
land without being checked here.

One object graph is built for the whole browser test, and one browser context per person
(staff, a participant's phone, a device that came in by a personal link, an anonymous
visitor) is reused; each page is opened once and checked at both widths.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from cases.anonymise import hetu_check_char
from tests.browser.reflow import sideways_at_200_percent
from tests.cases.factories import (
    ActorFactory,
    ActorNetworkFactory,
    CausalLinkFactory,
    CausalMapFactory,
    ClientCardFactory,
    CoordinatedServiceFactory,
    FlowchartFactory,
    FlowStepFactory,
    PersonaFactory,
)
from tests.test_permission_matrix import FORM, MATRIX, READ, build_graph
from tests.workshops.factories import StepFactory
from workshops import stepkinds
from workshops.live import converge, identity
from workshops.live import services as live_services
from workshops.models import Step, Workshop

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
# axe-core is injected once per document (axe-playwright-python bundles it: no network).
AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"
WIDTHS = (1280, 320)
HETU = "010190-123" + hetu_check_char("010190", "123")
IDENTIFYING = f"Asiakas {HETU} soitti"

# Who looks at a page: a browser context each.
STAFF = "staff"  # the series' facilitator, logged in
PHONE = "phone"  # Anna's phone: joined the live workshop with its code
LINK = "link"  # a device that came in by Anna's personal link
ANONYMOUS = "anonymous"
COORDINATOR = "coordinator"  # the organisation's coordinator, logged in


# --- How a form is refused ----------------------------------------------------------------------


def _submit(page, field_selector: str) -> None:
    """Submit the form of the field (the browser's own validation off: the server's answer is
    what is checked) and wait for its error to show."""
    field = page.locator(field_selector).first
    field.evaluate("el => { el.form.noValidate = true; el.form.requestSubmit(); }")
    expect(
        page.locator('[aria-invalid="true"], .errorlist, .error-summary, [role="alert"]').first
    ).to_be_visible()


def identifying_text(page) -> None:
    """The first text field of the page's main form gets a personal identity code: refused by
    the anonymity guard, with the place marked."""
    selector = (
        "#main form[method=post] textarea:visible, #main form[method=post] input[type=text]:visible"
    )
    page.locator(selector).first.fill(IDENTIFYING)
    _submit(page, selector)


def wrong_password(page) -> None:
    page.locator("#id_username").fill("fanni")
    page.locator("#id_password").fill("väärä-salasana")
    _submit(page, "#id_password")


def wrong_code(page) -> None:
    page.locator("#id_code").fill("ZZZ999")
    _submit(page, "#id_code")


def unconfirmed(page) -> None:
    _submit(page, "#id_contributions-confirm")  # the box left unticked


def no_nickname(page) -> None:
    page.locator("#id_nickname").fill("")
    _submit(page, "#id_nickname")


# --- Page types ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str | None  # None: a page that no URL name serves (the 404 page)
    who: str
    # The URL's arguments; by default the permission matrix's row for the URL name.
    args: Callable[[SimpleNamespace], dict] | None = None
    path: str = ""  # a literal path instead of a URL name
    # Puts the data in the state the page shows (runs just before the page is opened).
    prepare: Callable[[SimpleNamespace], None] | None = None
    # Fills the form so that the server refuses it: the error state is checked as well.
    refuse: Callable | None = None

    def url(self, g) -> str:
        if self.url_name is None:
            return self.path
        args = self.args(g) if self.args else MATRIX[self.url_name].args(g)
        return reverse(self.url_name, kwargs=args)


def _cases(kind: str, attr: str):
    return lambda g: {"code": g.series.code, "kind": kind, "public_id": getattr(g, attr).public_id}


def _end_live(g) -> None:
    live_services.workshop_end(workshop=Workshop.objects.get(pk=g.live.pk))


PAGES: list[Page] = [
    # Public pages and joining
    Page("front page", "workshops:home", ANONYMOUS),
    Page("login", "login", ANONYMOUS, refuse=wrong_password),
    Page("join by code", "live:join", ANONYMOUS, refuse=wrong_code),
    Page("join a workshop", "live:join-workshop", ANONYMOUS, refuse=no_nickname),
    Page("page not found", None, ANONYMOUS, path="/ei-ole-tallaista/"),
    Page("accessibility statement", "workshops:accessibility", ANONYMOUS),
    # Staff: series and methods
    Page("dashboard", "workshops:dashboard", STAFF),
    Page("method list", "workshops:method-list", STAFF),
    Page("method", "workshops:method-detail", STAFF),
    Page("new series", "workshops:series-create", STAFF, refuse=identifying_text),
    Page("series", "workshops:series-detail", STAFF),
    Page("series settings", "workshops:series-edit", STAFF, refuse=identifying_text),
    Page("participants", "workshops:participant-list", STAFF),
    Page("practices", "workshops:practice-list", STAFF),
    Page("new practice", "workshops:practice-create", STAFF, refuse=identifying_text),
    Page("practice", "workshops:practice-detail", STAFF),
    Page("practice settings", "workshops:practice-edit", STAFF, refuse=identifying_text),
    Page("vision document", "workshops:document", STAFF, refuse=identifying_text),
    Page("final report", "workshops:report-texts", STAFF),
    Page("report text", "workshops:report-text-edit", STAFF, refuse=identifying_text),
    Page("summary editor", "workshops:summary", STAFF, refuse=identifying_text),
    Page("comments", "workshops:comments", STAFF),
    Page("audit log", "workshops:audit-log", COORDINATOR),
    Page("action", "workshops:task-edit", STAFF, refuse=identifying_text),
    # Staff: a workshop and its agenda
    Page("planned workshop", "workshops:workshop-detail", STAFF),
    Page("workshop settings", "workshops:workshop-edit", STAFF, refuse=identifying_text),
    Page("agenda step", "workshops:step-edit", STAFF, refuse=identifying_text),
    Page(
        "cockpit before the start",
        "workshops:cockpit",
        STAFF,
        args=lambda g: {"code": g.series.code, "workshop": g.planned.code},
    ),
    Page(
        "cockpit of a held workshop",
        "workshops:cockpit",
        STAFF,
        args=lambda g: {"code": g.series.code, "workshop": g.held.code},
    ),
    # Staff: cases and what is built on them
    Page("cases", "cases:index", STAFF),
    Page("new case", "cases:create", STAFF, refuse=identifying_text),
    Page("case", "cases:detail", STAFF),
    Page("case settings", "cases:edit", STAFF, refuse=identifying_text),
    Page("persona", "cases:detail", STAFF, args=_cases("persona", "persona")),
    Page("service path", "cases:detail", STAFF, args=_cases("path", "path")),
    Page("service path event", "cases:item-edit", STAFF, refuse=identifying_text),
    Page("causal map", "cases:detail", STAFF, args=_cases("map", "causal_map")),
    Page("actor network", "cases:detail", STAFF, args=_cases("network", "network")),
    Page("flowchart", "cases:detail", STAFF, args=_cases("flowchart", "flowchart")),
    # Staff: feedback and indicators
    Page("feedback of the series", "feedback:series", STAFF),
    Page("feedback results", "feedback:workshop-results", STAFF),
    Page("feedback form editor", "feedback:form-edit", STAFF),
    Page("indicator", "feedback:indicator", STAFF),
    # Participants' pages between workshops, reached by the personal link
    Page("personal link", "people:return", LINK),
    Page("participant's series page", "people:my-series", LINK),
    Page("deleting one's own content", "people:my-delete", LINK, refuse=unconfirmed),
    Page("pre-work", "people:prework", LINK, refuse=identifying_text),
    Page("published summary", "people:summary", LINK),
    Page("feedback afterwards", "feedback:afterwards", LINK, refuse=identifying_text),
    Page("feedback results for participants", "feedback:participant-results", LINK),
    # The live views of every step kind come here (see `live_pages`), then the end.
    Page("participant's note editor", "live:note-edit", PHONE, refuse=identifying_text),
    Page("participant view after the end", "live:participant", PHONE, prepare=_end_live),
    Page("room screen after the end", "workshops:room", STAFF),
]

# URL names of the matrix that read something but are not HTML pages, each with the reason.
NOT_PAGES = {
    "health": "JSON for the load balancer",
    "session-keepalive": "204 No Content: the session warning's keep-alive",
    "workshops:series-export": "a JSON download of the series' data",
    "feedback:export": "a spreadsheet download (xlsx/csv)",
    "people:calendar-feed": "an iCalendar feed",
    "people:calendar-workshop": "an iCalendar file",
    "people:summary-pdf": "a PDF download",
    "workshops:summary-pdf": "a PDF download",
    "workshops:report-export-pdf": "a PDF download",
    "workshops:report-export-status": (
        "an HTMX fragment of the final report page (without HTMX it redirects there); "
        "checked on that page"
    ),
    "live:poll": "the phone's poll: an HTMX fragment (or 204) swapped into the phone view",
    "workshops:live-poll": "the cockpit's and room screen's poll: an HTMX fragment",
}

# Forms whose error state is not checked here, each with the reason.
NO_ERROR_STATE: dict[str, str] = {}


# Pages that may still scroll sideways at 320 px with the text at 200 % (WCAG 1.4.10), by
# label, each with the reason (none now); every other page type must reflow. A listed page
# that reflows again must be taken off the list (the test says so).
REFLOW_GAPS: dict[str, str] = {}


# --- The live views of every step kind ----------------------------------------------------------


def _vote_with_a_dot(g, step) -> None:
    converge.dot_change(
        workshop=Workshop.objects.get(pk=g.live.pk),
        step=step,
        participant=g.anna,
        action="add",
        item_id=g.theme.public_id,
    )


def _warmup_answer(g, step) -> None:
    live_services.note_post(
        workshop=Workshop.objects.get(pk=g.live.pk),
        participant=g.anna,
        text="Hyvä mieli",
        client_id=uuid.uuid4(),
    )


# Every registered step kind: the settings of its step, and what happens once it is on
# (e.g. a dot is cast) before its views are checked.
@dataclass(frozen=True)
class KindSetup:
    settings: Callable[[SimpleNamespace], dict] = lambda g: {}
    then: Callable[[SimpleNamespace, Step], None] | None = None


STEP_KINDS: dict[str, KindSetup] = {
    "warmup": KindSetup(lambda g: {"question": "Mikä sai sinut hymyilemään?"}, _warmup_answer),
    "brainstorm": KindSetup(),
    "themes": KindSetup(),
    "vote": KindSetup(then=_vote_with_a_dot),
    "prioritise": KindSetup(),
    "solutions": KindSetup(),
    "practice": KindSetup(),
    "actions": KindSetup(),
    "discussion": KindSetup(),
    "break": KindSetup(),
    "feedback": KindSetup(),
    "case_work": KindSetup(
        lambda g: {"case": str(g.case.public_id), "questions": ["Mitä tapahtui?", "Miksi?"]}
    ),
    "persona": KindSetup(lambda g: {"persona": str(g.persona.public_id)}),
    "service_path": KindSetup(lambda g: {"path": str(g.path.public_id)}),
    "causal_map": KindSetup(lambda g: {"map": str(g.causal_map.public_id)}),
}


def _go_to(kind: str):
    def prepare(g) -> None:
        step = g.live_steps[kind]
        live_services.step_go(workshop=Workshop.objects.get(pk=g.live.pk), step=step)
        then = STEP_KINDS[kind].then
        if then is not None:
            then(g, step)

    return prepare


def live_pages() -> list[Page]:
    pages = []
    for kind in STEP_KINDS:
        pages += [
            Page(f"cockpit at {kind}", "workshops:cockpit", STAFF, prepare=_go_to(kind)),
            Page(f"room screen at {kind}", "workshops:room", STAFF),
            Page(f"participant view at {kind}", "live:participant", PHONE),
        ]
    return pages


def all_pages() -> list[Page]:
    at = next(i for i, p in enumerate(PAGES) if p.url_name == "live:note-edit")
    return PAGES[:at] + live_pages() + PAGES[at:]


# --- The list is complete -----------------------------------------------------------------------


def unchecked(matrix, pages, not_pages, no_error_state) -> list[str]:
    """What the list misses: HTML pages of the matrix without a page type or a reason, forms
    without an error state or a reason, and entries that name no URL of the matrix."""
    problems = []
    listed = {p.url_name for p in pages if p.url_name}
    refused = {p.url_name for p in pages if p.url_name and p.refuse}
    for name, row in sorted(matrix.items()):
        if row.use not in (READ, FORM):
            continue  # POST only: no page of its own
        if name not in listed and name not in not_pages:
            problems.append(f"{name}: no page type in PAGES and no reason in NOT_PAGES")
        if row.use == FORM and name not in refused and name not in no_error_state:
            problems.append(f"{name}: a form without its error state (or NO_ERROR_STATE)")
    for name in sorted((listed | set(not_pages) | set(no_error_state)) - set(matrix)):
        problems.append(f"{name}: not a URL name of the permission matrix")
    return problems


def test_every_html_page_of_the_app_is_checked():
    assert unchecked(MATRIX, all_pages(), NOT_PAGES, NO_ERROR_STATE) == []


def test_the_completeness_check_reports_what_is_missing():
    matrix = {
        "a:page": MATRIX["workshops:dashboard"],
        "a:form": MATRIX["workshops:series-edit"],
        "a:write": MATRIX["workshops:task-add"],
    }
    assert unchecked(matrix, [], {}, {}) == [
        "a:form: no page type in PAGES and no reason in NOT_PAGES",
        "a:form: a form without its error state (or NO_ERROR_STATE)",
        "a:page: no page type in PAGES and no reason in NOT_PAGES",
    ]
    assert unchecked(matrix, [Page("x", "a:page", STAFF)], {"a:gone": "?"}, {"a:form": "!"}) == [
        "a:form: no page type in PAGES and no reason in NOT_PAGES",
        "a:gone: not a URL name of the permission matrix",
    ]


def test_every_registered_step_kind_is_run_live():
    assert sorted(STEP_KINDS) == sorted(kind.key for kind in stepkinds.all_kinds())


# --- The browser test ---------------------------------------------------------------------------


def _graph() -> SimpleNamespace:
    """The permission matrix's graph, with one artefact of each kind and a live step of every
    step kind in its live workshop."""
    g = build_graph()
    g.persona = PersonaFactory(series=g.series, name="Maija")
    g.causal_map = CausalMapFactory(series=g.series, title="Syyt ja seuraukset")
    CausalLinkFactory(causal_map=g.causal_map)
    g.network = ActorNetworkFactory(series=g.series)
    ActorFactory(network=g.network)
    CoordinatedServiceFactory(network=g.network)
    ClientCardFactory(network=g.network)
    g.flowchart = FlowchartFactory(series=g.series)
    FlowStepFactory(flowchart=g.flowchart)
    position = g.live.steps.count()
    for kind, setup in STEP_KINDS.items():
        settings_ = setup.settings(g)
        if kind in g.live_steps:
            step = g.live_steps[kind]
            step.settings = {**step.settings, **settings_}
            step.save(update_fields=["settings"])
        else:
            position += 1
            g.live_steps[kind] = StepFactory(
                workshop=g.live,
                position=position,
                kind=kind,
                title=str(stepkinds.label(kind)),
                duration_minutes=10,
                settings=settings_,
            )
    return g


def _describe(label: str, width: int, violation: dict) -> str:
    nodes = "\n".join(
        f"      {' '.join(map(str, node['target']))}: "
        + " ".join(node.get("failureSummary", "").split())[:300]
        for node in violation["nodes"][:5]
    )
    return (
        f"{label} at {width} px — {violation['id']} ({violation['impact']}): "
        f"{violation['help']}\n{nodes}"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_type_has_no_wcag_violations(new_page, live_server):
    from axe_playwright_python.sync_playwright import Axe

    g = _graph()
    axe = Axe()
    host = live_server.url.split("//", 1)[1].rsplit(":", 1)[0]

    def cookie(name, value):
        return {"name": name, "value": value, "domain": host, "path": "/"}

    tabs = {who: new_page(width=WIDTHS[0]) for who in (STAFF, COORDINATOR, PHONE, LINK, ANONYMOUS)}
    tabs[STAFF].context.add_cookies(
        [cookie(settings.SESSION_COOKIE_NAME, g.sessions["facilitator"])]
    )
    tabs[COORDINATOR].context.add_cookies(
        [cookie(settings.SESSION_COOKIE_NAME, g.sessions["coordinator"])]
    )
    tabs[PHONE].context.add_cookies([cookie(identity.cookie_name(), g.cookies["anna"])])
    # The link device gets its cookie from the personal link itself (the first LINK page).

    found = []
    checked = 0
    reflow_gaps_seen: set[str] = set()

    def check(page, label):
        nonlocal checked
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if not page.evaluate("() => Boolean(window.axe)"):
                page.evaluate(axe.axe_script)
            violations = page.evaluate(AXE_RUN, OPTIONS)
            found.extend(_describe(label, width, v) for v in violations)
            checked += 1
            if width == 320:
                sideways = sideways_at_200_percent(page)
                gap = label.removesuffix(" (refused)")
                if sideways and gap in REFLOW_GAPS:
                    reflow_gaps_seen.add(gap)
                elif sideways:
                    found.append(f"{label} at 320 px with 200 % text scrolls sideways: {sideways}")
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})

    # A positive control: the check reports a page with known violations.
    control = new_page()
    control.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    check(control, "control")
    assert {line.split(" — ")[1].split(" ")[0] for line in found} >= {"image-alt", "link-name"}
    found.clear()
    checked = 0

    for spec in all_pages():
        if spec.prepare is not None:
            spec.prepare(g)
        url = spec.url(g)
        page = tabs[spec.who]
        response = page.goto(url)
        assert response is not None
        expected = 404 if spec.url_name is None else 200
        assert response.status == expected, f"{spec.label}: {url} answered {response.status}"
        assert "/accounts/login/" not in page.url or spec.url_name == "login", spec.label
        check(page, spec.label)
        if spec.refuse is not None:
            spec.refuse(page)
            check(page, f"{spec.label} (refused)")

    assert checked >= 2 * len(all_pages())
    found.extend(
        f"{label}: listed in REFLOW_GAPS but reflows now — take it off the list"
        for label in sorted(set(REFLOW_GAPS) - reflow_gaps_seen)
    )
    assert not found, f"axe found {len(found)} WCAG 2.1 A/AA violations:\n" + "\n".join(found)
