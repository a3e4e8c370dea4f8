"""Warm latency, throughput and memory of `ticketlint serve` over HTTP on loopback.

    python bench/serve.py [--quick] [--json]

Starts `ticketlint serve` (a subprocess, --isolated) on a free 127.0.0.1
port and measures, with a bounded load generator (httpx; a fixed number of
requests, each with a timeout; nothing but 127.0.0.1 is ever contacted):

- p50 / p99 of one short ticket and of a 5-message ticket (one client, one
  request at a time: the latency a webhook sees);
- requests/s of the short ticket with --workers 1 and --workers 2 (4
  concurrent clients);
- the server's RSS (all its processes) after 100 and after 10,000 requests
  (target: flat: nothing per request is kept).

The client shares the machine's cores with the server, so requests/s is a
floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx  # start-up checks and the one-at-a-time latency client

SHORT = {"text": "The VPN client crashed again after the update. I didn't touch anything.", "role": "customer"}
THREAD = {"id": "B-5", "messages": [
    {"role": "customer", "body": "Hi, the invoicing app crashed twice this morning when I export to PDF. I didn't change anything."},
    {"role": "agent", "body": "Thanks for writing. Could you send the exact error message and the app version? Please clear the cache first."},
    {"role": "customer", "body": "La aplicación sigue sin funcionar, ahora ni abre. No hice nada raro."},
    {"role": "note", "body": "Pelanggan sudah restart laptop, tetap gagal. Eskalasi ke tim L2 kalau belum ada kode error."},
    {"role": "agent", "body": "Vă mulțumim! Am reprodus problema; versiunea nouă o rezolvă. Reporniți aplicația după actualizare."},
]}
SRC = Path(__file__).resolve().parent.parent / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_kib(pid: int) -> int:
    """RSS of a process and all its descendants (uvicorn's workers), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo += [int(k) for k in kids]
        except (OSError, StopIteration):
            continue
    return total


class Server:
    def __init__(self, workers: int) -> None:
        self.port = _free_port()
        env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ticketlint", "serve", "--isolated", "--port", str(self.port),
             "--workers", str(workers), "--max-concurrency", "8"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        ready = 0
        while ready < workers * 3:  # every worker answers (each builds and warms its Linter first)
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise SystemExit("bench/serve.py: the server did not start")
            try:
                httpx.post(f"{self.url}/v1/lint", json=SHORT, timeout=5).raise_for_status()
                ready += 1
            except httpx.HTTPError:
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def latency(url: str, body: dict, n: int) -> dict[str, float]:
    times = []
    with httpx.Client(base_url=url, timeout=10) as c:
        for _ in range(n):
            t = time.perf_counter()
            c.post("/v1/lint", json=body).raise_for_status()
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p99_ms": round(times[int(len(times) * 0.99) - 1], 2), "n": n}


async def _post_loop(port: int, payload: bytes, counter: list[int]) -> None:
    """One keep-alive connection posting until the shared count is used up.

    Raw HTTP/1.1 over asyncio streams rather than an HTTP client library: on a
    2-core machine the generator shares the CPU with the server, and httpx's
    async client costs more per request than the lint it measures.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (f"POST /v1/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
    try:
        while counter[0] > 0:
            counter[0] -= 1
            writer.write(head)
            status = await asyncio.wait_for(reader.readline(), 10)
            if b" 200 " not in status:
                raise SystemExit(f"bench/serve.py: the server answered {status!r}")
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
    finally:
        writer.close()


async def _load_async(url: str, body: dict, n: int, clients: int) -> float:
    port = int(url.rsplit(":", 1)[1])
    payload = json.dumps(body).encode()
    counter = [n]
    t = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(_post_loop(port, payload, counter) for _ in range(clients))), 600)
    return n / (time.perf_counter() - t)


def _load(url: str, body: dict, n: int, clients: int) -> float:
    """Requests/s of `n` requests over `clients` concurrent connections (bounded: n, and 600 s)."""
    return asyncio.run(_load_async(url, body, n, clients)) if n > 0 else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer requests (CI smoke)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    n_lat, n_rps, n_rss = (50, 200, 1_000) if args.quick else (500, 1_500, 10_000)
    out: dict[str, object] = {}
    server = Server(workers=1)
    try:
        latency(server.url, THREAD, 20)  # warm the connection and the thread path
        out["short"] = latency(server.url, SHORT, n_lat)
        out["thread5"] = latency(server.url, THREAD, n_lat)
        out["rps_1_worker"] = round(_load(server.url, SHORT, n_rps, 4), 1)
    finally:
        server.stop()
    server = Server(workers=1)
    try:
        _load(server.url, SHORT, 100 - 3, 2)
        rss100 = _rss_kib(server.proc.pid)
        _load(server.url, SHORT, n_rss - 100, 4)
        rss_n = _rss_kib(server.proc.pid)
        out["rss_mib_after_100"] = round(rss100 / 1024, 1)
        out[f"rss_mib_after_{n_rss}"] = round(rss_n / 1024, 1)
    finally:
        server.stop()
    server = Server(workers=2)
    try:
        _load(server.url, SHORT, 50, 4)
        out["rps_2_workers"] = round(_load(server.url, SHORT, n_rps, 4), 1)
    finally:
        server.stop()
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"short ticket      p50 {out['short']['p50_ms']:7.2f} ms   p99 {out['short']['p99_ms']:7.2f} ms")  # type: ignore[index]
    print(f"5-message ticket  p50 {out['thread5']['p50_ms']:7.2f} ms   p99 {out['thread5']['p99_ms']:7.2f} ms")  # type: ignore[index]
    print(f"requests/s (short, 4 clients): 1 worker {out['rps_1_worker']}, 2 workers {out['rps_2_workers']}")
    print(f"RSS: {out['rss_mib_after_100']} MiB after 100 requests, {out[f'rss_mib_after_{n_rss}']} MiB after {n_rss:,}")


if __name__ == "__main__":
    main()
