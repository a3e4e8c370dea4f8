"""`ticketlint serve`'s JSON API: every endpoint, its limits and its error shapes."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the server extra is not installed (pip install 'ticketlint[server]')")
httpx = pytest.importorskip("httpx")

import warnings  # noqa: E402

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from server_util import running_server  # noqa: E402

from ticketlint.server import ServeSettings, create_app  # noqa: E402
from ticketlint.server.settings import ENV_VAR  # noqa: E402

SECRET = "Hunter22!xq"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(ServeSettings(isolated=True, max_body_bytes=20_000, max_messages=5)))


def codes(resp) -> list[tuple[int, str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f["message_index"], f["code"], f["start"], f["end"]) for f in resp.json()["findings"]]


def test_lint_text_with_role(client: TestClient) -> None:
    text = "The VPN client crashed again. I didn't touch anything."
    r = client.post("/v1/lint", json={"text": text, "role": "customer"})
    assert r.status_code == 200
    found = {c: text[s:e] for _, c, s, e in codes(r)}
    assert found == {"TL101": "crashed", "TL102": "I didn't touch anything"}
    first = r.json()["findings"][0]
    assert first["suggestion"].startswith("Ask the customer for the exact error code")
    assert r.json()["languages"] == ["en"]


def test_lint_ticket_in_four_languages_and_profile(client: TestClient) -> None:
    ticket = {"id": "T-9", "messages": [
        {"role": "customer", "body": "La impresora no funciona desde ayer."},
        {"role": "agent", "body": "Sí. Reinicie el spooler, es un problema de PEBKAC."},
        {"role": "customer", "body": "Aplikasi tidak bisa login, error terus."},
        {"role": "agent", "body": "Da. Reporniți routerul și încercați din nou."},
    ]}
    everything = client.post("/v1/lint", json=ticket)
    reply = client.post("/v1/lint?profile=reply", json=ticket)
    assert everything.status_code == reply.status_code == 200
    assert everything.json()["ticket_id"] == "T-9"
    assert everything.json()["languages"] == ["es", "es", "id", "ro"]
    assert reply.json()["profile"] == "reply"
    assert any(c.startswith("TL1") for _, c, _, _ in codes(everything))
    assert codes(reply) and all(c[:3] in ("TL2", "TL3", "TL4") for _, c, _, _ in codes(reply))
    assert ("TL401" in {c for _, c, _, _ in codes(reply)})


def test_select_and_ignore_as_the_cli_reads_them(client: TestClient) -> None:
    body = {"text": "Yes. Flush the DNS cache. PEBKAC.", "role": "agent"}
    only = client.post("/v1/lint?select=TL401", json=body)
    assert {c for _, c, _, _ in codes(only)} == {"TL401"}
    without = client.post("/v1/lint?ignore=TL401,TL202", json=body)
    assert "TL401" not in {c for _, c, _, _ in codes(without)} and codes(without)


def test_config_file_and_profile_from_it(tmp_path: Path) -> None:
    cfg = tmp_path / ".ticketlint.toml"
    cfg.write_text('ignore = ["TL102"]\n[profiles.gate]\nselect = ["TL101", "TL102"]\n', encoding="utf-8")
    c = TestClient(create_app(ServeSettings(config_path=str(cfg))))
    body = {"text": "The VPN client crashed again. I didn't touch anything.", "role": "customer"}
    assert {x[1] for x in codes(c.post("/v1/lint", json=body))} == {"TL101"}
    assert {x[1] for x in codes(c.post("/v1/lint?profile=gate", json=body))} == {"TL101"}
    names = [p["name"] for p in c.get("/v1/profiles").json()["profiles"]]
    assert "gate" in names and "reply" in names


def test_rules_and_rule_doc(client: TestClient) -> None:
    rules = client.get("/v1/rules").json()
    assert {"TL101", "TL401", "TL601"} <= {r["code"] for r in rules}
    doc = client.get("/v1/rules/missing-error-code").json()
    assert doc["code"] == "TL101" and doc["doc"].startswith("# TL101 missing-error-code")
    assert "## Why" in doc["doc"] and doc["rationale"]
    missing = client.get("/v1/rules/TL999")
    assert missing.status_code == 404 and missing.json()["field"] == "code"


def test_health_and_openapi(client: TestClient) -> None:
    h = client.get("/healthz").json()
    assert h["status"] == "ok" and h["rules"] > 10
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for path in ("/v1/lint", "/v1/rules", "/v1/rules/{code}", "/v1/profiles", "/healthz", "/openapi.json", "/"):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/v1/lint"]["post"]["responses"]) >= {"200", "413", "422", "503", "504"}
    assert "messages" in spec["components"]["schemas"]["Ticket"]["properties"]


def test_page_is_self_contained(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    assert "<script src" not in page and "<link" not in page and "http://" not in page and "https://" not in page
    assert "innerHTML" not in page  # every text goes through textContent


def test_413_by_content_length_and_by_stream(client: TestClient) -> None:
    big = json.dumps({"text": "x" * 30_000})
    r = client.post("/v1/lint", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["field"] == "body"

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(30):
            yield b" " * 1000

    r = client.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize(("body", "status", "field"), [
    (b"{not json", 400, "body"),
    (b"[1, 2]", 422, "body"),
    (b'{"subject": "no messages"}', 422, "messages"),
    (b'{"messages": []}', 422, "messages"),
    (b'{"messages": [{"role": "boss", "body": "hi"}]}', 422, "messages[0].role"),
    (b'{"messages": [{"role": "agent", "body": 3}]}', 422, "messages[0].body"),
    (b'{"messages": [{"role": "agent", "body": "a"}], "tags": "vip"}', 422, "tags"),
    (b'{"text": 5}', 422, "text"),
    (b'{"text": "hi", "role": "manager"}', 422, "role"),
    (b'{"text": "hi", "lang": "fr"}', 422, "lang"),
    (b'{"text": "hi", "messages": []}', 422, "text"),
])
def test_errors_name_the_field(client: TestClient, body: bytes, status: int, field: str) -> None:
    r = client.post("/v1/lint", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.json()["field"] == field
    assert field.split(".")[-1].split("[")[0] in r.json()["error"] or field == "body"


def test_max_messages_and_query_errors(client: TestClient) -> None:
    six = {"messages": [{"role": "customer", "body": "hola"}] * 6}
    r = client.post("/v1/lint", json=six)
    assert r.status_code == 422 and r.json()["field"] == "messages" and "limit of 5" in r.json()["error"]
    r = client.post("/v1/lint?profile=nope", json={"text": "hi"})
    assert r.status_code == 422 and r.json()["field"] == "profile" and "unknown profile" in r.json()["error"]
    r = client.post("/v1/lint?select=TL999", json={"text": "hi"})
    assert r.status_code == 422 and r.json()["field"] == "select"
    r = client.post("/v1/lint?colour=red", json={"text": "hi"})
    assert r.status_code == 400 and r.json()["field"] == "colour"


def test_no_secret_in_response_or_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = {"messages": [
        {"role": "customer", "body": f"I can't log in, my password: {SECRET} and card 4111 1111 1111 1111"},
        {"role": "agent", "body": f"Thanks, I tried password: {SECRET} and it failed."}]}
    r = client.post("/v1/lint", json=body)
    assert r.status_code == 200
    assert "TL601" in {c for _, c, _, _ in codes(r)}
    assert SECRET not in r.text and "4111 1111 1111 1111" not in r.text
    assert SECRET not in caplog.text and "4111" not in caplog.text
    bad = client.post("/v1/lint", json={"text": "x", "role": SECRET})  # an error quoting the field's value
    assert bad.status_code == 422 and SECRET not in bad.text
    bad = client.post("/v1/lint", json={"messages": [{"role": SECRET, "body": "x"}]})
    assert bad.status_code == 422 and SECRET not in bad.text


def test_concurrency_limit_gives_503_and_timeout_504() -> None:
    app = create_app(ServeSettings(isolated=True, max_concurrency=1, timeout=0.2))
    linter = app.state.linters.default
    started, release = threading.Event(), threading.Event()
    real = linter.lint

    def slow(ticket, plain=False):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real(ticket, plain)

    linter.lint = slow
    with running_server(ServeSettings(), app) as (url, _):
        first: dict[str, httpx.Response] = {}
        t = threading.Thread(target=lambda: first.setdefault("r", httpx.post(f"{url}/v1/lint", json={"text": "hi"}, timeout=20)))
        t.start()
        assert started.wait(10)
        busy = httpx.post(f"{url}/v1/lint", json={"text": "hello"}, timeout=10)
        assert busy.status_code == 503 and "busy" in busy.json()["error"]
        assert httpx.get(f"{url}/healthz").status_code == 200  # health is never queued behind lints
        t.join(20)
        assert first["r"].status_code == 504  # 0.2 s budget; the hard limit is 2x + 1 s
        busy = httpx.post(f"{url}/v1/lint", json={"text": "hello"}, timeout=10)
        assert busy.status_code == 503  # the timed-out lint still holds its slot until its thread ends
        release.set()
        for _ in range(100):
            ok = httpx.post(f"{url}/v1/lint", json={"text": "hello"}, timeout=10)
            if ok.status_code == 200:
                break
            threading.Event().wait(0.05)
        assert ok.status_code == 200


def test_time_budget_skips_rules_rather_than_run_long() -> None:
    c = TestClient(create_app(ServeSettings(isolated=True, timeout=1e-9)))
    r = c.post("/v1/lint", json={"text": "The VPN client crashed again.", "role": "customer"})
    assert r.status_code == 200 and r.json()["skipped"]


def test_settings_travel_to_workers_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from ticketlint.server.app import app_from_env

    s = ServeSettings(isolated=True, profile="privacy", max_messages=7)
    monkeypatch.setenv(ENV_VAR, s.to_env())
    app = app_from_env()
    assert app.state.settings == s
    assert TestClient(app).get("/v1/profiles").json()["default"] == "privacy"


def test_serve_with_a_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ticketlint.cli import main

    cfg = tmp_path / "bad.toml"
    cfg.write_text('select = ["TL999"]\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["serve", "--config", str(cfg)])
    assert r.exit_code == 2
    assert "TL999" in r.output and "Traceback" not in r.output and "internal error" not in r.output
    r = CliRunner().invoke(main, ["serve", "--isolated", "--profile", "nope"])
    assert r.exit_code == 2 and "unknown profile 'nope'" in r.output


def test_a_hostile_megabyte_answers_within_the_time_limit() -> None:
    import time

    c = TestClient(create_app(ServeSettings(isolated=True, timeout=1.0)))
    text = "PEBKAC, it crashed. Yes. " * 39_000  # just under the default 1 MB body limit
    started = time.perf_counter()
    r = c.post("/v1/lint", json={"text": text, "role": "agent"})
    took = time.perf_counter() - started
    assert r.status_code == 200
    assert took < 2 * 1.0 + 1 + 3  # the budget, then the hard limit; plus reading and scanning the body
    assert r.json()["findings"] or r.json()["skipped"]


def test_the_answer_says_the_locale_its_findings_are_in(client: TestClient, tmp_path: Path) -> None:
    """With ?locale= (or the config's locale) the findings' messages are in that language while each finding's
    `language` stays its message's: the page needs the locale to document a finding in the language it reads."""
    body = {"text": "The VPN client crashed again.", "role": "customer"}
    plain = client.post("/v1/lint", json=body).json()
    assert plain["locale"] is None and plain["findings"][0]["language"] == "en"
    forced = client.post("/v1/lint?locale=ro", json=body).json()
    assert forced["locale"] == "ro" and "semnalează" in forced["findings"][0]["message"]
    assert forced["findings"][0]["language"] == "en"
    cfg = tmp_path / ".ticketlint.toml"
    cfg.write_text('locale = "es"\n', encoding="utf-8")
    configured = TestClient(create_app(ServeSettings(config_path=str(cfg)))).post("/v1/lint", json=body).json()
    assert configured["locale"] == "es" and "informa de un fallo" in configured["findings"][0]["message"]


# What the CLI refuses, the service refuses, with a one-line error naming the field: an empty input is
# `ticketlint check`'s "empty file: nothing to lint" (exit 2), not a clean answer with no findings.
@pytest.mark.parametrize(("body", "query", "status", "field", "says"), [
    ({"text": ""}, "", 422, "text", "text: empty: nothing to lint"),
    ({"text": " \n\t "}, "", 422, "text", "text: only white space: nothing to lint"),
    ({"text": "", "role": "agent"}, "", 422, "text", "nothing to lint"),
    ({"text": "The VPN crashed.\x00"}, "", 422, "text", "NUL"),
    ({"id": "x", "messages": []}, "", 422, "messages", "no messages"),
    ({"text": "hi", "role": "boss"}, "", 422, "role", "unknown role 'boss'"),
    ({"messages": [{"role": "boss", "body": "hi"}]}, "", 422, "messages[0].role", "unknown role 'boss'"),
    ({"text": "hi"}, "?select=TL999", 422, "select", "unknown rule selector 'TL999'"),
    ({"text": "hi"}, "?select=TL101,nope", 422, "select", "unknown rule selector 'nope'"),
    ({"text": "hi"}, "?ignore=nope", 422, "ignore", "ignore: unknown rule selector 'nope'"),
    ({"text": "hi"}, "?extend-select=nope", 422, "extend-select", "extend-select: unknown rule selector 'nope'"),
    ({"text": "hi"}, "?locale=fr", 400, "locale", "locale: expected auto or one of en, es, id, ro"),
    ({"text": "hi"}, "?locale=", 400, "locale", "locale: expected auto or one of en, es, id, ro"),
])
def test_the_service_refuses_what_the_cli_refuses(client: TestClient, body: dict, query: str, status: int,
                                                  field: str, says: str) -> None:
    r = client.post("/v1/lint" + query, json=body)
    assert r.status_code == status, r.text
    assert r.json()["field"] == field and says in r.json()["error"]
    assert "\n" not in r.json()["error"]


def test_the_cli_refuses_the_same_inputs() -> None:
    """The other half of the agreement: each input the service refuses above, `ticketlint check` refuses (exit 2)."""
    from click.testing import CliRunner

    from ticketlint.cli import main

    runner = CliRunner()
    for text in ("", " \n\t ", "The VPN crashed.\x00"):
        assert runner.invoke(main, ["check", "--isolated", "-"], input=text).exit_code == 2, repr(text)
    for args in (["--role", "boss"], ["--select", "TL999"], ["--ignore", "nope"], ["--extend-select", "nope"], ["--locale", "fr"]):
        assert runner.invoke(main, ["check", "--isolated", *args, "-"], input="hi").exit_code == 2, args


def test_what_both_accept(client: TestClient) -> None:
    """Not every blank is an error: a ticket whose messages have empty bodies is read by the CLI (0 findings,
    exit 0) and so by the service; a text of a non-ASCII space is text to both."""
    for body in ({"id": "x", "messages": [{"role": "customer", "body": ""}]}, {"text": "\u00a0"}):
        r = client.post("/v1/lint", json=body)
        assert r.status_code == 200 and r.json()["findings"] == [], body


@pytest.mark.parametrize("lang", ["en", "es", "id", "ro"])
def test_the_rule_doc_in_parts_in_the_asked_locale(client: TestClient, lang: str) -> None:
    from ticketlint import packs
    from ticketlint.registry import default_registry
    from ticketlint.ruledoc import page, say

    meta = default_registry(plugins=False).get("TL101").meta
    doc = client.get(f"/v1/rules/TL101?locale={lang}").json()
    assert doc["locale"] == lang
    assert doc["summary"] == packs.message("TL101", lang, "summary")
    assert doc["rationale"] == packs.message("TL101", lang, "rationale")
    assert doc["suggestion"] == packs.message("TL101", lang, "suggestion")
    assert doc["source"] == packs.message("TL101", lang, "source")
    assert [(o["name"], o["type"], o["default"]) for o in doc["options"]] == [("extend-failure", "list", []),
                                                                          ("extend-evidence", "list", []),
                                                                          ("logs-are-evidence", "bool", True)]
    assert doc["options"][0]["help"] == packs.message("TL101", lang, "option.extend-failure")
    assert {ex["language"] for ex in doc["examples"]["flagged"]} == {"en", "es", "id", "ro"}
    assert all(m["role"] in ("customer", "agent", "note") and m["body"] for ex in doc["examples"]["not_flagged"]
               for m in ex["messages"])
    assert doc["words"]["why"] == say(lang, "heading.why")
    assert doc["doc"] == page(meta, lang)  # the rendered page, its headings in the locale
    assert f"## {say(lang, 'heading.flagged')}\n" in doc["doc"]
    assert (lang == "en") == ("## Flagged\n" in doc["doc"])


def test_the_rule_doc_locale_errors(client: TestClient) -> None:
    for query in ("?locale=fr", "?locale="):
        for path in ("/v1/rules/TL101", "/v1/rules"):
            r = client.get(path + query)
            assert r.status_code == 400 and r.json()["field"] == "locale", (path, query)
    assert client.get("/v1/rules/TL101?locale=auto").json()["locale"] == "en"


def test_openapi_describes_the_rule_doc(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/v1/rules/{code}"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/RuleDoc"
    props = spec["components"]["schemas"]["RuleDoc"]["allOf"][1]["properties"]
    assert {"locale", "rationale", "suggestion", "source", "options", "examples", "words", "doc"} <= set(props)
    assert "empty" in spec["paths"]["/v1/lint"]["post"]["responses"]["422"]["description"]
