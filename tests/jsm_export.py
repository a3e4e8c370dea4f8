"""A Jira Service Management search export (`{"issues": [...]}`, API v3 bodies in Atlassian Document
Format) made from the labelled corpus's threads, with some comment lists cut short as Jira's search
hands them over (`fields.comment` a first page: `total` larger than the list). For the tests of
tickets read in part (tests/test_partial_read.py) and for trying a few thousand issues by hand:

    PYTHONPATH=src:tests python -c "from jsm_export import write; write('jsm.json', 3000)"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from export_util import synthetic_tickets

AGENTS = ("Lucia Pop", "Bo Tan", "Dewi Lestari", "Marco Díaz", "Ioana Radu")
PAGE = 3  # comments on the page of an issue whose list is cut
FOLLOW_UPS = (
    {"role": "customer", "body": "Any news on this? It still happens every morning."},
    {"role": "agent", "body": "We found the cause and fixed it on our side; please try again and tell me if it works."},
    {"role": "customer", "body": "Tried again, same error 0x80070005 when I open the app. What else can I try?"},
    {"role": "agent", "body": "Please clear the cache in Settings > Apps > Storage, then sign in again."},
    {"role": "customer", "body": "That worked, thanks!"},
    {"role": "agent", "body": "Glad to hear it. I am closing the ticket; reply here if it comes back."},
)


def _adf(text: str) -> dict[str, Any]:
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [text]
    content = []
    for p in paragraphs:
        lines = p.split("\n")
        nodes: list[dict[str, Any]] = []
        for i, line in enumerate(lines):
            if i:
                nodes.append({"type": "hardBreak"})
            if line:
                nodes.append({"type": "text", "text": line})
        content.append({"type": "paragraph", "content": nodes})
    return {"type": "doc", "version": 1, "content": content}


def _user(name: str, kind: str) -> dict[str, str]:
    return {"accountId": "acc-" + name.lower().replace(" ", "-").replace("@", "-"), "displayName": name,
            "accountType": kind}


def issues(n: int, cut_every: int = 7, cut: bool = True) -> list[dict[str, Any]]:
    """`n` issues; every `cut_every`-th one has a long thread, and with `cut` its list is cut to the first
    PAGE comments (its `total` says how many there are); `cut=False` gives the same issues whole."""
    out = []
    for i, t in enumerate(synthetic_tickets(n)):
        messages: list[dict[str, Any]] = list(t["messages"])  # type: ignore[call-overload]
        customer = str(messages[0].get("author") or f"customer{i}")
        agent = AGENTS[i % len(AGENTS)]
        first, rest = messages[0], messages[1:]
        if first.get("role") != "customer":
            first, rest = {"role": "customer", "body": str(t.get("subject") or "Help")}, messages
        # a longer thread now and then (and on every issue whose list is cut): follow-ups and answers
        if i % 5 == 0 or i % cut_every == 3:
            rest = [*rest, *FOLLOW_UPS[: 2 + 2 * (i % 3)]]
        comments = []
        for j, m in enumerate(rest):
            author = _user(customer, "customer") if m["role"] == "customer" else _user(agent, "atlassian")
            comment = {"id": f"{10000 + i}{j:03d}", "author": author, "body": _adf(str(m["body"])),
                       "created": f"2026-11-{1 + i % 28:02d}T{9 + j % 9:02d}:{j * 7 % 60:02d}:00.000+0000",
                       "jsdPublic": m["role"] != "note"}
            comments.append(comment)
        total = len(comments)
        short = cut and i % cut_every == 3 and total > PAGE
        page = comments[:PAGE] if short else comments
        out.append({
            "id": str(20000 + i), "key": f"HELP-{1000 + i}",
            "fields": {
                "summary": str(t.get("subject") or "Support request"),
                "description": _adf(str(first["body"])),
                "created": f"2026-11-{1 + i % 28:02d}T08:00:00.000+0000",
                "reporter": _user(customer, "customer"), "assignee": _user(agent, "atlassian"),
                "status": {"name": "Resolved" if i % 3 else "Waiting for customer"},
                "priority": {"name": ("Low", "Medium", "High")[i % 3]},
                "labels": [str(t.get("team") or "general")],
                "comment": {"startAt": 0, "maxResults": PAGE if short else max(total, 1), "total": total,
                            "comments": page},
            },
        })
    return out


def write(path: str | Path, n: int, cut_every: int = 7, cut: bool = True) -> Path:
    """The export of `n` issues as one search-results JSON file, one issue per line."""
    target = Path(path)
    records = issues(n, cut_every, cut)
    body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    target.write_text(f'{{"startAt": 0, "maxResults": {n}, "total": {n}, "issues": [\n{body}\n]}}\n', encoding="utf-8")
    return target
