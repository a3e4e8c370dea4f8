"""One customer message read by the failure analysis, for the tests of what reports a failure and what is its evidence.

Three test files ask the same two questions of a one-message ticket in a given language; they build it here, once.
"""

from __future__ import annotations

from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket
from ticketlint.registry import default_registry

default_registry(plugins=False)  # the packs' schemas are declared when the rules are registered


def customer_document(text: str, lang: str) -> Document:
    """A ticket of one customer message, `text`, read in `lang`."""
    return Document(Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body=text),), subject=""), language=lang)


def failure_phrase(text: str, lang: str) -> str | None:
    """The words that report a failure in `text` (`Document.failure`), or None when it reports none."""
    doc = customer_document(text, lang)
    msg = doc.messages[0]
    span = doc.failure(msg, None)
    return None if span is None else msg.body[span.start : span.end]
