"""axe-core on the coordinator's audit log page, with entries on it, at 320 px and desktop
width; the filter works by keyboard."""

import pytest

from tests.workshops.factories import SeriesFactory
from workshops import audit
from workshops.models import AuditEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_audit_log_has_no_serious_violations(
    new_page, axe_check, coordinator, facilitator, series, width
):
    other = SeriesFactory(organisation=series.organisation, title="Toinen sarja")
    for actor, action, kind, in_series in [
        (facilitator, AuditEntry.Action.CASE_VIEWED, "case", series),
        (coordinator, AuditEntry.Action.REPORT_EXPORTED, "report", series),
        (None, AuditEntry.Action.REPORT_EXPORTED, "report", other),
        (facilitator, AuditEntry.Action.LINK_REVOKED, "participant", other),
    ]:
        audit.record(
            actor=actor, action=action, series=in_series, kind=kind, object_id=in_series.code
        )
    page = new_page(width=width)
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(coordinator.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()
    page.get_by_role("link", name="Tapahtumaloki").click()
    page.get_by_role("heading", name="Tapahtumaloki").wait_for()
    axe_check(page, "audit log")

    page.get_by_label("Toimenpide").select_option(AuditEntry.Action.LINK_REVOKED.value)
    page.get_by_label("Toimenpide").press("Tab")
    page.keyboard.press("Tab")  # the series filter, then the button
    page.keyboard.press("Enter")
    page.get_by_text("1 merkintä").wait_for()
    assert page.get_by_role("row").count() == 2  # the header and the one entry
    axe_check(page, "audit log, filtered")
