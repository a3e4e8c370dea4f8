"""Suppression directives: every form, names and aliases, regions, HTML comments, tags,
unknown items (TL001), the unused report (TL002), and hostile input in linear time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.config import Config, ConfigError, parse_table
from ticketlint.engine import Linter
from ticketlint.model import Finding, Message, Role, Severity, Ticket
from ticketlint.suppressions import Suppressions, blanked, parse_message


def run(text: str, *select: str, role: Role = Role.NOTE, unused: bool = False, tags: tuple[str, ...] = (),
        **cfg: object) -> list[Finding]:
    config = Config(select=select or ("TL401",), report_unused_suppressions=unused, **cfg)  # type: ignore[arg-type]
    ticket = Ticket(id="T-1", messages=(Message(role=role, body=text),), tags=tags)
    return Linter(config, strict=True).lint_ticket(ticket)


def where(findings: list[Finding], code: str) -> list[int]:
    return [f.line for f in findings if f.code == code]


# -- the forms -------------------------------------------------------------------------------

def test_message_wide_disable_anywhere_in_the_message_as_before() -> None:
    text = "Cerrado: problema de capa 8.\nOtro error ID-10T, el servidor está bien."
    assert where(run(text), "TL401") == [1, 2]
    for directive in ("<!-- ticketlint: disable=TL401 -->", "ticketlint: disable=derogatory-code-word",
                      "ticketlint:disable=code-word", "<!--ticketlint: DISABLE = ALL-->"):
        assert run(f"{text}\n{directive}") == [], directive
        assert run(f"{directive}\n{text}") == [], directive


def test_disable_line_silences_only_its_own_line() -> None:
    text = ("Ditutup: masalah lapisan 8. <!-- ticketlint: disable-line=TL401 -->\n"
            "Kesalahan ID-10T lagi, servernya baik-baik saja.")
    assert where(run(text), "TL401") == [2]


def test_disable_next_line_silences_only_the_next_line() -> None:
    text = ("<!-- ticketlint: disable-next-line=code-word -->\n"
            "Închis: problemă de nivelul 8, clientul avea Caps Lock activat.\n"
            "Încă o eroare ID-10T, serverul e în regulă.")
    assert where(run(text), "TL401") == [3]


def test_region_from_disable_to_enable_across_lines() -> None:
    text = ("Închis: problemă de nivelul 8.\n"                   # 1: before the region
            "<!-- ticketlint: disable=TL401 -->\n"               # 2
            "Citat din jurnal: eroare ID-10T.\n"                 # 3: inside
            "Și încă: RTFM.\n"                                   # 4: inside
            "<!-- ticketlint: enable=derogatory-code-word -->\n"  # 5 (closes it by name)
            "Încă o eroare de utilizator.\n"                     # 6: after
            "ticketlint: disable=TL401\n"                        # 7: a second region
            "Iar PEBKAC.\n"                                      # 8: inside
            "ticketlint: enable=ALL\n"                           # 9: enable=ALL closes every region
            "Și PEBCAK.")                                        # 10: after
    assert where(run(text), "TL401") == [1, 6, 10]


def test_enable_of_one_rule_does_not_close_disable_all() -> None:
    text = "ticketlint: disable=ALL\nCerrado: RTFM.\nticketlint: enable=TL401\nOtro PEBKAC."
    # nothing closes the disable=ALL, so it covers the whole message; the enable closed nothing
    assert run(text) == []
    assert [(f.code, f.line) for f in run(text, unused=True)] == [("TL002", 3)]


def test_several_items_names_and_aliases() -> None:
    text = "CLOSED: PEBKAC, SHE HAD CAPS LOCK ON AND NEVER LOOKED AT THE SCREEN AT ALL."
    both = run(text, "TL401", "TL407")
    assert {f.code for f in both} == {"TL401", "TL407"}
    for items in ("TL401,TL407", "code-word , shouting", "derogatory-code-word,TL407", "ALL"):
        assert run(f"{text} <!-- ticketlint: disable-line={items} -->", "TL401", "TL407") == [], items
    only = run(f"{text} <!-- ticketlint: disable-line=shouting -->", "TL401", "TL407")
    assert [f.code for f in only] == ["TL401"]


def test_ticket_tag_by_code_name_or_alias() -> None:
    text = "Cerrado: PEBKAC."
    for tag in ("ticketlint:disable:TL401", "ticketlint:disable:code-word", "TicketLint:Disable:derogatory-code-word"):
        assert run(text, tags=(tag,)) == [], tag
        assert run(text, tags=(tag,), unused=True) == [], tag
    assert where(run(text, tags=("vip",)), "TL401") == [1]


def test_directives_in_json_ticket_thread_apply_to_their_own_message() -> None:
    ticket = Ticket(id="T-2", messages=(
        Message(role=Role.NOTE, body="Closed: PEBKAC. <!-- ticketlint: disable=TL401 -->"),
        Message(role=Role.NOTE, body="Reopened: RTFM."),
    ))
    found = Linter(Config(select=("TL401",)), strict=True).lint_ticket(ticket)
    assert [(f.message_index, f.code) for f in found] == [(1, "TL401")]


# -- directives are not prose ----------------------------------------------------------------

def test_rules_never_fire_on_a_directive() -> None:
    # "rtfm" is a code word TL401 flags, and a line in capitals is shouting: inside a directive,
    # neither is prose; "rtfm" is reported as naming no rule, nothing else.
    text = "Mulțumim, am rezolvat problema.\n<!-- TICKETLINT: DISABLE-NEXT-LINE=RTFM,TL407 -->\nO zi bună!"
    found = run(text, "TL401", "TL407")
    assert [(f.code, f.line) for f in found] == [("TL001", 2)]
    assert "'RTFM'" in found[0].message


def test_blanked_keeps_offsets_and_lines() -> None:
    body = "Hola.\n<!-- ticketlint: disable-line=TL301 -->\nSí."
    ds = parse_message(body, 0, lambda item: item.upper())
    out = blanked(body, ds)
    assert len(out) == len(body) and out.count("\n") == 2
    assert "ticketlint" not in out and out.startswith("Hola.\n") and out.endswith("\nSí.")


def test_findings_still_quote_the_text_as_written() -> None:
    found = run("Closed: PEBKAC. <!-- ticketlint: disable-line=TL999 -->")
    assert [f.code for f in found] == ["TL401", "TL001"]
    assert found[0].excerpt == "PEBKAC" and "TL999" in found[1].excerpt


# -- unknown items: TL001 --------------------------------------------------------------------

def test_unknown_code_or_name_is_reported_at_the_directive() -> None:
    text = "Selesai.\nSilakan coba lagi. <!-- ticketlint: disable-line=TL999,kode-kasar,TL401 -->"
    found = run(text)
    unknown = [f for f in found if f.code == "TL001"]
    assert len(unknown) == 1
    f = unknown[0]
    assert (f.line, f.column, f.name, f.severity) == (2, 20, "unknown-suppression", Severity.WARNING)
    assert "'TL999'" in f.message and "'kode-kasar'" in f.message and "TL401'" not in f.message


@pytest.mark.parametrize("item", ["TL4", "tone", "TL9999", "x"])
def test_prefixes_and_groups_are_not_suppression_items(item: str) -> None:
    # only a rule's code, name or alias (or ALL) is honoured, as only exact codes ever were
    found = run(f"Closed: PEBKAC. <!-- ticketlint: disable-line={item} -->")
    assert sorted(f.code for f in found) == ["TL001", "TL401"]


def test_unknown_tag_is_reported_at_the_start_of_the_ticket() -> None:
    found = run("Cerrado.", tags=("ticketlint:disable:TL999",))
    assert [(f.code, f.line, f.column) for f in found] == [("TL001", 1, 1)]
    assert "ticket tag" in found[0].message


def test_a_code_of_an_unselected_rule_is_not_unknown() -> None:
    assert run("Closed. <!-- ticketlint: disable=TL201 -->", unused=True) == []


def test_long_unknown_items_are_cut_in_the_message() -> None:
    items = ",".join(f"nope{i}" + "x" * 100 for i in range(20))
    found = run(f"Closed. ticketlint: disable-line={items}")
    assert len(found) == 1 and len(found[0].message) < 400 and "and 15 more" in found[0].message


def test_min_severity_error_hides_the_warnings_of_suppressions() -> None:
    assert run("Closed. <!-- ticketlint: disable=TL999 -->", min_severity=Severity.ERROR) == []


# -- the unused report: TL002 ----------------------------------------------------------------

def test_unused_only_when_asked() -> None:
    text = "Cerrado, todo bien. <!-- ticketlint: disable-line=TL401 -->"
    assert run(text) == []
    found = run(text, unused=True)
    assert [(f.code, f.line, f.column, f.name) for f in found] == [("TL002", 1, 21, "unused-suppression")]
    assert "'TL401'" in found[0].message


def test_unused_lists_only_the_items_that_silenced_nothing() -> None:
    text = "Closed: PEBKAC. <!-- ticketlint: disable-line=TL401,shouting -->"
    found = run(text, "TL401", "TL407", unused=True)
    assert [f.code for f in found] == ["TL002"]
    assert "'shouting'" in found[0].message and "TL401" not in found[0].message


def test_unused_respects_the_selection() -> None:
    # TL407 is not selected: its item may well silence something in a run that selects it
    assert run("Closed: PEBKAC. <!-- ticketlint: disable-line=TL401,TL407 -->", "TL401", unused=True) == []
    # selected and run, the same item is unused
    text = "Closed, all fine. <!-- ticketlint: disable=TL407 -->"
    assert [f.code for f in run(text, "TL401", "TL407", unused=True)] == ["TL002"]
    # rules skipped by an exhausted time budget are not called unused either
    assert run(text, "TL401", "TL407", unused=True, time_budget=1e-9) == []


def test_narrower_directive_under_a_broader_one_is_unused() -> None:
    text = "ticketlint: disable=TL401\nClosed: PEBKAC. <!-- ticketlint: disable-line=TL401 -->"
    found = run(text, unused=True)
    assert [(f.code, f.line) for f in found] == [("TL002", 2)]


def test_enable_that_closes_nothing_is_unused() -> None:
    found = run("Gata.\nticketlint: enable=TL401", unused=True)
    assert [(f.code, f.line) for f in found] == [("TL002", 2)]
    assert "closes no region" in found[0].message


def test_unused_tag() -> None:
    found = run("Selesai, terima kasih.", tags=("ticketlint:disable:TL401",), unused=True)
    assert [(f.code, f.line) for f in found] == [("TL002", 1)]


def test_region_used_and_enable_not_reported() -> None:
    text = "ticketlint: disable=TL401\nCerrado: RTFM.\nticketlint: enable=TL401\nGracias."
    assert run(text, unused=True) == []


# -- configuration and command line ----------------------------------------------------------

def test_config_key() -> None:
    assert parse_table({"report-unused-suppressions": True}).report_unused_suppressions is True
    with pytest.raises(ConfigError, match="report-unused-suppressions"):
        parse_table({"report-unused-suppressions": "yes"}, "t.toml")


def test_cli_flag_and_config(tmp_path: Path) -> None:
    text = "Closed, all fine. <!-- ticketlint: disable=TL401 -->\n"
    runner = CliRunner()
    args = ["check", "--isolated", "--select", "TL401", "-"]
    plain = runner.invoke(main, args, input=text)
    assert plain.exit_code == 0 and "TL002" not in plain.output
    flagged = runner.invoke(main, [*args[:-1], "--report-unused-suppressions", "--fail-on", "warning", "-"], input=text)
    assert flagged.exit_code == 1 and "<stdin>:1:19: TL002 [warning]" in flagged.output
    (tmp_path / ".ticketlint.toml").write_text("report-unused-suppressions = true\n", encoding="utf-8")
    conf = runner.invoke(main, ["check", "--config", str(tmp_path / ".ticketlint.toml"), "--select", "TL401", "-"],
                         input=text)
    assert "TL002" in conf.output


# -- hostile input ---------------------------------------------------------------------------

HOSTILE = {
    "long item list": "<!-- ticketlint: disable-line=" + "a," * 50_000 + "a -->",
    "long item": "ticketlint: disable=" + "a" * 100_000,
    "blanks after =": "ticketlint: disable=" + " " * 100_000,
    "blanks after <!--": "<!--" + " \t" * 50_000,
    "keyword repeated": "ticketlint:" * 10_000,
    "open comments": "<!-- ticketlint: " * 6_000,
    "dangling commas": "ticketlint: disable=a" + " ," * 50_000,
    "regions on one line": "Hola. ticketlint: disable=TL401 RTFM ticketlint: enable=ALL " * 1_800,
    "many directives": "\n".join(f"Closed: PEBKAC {i}. <!-- ticketlint: disable-line=TL401 -->" for i in range(3_000)),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_directive_lines_parse_in_linear_time(name: str) -> None:
    text = HOSTILE[name]
    t0 = time.process_time()
    sup = Suppressions([text], (), lambda item: "TL401" if item.upper() == "TL401" else None)
    for offset in range(0, len(text), max(1, len(text) // 2_000)):
        sup.silenced("TL401", 0, offset)
    sup.problems(lambda code: True, True)
    assert time.process_time() - t0 < 2.0, name  # ~0.2 s here (2 shared cores); quadratic would take minutes


def test_many_directives_and_findings_through_the_engine() -> None:
    text = HOSTILE["many directives"]
    t0 = time.process_time()
    assert run(text) == []
    found = run(text, unused=True)
    assert time.process_time() - t0 < 20.0
    # TL401 reads the first 100,000 characters (prose-chars): the directives past them silenced nothing
    bare = run(text.replace("ticketlint", "xicketlint"))  # same length, no directive
    silenced = {f.line for f in bare if f.code == "TL401"}
    assert {f.code for f in found} == {"TL002"}
    assert {f.line for f in found} == set(range(1, 3_001)) - silenced


# -- the documented examples -----------------------------------------------------------------

def _doc_examples() -> list[str]:
    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = doc.split("## Suppressing findings", 1)[1].split("\n## ", 1)[0]
    return [block.split("\n```", 1)[0] + "\n" for block in section.split("```text\n")[1:]]


def test_documented_examples_do_what_the_docs_say() -> None:
    es, id_, ro = _doc_examples()
    for text, lang in ((es, "es"), (id_, "id")):
        assert run(text, "ALL", role=Role.AGENT, unused=True, language=lang) == [], lang
        bare = run(text.replace("ticketlint", "xicketlint"), "ALL", role=Role.AGENT, language=lang)
        assert {f.code for f in bare} | {r.code for f in bare for r in f.related} == {"TL201", "TL202"}, lang
    found = run(ro, "ALL", role=Role.AGENT, unused=True, language="ro")
    assert [(f.code, f.line, f.column) for f in found] == [("TL001", 3, 24), ("TL002", 5, 1)]


def test_engine_codes_in_the_selection_as_in_ruff() -> None:
    text = "Cerrado. <!-- ticketlint: disable=TL401 --> <!-- ticketlint: disable-line=TL999 -->"
    assert [f.code for f in run(text)] == ["TL001"]
    assert run(text, "TL401", ignore=("TL001",)) == []
    # selecting TL002 turns the unused report on; ignoring it turns it off
    assert [f.code for f in run(text, "TL401", "TL002")] == ["TL002", "TL001"]
    assert [f.code for f in run(text, "TL401", extend_select=("tl002",))] == ["TL002", "TL001"]
    assert [f.code for f in run(text, unused=True, ignore=("TL002",))] == ["TL001"]
    # they are not rules: selecting only them selects nothing
    with pytest.raises(ConfigError, match="no rule is selected"):
        Linter(Config(select=("TL001", "TL002")))


@pytest.mark.parametrize("meta", __import__("ticketlint.suppressions", fromlist=["ENGINE_META"]).ENGINE_META,
                         ids=lambda m: m.code)
def test_engine_codes_are_documented_and_their_examples_hold(meta) -> None:  # type: ignore[no-untyped-def]
    """TL001 and TL002 come from the engine, not from a rule, but `ticketlint rule` documents them like one,
    and their examples are run here as a rule's are."""
    linter = Linter(Config(select=("ALL",), report_unused_suppressions=True))
    for example, expected in [(e, True) for e in meta.bad] + [(e, False) for e in meta.good]:
        ticket = Ticket("ex", (Message(example.role or meta.primary_role, example.text, language=example.lang),))
        codes = {f.code for f in linter.lint(ticket).findings}
        assert (meta.code in codes) is expected, (meta.code, example.text, codes)
    out = CliRunner().invoke(main, ["rule", meta.code])
    assert out.exit_code == 0 and f"# {meta.code} {meta.name}" in out.output
    assert meta.code in CliRunner().invoke(main, ["rules"]).output
