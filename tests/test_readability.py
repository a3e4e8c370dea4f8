"""The per-language reading-ease measure behind TL203 (ticketlint.readability)."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from ticketlint.readability import normalise, reading_ease, word_count
from ticketlint.textutil import fold

EASY = {
    "en": "Please open the app and tap Settings. Then turn Sync off and on again. Your files should show up in a few minutes.",
    "es": "Abre la aplicación y toca Ajustes. Luego desactiva la sincronización y vuelve a activarla. Tus archivos deberían aparecer en unos minutos.",
    "id": "Silakan buka aplikasi dan ketuk Pengaturan. Lalu matikan Sinkronisasi dan nyalakan lagi. File Anda akan muncul dalam beberapa menit.",
    "ro": "Deschide aplicația și apasă pe Setări. Apoi oprește sincronizarea și pornește-o din nou. Fișierele ar trebui să apară în câteva minute.",
}
HARD = {
    "en": "In accordance with the applicable data retention policy, deactivated user accounts are permanently anonymised after a period of ninety days, and therefore the historical activity associated with the account you referenced can no longer be retrieved or attributed.",
    "es": "De conformidad con la política de conservación de datos aplicable, las cuentas de usuario desactivadas se anonimizan de forma permanente transcurrido un período de noventa días, por lo que la actividad histórica asociada a la cuenta ya no puede recuperarse ni atribuirse.",
    "id": "Sesuai dengan kebijakan penyimpanan data yang berlaku, akun pengguna yang dinonaktifkan akan dianonimkan secara permanen setelah jangka waktu sembilan puluh hari, dan oleh karena itu aktivitas historis yang terkait dengan akun tersebut tidak dapat lagi diambil atau dikaitkan.",
    "ro": "În conformitate cu politica aplicabilă de păstrare a datelor, conturile de utilizator dezactivate sunt anonimizate definitiv după o perioadă de nouăzeci de zile și, prin urmare, activitatea istorică asociată contului nu mai poate fi recuperată sau atribuită.",
}


@pytest.mark.parametrize("lang", sorted(EASY))
def test_easy_scores_higher_than_hard(lang: str) -> None:
    easy, hard = reading_ease(EASY[lang], lang), reading_ease(HARD[lang], lang)
    assert easy.value > 60 > 45 > hard.value, (easy, hard)
    assert easy.words_per_sentence < hard.words_per_sentence


def test_fold_keeps_offsets() -> None:
    text = "Reiniciați routerul, ștergeți memoria și apăsați «OK» — ñandú"
    assert len(fold(text)) == len(text)
    assert fold("ștergeți apăsați reinície") == "stergeti apasati reinicie"


def test_layout_is_normalised() -> None:
    text = "Hi Ana,\n1. Open Settings\n2. Click Network\nSee https://example.com/a/b?c=1 or C:\\Temp\\x.log, version 10.2.3."
    out = normalise(text)
    assert "https" not in out and "10.2.3" not in out and "Temp" not in out
    assert out.count(".") >= 4  # each unpunctuated line ends a sentence
    assert word_count("Wi-Fi isn't on") == 3


def test_languages_do_not_share_textstat_state() -> None:
    before = reading_ease.__wrapped__(EASY["en"], "en").value
    reading_ease.__wrapped__(EASY["es"], "es")
    assert reading_ease.__wrapped__(EASY["en"], "en").value == before
    results: list[float] = []
    threads = [threading.Thread(target=lambda l=l: results.append(reading_ease.__wrapped__(EASY[l], l).value)) for l in ("en", "es") * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 2


def test_textstat_is_imported_lazily() -> None:
    """Loading every rule must not import textstat (only scoring a reply does); a fresh process, so
    that other tests having scored text cannot hide an eager import."""
    code = (
        "import sys\n"
        "from ticketlint.registry import default_registry\n"
        "list(default_registry())\n"
        "print('textstat' in sys.modules, 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_warm_before_the_fork_loads_textstat_and_the_english_scorer_only() -> None:
    """`runner.warm` (in the parent, before the workers fork) loads textstat and the English scorer, so that no worker
    loads them again at its first long reply; the other languages' dictionaries are left to the first long reply in
    them (round sixteen: ~0.14 s on one core before the fork); a fresh process, as above."""
    code = (
        "import sys\n"
        "from ticketlint.config import Config\n"
        "from ticketlint.engine import Linter\n"
        "from ticketlint.runner import warm\n"
        "from ticketlint import readability\n"
        "warm(Linter(Config()))\n"
        "print('textstat' in sys.modules, readability._pyphen.cache_info().currsize, readability._textstat.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "1", "1"]


def test_fold_reads_styled_letters_as_plain_ones() -> None:
    """Tweets and reviews write in styled Unicode letters; they fold one for one to what they spell."""
    styled = "𝙺𝚘𝚔 𝚋𝚊𝚗𝚢𝚊𝚔 𝚎𝚛𝚛𝚘𝚛, 𝐒𝐄𝐑𝐕𝐄𝐑 down, ｅｒｒｏｒ ４０４"
    assert fold(styled) == "Kok banyak error, SERVER down, error 404"
    assert len(fold(styled)) == len(styled)


def test_scores_after_the_warm_up_are_those_of_every_dictionary_loaded_first() -> None:
    """A language TL203's warm-up leaves out (its dictionary loaded at the first long reply in it, in a worker)
    scores exactly as when every language was prepared before: the order of loading changes no score."""
    texts = {
        "en": "Please restart the application and then reconfigure the synchronisation settings of your account.",
        "es": "Por favor reinicie la aplicación y después configure nuevamente la sincronización de su cuenta.",
        "id": "Silakan mulai ulang aplikasinya lalu atur kembali pengaturan sinkronisasi akun Anda sekarang.",
        "ro": "Vă rugăm să reporniți aplicația și apoi să reconfigurați setările de sincronizare ale contului.",
    }
    score = f"print([(l, repr(readability.reading_ease(t, l))) for l, t in sorted({texts!r}.items())])\n"
    head = "from ticketlint import readability\n"
    warmed = (head + "from ticketlint.config import Config\nfrom ticketlint.engine import Linter\n"
              "from ticketlint.runner import warm\nwarm(Linter(Config()))\n" + score)
    prepared = head + "for lang in ('en', 'es', 'id', 'ro'):\n    readability.prepare(lang)\n" + score
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for code in (warmed, prepared)]
    assert outs[0] == outs[1]
    assert outs[0].count("Score(") == 4
