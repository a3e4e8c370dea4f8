"""Property-based fuzzing of the engine: `Linter(strict=True).lint` on random threads (strict re-raises a rule's
exception, so a rule bug fails the test), and the secrecy of what TL601/TL602 find.

Default sizes keep the default profile fast; `--hypothesis-profile=fuzz-long` runs 20,000 examples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(strict=True)

SECRET_WORDS = [
    "password: Tr0ub4dor&3", "Your temporary password is Tr0ub4dor&3.", "4111 1111 1111 1111", "4111111111111111",
    "5500 0000 0000 0004", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE", "pwd=hunter22!",
    "my PIN is 4321", "contraseña: Secreto123", "parola: Parola123!", "kata sandi: Rahasia123",
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123", "-----BEGIN PRIVATE KEY-----",
    "xoxb-1234-5678-abcdefghijkl", "ghp_0123456789abcdefghijABCDEFGHIJ012345",
]
TICKET_WORDS = [
    "PEBKAC", "layer 8", "DNS", "VPN", "cache", "yes", "no", "Sí", "Yes.", "tidak bisa", "nu merge", "no funciona",
    "doesn't work", "crashed", "error 0x80070005", "HTTP 502", "?", "!!!", "I didn't do anything", "no hice nada",
    "> quoted", "\n", "\n\n", "\r\n", "\r", "    at Foo.bar(Foo.java:12)", "1.", "-", "click", "then", "restart",
    "upgrade to Premium", "we can't do that", "seamless", "ASAP", "WHY IS THIS BROKEN", "--", "Regards,",
    "On Mon, Bob wrote:", "```", "ticketlint: disable=TL601", "ticketlint: disable=ALL", "ticketlint: disable=TL401",
    "Traceback (most recent call last)", "e.g.", "etc.", "Dr.", "http://example.com/a?b=c", "ana@example.com",
]
WEIRD = [
    "\x1b[2J", "\x1b]0;pwned\x07", "\x9b", "\u202e", "\u2066", "\u200b", "\ufeff", "\x00", "\x0b", "\x0c", "\x85",
    "\u2028", "\u2029", "\ud800", "\udfff", "\ud83d", "e\u0301", "\u0130", "\u4e2d\u6587", "\U0001F600",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\ufdfd", "\u1100\u1161", "\U000E0001",
]

ANY_CHAR = st.characters(blacklist_categories=())  # every category, lone surrogates (Cs) included
RUNS = st.builds(lambda c, n: c * n, st.one_of(ANY_CHAR, st.sampled_from(["A", "!", "?", ".", " ", "\n", "4", "x"])),
                 st.integers(1, 300))
PIECE = st.one_of(
    st.sampled_from(TICKET_WORDS),
    st.sampled_from(SECRET_WORDS),
    st.sampled_from(WEIRD),
    st.text(ANY_CHAR, max_size=12),
    st.text(st.characters(whitelist_categories=("Cc", "Cf", "Cs", "Mn", "Zl", "Zp", "Co")), max_size=6),
    RUNS,
)
BODY = st.lists(PIECE, max_size=25).flatmap(lambda parts: st.sampled_from([" ", "", "\n"]).map(lambda sep: sep.join(parts)))
ROLES = st.sampled_from(list(Role))
LANG = st.sampled_from([None, "en", "es", "id", "ro"])
MESSAGES = st.lists(st.tuples(ROLES, BODY, LANG), min_size=1, max_size=6)


def _ticket(msgs: list[tuple[Role, str, str | None]], tags: tuple[str, ...] = ()) -> Ticket:
    return Ticket(id="fuzz", messages=tuple(Message(role=r, body=b, language=lang) for r, b, lang in msgs), tags=tags)


def _check_linted(ticket: Ticket) -> None:
    linted = _LINTER.lint(ticket)
    assert not linted.failures, linted.failures
    assert len(linted.shown) == len(ticket.messages)
    for shown, msg in zip(linted.shown, ticket.messages):
        assert len(shown) == len(msg.body)  # masking keeps offsets
    for f in linted.findings:
        body = ticket.messages[f.message_index].body
        assert 0 <= f.message_index < len(ticket.messages)
        assert 0 <= f.span.start <= f.span.end <= len(body), (f.code, f.span, len(body))
        assert f.line >= 1 and f.column >= 1, f
    # what a finder found, less what it shows on purpose (a private key's header line)
    secrets = {ticket.messages[f.message_index].body[f.span.start:f.span.end]
               for f in linted.findings if f.redacted and f.code in ("TL601", "TL602")}
    secrets -= {s for s in secrets for f in linted.findings if f.redacted and s in f.excerpt}
    secrets = {s for s in secrets if len(s.strip()) >= 4}
    for secret in secrets:
        for g in linted.findings:
            for text in (g.message, g.excerpt, g.suggestion or ""):
                assert secret not in text, (secret, g.code, text)
        for shown in linted.shown:
            assert secret not in shown, (secret, shown)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(msgs=MESSAGES)
def test_random_threads_never_raise_and_keep_secrets_out(msgs: list[tuple[Role, str, str | None]]) -> None:
    _check_linted(_ticket(msgs))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(msgs=st.lists(st.tuples(ROLES, st.text(ANY_CHAR, max_size=300), LANG), min_size=1, max_size=6),
       tags=st.lists(st.sampled_from(["vip", "ticketlint:disable:TL601", "ticketlint:disable:TL202",
                                      "TICKETLINT:DISABLE:tl401", "ticketlint:disable:"]), max_size=3))
def test_arbitrary_unicode_threads_never_raise(msgs: list[tuple[Role, str, str | None]], tags: list[str]) -> None:
    _check_linted(_ticket(msgs, tuple(tags)))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(secret=st.sampled_from(SECRET_WORDS[:7]), role=ROLES,
       # A label glued to a word ("\x1b[1mpassword") is not a label the finders know, and TL602
       # takes "[1m 4111 ..." for part of a longer code ("AB12 4111 ..."): detection misses, left to
       # the accuracy work. A glued copy of a secret found elsewhere is masked
       # (test_random_threads_never_raise_and_keep_secrets_out).
       before=st.sampled_from(["", "WHY!!! ", "It was PEBKAC. ", "> ", "    ", "Yes. ", "\u202e", "\x1b[1m\n"]),
       after=st.sampled_from(["", " !!!", " ASAP", ".\n-- \nRegards,", " \ud800", "\u0301", " e.g. restart the DNS"]),
       other=ROLES)
def test_a_known_secret_is_found_and_never_echoed(secret: str, role: Role, before: str, after: str, other: Role) -> None:
    """The documented secrets, in any role and any surroundings that make other rules quote the line."""
    body = before + secret + after
    ticket = Ticket(id="s", messages=(Message(role=role, body=body), Message(role=other, body=body.upper())))
    _check_linted(ticket)
    linted = _LINTER.lint(ticket)
    core = {"password: Tr0ub4dor&3": "Tr0ub4dor&3", "Your temporary password is Tr0ub4dor&3.": "Tr0ub4dor&3"}.get(
        secret, secret)
    for f in linted.findings:
        assert core not in f.message + f.excerpt + (f.suggestion or ""), (f.code, f.excerpt)
    assert all(core not in shown for shown in linted.shown), linted.shown
