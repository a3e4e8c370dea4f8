"""The compiled-regex cache (`ticketlint.recache`): the same pattern objects as `re.compile`, from the file or not."""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ticketlint import recache

PATTERNS = [
    (r"(?<![\w])(?:(?P<pw>pass(?:word)?|clave)|(?P<pin>pin))(?![\w])", re.IGNORECASE),
    (r"(?:(?=[ab])(?:an? error|bad)|(?=c)crash(?:ed)?)\W+(?:\w+\W+){0,3}?code", 0),
    (r"[\W_]*(?:ya|yes|sí)(?:(?![\w])[\W_]*(?:ya|yes|sí))*(?![\w])[\W_]*", re.IGNORECASE),
]
TEXTS = ["Password: hunter2 and PIN 1234", "an error, then the code", "Yes, yes!", "bad  x y code", "nothing here"]


def _matches(p: re.Pattern[str]) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for t in TEXTS for m in p.finditer(t)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TICKETLINT_CACHE_DIR", str(tmp_path))
    recache._reset_for_tests()
    yield tmp_path
    recache._reset_for_tests()


def test_cold_and_warm_compile_the_same_pattern_as_re(cache_dir: Path) -> None:
    cold = [recache.compile(p, f) for p, f in PATTERNS]
    recache.save()
    path = recache.cache_file()
    assert path is not None and path.parent == cache_dir and path.exists()
    recache._reset_for_tests()  # a new run: entries come from the file
    warm = [recache.compile(p, f) for p, f in PATTERNS]
    assert recache._used == {(p, f) for p, f in PATTERNS}
    for (p, f), c, w in zip(PATTERNS, cold, warm):
        plain = re.compile(p, f)
        for got in (c, w):
            assert (got.pattern, got.flags, got.groups, got.groupindex) == (plain.pattern, plain.flags, plain.groups, plain.groupindex)
            assert _matches(got) == _matches(plain)


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKETLINT_CACHE_DIR", "off")
    recache._reset_for_tests()
    assert recache.cache_file() is None
    assert _matches(recache.compile(*PATTERNS[0])) == _matches(re.compile(*PATTERNS[0]))
    recache.save()
    assert not any(tmp_path.iterdir())


def test_a_damaged_file_or_entry_is_ignored(cache_dir: Path) -> None:
    path = recache.cache_file()
    assert path is not None
    path.write_bytes(b"not marshal data")
    p, f = PATTERNS[1]
    assert _matches(recache.compile(p, f)) == _matches(re.compile(p, f))
    # an entry whose opcodes the engine refuses is compiled afresh and replaced
    path.write_bytes(marshal.dumps({(p, f): (int(re.compile(p, f).flags), [999999, 1, 2], 0, {}, (None,))}))
    recache._reset_for_tests()
    assert _matches(recache.compile(p, f)) == _matches(re.compile(p, f))
    recache.save()
    recache._reset_for_tests()
    assert _matches(recache.compile(p, f)) == _matches(re.compile(p, f))


def test_a_bad_pattern_still_raises(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        recache.compile(r"(unclosed")


def test_plans_round_trip_and_a_damaged_plan_is_replanned(cache_dir: Path) -> None:
    from ticketlint.patterns import CaselessPattern, compile_patterns

    phrases = [r"doesn'?t work", "crash(?:ed|es)?", "(?-i:PICNIC)", "error", "fail(?:ed|s)?", "broken", "bug", "not loading"]
    texts = ["It doesn’t work and CRASHED", "picnic PICNIC error", "a bugfix, a bug, FAILS"]

    def spans(p: object) -> list[tuple[int, int]]:
        assert isinstance(p, (re.Pattern, CaselessPattern))
        return [m.span() for t in texts for m in p.finditer(t)]

    cold = compile_patterns(phrases)
    recache.save()
    recache._reset_for_tests()
    warm = compile_patterns(phrases)
    assert any(isinstance(k, tuple) and len(k) == 3 and k[0] == recache._PLAN for k in recache._used)
    assert spans(warm) == spans(cold) != []
    assert type(warm) is type(cold) and getattr(warm, "literals", None) == getattr(cold, "literals", None)
    # a plan of the wrong shape (a damaged file, another version) is planned afresh
    path = recache.cache_file()
    assert path is not None
    data = recache._read_all(path)
    data = {k: (("lowered", 5, None, None) if k[0] == recache._PLAN else v) for k, v in data.items()}
    path.write_bytes(marshal.dumps(data))
    recache._reset_for_tests()
    assert spans(compile_patterns(phrases)) == spans(cold)


def test_pack_tables_come_from_the_cache_as_fresh_equal_copies(cache_dir: Path) -> None:
    import tomllib

    from ticketlint.packs.files import PackError, _parse

    text = 'tokens = ["a", "b"]\n[swap]\nx = "y"\nmax = 3\n'
    first = _parse(text, "t.toml")
    recache.save()
    recache._reset_for_tests()
    again = _parse(text, "t.toml")
    assert again == first == tomllib.loads(text)
    again["tokens"].append("c")  # a caller that changes its table changes nobody else's
    assert _parse(text, "t.toml") == first
    with pytest.raises(PackError):
        _parse("tokens = [", "bad.toml")


def test_plans_of_an_old_tag_are_dropped_when_its_family_is_planned_anew(cache_dir: Path) -> None:
    recache.keep_plan("fam-old", ("x",), "one")
    recache.keep_plan("other", ("y",), "two")
    recache.save()
    recache._reset_for_tests()
    assert recache.plan("fam-old", ("x",)) == "one"
    recache._reset_for_tests()
    recache.keep_plan("fam-new", ("x",), "three")  # the same family under a new tag (an edited source)
    recache.save()
    recache._reset_for_tests()
    assert recache.plan("fam-old", ("x",)) is None
    assert recache.plan("fam-new", ("x",)) == "three" and recache.plan("other", ("y",)) == "two"


def test_indonesian_filler_stems_are_kept_between_runs(cache_dir: Path) -> None:
    # TL302's filler stems: Snowball stems of the Indonesian pack words, kept as a plan so that a later
    # run need not import snowballstemmer; a kept plan of the wrong shape is stemmed afresh
    from ticketlint.analysis import questions

    words = ("terima", "kasih", "mengirimkannya", "maafkan")
    expected = tuple(questions.stem(w, "id") for w in words)
    assert expected[2] == "irim"  # the stemmer ran (Snowball: "mengirimkannya" -> "irim"), not only a cut
    assert questions._pack_stems(words, "id") == expected
    recache.save()
    recache._reset_for_tests()  # a new run
    inputs = ("stems", "id", words, questions._stemmer_files())
    assert questions._stemmer_files() and recache.plan(questions._plan_tag(), inputs) == expected
    assert questions._pack_stems(words, "id") == expected
    recache.keep_plan(questions._plan_tag(), inputs, ("x",))
    assert questions._pack_stems(words, "id") == expected
    assert questions._pack_stems(("terima", "kasih"), "en") == ("terim", "kasih")  # no stemmer: cut only


def test_a_given_translation_is_used_on_a_miss_and_kept(cache_dir: Path) -> None:
    pattern, flags = PATTERNS[1]
    calls: list[int] = []

    def translate() -> recache.Translated:
        calls.append(1)
        return recache._translate(pattern, flags)

    cold = recache.compile(pattern, flags, translate)
    assert calls == [1] and _matches(cold) == _matches(re.compile(pattern, flags))
    recache.save()
    recache._reset_for_tests()
    warm = recache.compile(pattern, flags, translate)  # from the file: not asked again
    assert calls == [1] and _matches(warm) == _matches(cold)


@pytest.mark.parametrize("cache", ["dir", "off"])
def test_a_failing_or_missing_translation_falls_back_to_parsing(cache: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if cache == "off":
        monkeypatch.setenv("TICKETLINT_CACHE_DIR", "off")
    pattern, flags = PATTERNS[0]

    def broken() -> recache.Translated:
        raise IndexError("a bug in the caller's assembly")

    for translate in (broken, lambda: None):
        recache._reset_for_tests()
        got = recache.compile(pattern, flags, translate)
        assert (got.pattern, got.groupindex) == (pattern, re.compile(pattern, flags).groupindex)
        assert _matches(got) == _matches(re.compile(pattern, flags))
    with pytest.raises(re.error):
        recache.compile("(?<=a+)b", 0, broken)  # a bad pattern still raises re's own error


def test_a_file_beyond_the_byte_budget_keeps_only_what_the_run_used(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old versions' patterns must not pile up: the whole file is read at every start (perf8 found 317 MB)."""
    old = [(rf"old{i}(?:a|b|c)+x", 0) for i in range(40)]
    for p, f in old:
        recache.compile(p, f)
    recache.save()
    path = recache.cache_file()
    assert path is not None
    size_with_old = path.stat().st_size
    recache._reset_for_tests()
    monkeypatch.setattr(recache, "_MAX_BYTES", size_with_old)  # the next save goes over it
    for p, f in PATTERNS:
        recache.compile(p, f)
    recache.save()
    kept = recache._read_all(path)
    assert set(kept) == {(p, f) for p, f in PATTERNS}
    recache._reset_for_tests()
    monkeypatch.setattr(recache, "_MAX_BYTES", 64 * 1024 * 1024)
    recache.compile(*old[0])  # under the budget: entries of other runs are kept beside this run's
    recache.save()
    assert set(recache._read_all(path)) == {(p, f) for p, f in PATTERNS} | {old[0]}


def test_an_indexed_file_is_read_entry_by_entry(cache_dir: Path) -> None:
    """Only the index is read at start; an entry is read when asked, and a damaged one is compiled afresh."""
    for p, f in PATTERNS:
        recache.compile(p, f)
    recache.save()
    path = recache.cache_file()
    assert path is not None and path.read_bytes().startswith(recache._MAGIC)
    recache._reset_for_tests()
    p, f = PATTERNS[0]
    assert _matches(recache.compile(p, f)) == _matches(re.compile(p, f))
    assert set(recache._index) == {(q, g) for q, g in PATTERNS[1:]}  # the others not read
    data = path.read_bytes()
    offset, size = recache._index[PATTERNS[1]]
    start = recache._base + offset
    path.write_bytes(data[:start] + b"\xff" * size + data[start + size :])  # the entry's bytes damaged
    recache._reset_for_tests()
    for q, g in PATTERNS:
        assert _matches(recache.compile(q, g)) == _matches(re.compile(q, g))
