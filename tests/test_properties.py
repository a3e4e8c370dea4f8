"""Property-based tests: lint() never raises, and every finding lies inside its message."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ticketlint
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(strict=True)

# Text that looks like tickets often enough to make rules fire, plus arbitrary Unicode.
WORDS = st.sampled_from([
    "PEBKAC", "layer 8", "password:", "hunter2", "4111 1111 1111 1111", "DNS", "VPN", "cache", "yes", "no", "Sí",
    "tidak bisa", "nu merge", "no funciona", "doesn't work", "crashed", "error 0x80070005", "HTTP 502", "?", "!!!",
    "I didn't do anything", "no hice nada", "> quoted", "\n", "\n\n", "    at Foo.bar(Foo.java:12)", "1.", "-",
    "click", "then", "restart", "upgrade to Premium", "we can't do that", "seamless", "ASAP", "WHY IS THIS BROKEN",
    "--", "Regards,", "On Mon, Bob wrote:", "```", "sk_live_abc123def456ghi789", "AKIAABCDEFGHIJKLMNOP",
])
TICKETISH = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
TEXT = st.one_of(st.text(max_size=400), TICKETISH)
ROLES = st.sampled_from(list(Role))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, role=ROLES)
def test_lint_text_never_raises_and_spans_are_inside(text: str, role: Role) -> None:
    for f in ticketlint.lint(text, role=role):
        assert f.message_index == 0
        assert 0 <= f.span.start <= f.span.end <= len(text)
        assert f.line >= 1 and f.column >= 1


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(st.tuples(ROLES, TEXT), min_size=1, max_size=5))
def test_lint_thread_never_raises_and_spans_are_inside(bodies: list[tuple[Role, str]]) -> None:
    ticket = Ticket(id="h", messages=tuple(Message(role=r, body=b) for r, b in bodies))
    linted = _LINTER.lint(ticket)
    assert not linted.failures
    for f in linted.findings:
        body = ticket.messages[f.message_index].body
        assert 0 <= f.span.start <= f.span.end <= len(body)
        if not f.redacted:  # the span of the body as shown (secrets masked) on one line, shortened when long
            shown = linted.shown[f.message_index][f.span.start:f.span.end].replace("\n", " ").replace("\r", " ")
            assert f.excerpt == (shown if len(shown) <= 80 else shown[:77] + "...")
    for f in linted.findings:  # a secret found anywhere appears in no other finding's text
        if f.redacted:
            secret = ticket.messages[f.message_index].body[f.span.start:f.span.end]
            if len(secret) >= 4:
                for g in linted.findings:
                    assert secret not in (g.message + g.excerpt + (g.suggestion or "") + linted.shown[g.message_index])
