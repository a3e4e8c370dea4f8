"""Work grows linearly in the number of messages of a thread, not only in the length of one.

A reply is read against the customer block it answers and the other messages of its run of agent messages.
Done per reply, a thread of thousands of customer questions answered by thousands of replies was quadratic:
2,000 and 2,000 took 21 s (TL301 reading the block's questions and key words again per reply), and 2,000
refusals in one run 66 s (TL304 looking for an alternative in every other message of the run, per refusal).
The block's reading is now kept once per block (`questions._block`), the run's once per run (`conditional._Runs`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from timing_util import assert_grows_linearly

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(select=("ALL",)))

THREADS: dict[str, Callable[[int], Ticket]] = {
    # one block of n customer questions, then a run of n bare answers (TL301's block reading)
    "questions-then-answers": lambda n: Ticket("t", tuple(Message(Role.CUSTOMER, "¿Está permitido usar numpy?") for _ in range(n))
                                               + tuple(Message(Role.AGENT, "No, no se puede ocupar.") for _ in range(n)), language="es"),
    # one message of n questions, then n answers
    "one-message-of-questions": lambda n: Ticket("t", (Message(Role.CUSTOMER, " ".join(["Is it allowed to use numpy?"] * n)),)
                                                 + tuple(Message(Role.AGENT, "No, you can't use it.") for _ in range(n)), language="en"),
    # a request, then a run of n refusals (TL304's `unless_in = "reply"`)
    "run-of-refusals": lambda n: Ticket("t", (Message(Role.CUSTOMER, "Can you extend my trial?"),)
                                        + tuple(Message(Role.AGENT, "Unfortunately we can't extend the trial.") for _ in range(n)), language="en"),
    # n customer messages each with a no-change claim (TL102 reading whether the writer named a change, per claim)
    "claims": lambda n: Ticket("t", tuple(Message(Role.CUSTOMER, "It just stopped working, I didn't do anything. Error?") for _ in range(n)),
                               language="en"),
    # n customer/agent exchanges (every reply answers its own block)
    "alternating": lambda n: Ticket("t", tuple(m for _ in range(n) for m in (Message(Role.CUSTOMER, "The app crashes when I open it, can you help?"),
                                                                           Message(Role.AGENT, "Yes."))), language="en"),
    # a request, then a run of n deferrals (TL304's gated answers: the block read per candidate)
    "run-of-deferrals": lambda n: Ticket("t", (Message(Role.CUSTOMER, "Is there a Mac version? Please add one."),)
                                         + tuple(Message(Role.AGENT, "Not yet.") for _ in range(n)), language="en"),
    # n customer messages by as many writers, each asking "nick: ... doesn't work?" of a participant who wrote last
    # (TL101 asking per message whether the nick is an author of the thread)
    "questions-to-a-participant": lambda n: Ticket("t", tuple(Message(Role.CUSTOMER, "kimish: and the app doesn't work?", author=f"u{i:x}z")
                                                              for i in range(n)) + (Message(Role.CUSTOMER, "hm", author="Kimish_"),),
                                                   language="en"),
    # n helpers whose nicks share a beginning, each opening "nick: ..." (the reply rules asking per agent message whether
    # it is a side remark to another helper: every author the name begins, read per message, was quadratic)
    "helpers-sharing-a-nick": lambda n: Ticket("t", (Message(Role.CUSTOMER, "my wifi keeps dropping", author="cust"),)
                                               + tuple(Message(Role.AGENT, "nick: try again", author=f"nick{i:06d}") for i in range(n)),
                                               language="en"),
    # n participants each asking for help of their own, each answered by name (analysis/address.py `chat_asides`: a
    # participant's first line read once, each line's addressees read once)
    "second-customers": lambda n: Ticket("t", (Message(Role.CUSTOMER, "my wifi keeps dropping", author="cust"),)
                                         + tuple(m for i in range(n) for m in (
                                             Message(Role.AGENT, "does anyone know how to fix my sound?", author=f"user{i:06d}"),
                                             Message(Role.AGENT, f"user{i:06d}: check the mixer and the kernel driver", author="helper"))),
                                         language="en"),
    # the opener asking n participants about their own setup, each answering (the participants the opener helps)
    "opener-asks-many": lambda n: Ticket("t", tuple(m for i in range(n) for m in (
                                             Message(Role.CUSTOMER, f"nick{i:06d}: are you using the proprietary driver?", author="cust"),
                                             Message(Role.AGENT, "cust: YES I AM, the kernel one", author=f"nick{i:06d}"))),
                                         language="en"),
    # the same in customer messages (TL101/TL104 asking whether "nick" is a participant: one author is enough)
    "customers-sharing-a-nick": lambda n: Ticket("t", tuple(Message(Role.CUSTOMER, "nick: and the app doesn't work?", author=f"nick{i:06d}")
                                                            for i in range(n)), language="en"),
}


@pytest.mark.parametrize("name", sorted(THREADS))
def test_thread_work_grows_linearly_in_its_messages(name: str) -> None:
    def prepare(n: int) -> Callable[[], object]:
        ticket = THREADS[name](n)
        return lambda: _LINTER.lint_ticket(ticket)

    assert_grows_linearly(prepare, 150, 1_500, max_ratio=20)
