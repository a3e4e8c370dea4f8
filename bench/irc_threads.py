"""Support threads built from the Ubuntu IRC disentanglement corpus.

The archive (`../shared/corpora/ubuntu-irc.tar.xz`, CC BY 4.0, Kummerfeld et
al., ACL 2019) holds raw logs (`[hh:mm] <nick> text`) and human reply-to
links (`A B -`: line A replies to line B). Linked lines form conversations
(connected components); the nick who wrote a conversation's first line is the
customer, everyone else answers as an agent. Chat lines outside the annotated
part of a log become one-message tickets from a customer, so the benchmark
reads every chat line of the archive.
"""

from __future__ import annotations

import re
import tarfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ticketlint.model import Message, Role, Ticket

DEFAULT_ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ubuntu-irc.tar.xz"
_LINE = re.compile(r"^\[\d\d:\d\d\] <([^>]+)> (.*)$")


def _find(parent: dict[int, int], x: int) -> int:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _threads(name: str, raw: list[str], links: list[tuple[int, int]]) -> Iterator[Ticket]:
    parent: dict[int, int] = {}
    for a, b in links:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        groups[_find(parent, x)].append(x)
    covered: set[int] = set(parent)
    for root, lines in sorted(groups.items()):
        msgs: list[Message] = []
        opener = None
        for n in sorted(lines):
            m = _LINE.match(raw[n]) if n < len(raw) else None
            if not m:
                continue
            nick, text = m.groups()
            opener = opener or nick
            msgs.append(Message(role=Role.CUSTOMER if nick == opener else Role.AGENT, body=text, author=nick, line=n + 1))
        if msgs:
            yield Ticket(id=f"{name}:{root + 1}", messages=tuple(msgs), source=name, line=root + 1)
    for n, line in enumerate(raw):
        if n in covered:
            continue
        m = _LINE.match(line)
        if m:
            yield Ticket(id=f"{name}:{n + 1}", messages=(Message(role=Role.CUSTOMER, body=m.group(2), author=m.group(1)),),
                         source=name, line=n + 1)


def load_threads(archive: Path = DEFAULT_ARCHIVE, limit: int | None = None) -> list[Ticket]:
    """All tickets of the archive, in file order (the first `limit` if given)."""
    raws: dict[str, list[str]] = {}
    anns: dict[str, list[tuple[int, int]]] = {}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            base = member.name.rpartition("/")[2]
            kind = "raw.txt" if base.endswith(".raw.txt") else "annotation.txt" if base.endswith(".annotation.txt") else ""
            key = member.name.rsplit("/", 2)[-2] + "/" + base[: -len(kind) - 1] if kind else ""
            data = tar.extractfile(member).read().decode("utf-8", errors="replace")  # type: ignore[union-attr]
            if kind == "raw.txt":
                raws[key] = data.splitlines()
            elif kind == "annotation.txt":
                pairs = []
                for row in data.splitlines():
                    parts = row.split()
                    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
                        pairs.append((int(parts[0]), int(parts[1])))
                anns[key] = pairs
    out: list[Ticket] = []
    for key in sorted(raws):
        out.extend(_threads(key, raws[key], anns.get(key, [])))
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


if __name__ == "__main__":
    import sys

    tickets = load_threads(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ARCHIVE)
    multi = [t for t in tickets if len(t.messages) > 1]
    n_msgs = sum(len(t.messages) for t in tickets)
    print(f"{len(tickets)} tickets ({len(multi)} multi-message threads), {n_msgs} messages")
