"""TL104 reads the environment only in a message that reports a failure, so the hostile families of
test_linear_time (no failure word in them) never reach its environment patterns. These put a failure
before each family that once grew quadratically there (issue 13, l2tl104: "1.1.1.1..." after "it crashes"
took 130 s for 100 KB: a version pattern "1.2.3 release" tried from every digit to the end of the run)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from timing_util import assert_grows_linearly

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.hostile import FAMILIES
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(select=("TL104",)))
_FAMILIES = ("digits-and-dots", "version-like", "digit-run", "hyphen-word", "underscores", "at-signs", "slashes")


@pytest.mark.parametrize("name", _FAMILIES)
def test_environment_scan_grows_linearly_after_a_failure(name: str) -> None:
    family = next(f for f in FAMILIES if f.name == name)

    def prepare(n: int) -> Callable[[], object]:
        ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="The app crashes. " + family.build(n)),), language="en")
        return lambda: _LINTER.lint_ticket(ticket)

    assert_grows_linearly(prepare, 5_000, 50_000, max_ratio=15)


# l2env: runs aimed at the environment patterns added in that round (a program after a trouble word, a version by its
# recency, the deployment environment, es: an acronym after an article), after a failure so that they are read; none of
# them matches, so that the whole run is searched.
_RUNS: dict[str, Callable[[int], str]] = {
    "trouble-words": lambda n: "problem installing the " * (n // 23),
    "trouble-long-word": lambda n: "problem installing " + "a" * n + "_",
    "latest-words": lambda n: "latest a-b-c " * (n // 13),
    "article-capitals": lambda n: "el PDF " * (n // 7),
    "article-capital-run": lambda n: "del " + "A" * n,
    "staging-words": lambda n: "staging staging sandbox " * (n // 24),
    "error-al-instalar": lambda n: "error al instalar el " * (n // 21),
    "gagal-install": lambda n: "gagal install aplikasi " * (n // 23),
    "eroare-la-instalarea": lambda n: "eroare la instalarea aplicatiei " * (n // 32),
    # env12: the spans blanked before the search (`not_environment`: a phone as a number or what is verified, an app as an
    # account or sign-in method, a file format) are found over the whole text, then an installer's file name by its extension
    "verify-my-mobile": lambda n: "verify my mobile " * (n // 17),
    "phone-phone": lambda n: "phone " * (n // 6),
    "sign-in-with": lambda n: "sign in with my " * (n // 16),
    "daftar-lewat": lambda n: "daftar lewat akun " * (n // 18),
    "daftar-words": lambda n: "daftar " + "a " * (n // 2),
    "registrarme-con": lambda n: "registrarme con mi cuenta de " * (n // 29),
    "format-words": lambda n: "in an excel " * (n // 12),
    "file-dots": lambda n: "a." * (n // 2),
    "file-long-name": lambda n: "a" * n + ".ex",
    "file-dotted-words": lambda n: "setup.x64.final " * (n // 16),
    "shortener-path": lambda n: "https://t.co/" + "a/" * (n // 2),
    "shortener-words": lambda n: "t.co bit.ly " * (n // 12),
    "hours-on-the": lambda n: "hours on the " * (n // 13),
    "capital-words": lambda n: "a Office Word Flash " * (n // 20),
    # t104x: an image's alt text and address, an HTML tag left open, a form's checkbox statements, example versions, the
    # `symptoms` of report.toml read after a failure (the report reading runs only without one: see test_report_reading)
    "image-alt-open": lambda n: "![" + "a" * n,
    "image-address-open": lambda n: "![a](" + "b" * n,
    "img-tag-open": lambda n: "<img " + "a " * (n // 2),
    "checkbox-statements": lambda n: "- [x] I have a " * (n // 15),
    "checkbox-long-line": lambda n: "- [x] I have " + "a " * (n // 2),
    "zero-versions": lambda n: "0.0.0." * (n // 6),
    "x-versions": lambda n: "x.x.x." * (n // 6),
    "stuck-shift-words": lambda n: "THe " * (n // 4),
    "stuck-shift-run": lambda n: "TH" + "e" * n,
    "capital-lower-word": lambda n: "Aa" * (n // 2),
    "capital-lower-then-version": lambda n: "Aa" * (n // 2) + " 1.2",
    # t104r21: a form's question, a form's answer that says "I don't know", names in code, a link to a discussion
    "form-question-open": lambda n: "### " + "a " * (n // 2),
    "form-question-lines": lambda n: "### a?\n" * (n // 7),
    "unknown-answer-lines": lambda n: "Version: idk\n" * (n // 13),
    "unknown-answer-words": lambda n: "Version: " + "no idea " * (n // 8),
    "dotted-code-run": lambda n: "AbCd." * (n // 5),
    "dotted-code-long": lambda n: "aB" + "c" * n + ".Xy",
    "camel-run": lambda n: "AbCdView" * (n // 8),
    "reddit-path": lambda n: "https://www.reddit.com/r/a/comments/" + "a/" * (n // 2),
}


@pytest.mark.parametrize("name", sorted(_RUNS))
def test_l2env_patterns_grow_linearly_after_a_failure(name: str) -> None:
    build = _RUNS[name]

    def prepare(n: int) -> Callable[[], object]:
        ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="The app crashes. " + build(n)),), language="en")
        return lambda: _LINTER.lint_ticket(ticket)

    assert_grows_linearly(prepare, 5_000, 50_000, max_ratio=15)


# t104x: the `symptoms` of report.toml are read only when no failure word is found, so these runs carry none.
_REPORT_RUNS: dict[str, tuple[str, Callable[[int], str]]] = {
    "app-words": ("en", lambda n: "app a b " * (n // 8)),
    "notification-words": ("en", lambda n: "notifications a b are " * (n // 22)),
    "process-words": ("en", lambda n: "process sync backup " * (n // 20)),
    "seconds-words": ("en", lambda n: "in a few seconds " * (n // 17)),
    "hace-como": ("es", lambda n: "hace como que " * (n // 14)),
    "aparece-siempre": ("es", lambda n: "aparece siempre el " * (n // 19)),
    "proses-words": ("id", lambda n: "proses sinkronisasi " * (n // 20)),
    "procesul-words": ("ro", lambda n: "procesul sincronizarea " * (n // 23)),
    # t104r21: unreadable text, searches, resources, never, empty output, broken images, id no response
    "text-words": ("en", lambda n: "text menu labels " * (n // 17)),
    "search-words": ("en", lambda n: "search searches query " * (n // 22)),
    "battery-words": ("en", lambda n: "battery cpu memory usage " * (n // 25)),
    "never-words": ("en", lambda n: "it never i never " * (n // 17)),
    "empty-file-words": ("en", lambda n: "generates a file pdf is " * (n // 24)),
    "images-words": ("en", lambda n: "images photos icons " * (n // 20)),
    "busqueda-words": ("es", lambda n: "busqueda texto archivo " * (n // 23)),
    "tulisan-words": ("id", lambda n: "tulisan pencarian tombol " * (n // 25)),
    "cautarea-words": ("ro", lambda n: "cautarea textul fisierul " * (n // 25)),
}


@pytest.mark.parametrize("name", sorted(_REPORT_RUNS))
def test_report_symptoms_grow_linearly(name: str) -> None:
    lang, build = _REPORT_RUNS[name]

    def prepare(n: int) -> Callable[[], object]:
        ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body=build(n)),), language=lang)
        return lambda: _LINTER.lint_ticket(ticket)

    assert_grows_linearly(prepare, 5_000, 50_000, max_ratio=15)
