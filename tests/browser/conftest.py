"""Playwright with Debian's Chromium (no browser download on these machines).

Outside CI, the browser tests skip with the reason printed when no Chromium is found; in CI
(`CI` set) a missing browser fails them instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.summaries.conftest import anna_client, held  # noqa: F401 — a held Hukkapaja

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    explicit = os.environ.get("NOPSA_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        reason = "no Chromium found (install Debian's 'chromium' package or set NOPSA_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page reports Content Security Policy violations to the test (a binding survives
# navigations, so nothing is lost when a page is left right after a violation).
CSP_RECORDER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.nopsaCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile || document.location.pathname}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


@pytest.fixture
def csp_violations():
    """The CSP violations of every page opened with `new_page` during the test."""
    return []


@pytest.fixture
def new_page(browser, live_server, csp_violations):
    """Open a fresh context (its own cookies) at a given viewport width; closed afterwards.
    The test fails when any of its pages meets a Content Security Policy violation."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900, locale: str = "fi-FI"):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        context.expose_function("nopsaCspViolation", lambda text: csp_violations.append(text))
        context.add_init_script(CSP_RECORDER)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert not csp_violations, "Content Security Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail on serious or critical WCAG A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, label: str = "") -> None:
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        bad = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                for n in v["nodes"][:5]
            )
            for v in bad
        )
        assert not bad, f"axe found serious/critical violations on {label or page.url}:\n{details}"

    return check
