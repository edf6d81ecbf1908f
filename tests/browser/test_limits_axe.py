"""axe-core on the lockout page, the join form's 429, and the 404 and 500 pages (issue 9)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.limits.urls_boom"),
]


@pytest.mark.parametrize("width", [320, 1280])
def test_limit_and_error_pages_have_no_serious_violations(
    new_page, axe_check, facilitator, settings, width
):
    settings.DEBUG = False
    page = new_page(width=width)
    for _ in range(5):
        page.goto("/accounts/login/")
        page.get_by_label("Käyttäjätunnus").fill(facilitator.username)
        page.get_by_label("Salasana").fill("väärä")
        page.get_by_role("button", name="Kirjaudu").click()
    page.get_by_role("heading", name="Kirjautuminen on keskeytetty").wait_for()
    axe_check(page, "lockout")

    for _ in range(11):
        page.goto("/join/")
        page.get_by_label("Työpajan koodi").fill("ZZZ999")
        page.get_by_role("button", name="Jatka").click()
    page.get_by_text("Liian monta väärää koodia").wait_for()
    axe_check(page, "join 429")

    page.goto("/ei-ole-tallaista/")
    page.get_by_role("heading", name="Sivua ei löydy").wait_for()
    axe_check(page, "404")

    page.goto("/boom/")
    page.get_by_role("heading", name="Jotain meni vikaan").wait_for()
    axe_check(page, "500")
