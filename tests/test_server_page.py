"""The page for agents, driven in real headless Chromium (Debian's) with Playwright.

The test types a thread the way an agent does, and checks what the agent
sees: the right spans highlighted in each text, the help under each finding,
the rule's documentation on demand, and findings that follow the edits.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the server extra is not installed (pip install 'ticketlint[server]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the dev extra has it)")

from server_util import running_server  # noqa: E402

from ticketlint.server import ServeSettings  # noqa: E402

CHROMIUM = os.environ.get("TICKETLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = os.environ.get("TICKETLINT_SCREENSHOT", "/tmp/agent-page.png")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"chromium not found at {CHROMIUM} (make test installs Debian's)"),
]

CUSTOMER = "The VPN client crashed again this morning. I didn't touch anything."
REPLY = "Yes. Please flush the DNS cache, it's a PEBKAC thing."


@pytest.fixture(scope="module")
def page_url():  # type: ignore[no-untyped-def]
    with running_server(ServeSettings(isolated=True)) as (url, _):
        yield url


@pytest.fixture()
def page(page_url):  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 1360, "height": 900}, service_workers="block")
        # nothing but this server: any other request would fail the test
        outside: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(page_url)
                      else (outside.append(route.request.url), route.abort()))
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(page_url + "/")
        pg.wait_for_selector("#profile option[value=reply]", state="attached")
        yield pg
        assert not errors, errors
        assert not outside, outside
        browser.close()


def marks(pg, index: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = pg.eval_on_selector_all(f".editor[data-index='{index}'] .backdrop mark",
                                   "ms => ms.map(m => [m.textContent, m.dataset.codes])")
    return [(text, codes) for text, codes in rows]


def wait_status(pg, text: str) -> None:  # type: ignore[no-untyped-def]
    pg.wait_for_function("t => document.getElementById('status').textContent.includes(t)", arg=text, timeout=15000)


def test_agent_types_a_thread_and_sees_findings(page) -> None:  # type: ignore[no-untyped-def]
    pg = page
    pg.locator(".editor[data-index='0'] textarea").press_sequentially(CUSTOMER, delay=2)
    pg.locator(".editor[data-index='1'] textarea").fill(REPLY)
    wait_status(pg, "findings")
    assert "skipped" not in pg.locator("#status").inner_text()  # the server warmed up before the first request
    pg.wait_for_function("() => document.querySelectorAll('.editor[data-index=\"1\"] mark').length > 0")
    customer = marks(pg, 0)
    assert ("crashed", "TL101") in customer
    assert ("I didn't touch anything", "TL102") in customer
    reply = dict(marks(pg, 1))
    assert "TL401" in reply.get("PEBKAC", "").split()
    # the help is shown under each finding, with the message
    card = pg.locator(".finding[data-code='TL101']").first
    assert "How to fix: Ask the customer for the exact error code" in card.locator(".help").inner_text()
    assert "'crashed' reports a failure" in card.locator(".msg").inner_text()
    pg.locator(".finding[data-code='TL101']").first.hover()
    pg.screenshot(path=SCREENSHOT, full_page=True)
    # the rule's documentation, from /v1/rules/TL101, with the examples in the finding's language
    card.locator("button.more").click()
    card.locator(".doc h4", has_text="Why").wait_for()
    assert "Scope: customer, note" in card.locator(".doc").inner_text()
    assert card.locator(".doc h4").all_inner_texts() == ["Why", "What to do", "Flagged (English)", "Not flagged (English)"]
    # clicking a finding selects its span in the text
    pg.locator(".finding[data-code='TL102']").first.click()
    selected = pg.evaluate("() => { const a = document.activeElement; return a.value.slice(a.selectionStart, a.selectionEnd); }")
    assert selected == "I didn't touch anything"


def test_findings_follow_edits_and_profile(page) -> None:  # type: ignore[no-untyped-def]
    pg = page
    area = pg.locator(".editor[data-index='1'] textarea")
    area.fill("Sí. Reinicie el router, es PEBKAC.")
    pg.wait_for_function("() => [...document.querySelectorAll('.editor[data-index=\"1\"] mark')]"
                         ".some(m => m.textContent === 'PEBKAC')")
    area.fill("Reinicie el router y vuelva a intentarlo, por favor.")
    pg.wait_for_function("() => ![...document.querySelectorAll('mark')].some(m => m.textContent === 'PEBKAC')")
    # a profile that leaves the agent's text clean: privacy (secrets only)
    pg.select_option("#profile", "privacy")
    wait_status(pg, "No findings")
    assert pg.locator(".empty.ok").is_visible()


def test_text_is_escaped_and_offsets_survive_emoji(page) -> None:  # type: ignore[no-untyped-def]
    pg = page
    hostile = "<img src=x onerror=alert(1)> 😀😀 The printer crashed <b>again</b>."
    pg.locator(".editor[data-index='0'] textarea").fill(hostile)
    pg.wait_for_function("() => document.querySelectorAll('.editor[data-index=\"0\"] mark').length > 0")
    found = dict(marks(pg, 0))  # code points (API) mapped to UTF-16 (DOM) past the emoji
    assert "TL101" in found.get("crashed", "").split()
    assert pg.locator("img").count() == 0 and pg.locator(".backdrop b").count() == 0


def _tl101_and_its_doc(pg, text: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """`text` typed as the customer's message: its TL101 finding's message, and the rule's documentation opened under it."""
    pg.locator(".editor[data-index='0'] textarea").fill(text)
    pg.wait_for_selector(".finding[data-code='TL101']")
    card = pg.locator(".finding[data-code='TL101']").first
    msg = card.locator(".msg").inner_text()
    card.locator("button.more").click()
    card.locator(".doc h4", has_text="Not flagged").wait_for()
    return msg, card.locator(".doc").inner_text()


def test_the_documentation_of_a_finding_is_in_the_finding_s_language(page) -> None:  # type: ignore[no-untyped-def]
    """A Romanian finding's "About" used to show the rule's summary, why and what to do in English,
    under Romanian examples: the page asks /v1/rules/CODE?locale= for the finding's language."""
    pg = page
    msg, doc = _tl101_and_its_doc(pg, "Bună ziua, aplicația de facturare nu merge de ieri și nu pot să mă loghez.")
    assert "semnalează o defecțiune" in msg
    assert "Se raportează o defecțiune tehnică" in doc and "Cereți clientului codul de eroare" in doc
    assert "A technical failure is reported" not in doc
    # the English finding of the same rule still gets the English text (one cached answer per language)
    pg.locator(".editor[data-index='0'] textarea").fill("The VPN client crashed again this morning.")
    pg.wait_for_function("() => [...document.querySelectorAll('.finding .msg')].some(m => m.textContent.includes('reports a failure'))")
    card = pg.locator(".finding[data-code='TL101']").first
    card.locator("button.more").click()
    card.locator(".doc h4", has_text="Not flagged").wait_for()
    assert "A technical failure is reported" in card.locator(".doc").inner_text()



@contextmanager
def _opened(url: str, **context: Any) -> Iterator[Any]:
    """The page at `url` in a browser of its own (`context`: Playwright's new_context arguments, e.g. a locale),
    loaded; no script error may happen on it."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        pg = browser.new_context(**context).new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(url)
        pg.wait_for_selector("#profile option[value=reply]", state="attached")
        yield pg
        assert not errors, errors
        browser.close()


def test_with_a_configured_locale_the_documentation_follows_the_findings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A server whose config says locale = "es" answers English text with Spanish findings: their "About" is
    in Spanish too, with the English examples (the language of the message)."""
    cfg = tmp_path / ".ticketlint.toml"
    cfg.write_text('locale = "es"\n', encoding="utf-8")
    with running_server(ServeSettings(config_path=str(cfg))) as (url, _), _opened(url + "/", viewport={"width": 1360, "height": 900}) as pg:
        msg, doc = _tl101_and_its_doc(pg, "The VPN client crashed again this morning.")
        assert "informa de un fallo" in msg
        assert "Pida al cliente el código" in doc and "Flagged (English)" in doc


@pytest.mark.parametrize(("locale", "query", "expect"), [
    ("es-ES", "", {"title": "Hallazgos", "help": "Cómo corregirlo:", "status": "hallazgo", "why": "Por qué", "lang": "es"}),
    ("en-US", "?ui=ro", {"title": "Constatări", "help": "Cum se corectează:", "status": "constat", "why": "De ce", "lang": "ro"}),
    ("in-ID", "", {"title": "Temuan", "help": "Cara memperbaiki:", "status": "temuan", "why": "Mengapa", "lang": "id"}),
])
def test_the_page_speaks_the_agent_s_language(page_url, locale, query, expect) -> None:  # type: ignore[no-untyped-def]
    """The page's own words (labels, status, help, headings) follow the browser's language, or ?ui=: an agent
    working in Spanish read English labels around Spanish findings."""
    with _opened(page_url + "/" + query, locale=locale, service_workers="block") as pg:
        assert pg.evaluate("document.documentElement.lang") == expect["lang"]
        assert pg.locator("[data-t=findings_title]").text_content() == expect["title"]
        pg.locator(".editor[data-index='0'] textarea").fill("Aplikasinya tidak bisa dibuka. La aplicación no funciona.")
        wait_status(pg, expect["status"])
        card = pg.locator(".finding[data-code='TL101']").first
        assert expect["help"] in card.locator(".help").inner_text()
        card.locator("button.more").click()
        card.locator(".doc h4", has_text=expect["why"]).wait_for()
        if expect["lang"] == "es":
            pg.screenshot(path=SCREENSHOT.replace(".png", "-es.png"), full_page=True)
