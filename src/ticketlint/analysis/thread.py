"""Thread pairing: which customer message(s) a reply answers.

Messages are read in order, internal notes skipped. A *reply* is a run of
consecutive agent messages (an answer split over two sends is one reply); it
answers the customer messages written since the previous agent message (the
customer *block*). A run with no customer message before it since the last
run (a follow-up: "one more thing, ...") answers the last customer message of
the block before it. The reply rules read this from `Document.exchanges()`
and `Document.customer_before(msg)` instead of walking the thread each in its
own way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..model import Role

if TYPE_CHECKING:  # document.py imports this module: no cycle at run time
    from ..document import AnalysedMessage

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Exchange:
    """The customer messages a reply answers, and the reply: a run of consecutive agent messages."""

    customers: tuple[AnalysedMessage, ...]
    replies: tuple[AnalysedMessage, ...]


def exchanges(messages: Sequence[AnalysedMessage]) -> tuple[Exchange, ...]:
    """(customer block, agent run) pairs in thread order; the customer block may be empty (the
    thread opens with an agent message)."""
    if len(messages) < 2:  # most chat: one message, answered by nothing (the same as the loop, cheaper)
        return tuple(Exchange((), (m,)) for m in messages if m.role is Role.AGENT)
    out: list[Exchange] = []
    customers: list[AnalysedMessage] = []
    last_customers: list[AnalysedMessage] = []
    run: list[AnalysedMessage] = []
    for msg in messages:
        if msg.role is Role.NOTE:
            continue
        if msg.role is Role.CUSTOMER:
            if run:
                out.append(Exchange(tuple(customers or last_customers[-1:]), tuple(run)))
                last_customers = customers or last_customers
                customers, run = [], []
            customers.append(msg)
        else:
            run.append(msg)
    if run:
        out.append(Exchange(tuple(customers or last_customers[-1:]), tuple(run)))
    return tuple(out)


def customer_before(messages: Sequence[AnalysedMessage], msg: AnalysedMessage) -> AnalysedMessage | None:
    """The customer message right before `msg` (notes skipped), None when an agent message or
    nothing comes first: what an agent message answers directly."""
    for prev in reversed(messages[: msg.index]):
        if prev.role is Role.NOTE:
            continue
        return prev if prev.role is Role.CUSTOMER else None
    return None


def block_memo(block: Sequence[AnalysedMessage], name: str, compute: Callable[[], _T]) -> _T:
    """A value read from a whole block of messages (the customer block a run of replies answers), computed once per
    block and `name` (which also names whatever else the value depends on, e.g. the language). Every reply of a run
    answers the same block: read per reply, a block of thousands of questions was read thousands of times (quadratic,
    tests/test_thread_linear.py). Kept on the block's last message, keyed by where the block starts and its length.
    `block` must not be empty."""
    return block[-1].memo(f"{name}:{block[0].index}:{len(block)}", compute)
