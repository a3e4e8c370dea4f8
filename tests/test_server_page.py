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
    assert "Scope: Customer, Internal note · default warning" in card.locator(".doc").inner_text()
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


def _tl101_and_its_doc(pg, text: str, last: str = "Not flagged") -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """`text` typed as the customer's message: its TL101 finding's message, and the rule's documentation opened
    under it (`last`: its last heading, in the page's language)."""
    pg.locator(".editor[data-index='0'] textarea").fill(text)
    pg.wait_for_selector(".finding[data-code='TL101']")
    card = pg.locator(".finding[data-code='TL101']").first
    msg = card.locator(".msg").inner_text()
    card.locator("button.more").click()
    card.locator(".doc h4", has_text=last).wait_for()
    return msg, card.locator(".doc").inner_text()


def test_the_documentation_is_in_the_agent_s_language_with_the_finding_s_examples(page) -> None:  # type: ignore[no-untyped-def]
    """A finding's "About" is for the agent: the rule's summary, why and what to do in the page's language
    (asked as /v1/rules/CODE?locale=<the page's language>), the examples in the language of the message the
    finding is on. An English page on a Romanian message: English text, Romanian examples."""
    pg = page
    msg, doc = _tl101_and_its_doc(pg, "Bună ziua, aplicația de facturare nu merge de ieri și nu pot să mă loghez.")
    assert "semnalează o defecțiune" in msg  # the finding itself speaks its message's language
    assert "A technical failure is reported" in doc and "Ask the customer for the exact error code" in doc
    assert "Flagged (Romanian)" in doc and "[Customer] Bună ziua, aplicația de facturare nu merge de ieri" in doc
    assert "Se raportează o defecțiune tehnică" not in doc


def test_the_page_reads_the_documentation_s_parts_not_its_rendered_text(page_url) -> None:  # type: ignore[no-untyped-def]
    """The page shows the parts of /v1/rules/CODE (summary, rationale, suggestion, examples): with `doc` (the
    rendered page, whose headings follow the locale) taken out of the answer, it shows the same thing; and in
    Romanian every heading and word of it is Romanian. Screenshots: TICKETLINT_SCREENSHOT with -doc-ro/-doc-es."""
    with _opened(page_url + "/?ui=ro", viewport={"width": 1360, "height": 900}, service_workers="block") as pg:
        def without_doc(route):  # type: ignore[no-untyped-def]
            answer = route.fetch().json()
            answer.pop("doc", None)
            route.fulfill(json=answer)

        pg.route("**/v1/rules/**", without_doc)
        msg, doc = _tl101_and_its_doc(pg, "Bună ziua, aplicația de facturare nu merge de ieri și nu pot să mă loghez.",
                                      "Nesemnalat")
        assert "Se raportează o defecțiune tehnică" in doc and "Cereți clientului codul de eroare" in doc
        card = pg.locator(".finding[data-code='TL101']").first
        assert card.locator(".doc h4").all_inner_texts() == ["De ce", "Ce trebuie făcut", "Semnalat (română)", "Nesemnalat (română)"]
        assert "[Client] Bună ziua, aplicația de facturare" in doc
        assert "Domeniu: Client, Notă internă · implicit avertisment" in doc
        pg.screenshot(path=SCREENSHOT.replace(".png", "-doc-ro.png"), full_page=True)
    with _opened(page_url + "/?ui=es", viewport={"width": 1360, "height": 900}, service_workers="block") as pg:
        msg, doc = _tl101_and_its_doc(pg, "The VPN client crashed again this morning.", "No señalado")
        assert "reports a failure" in msg
        assert "Se informa de un fallo técnico" in doc and "Señalado (inglés)" in doc and "[Cliente] Hi, the VPN" in doc
        pg.screenshot(path=SCREENSHOT.replace(".png", "-doc-es.png"), full_page=True)


@pytest.mark.parametrize(("ui", "says"), [("en", "Nothing to check: the message is empty."),
                                          ("es", "No hay nada que revisar: el mensaje está vacío."),
                                          ("id", "Tidak ada yang bisa diperiksa: pesannya kosong."),
                                          ("ro", "Nu este nimic de verificat: mesajul este gol.")])
def test_a_refused_request_is_shown_in_the_page_s_language(page_url, ui, says) -> None:  # type: ignore[no-untyped-def]
    """The service's errors are English and name the field (an empty text: 422, field `text`, as the CLI's "empty
    file"); the page says them in its own language, from the status and the field."""
    with _opened(page_url + "/?ui=" + ui, service_workers="block") as pg:
        pg.route("**/v1/lint**", lambda route: route.fulfill(
            status=422, json={"error": "text: empty: nothing to lint", "field": "text"}))
        pg.locator(".editor[data-index='0'] textarea").fill("The VPN crashed.")
        wait_status(pg, says)
        assert "bad" in pg.locator("#status").get_attribute("class")
        assert pg.locator("#status").inner_text() == says


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
    ("es-ES", "", {"tab": "revise una respuesta", "title": "Hallazgos", "help": "Cómo corregirlo:", "status": "hallazgo", "why": "Por qué", "lang": "es"}),
    ("en-US", "?ui=ro", {"tab": "verificați un răspuns", "title": "Constatări", "help": "Cum se corectează:", "status": "constat", "why": "De ce", "lang": "ro"}),
    ("in-ID", "", {"tab": "periksa balasan", "title": "Temuan", "help": "Cara memperbaiki:", "status": "temuan", "why": "Mengapa", "lang": "id"}),
])
def test_the_page_speaks_the_agent_s_language(page_url, locale, query, expect) -> None:  # type: ignore[no-untyped-def]
    """The page's own words (labels, status, help, headings) follow the browser's language, or ?ui=: an agent
    working in Spanish read English labels around Spanish findings."""
    with _opened(page_url + "/" + query, locale=locale, service_workers="block") as pg:
        assert pg.evaluate("document.documentElement.lang") == expect["lang"]
        assert pg.locator("[data-t=findings_title]").text_content() == expect["title"]
        assert expect["tab"] in pg.title()  # the browser tab too (review13: it stayed English)
        pg.locator(".editor[data-index='0'] textarea").fill("Aplikasinya tidak bisa dibuka. La aplicación no funciona.")
        wait_status(pg, expect["status"])
        card = pg.locator(".finding[data-code='TL101']").first
        assert expect["help"] in card.locator(".help").inner_text()
        card.locator("button.more").click()
        card.locator(".doc h4", has_text=expect["why"]).wait_for()
        if expect["lang"] == "es":
            pg.screenshot(path=SCREENSHOT.replace(".png", "-es.png"), full_page=True)


@pytest.mark.parametrize(("status", "answer", "says"), [
    (422, {"error": "messages: 201 messages, over the limit of 200 (max-messages)", "field": "messages"},
     "Conversația este prea lungă pentru acest server: scurtați-o."),
    (413, {"error": "the body is over the limit of 1,000,000 bytes (max-body-bytes)", "field": "body"},
     "Conversația este prea lungă pentru acest server: scurtați-o."),
    (422, {"error": "ticket has no messages ('messages' is empty)", "field": "messages"}, "Nu este nimic de verificat: mesajul este gol."),
    (503, {"error": "busy: 4 requests are being linted; retry shortly"}, "Serverul este ocupat: încercați din nou în câteva momente."),
    (500, {"error": "boom"}, "Eroare 500: boom"),
])
def test_each_refusal_has_its_words(page_url, status, answer, says) -> None:  # type: ignore[no-untyped-def]
    """A limit is not an empty message: the page tells them apart by status and field (and, for `messages`,
    whether the error is about a limit); what it has no words for, it shows with the status."""
    with _opened(page_url + "/?ui=ro", service_workers="block") as pg:
        pg.route("**/v1/lint**", lambda route: route.fulfill(status=status, json=answer))
        pg.locator(".editor[data-index='0'] textarea").fill("Imprimanta nu merge.")
        wait_status(pg, says)
        assert pg.locator("#status").inner_text() == says
