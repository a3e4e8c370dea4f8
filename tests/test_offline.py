"""Nothing downloads at run time: the CLI runs every rule with no network at all.

textstat >= 0.7.4 fetches NLTK's cmudict for English on first use; ticketlint
pins 0.7.3 (pyphen syllables, no network). This test runs the CLI inside a
fresh network namespace (`unshare -n`, only loopback, down) so any download
attempt fails the run instead of passing silently on a connected machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

LONG_REPLY = {
    "en": ("Thank you for your patience while we investigated the synchronisation failure that you reported. "
           "Notwithstanding the considerable complexity of the underlying replication architecture, which "
           "incorporates multiple asynchronous intermediary components operating concurrently across geographically "
           "distributed infrastructure, our engineering organisation has determined that the discrepancy originated "
           "from an inconsistency in the configuration parameters that were automatically propagated during the "
           "preceding maintenance window, consequently necessitating a comprehensive reinitialisation procedure."),
    "es": ("Le agradecemos su paciencia mientras investigábamos la incidencia de sincronización que nos comunicó. "
           "No obstante la considerable complejidad de la arquitectura de replicación subyacente, que incorpora "
           "múltiples componentes intermediarios asíncronos que operan simultáneamente sobre una infraestructura "
           "geográficamente distribuida, nuestra organización de ingeniería ha determinado que la discrepancia se "
           "originó en una inconsistencia de los parámetros de configuración propagados automáticamente durante la "
           "ventana de mantenimiento precedente, lo que hace necesario un procedimiento de reinicialización."),
}


def _unshare() -> str | None:
    exe = shutil.which("unshare")
    if exe is None:
        return None
    probe = subprocess.run([exe, "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        probe = subprocess.run([exe, "-n", "true"], capture_output=True)
        return f"{exe} -n" if probe.returncode == 0 else None
    return f"{exe} -rn"


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(LONG_REPLY))
def test_cli_runs_all_rules_without_network(tmp_path, lang: str) -> None:
    prefix = _unshare()
    if prefix is None:
        pytest.skip("unshare with a network namespace is unavailable here")
    ticket = {"id": f"offline-{lang}", "language": lang, "messages": [
        {"role": "customer", "body": "The sync stopped working yesterday."},
        {"role": "agent", "body": LONG_REPLY[lang]},
    ]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(ticket), encoding="utf-8")
    cmd = [*prefix.split(), sys.executable, "-m", "ticketlint", "check", "--isolated", "--select", "ALL",
           "--format", "json", "--exit-zero", str(path)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["summary"]["tickets_linted"] == 1
    assert "nltk" not in r.stderr.lower() and "Traceback" not in r.stderr
    # the readability rule really scored the long reply (textstat ran, offline)
    assert "TL203" in {f["code"] for f in out["findings"]}, out["findings"]


def test_every_rule_runs_without_spacy(tmp_path) -> None:
    """spaCy is not a dependency (bench/spacy_value.py measured it: it split and tagged nothing the text
    layer does not, at 7-20x the cost): a process where `import spacy` fails lints with every rule."""
    ticket = {"id": "no-spacy", "language": "en", "messages": [
        {"role": "customer", "body": "The sync stopped working yesterday. My PIN is 4821."},
        {"role": "agent", "body": LONG_REPLY["en"] + " Flush the DNS CACHE NOW!!! See https://example.com/a/b."},
    ]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(ticket), encoding="utf-8")
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'spacy' or name.startswith('spacy.'):\n"
        "            raise ImportError('spacy is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from ticketlint.cli import main\n"
        f"sys.argv = ['ticketlint', 'check', '--isolated', '--select', 'ALL', '--format', 'json', '--exit-zero', {str(path)!r}]\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "spacy" not in r.stderr.lower(), r.stderr
    out = json.loads(r.stdout)
    assert not out["errors"] and out["summary"]["tickets_unreadable"] == 0, out["errors"]  # no rule failed
    codes = {f["code"] for f in out["findings"]}
    assert {"TL203", "TL601", "TL407"} <= codes, codes
