"""FORMATTERS imports a format's module on first lookup: every name must load the class of that name."""

import subprocess
import sys

import pytest

from ticketlint.formatters import FORMATTERS, Formatter


def test_every_name_loads_its_class() -> None:
    assert list(FORMATTERS) == ["text", "json", "jsonl", "csv", "markdown", "html", "concise", "github", "gitlab",
                                "junit", "sarif"]
    for name in FORMATTERS:
        cls = FORMATTERS[name]
        assert issubclass(cls, Formatter) and cls.name == name
    assert "nope" not in FORMATTERS
    with pytest.raises(KeyError):
        FORMATTERS["nope"]


def test_plain_text_run_imports_no_rich_nor_other_formats(tmp_path) -> None:
    ticket = tmp_path / "t.txt"
    ticket.write_text("my password is Hunter2xyz and it does not work\n", encoding="utf-8")
    code = ("import sys\nfrom ticketlint.cli import main\n"
            f"sys.argv = ['ticketlint', 'check', '--isolated', '--exit-zero', {str(ticket)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'lxml', 'multiprocessing')"
            " or m in ('ticketlint.formatters.junit', 'ticketlint.formatters.htmlfmt', 'ticketlint.formatters.sarif'))\n"
            "print('LOADED', bad, file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "LOADED []" in out.stderr, out.stderr[-2000:]
    assert "TL601" in out.stdout and "Hunter2xyz" not in out.stdout
