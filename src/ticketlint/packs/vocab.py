"""The organisation vocabulary: where it is declared, how its entries are read and checked.

One vocabulary for every rule that reads terms (Vale's accept/reject), from
two places, merged:

- the configuration, `[vocabulary]`: `accept = [...]`, `reject = [...]` (or
  `reject = { term = "preferred wording" }`), and `use = ["acme"]`, which
  selects vocabularies of the organisation packs;
- the organisation pack folders (`packs = [...]`): `vocabularies/<name>/accept.txt`
  and `vocabularies/<name>/reject.txt`, one entry per line (`#` starts a
  comment line; a reject line may be `term => preferred wording`). A
  vocabulary is used only when the configuration names it in `use`.

An entry is a plain term, not a regular expression: letters, digits, spaces
and the punctuation of names ("C++", "Wi-Fi", "O'Brien", "AT&T", "v2.1").
Case: an entry written in lower case matches any case ("cache" accepts
"Cache" and "CACHE"); an entry holding a capital matches only as written
("DNS" accepts "DNS", not "dns"; "FalconSync" only "FalconSync"). Inner
whitespace matches any run of spaces. A term both accepted and rejected is an
error naming both places.

What the rules do with it is the analysis layer's (analysis/jargon.py): an
accepted term silences TL201 and TL202; a rejected term is reported by TL201.
This module imports nothing else of ticketlint (config.py reads it at load).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import recache

MAX_ENTRY = 100
_REGEX_CHARS = recache.compile(r"[\\()\[\]*?|{}^$]")
_SPACES = recache.compile(r"\s+")
REJECT_ARROW = "=>"


class VocabularyError(Exception):
    """A bad vocabulary entry or declaration; the message names the file (and line) or the key."""


@dataclass(frozen=True, slots=True)
class VocabularySpec:
    """The merged organisation vocabulary: accepted terms, rejected terms with their preferred wording ("": none)."""

    accept: tuple[str, ...] = ()
    reject: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.accept or self.reject)


EMPTY = VocabularySpec()


def normalise(term: str) -> str:
    """An entry as compared: stripped, inner whitespace as one space."""
    return _SPACES.sub(" ", term.strip())


def entry_problem(term: str) -> str | None:
    """Why `term` is not a valid entry, or None."""
    t = normalise(term)
    if not t:
        return "an empty entry"
    if len(t) > MAX_ENTRY:
        return f"an entry longer than {MAX_ENTRY} characters"
    if not any(c.isalnum() for c in t):
        return f"{t!r} holds no letter or digit"
    if REJECT_ARROW in t:
        return f"{t!r}: '=>' (a preferred wording) is only read in reject lists"
    bad = _REGEX_CHARS.search(t)
    if bad:
        return f"{t!r}: entries are plain terms, not regular expressions ({bad.group(0)!r} is not allowed)"
    return None


def read_list(path: Path, *, reject: bool) -> list[tuple[str, str, str]]:
    """(term, preferred wording, where) of every entry of an accept.txt / reject.txt."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: not valid UTF-8") from None
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot read: {exc.strerror}") from None
    out: list[tuple[str, str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        raw = line.strip()
        if not raw or raw.startswith("#"):
            continue
        where = f"{path}:{n}"
        term, preferred = raw, ""
        if reject and REJECT_ARROW in raw:
            term, _, preferred = raw.partition(REJECT_ARROW)
            preferred = normalise(preferred)
            if not preferred:
                raise VocabularyError(f"{where}: nothing after '=>' (write 'term => preferred wording', or the term alone)")
        problem = entry_problem(term)
        if problem:
            raise VocabularyError(f"{where}: {problem}")
        out.append((normalise(term), preferred, where))
    return out


def _config_terms(value: Any, key: str, *, reject: bool) -> list[tuple[str, str, str]]:
    if reject and isinstance(value, dict):
        items = list(value.items())
        if not all(isinstance(v, str) for _, v in items):
            raise VocabularyError(f"{key}: must be a list of terms, or a table term = \"preferred wording\"")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [(v, "") for v in value]
    else:
        shape = "a list of terms, or a table term = \"preferred wording\"" if reject else "a list of terms"
        raise VocabularyError(f"{key}: must be {shape}")
    out = []
    for term, preferred in items:
        problem = entry_problem(term)
        if problem:
            raise VocabularyError(f"{key}: {problem}")
        out.append((normalise(term), normalise(preferred), key))
    return out


def matches(entry: str, term: str) -> bool:
    """Whether `entry` (normalised) names `term` (normalised): any case when the entry is in lower case."""
    return entry == term if entry != entry.lower() else entry == term.lower()


def from_config(value: Any, prefix: str, pack_folders: Sequence[str]) -> VocabularySpec:
    """The `[vocabulary]` table of a configuration, with the pack vocabularies it `use`s, checked and merged.

    Errors name the key (`vocabulary.accept`) or the file and line
    (`support-style/vocabularies/acme/reject.txt:3`); raises VocabularyError.
    """
    if not isinstance(value, Mapping):
        raise VocabularyError(f"{prefix}: must be a table ([{prefix}] accept = [...], reject = [...], use = [...])")
    for k in value:
        if k not in ("accept", "reject", "use"):
            raise VocabularyError(f"{prefix}.{k}: unknown key (known: accept, reject, use)")
    accept: list[tuple[str, str, str]] = []
    reject: list[tuple[str, str, str]] = []
    names = value.get("use", [])
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise VocabularyError(f"{prefix}.use: must be a list of vocabulary names")
    for name in names:
        if not re.fullmatch(r"[\w.-]{1,64}", name) or name.startswith("."):
            raise VocabularyError(f"{prefix}.use: {name!r} is not a vocabulary name (a folder name under vocabularies/)")
        folders = [Path(f) / "vocabularies" / name for f in pack_folders]
        found = [f for f in folders if f.is_dir()]
        if not found:
            where = ", ".join(str(Path(f) / "vocabularies") for f in pack_folders) or "no pack folder (set packs = [...])"
            raise VocabularyError(f"{prefix}.use: vocabulary {name!r} not found (looked in {where})")
        for folder in found:
            for extra in sorted(p.name for p in folder.iterdir()):
                if extra not in ("accept.txt", "reject.txt") and not extra.startswith("."):
                    raise VocabularyError(f"{folder / extra}: unknown file in a vocabulary (known: accept.txt, reject.txt)")
            if (folder / "accept.txt").is_file():
                accept += read_list(folder / "accept.txt", reject=False)
            if (folder / "reject.txt").is_file():
                reject += read_list(folder / "reject.txt", reject=True)
    if "accept" in value:
        accept += _config_terms(value["accept"], f"{prefix}.accept", reject=False)
    if "reject" in value:
        reject += _config_terms(value["reject"], f"{prefix}.reject", reject=True)
    accepted = {t: where for t, _, where in accept}
    loose = {t.lower(): where for t, _, where in accept}  # the same term in any case: checked both ways below
    preferred: dict[str, tuple[str, str]] = {}
    for term, wording, where in reject:
        other = accepted.get(term) or loose.get(term.lower())
        if other is not None and any(matches(a, term) or matches(term, a) for a in accepted if a.lower() == term.lower()):
            raise VocabularyError(f"{where}: {term!r} is rejected, and accepted in {other}")
        old = preferred.get(term)
        if old is None or (wording and not old[1]):
            preferred[term] = (term, wording)
    return VocabularySpec(
        accept=tuple(dict.fromkeys(t for t, _, _ in accept)),
        reject=tuple(preferred.values()),
    )


__all__ = ["EMPTY", "VocabularyError", "VocabularySpec", "entry_problem", "from_config", "matches", "normalise", "read_list"]
