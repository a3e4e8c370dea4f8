"""Per-path configuration (exclude, per-file-ignores, roles by glob) and markup that is not prose.

Texts in the four languages: a canned reply with an unexplained acronym (TL202, agent text only),
kept in replies/, internal/ and drafts/ folders of a temporary project.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from timing_util import assert_grows_linearly

from ticketlint import lint
from ticketlint.cli import main
from ticketlint.config import ConfigError, load_config
from ticketlint.masking import mask
from ticketlint.paths import Glob, GlobError, PathRules
from ticketlint.runner import expand_paths

REPLIES = {
    "en": "Please reset the ONT and try again; it should take two minutes.\n",
    "es": "Reinicie el ONT y vuelva a intentarlo; tarda dos minutos.\n",
    "id": "Silakan mulai ulang ONT lalu coba lagi; hanya dua menit.\n",
    "ro": "Vă rugăm să reporniți ONT-ul și să încercați din nou; durează două minute.\n",
}


def cli(*args: str, cwd: Path, input: str | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def findings(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(result.output)["findings"]


def project(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".ticketlint.toml").write_text(config, encoding="utf-8")
    for folder in ("replies", "internal", "drafts", "replies/es", ".venv", "node_modules/pkg"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for lang, text in REPLIES.items():
        (tmp_path / "replies" / f"reset-{lang}.md").write_text(text, encoding="utf-8")
        (tmp_path / "internal" / f"reset-{lang}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "drafts" / "wip.md").write_text(REPLIES["en"], encoding="utf-8")
    (tmp_path / ".venv" / "LICENSE.txt").write_text(REPLIES["en"], encoding="utf-8")
    (tmp_path / "node_modules" / "pkg" / "README.md").write_text(REPLIES["en"], encoding="utf-8")
    return tmp_path


CONFIG = """
select = ["TL202"]
exclude = ["drafts"]

[roles]
"replies/**" = "agent"
"internal/**" = "note"
"""


# -- globs -------------------------------------------------------------------------------------------

def test_glob_semantics(tmp_path: Path) -> None:
    rules = PathRules(root=str(tmp_path), exclude=(Glob.parse("drafts"), Glob.parse("replies/old/*.md"),
                                                   Glob.parse("**/tmp-*.txt")))
    def ex(rel: str) -> bool:
        return rules.excluded(str(tmp_path / rel))

    assert ex("drafts") and ex("drafts/a.md") and ex("replies/drafts/a.md")  # unanchored: any component
    assert ex("replies/old/a.md") and not ex("replies/old/a.txt") and not ex("x/replies/old/a.md")  # anchored
    assert ex("tmp-1.txt") and ex("a/b/tmp-1.txt") and not ex("a/b/tmp-1.md")  # ** matches no component too
    assert ex(".git/config") and ex("a/.venv/x.txt") and ex("node_modules/p/README.md")  # built-in excludes
    assert not ex("replies/reset.md")
    # a path outside the root: only unanchored globs apply, to the path as given
    assert rules.excluded("/elsewhere/drafts/a.md") and not rules.excluded("/elsewhere/replies/old/a.md")
    anchored = Glob.parse("replies/**")
    assert anchored.matches(("replies", "es", "a.md"), ()) and not anchored.matches(("old", "replies", "a.md"), ())


@pytest.mark.parametrize("text,problem", [
    ("", "non-empty"), ("replies/a**", "whole path component"), ("replies/[ab.md", "unclosed '['"),
    ("../outside", "'..'"), ("/", "names no path"),
])
def test_bad_globs(text: str, problem: str) -> None:
    with pytest.raises(GlobError, match=re.escape(problem)):
        Glob.parse(text)


def test_glob_matching_is_linear() -> None:
    """A deep path, a long component and a glob of many stars and `**`: time grows with the path, not faster."""
    glob = Glob.parse("**/a*a*a*a*b/**/*x*y*z")

    def prepare(n: int) -> Callable[[], object]:
        path = tuple(["a" * 50] * n + ["a" * (n * 10)])

        def run() -> None:
            for _ in range(5):
                assert not glob.matches(path, path)
        return run

    assert_grows_linearly(prepare, 200, 2000, max_ratio=40)


# -- configuration -----------------------------------------------------------------------------------

@pytest.mark.parametrize("config,message", [
    ('exclude = "drafts"\nexclude2 = 1', "exclude2: unknown key"),
    ("exclude = [1]", "exclude[0]: a glob must be a non-empty string"),
    ('exclude = ["replies/a**"]', "exclude[0]: glob 'replies/a**': '**' must be a whole path component"),
    ("exclude = 3", "exclude: must be a list of globs"),
    ('force-exclude = "yes"', "force-exclude: must be true or false"),
    ('[roles]\n"replies/**" = "boss"', 'roles."replies/**": must be customer, agent or note, not \'boss\''),
    ('[roles]\n"replies/[x" = "agent"', "roles.\"replies/[x\": glob 'replies/[x': unclosed '['"),
    ('roles = ["agent"]', "roles: must be a table"),
    ('[per-file-ignores]\n"internal/*.md" = []', 'per-file-ignores."internal/*.md": must be a non-empty list'),
    ('[per-file-ignores]\n"internal/*.md" = [3]', 'per-file-ignores."internal/*.md": must be a non-empty list'),
])
def test_config_errors_name_the_key(tmp_path: Path, config: str, message: str) -> None:
    path = tmp_path / ".ticketlint.toml"
    path.write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(exc.value) == f"{path}: {message}" or str(exc.value).startswith(f"{path}: {message}"), str(exc.value)
    r = cli("check", "-", cwd=tmp_path, input="hello")
    assert r.exit_code == 2 and message.split(":")[0] in r.output and "\n" == r.output[-1:] and r.output.count("\n") == 1


def test_pyproject_table_and_unknown_code_under_a_glob(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ticketlint.per-file-ignores]\n"internal/**" = ["TL999"]\n', encoding="utf-8")
    cfg = load_config(tmp_path / "pyproject.toml")
    assert cfg.paths.root == str(tmp_path.resolve()) and cfg.paths.per_file_ignores[0][1] == ("TL999",)
    r = cli("check", "-", cwd=tmp_path, input=REPLIES["en"])
    assert r.exit_code == 2
    assert 'per-file-ignores."internal/**"[0]' in r.output and "TL999" in r.output


# -- exclude -----------------------------------------------------------------------------------------

def test_exclude_prunes_walks_and_named_paths_only_with_force_exclude(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG)
    cfg = load_config(root / ".ticketlint.toml")
    old = os.getcwd()
    os.chdir(root)
    try:
        walked = list(expand_paths(["."], cfg.paths))
    finally:
        os.chdir(old)
    names = sorted(os.path.relpath(p, ".") for p in walked if isinstance(p, str))
    assert names == sorted([f"internal/reset-{x}.txt" for x in REPLIES] + [f"replies/reset-{x}.md" for x in REPLIES])

    r = cli("check", "--format", "json", ".", cwd=root)
    assert all("drafts" not in f["source"] and ".venv" not in f["source"] for f in findings(r))
    assert json.loads(r.output)["summary"]["tickets_read"] == 8

    # named on the command line: linted (as ruff), unless --force-exclude or force-exclude = true
    named = cli("check", "--format", "json", "drafts/wip.md", "replies/reset-en.md", "--role", "agent", cwd=root)
    assert sorted({f["source"] for f in findings(named)}) == ["drafts/wip.md", "replies/reset-en.md"]
    forced = cli("check", "--format", "json", "--force-exclude", "drafts/wip.md", "replies/reset-en.md", cwd=root)
    assert [f["source"] for f in findings(forced)] == ["replies/reset-en.md"] and forced.exit_code == 0
    (root / ".ticketlint.toml").write_text(CONFIG.replace("exclude =", "force-exclude = true\nexclude ="), encoding="utf-8")
    only = cli("check", "--format", "json", "drafts/wip.md", cwd=root)
    assert only.exit_code == 0 and findings(only) == [] and json.loads(only.output)["summary"]["tickets_read"] == 0


def test_a_walk_that_finds_only_excluded_files_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG)
    r = cli("check", "--format", "json", "--role", "agent", "drafts", cwd=root)  # named: walked, though excluded
    assert [f["source"] for f in findings(r)] == [os.path.join("drafts", "wip.md")]
    (root / ".ticketlint.toml").write_text(CONFIG.replace('["drafts"]', '["*.md"]'), encoding="utf-8")
    r = cli("check", "drafts", cwd=root)
    assert r.exit_code == 2 and "no ticket files found" in r.output and "1 file or folder excluded by" in r.output


# -- roles -------------------------------------------------------------------------------------------

def test_roles_per_glob(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG)
    r = cli("check", "--format", "json", "replies", "internal", cwd=root)
    by_file = {f["source"]: f for f in findings(r)}
    # every reply is agent text (TL202 is an agent rule); the same text as a note is not judged as a reply
    assert sorted(by_file) == sorted(os.path.join("replies", f"reset-{x}.md") for x in REPLIES)
    assert all(f["code"] == "TL202" and f["role"] == "agent" for f in by_file.values())
    # --role on the command line names the role of every plain-text input: the globs step aside
    every = cli("check", "--format", "json", "--role", "agent", "internal", cwd=root)
    assert len(findings(every)) == 4
    # stdin takes the role of the name it is given
    piped = cli("check", "--format", "json", "--stdin-filename", "replies/new.md", "-", cwd=root, input=REPLIES["ro"])
    assert [(f["code"], f["source"]) for f in findings(piped)] == [("TL202", "replies/new.md")]
    note = cli("check", "--format", "json", "--stdin-filename", "internal/new.md", "-", cwd=root, input=REPLIES["ro"])
    assert findings(note) == []


def test_the_last_matching_role_wins(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG + '"replies/es/**" = "note"\n')
    (root / "replies" / "es" / "nota.md").write_text(REPLIES["es"], encoding="utf-8")
    r = cli("check", "--format", "json", "replies", cwd=root)
    assert len(findings(r)) == 4 and all("replies/es/" not in f["source"] for f in findings(r))


# -- per-file-ignores --------------------------------------------------------------------------------

def test_per_file_ignores(tmp_path: Path) -> None:
    config = CONFIG + '\n[per-file-ignores]\n"replies/reset-es.md" = ["TL202"]\n"*-id.md" = ["unexplained-acronym"]\n' \
                      '"replies/**/*-ro.md" = ["TL2"]\n'
    root = project(tmp_path, config)
    r = cli("check", "--format", "json", "replies", cwd=root)
    assert [f["source"] for f in findings(r)] == [os.path.join("replies", "reset-en.md")]
    assert json.loads(r.output)["summary"]["tickets_linted"] == 4  # ignored findings, not unread files


# -- markup is not prose -----------------------------------------------------------------------------

FRONT = "---\ntitle: Reset the ONT\ntags: [router, ONT, CPE]\n# owner: the NOC team\n---\n"


@pytest.mark.parametrize("lang", sorted(REPLIES))
def test_front_matter_and_comments_are_not_prose(lang: str) -> None:
    reply = REPLIES[lang]
    body = f"{FRONT}<!-- canned reply: ONT, CPE, BRAS -->\nHello,\n<!--\n--\nsee KB-12 for the CPE and the BRAS\n-->\n{reply}"
    found = lint(body, role="agent", config={"select": ["TL202"]})
    assert [(f.code, f.excerpt) for f in found] == [("TL202", "ONT")]
    f = found[0]
    expected = body.index(reply) + reply.index("ONT")
    assert f.span.start == expected  # offsets in the file, not in a text with the markup cut out
    assert (f.line, f.column) == (body[:expected].count("\n") + 1, expected - body.rfind("\n", 0, expected))
    # without the markup around it the same reply has the same finding: nothing else was hidden
    assert [x.code for x in lint(reply, role="agent", config={"select": ["TL202"]})] == ["TL202"]


def test_markup_is_blanked_with_offsets_kept() -> None:
    body = FRONT + "Hi <!-- x\ny --> there.\n"
    m = mask(body)
    assert len(m.prose) == len(body)
    assert [i for i, c in enumerate(m.prose) if c == "\n"] == [i for i, c in enumerate(body) if c == "\n"]
    assert m.prose[: len(FRONT)].strip() == "" and "Hi " in m.prose and " there." in m.prose and "x" not in m.prose
    assert [(s.start, s.end) for s in m.markup] == [(len(FRONT) + 3, len(FRONT) + 15), (0, len(FRONT) - 1)]


@pytest.mark.parametrize("body", [
    "---\nThe ONT is down again.\n---\nPlease fix the ONT.\n",  # dashes around prose: not front matter
    "---\ntitle: never closed\nPlease reset the ONT.\n",  # no closing line: prose
    "Please reset the ONT. <!-- a comment never closed\n",  # an unclosed comment hides nothing
    "Intro.\n---\ntitle: x\n---\nReset the ONT.\n",  # front matter only at the top
])
def test_what_is_not_markup(body: str) -> None:
    m = mask(body)
    assert "ONT" in m.prose
    assert all(s.start > body.index("ONT") or s.end <= body.index("ONT") for s in m.markup)


def test_a_comment_is_no_signature_delimiter() -> None:
    body = "<!--\n--\n-->\nPlease reset the ONT.\n"
    assert "ONT" in mask(body).prose and not mask(body).signatures
    found = lint(body, role="agent", config={"select": ["TL202"]})
    assert [f.line for f in found] == [4]


def test_markup_scan_is_linear() -> None:
    """Many comment openers, long front matter: time grows with the text, not faster."""
    def prepare(n: int) -> Callable[[], object]:
        texts = ["<!--" * n, "<!-- -->" * n, "---\n" + "key: value\n" * n + "---\n" + "x" * n, "---\n" + "a:" * n, "---\n" + "a" * n + "\n---\n"]
        return lambda: [mask(text) for text in texts]

    assert_grows_linearly(prepare, 20_000, 200_000, max_ratio=15)


def test_the_secret_scan_still_reads_comments() -> None:
    body = "Hello,\n<!-- admin password: Hunter2-Blue-77 -->\nPlease restart the router.\n"
    found = lint(body, role="agent", config={"select": ["TL601"]})
    assert [(f.code, f.line) for f in found] == [("TL601", 2)] and "Hunter2-Blue-77" not in found[0].excerpt
