"""bench/common_words.py: the generated ordinary-word lists (rules/<lang>/words.toml) hold no acronym of the
language, and a regeneration keeps it so (the generator drops them)."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("common_words", ROOT / "bench" / "common_words.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("lang", ["en", "es", "id", "ro"])
def test_words_hold_no_acronym_of_the_language(lang: str) -> None:
    gen = _generator()
    words = tomllib.loads((ROOT / "rules" / lang / "words.toml").read_text(encoding="utf-8"))["common"]
    assert sorted(set(words) & gen.acronyms(lang)) == []


def test_acronyms_read_the_packs() -> None:
    gen = _generator()
    assert {"iban", "ine", "ave", "os", "eta"} <= gen.acronyms("es")  # TL202 acronyms and [expansions]
    assert "raid" in gen.acronyms("en") and "nas" in gen.acronyms("ro")  # TL201's all-capital terms
    assert "un" not in gen.acronyms("es")  # another language's allow list (UN) is not read
