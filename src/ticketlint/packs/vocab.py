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
This module imports nothing else of ticketlint at load (config.py reads it then); its errors are catalogue
texts (`vocab.*` of rules/<lang>/notices.toml, `model.said`, imported when one is raised), said in the run's locale.
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
    """A bad vocabulary entry or declaration; the message names the file (and line) or the key. `said`: the text
    as a catalogue key and parameters (model.Said), for the CLI to say in the run's locale; `str()` is its English."""

    def __init__(self, text: Any) -> None:
        super().__init__(str(text))
        self.said = text


def _said(key: str, *places: str, **params: object) -> Any:
    """A catalogue text (model.said), inside `places` (a file and line, a key)."""
    from ..model import said

    return said(key, **params).within(*places)


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


def entry_problem(term: str) -> Any:
    """Why `term` is not a valid entry (a catalogue text, model.Said), or None."""
    t = normalise(term)
    if not t:
        return _said("vocab.empty")
    if len(t) > MAX_ENTRY:
        return _said("vocab.too_long", n=MAX_ENTRY)
    if not any(c.isalnum() for c in t):
        return _said("vocab.no_letter", term=repr(t))
    if REJECT_ARROW in t:
        return _said("vocab.arrow", term=repr(t))
    bad = _REGEX_CHARS.search(t)
    if bad:
        return _said("vocab.regex", term=repr(t), char=repr(bad.group(0)))
    return None


def read_list(path: Path, *, reject: bool) -> list[tuple[str, str, str]]:
    """(term, preferred wording, where) of every entry of an accept.txt / reject.txt."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise VocabularyError(_said("config.utf8", str(path))) from None
    except OSError as exc:
        raise VocabularyError(_said("read.cannot", str(path), reason=str(exc.strerror))) from None
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
                raise VocabularyError(_said("vocab.arrow_empty", where))
        problem = entry_problem(term)
        if problem:
            raise VocabularyError(problem.within(where))
        out.append((normalise(term), preferred, where))
    return out


def _config_terms(value: Any, key: str, *, reject: bool) -> list[tuple[str, str, str]]:
    if reject and isinstance(value, dict):
        items = list(value.items())
        if not all(isinstance(v, str) for _, v in items):
            raise VocabularyError(_said("vocab.terms_or_table", key))
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [(v, "") for v in value]
    else:
        raise VocabularyError(_said("vocab.terms_or_table" if reject else "vocab.terms", key))
    out = []
    for term, preferred in items:
        problem = entry_problem(term)
        if problem:
            raise VocabularyError(problem.within(key))
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
        raise VocabularyError(_said("vocab.table", prefix, prefix=prefix))
    for k in value:
        if k not in ("accept", "reject", "use"):
            raise VocabularyError(_said("config.unknown_key_known", f"{prefix}.{k}", known="accept, reject, use"))
    accept: list[tuple[str, str, str]] = []
    reject: list[tuple[str, str, str]] = []
    names = value.get("use", [])
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise VocabularyError(_said("vocab.use_list", f"{prefix}.use"))
    for name in names:
        if not re.fullmatch(r"[\w.-]{1,64}", name) or name.startswith("."):
            raise VocabularyError(_said("vocab.use_name", f"{prefix}.use", name=repr(name)))
        folders = [Path(f) / "vocabularies" / name for f in pack_folders]
        found = [f for f in folders if f.is_dir()]
        if not found:
            where = ", ".join(str(Path(f) / "vocabularies") for f in pack_folders) or _said("vocab.no_pack_folder")
            raise VocabularyError(_said("vocab.not_found", f"{prefix}.use", name=repr(name), where=where))
        for folder in found:
            for extra in sorted(p.name for p in folder.iterdir()):
                if extra not in ("accept.txt", "reject.txt") and not extra.startswith("."):
                    raise VocabularyError(_said("vocab.unknown_file", str(folder / extra)))
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
            raise VocabularyError(_said("vocab.both", where, term=repr(term), other=other))
        old = preferred.get(term)
        if old is None or (wording and not old[1]):
            preferred[term] = (term, wording)
    return VocabularySpec(
        accept=tuple(dict.fromkeys(t for t, _, _ in accept)),
        reject=tuple(preferred.values()),
    )


__all__ = ["EMPTY", "VocabularyError", "VocabularySpec", "entry_problem", "from_config", "matches", "normalise", "read_list"]
