"""Memory of the `kg serve` front while it passes a large answer on: it must not grow with the answer's size.

    .venv/bin/python bench/serve_memory.py [--answer-mb 1300] [--timeout 300]

Makes a store of made-up literals (no model needed) in a temporary folder, starts `kg serve` on it, and sends
one SELECT whose answer (a cross product of the literals, as SPARQL JSON) is about --answer-mb megabytes. The
client reads the answer in pieces and counts it; meanwhile the resident memory (RSS) of the front process and
of the engine is sampled every 20 ms with psutil. Prints the answer's size and status, the front's RSS before,
at its peak and the growth, and the engine's peak, and exits 1 when the front grew by more than a tenth of the
answer (a front that buffers the answer grows by at least its size).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pyoxigraph as ox

KG = str(Path(sys.executable).with_name("kg"))
ROW_BYTES = 2 * 400 + 130
"""About what one row of the cross product takes in SPARQL JSON: two literals of 400 characters and markup."""


def make_store(folder: Path, literals: int) -> Path:
    """A store of `literals` triples `<urn:s/i> <urn:p> "...400 characters..."`."""
    store = ox.Store(str(folder))
    predicate = ox.NamedNode("urn:p")
    store.bulk_extend(ox.Quad(ox.NamedNode(f"urn:s/{i}"), predicate, ox.Literal(f"{i:08d} " + "x" * 391))
                      for i in range(literals))
    store.flush()
    del store
    return folder


def sample(pids: dict[str, int], peaks: dict[str, int], done: threading.Event) -> None:
    """Record the highest RSS of each process until `done` is set."""
    processes = {name: psutil.Process(pid) for name, pid in pids.items()}
    while not done.is_set():
        for name, process in processes.items():
            try:
                peaks[name] = max(peaks.get(name, 0), process.memory_info().rss)
            except psutil.Error:
                pass
        time.sleep(0.02)


def main() -> int:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answer-mb", type=float, default=1300, help="size of the answer to ask for, in MB")
    parser.add_argument("--timeout", type=float, default=300, help="kg serve --timeout")
    args = parser.parse_args()
    literals = max(2, int((args.answer_mb * 1e6 / ROW_BYTES) ** 0.5))
    with tempfile.TemporaryDirectory(prefix="kg-serve-memory-") as tmp:
        store = make_store(Path(tmp) / "store", literals)
        command = [KG, "serve", "--store", str(store), "--port", "0", "--timeout", str(args.timeout)]
        if "--max-answer" in subprocess.run([KG, "serve", "--help"], capture_output=True, text=True).stdout:
            command += ["--max-answer", str(int(args.answer_mb * 2))]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stderr.readline()
            found = re.search(r"(http://\S+?)/query", line)
            if not found:
                print(f"kg serve did not start: {line}{server.stderr.read()}", file=sys.stderr)
                return 1
            front = psutil.Process(server.pid)
            engines = [c for c in front.children(recursive=True) if "oxigraph" in " ".join(c.cmdline())]
            pids = {"front": server.pid, **({"engine": engines[0].pid} if engines else {})}
            before = front.memory_info().rss
            peaks: dict[str, int] = {}
            done = threading.Event()
            sampler = threading.Thread(target=sample, args=(pids, peaks, done), daemon=True)
            sampler.start()
            query = "SELECT ?a ?b WHERE { ?x <urn:p> ?a . ?y <urn:p> ?b }"
            request = urllib.request.Request(f"{found[1]}/query?" + urllib.parse.urlencode({"query": query}),
                                             headers={"Accept": "application/sparql-results+json"})
            started = time.perf_counter()
            received = 0
            try:
                with urllib.request.urlopen(request, timeout=args.timeout + 60) as response:
                    status = response.status
                    while piece := response.read(1 << 20):
                        received += len(piece)
            except urllib.error.HTTPError as e:
                status = e.code
            seconds = time.perf_counter() - started
            done.set()
            sampler.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    mb = 1 / 1e6
    growth = peaks.get("front", before) - before
    print(f"store: {literals} literals; answer: HTTP {status}, {received * mb:,.0f} MB in {seconds:.1f} s")
    print(f"front RSS: {before * mb:,.0f} MB before, {peaks.get('front', 0) * mb:,.0f} MB at its peak "
          f"(grew {growth * mb:,.0f} MB); engine peak {peaks.get('engine', 0) * mb:,.0f} MB")
    bounded = growth <= received / 10
    print(f"front memory {'bounded' if bounded else 'grows with the answer'} "
          f"(growth {growth / max(received, 1):.1%} of the answer)")
    return 0 if bounded and status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
