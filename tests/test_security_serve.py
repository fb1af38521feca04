"""Attacks on `kg serve` and `kg query`, each performed on loopback and shown to fail (issue 13).

SSRF through SERVICE, DNS rebinding and cross-site requests, bad request framing and slow clients, answers too
big or broken midway, RDF/XML entity bombs, an engine outliving its front, IPv6 hosts.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import offline, serve
from kg.cli import app
from kg.store import QueryError, refuse_federation

from servekit import KG, start, stop

runner = CliRunner()


# ---------------------------------------------------------------- fixtures


class Listener:
    """A loopback TCP listener that records every connection made to it (what an SSRF would reach)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.hits.append(conn.recv(4096))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def make_store(folder: Path, literals: int = 3, length: int = 10) -> Path:
    """A small store of `<urn:s/i> <urn:p> "..."` triples (no model needed); a graph.html beside it."""
    store = ox.Store(str(folder / "store"))
    store.bulk_extend(ox.Quad(ox.NamedNode(f"urn:s/{i}"), ox.NamedNode("urn:p"),
                              ox.Literal(f"{i:06d}" + "x" * length)) for i in range(literals))
    store.flush()
    del store
    (folder / "graph.html").write_text("<html><body>the graph page</body></html>", encoding="utf-8")
    return folder / "store"


def service_queries(port: int) -> dict[str, str]:
    """SERVICE in every form we know of, each aimed at the listener on `port`."""
    url = f"http://127.0.0.1:{port}/sparql"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "lower case, silent": f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "mixed case": f"SELECT * WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }}",
        "variable": f"SELECT * WHERE {{ VALUES ?x {{ <{url}> }} SERVICE SILENT ?x {{ ?s ?p ?o }} }}",
        "in EXISTS": f"ASK {{ FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "in NOT EXISTS": f"ASK {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "in a subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "in OPTIONAL": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "comment between": f"SELECT * WHERE {{ SERVICE#comment\n<{url}>{{ ?s ?p ?o }} }}",
        "prefixed name": f"PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        "prefix named service": f"PREFIX service: <http://127.0.0.1:{port}/> "
                                f"SELECT * WHERE {{ SERVICE service:sparql {{ ?s ?p ?o }} }}",
        "glued to a number": f"SELECT * WHERE {{ ?s ?p 1SERVICE <{url}> {{ }} }}",
        "after a blank node": f"SELECT * WHERE {{ [ ?p 1 ]SERVICE <{url}> {{ }} }}",
        "after a quote in an IRI": f"SELECT * WHERE {{ <http://x/\\u0041'> ?p ?o SERVICE <{url}> {{ }} "
                                   f"<http://z/'> ?q ?r }}",
        "after escaped names": f"PREFIX e: <http://e/> SELECT * WHERE {{ ?s ?p e:a\\' SERVICE <{url}> {{ }} "
                               f"?s ?p e:b\\' }}",
        "CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "DESCRIBE": f"DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    }


ESCAPED = "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
"""SPARQL 1.1 allows \\u escapes anywhere; Oxigraph 0.5 reads them only in strings and IRIs (a syntax error
here), and kg must not be fooled either way."""


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    folder = tmp_path_factory.mktemp("served")
    store = make_store(folder)
    process, url = start(store, "--timeout", "5")
    yield url, store, process
    err = stop(process)
    assert "Traceback" not in err, err


def raw(url: str, data: bytes, *, wait: float = 10) -> bytes:
    """Send `data` as it is to the server at `url`; everything it answers until it closes."""
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        answer = b""
        try:
            while piece := s.recv(65536):
                answer += piece
        except (ConnectionResetError, TimeoutError):
            pass
    return answer


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def request(url: str, method: str, path: str, *, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def send_query(url: str, how: str, query: str) -> tuple[int, bytes]:
    """A query the three ways the SPARQL Protocol allows."""
    if how == "GET":
        return request(url, "GET", "/query?" + urllib.parse.urlencode({"query": query}))
    if how == "form POST":
        return request(url, "POST", "/query", body=urllib.parse.urlencode({"query": query}).encode(),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    return request(url, "POST", "/query", body=query.encode(), headers={"Content-Type": "application/sparql-query"})


# ---------------------------------------------------------------- 1. SSRF: SERVICE


def test_refuse_federation_finds_service_in_every_form_and_nothing_else():
    for name, query in service_queries(9).items():
        with pytest.raises(QueryError, match="SERVICE"):
            refuse_federation(query)
    for fine in ('SELECT * WHERE { ?s ?p "the civil service" }', "SELECT ?service WHERE { ?service ?p ?o }",
                 "PREFIX s: <http://e/> SELECT * WHERE { ?s s:serviceArea ?o } # SERVICE <http://e/> { }",
                 "SELECT * WHERE { ?s <http://e/SERVICE> ?o }", 'ASK { FILTER("""SERVICE <x> { }""" != "") }'):
        refuse_federation(fine)


def test_a_confined_query_cannot_connect_even_past_the_check(listener):
    """The second wall: were SERVICE to get past refuse_federation, the thread evaluating it cannot connect."""
    if not offline.available():
        pytest.skip("seccomp is not available on this system")
    store = ox.Store()
    url = f"http://127.0.0.1:{listener.port}/sparql"
    assert offline.run_confined(lambda: list(store.query(f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ }} }}")))
    with pytest.raises(OSError):
        offline.run_confined(lambda: list(store.query(f"SELECT * WHERE {{ SERVICE <{url}> {{ }} }}")))
    with pytest.raises(OSError):
        offline.run_confined(lambda: socket.create_connection(("127.0.0.1", listener.port), timeout=5))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:  # DNS goes out as UDP
        udp.bind(("127.0.0.1", 0))
        udp.settimeout(0.5)
        for send in (lambda s: s.sendto(b"query", udp.getsockname()), lambda s: s.connect(udp.getsockname())):
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as out, pytest.raises(OSError):
                offline.run_confined(lambda: send(out))
        with pytest.raises(TimeoutError):
            udp.recv(100)
    time.sleep(0.3)
    assert listener.hits == []
    socket.create_connection(("127.0.0.1", listener.port), timeout=5).close()  # other threads are not confined
    time.sleep(0.3)
    assert len(listener.hits) == 1


def test_kg_query_refuses_service_on_a_store_and_on_a_graph_file(tmp_path, listener):
    store = make_store(tmp_path)
    graph = tmp_path / "g.ttl"
    graph.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    queries = [*service_queries(listener.port).values(), ESCAPED.format(port=listener.port)]
    for query in queries:
        for source in (["--store", str(store)], ["--graph", str(graph)]):
            result = runner.invoke(app, ["query", query, *source])
            lines = [line for line in result.output.splitlines() if line.strip()]
            assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("error:"), result.output
            assert "Traceback" not in result.output
    query_file = tmp_path / "fed.rq"
    query_file.write_text(service_queries(listener.port)["lower case, silent"], encoding="utf-8")
    result = runner.invoke(app, ["query", "-f", str(query_file), "--store", str(store)])
    assert result.exit_code == 1 and "SERVICE (a federated query) is refused" in result.output
    time.sleep(0.5)
    assert listener.hits == [], "a query made kg connect"


@pytest.mark.slow
@pytest.mark.parametrize("how", ["GET", "form POST", "sparql-query POST"])
def test_kg_serve_refuses_service_and_sends_nothing(served, listener, how):
    url, _, _ = served
    for name, query in service_queries(listener.port).items():
        status, body = send_query(url, how, query)
        assert status == 403 and b"SERVICE" in body, (name, status, body)
    status, _ = send_query(url, how, ESCAPED.format(port=listener.port))
    assert status == 400
    status, body = send_query(url, how, 'SELECT * WHERE { ?s ?p ?o FILTER(?o != "service") }')
    assert status == 200 and json.loads(body)["results"]["bindings"]
    time.sleep(0.5)
    assert listener.hits == [], "a query made kg serve connect"


def engine_of(process: subprocess.Popen) -> psutil.Process:
    children = [c for c in psutil.Process(process.pid).children(recursive=True) if "oxigraph" in " ".join(c.cmdline())]
    assert len(children) == 1, children
    return children[0]


def engine_url(engine: psutil.Process) -> str:
    listening = [c.laddr for c in engine.net_connections("tcp") if c.status == psutil.CONN_LISTEN]
    return f"http://{listening[0].ip}:{listening[0].port}"


@pytest.mark.slow
def test_the_engine_itself_cannot_connect_anywhere(served, listener):
    """Sent straight to the engine's private port (around the front), SERVICE still reaches nothing."""
    if not offline.available():
        pytest.skip("seccomp is not available on this system")
    _, _, process = served
    engine = engine_of(process)
    assert not engine_url(engine).startswith("http://127.0.0.1:"), "the engine should hide on a random 127.x address"
    for name, query in service_queries(listener.port).items():
        if name in ("glued to a number", "after a blank node"):
            continue
        send_query(engine_url(engine), "sparql-query POST", query)
    send_query(engine_url(engine), "GET", "SELECT * WHERE { SERVICE <http://localhost:1/> { } }")
    time.sleep(0.5)
    assert listener.hits == [], "the engine connected"


@pytest.mark.slow
def test_updates_and_writes_stay_refused(served):
    url, _, _ = served
    assert send_query(url, "form POST", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 400
    assert request(url, "POST", "/update", body=b"update=LOAD+%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert request(url, "PUT", "/store?default", body=b"<urn:a> <urn:b> <urn:c> .",
                   headers={"Content-Type": "application/n-triples"})[0] == 403
    assert request(url, "GET", "/sparql?query=ASK%7B%7D")[0] == 404


# ---------------------------------------------------------------- 2. DNS rebinding, cross-site requests


@pytest.mark.slow
def test_foreign_host_names_are_refused(served):
    url, _, _ = served
    port = urllib.parse.urlsplit(url).port
    query = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for host in ("evil.example", f"evil.example:{port}", "localhost.", f"127.0.0.1.evil.example:{port}",
                 "kg.localhost", "127.0.0.1@evil.example", "[fe80::1%25eth0]"):
        for path in (query, "/", "/graph.html", "/store?default"):
            answer = raw(url, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            assert status_of(answer) in (400, 421), (host, path, answer[:200])
            assert b"the graph page" not in answer and b"boolean" not in answer
    for host in ("127.0.0.1", f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        answer = raw(url, f"GET {query} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert status_of(answer) == 200, (host, answer[:200])
    absolute = raw(url, f"GET http://evil.example{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert status_of(absolute) == 400
    twice = raw(url, f"GET {query} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n".encode())
    assert status_of(twice) == 400


@pytest.mark.slow
def test_cross_origin_requests_are_refused(served):
    url, _, _ = served
    port = urllib.parse.urlsplit(url).port
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Origin": f"http://localhost:{port + 1}"},
                    {"Origin": f"https://127.0.0.1:{port}"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site"}):
        for method, body in (("POST", form), ("GET", None)):
            status, answer = request(url, method, "/query" if body else "/query?" + form.decode(), body=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded", **headers})
            assert status == 403 and b"boolean" not in answer, (headers, method, status)
    status, _ = request(url, "POST", "/query", body=form,
                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                 "Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"})
    assert status == 200


# ---------------------------------------------------------------- 6. framing, slow clients, connection cap


@pytest.mark.slow
def test_bad_request_framing_is_refused_without_a_traceback(served):
    url, _, process = served
    query = "ASK { ?s ?p ?o }"
    head = "POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    cases = {
        "negative length": (head + "Content-Length: -1\r\n\r\n" + query, 400),
        "not a number": (head + "Content-Length: abc\r\n\r\n" + query, 400),
        "two lengths": (head + f"Content-Length: {len(query)}\r\nContent-Length: 3\r\n\r\n" + query, 400),
        "a list of lengths": (head + f"Content-Length: {len(query)}, {len(query)}\r\n\r\n" + query, 400),
        "over 10 MB": (head + "Content-Length: 10485761\r\n\r\n" + query, 413),
        "chunked": (head + f"Transfer-Encoding: chunked\r\n\r\n{len(query):x}\r\n{query}\r\n0\r\n\r\n", 411),
        "chunked and a length": (head + f"Transfer-Encoding: chunked\r\nContent-Length: {len(query)}\r\n\r\n"
                                 + query, 411),
        "no length": (head + "\r\n" + query, 411),
        "wrong media type": ("POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                             f"Content-Length: {len(query)}\r\n\r\n" + query, 415),
        "HTTP/1.1 without Host": ("GET /query?query=ASK%7B%7D HTTP/1.1\r\n\r\n", 400),
        "two queries": ("GET /query?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),
    }
    for name, (data, expected) in cases.items():
        assert status_of(raw(url, data.encode())) == expected, name
    assert status_of(raw(url, b"GET /query?query=ASK%7B%7D HTTP/1.0\r\n\r\n")) == 200  # HTTP/1.0 needs no Host
    assert process.poll() is None


@pytest.fixture
def front(tmp_path, monkeypatch) -> Iterator[serve.Front]:
    """An in-process front with short limits (REQUEST_TIMEOUT 1 s, 3 connections) over a real engine."""
    monkeypatch.setattr(serve, "REQUEST_TIMEOUT", 1.0)
    monkeypatch.setattr(serve, "MAX_CONNECTIONS", 3)
    monkeypatch.setattr(serve, "ACCEPT_WAIT", 0.5)
    store = make_store(tmp_path)
    engine = serve.Engine(store, timeout=5)
    engine.start()
    server = serve.Front(("127.0.0.1", 0), engine, tmp_path / "graph.html", max_answer=2_000_000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    engine.stop()


def front_url(server: serve.Front) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.slow
def test_idle_and_half_sent_connections_are_closed_and_counted(front):
    url = front_url(front)
    idle = [socket.create_connection(("127.0.0.1", front.server_address[1]), timeout=10) for _ in range(2)]
    idle[1].sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nASK")  # half a body
    slow = socket.create_connection(("127.0.0.1", front.server_address[1]), timeout=10)
    slow.sendall(b"GET /query HTTP/1.1\r\n")
    time.sleep(0.2)
    busy = raw(url, b"GET /query?query=ASK%7B%7D HTTP/1.0\r\n\r\n")
    assert status_of(busy) == 503 and b"busy" in busy, "a fourth connection beyond the cap of 3"
    started = time.monotonic()
    for s in (*idle, slow):
        while s.recv(65536):  # the server answers (408) and closes
            pass
        s.close()
    assert time.monotonic() - started < 5
    assert status_of(raw(url, b"GET /query?query=ASK%7B%7D HTTP/1.0\r\n\r\n")) == 200


# ---------------------------------------------------------------- 5. answers: spooled, capped, never partial


class FakeEngine:
    """An engine that answers every request with the raw bytes given, as a broken engine might."""

    def __init__(self, answer: bytes, *, delay: float = 0.0, timeout: float = 1.0) -> None:
        self.timeout = timeout
        self.failure_count = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.answer, self.delay = answer, delay
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            request = b""
            while b"\r\n\r\n" not in request:  # the whole request, so that closing does not reset the connection
                request += conn.recv(65536)
            head, _, body = request.partition(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head)[1])
            while len(body) < length:
                body += conn.recv(65536)
            for i in range(0, len(self.answer), 1000):
                try:
                    conn.sendall(self.answer[i:i + 1000])
                except OSError:
                    break
                time.sleep(self.delay)
            conn.close()

    def current_address(self) -> tuple[str, int]:
        return self.sock.getsockname()

    def failures_since(self, count: int) -> list[str]:
        return []


def fake_front(engine: FakeEngine, tmp_path: Path) -> serve.Front:
    server = serve.Front(("127.0.0.1", 0), engine, tmp_path / "graph.html", max_answer=100_000)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
ROWS = b'{"head":{"vars":["s"]},"results":{"bindings":[' + b'{"s":{"type":"literal","value":"x"}},' * 500


@pytest.mark.parametrize("answer, delay, expected", [
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(ROWS) + ROWS + b"\r\n", 0, 502),
    (HEAD + b"Content-Length: %d\r\n\r\n" % (len(ROWS) * 2) + ROWS, 0, 502),
    (HEAD + b"Content-Length: %d\r\n\r\n" % len(ROWS) + ROWS, 0.1, 503),
    (HEAD + b"Content-Length: %d\r\n\r\n" % (len(ROWS) * 10) + ROWS * 10, 0, 507),
    (HEAD + b"Content-Length: %d\r\n\r\n" % len(ROWS) + ROWS, 0, 200),
], ids=["chunked, cut", "length, cut", "too slow", "over the cap", "whole"])
def test_an_answer_is_passed_on_whole_or_not_at_all(tmp_path, answer, delay, expected):
    server = fake_front(FakeEngine(answer, delay=delay), tmp_path)
    try:
        status, body = send_query(front_url(server), "GET", "SELECT * WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
        server.server_close()
    assert status == expected
    assert (body == ROWS) if expected == 200 else not body.startswith(b'{"head"')


@pytest.mark.slow
def test_an_engine_failing_midway_is_a_502_not_a_truncated_200(front, listener, monkeypatch):
    """Oxigraph ends a failed answer as if it were complete, with the error appended: the front must see it.
    SERVICE is let through the front here, so the sandboxed engine fails mid-answer (and reaches nothing)."""
    if not offline.available():
        pytest.skip("seccomp is not available on this system")
    monkeypatch.setattr(serve, "refuse_federation", lambda *args, **kwargs: None)
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    status, body = send_query(front_url(front), "sparql-query POST", query)
    assert status == 502 and b"failed while answering" in body, (status, body)
    assert listener.hits == []


@pytest.mark.slow
def test_front_memory_stays_flat_on_a_large_answer(tmp_path):
    """A 200 MB answer passes through the front without the front growing by anything like it."""
    store = make_store(tmp_path, literals=500, length=400)
    process, url = start(store, "--timeout", "120")
    try:
        front = psutil.Process(process.pid)
        before = front.memory_info().rss
        peak = before
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, front.memory_info().rss)
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        conn.request("GET", "/query?" + urllib.parse.urlencode(
            {"query": "SELECT ?a ?b WHERE { ?x <urn:p> ?a . ?y <urn:p> ?b }"}))
        response = conn.getresponse()
        size = 0
        while piece := response.read(1 << 20):
            size += len(piece)
        done.set()
        sampler.join()
        assert response.status == 200 and size == int(response.getheader("Content-Length"))
        assert size > 200_000_000
        assert peak - before < 60_000_000, f"the front grew by {(peak - before) / 1e6:.0f} MB"
    finally:
        stop(process)


# ---------------------------------------------------------------- 8. RDF/XML bombs and other graph files


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a0 "lollollollollollollollollollol">\n'
          + "".join(f' <!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">\n' for i in range(1, 10))
          + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">\n'
          '<rdf:Description rdf:about="http://e/s"><ex:p>&a9;</ex:p></rdf:Description>\n</rdf:RDF>\n')
RDF = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">{}</rdf:RDF>'


@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["explain", "anything"]])
def test_rdf_xml_bombs_are_refused_before_parsing(tmp_path, command):
    bomb = tmp_path / "laughs.rdf"
    bomb.write_text(LAUGHS, encoding="utf-8")
    assert len(LAUGHS) < 1000
    hidden = tmp_path / "hidden.owl"  # Oxigraph also reads declarations that sit in a DTD comment
    hidden.write_text(LAUGHS.replace("<!ENTITY a9", "<!-- <!ENTITY a9").replace("]>", "-->]>")
                      .replace("&a9;", "x"), encoding="utf-8")
    deep = tmp_path / "deep.rdf"
    deep.write_text(RDF.format('<rdf:Description rdf:about="http://e/s">' + "<ex:p><rdf:Description>" * 20000
                               + "</rdf:Description></ex:p>" * 20000 + "</rdf:Description>"), encoding="utf-8")
    for path, reason in ((bomb, "document type declaration"), (hidden, "document type declaration"),
                         (deep, "nested more than 256")):
        started = time.monotonic()
        result = runner.invoke(app, [*command, "--graph", str(path)])
        assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output, result.output
        assert time.monotonic() - started < 10
    plain = tmp_path / "plain.rdf"
    plain.write_text(RDF.format('<rdf:Description rdf:about="http://e/s"><ex:p>x</ex:p></rdf:Description>'),
                     encoding="utf-8")
    assert runner.invoke(app, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--graph", str(plain)]).exit_code == 0


def test_graph_files_fetch_nothing_and_are_bounded(tmp_path, listener, monkeypatch):
    files = {
        "external.rdf": f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:{listener.port}/dtd">\n'
                        + RDF.format(""),
        "context.jsonld": '{"@context": "http://127.0.0.1:%d/ctx", "@id": "http://e/s", "p": "x"}' % listener.port,
        "import.jsonld": '{"@context": {"@import": "http://127.0.0.1:%d/c"}, "@id": "http://e/s"}' % listener.port,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path / name)])
        assert result.exit_code == 1 and "Traceback" not in result.output, (name, result.output)
    time.sleep(0.3)
    assert listener.hits == []
    import kg.export

    monkeypatch.setattr(kg.export, "MAX_GRAPH_BYTES", 10)
    (tmp_path / "big.ttl").write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path / "big.ttl")])
    assert result.exit_code == 1 and "more than kg reads into memory" in result.output


@pytest.mark.parametrize("command", [["export", "--to", "ntriples"], ["viz"], ["validate"],
                                     ["eval", "--gold", str(Path(__file__).parent / "gold" / "seed.json")]])
def test_turtle_commands_refuse_an_rdf_xml_bomb(tmp_path, command):
    bomb = tmp_path / "laughs.rdf"
    bomb.write_text(LAUGHS, encoding="utf-8")
    result = runner.invoke(app, [command[0], str(bomb), *command[1:]])
    assert result.exit_code == 1 and "Traceback" not in result.output and "Turtle" in result.output, result.output


# ---------------------------------------------------------------- low: the engine dies with its front; IPv6


@pytest.mark.slow
def test_the_engine_dies_when_the_front_is_killed(tmp_path):
    process, url = start(make_store(tmp_path))
    engine = engine_of(process)
    address = engine_url(engine)
    assert request(address, "GET", "/query?query=ASK%7B%7D")[0] == 200
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    try:
        engine.wait(timeout=10)
    except psutil.TimeoutExpired:
        assert engine.status() == psutil.STATUS_ZOMBIE, "the engine outlived its front"
    parts = urllib.parse.urlsplit(address)
    with pytest.raises(OSError):
        socket.create_connection((parts.hostname, parts.port), timeout=2)


@pytest.mark.slow
def test_an_ipv6_host_works(tmp_path):
    try:
        socket.socket(socket.AF_INET6).bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    process = subprocess.Popen([KG, "serve", "--store", str(make_store(tmp_path)), "--port", "0", "--host", "::1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        found = re.search(r"http://\[::1\]:(\d+)/query", line)
        assert found, line
        conn = http.client.HTTPConnection("::1", int(found[1]), timeout=30)
        conn.request("GET", "/query?query=ASK%7B%7D", headers={"Host": f"[::1]:{found[1]}"})
        assert conn.getresponse().status == 200
    finally:
        stop(process)
    unknown = subprocess.run([KG, "serve", "--store", str(tmp_path / "store"), "--host", "no-such-host.invalid"],
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "cannot listen on no-such-host.invalid" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_queries_nested_deep_enough_to_crash_the_engine_are_refused(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    for deep in ("SELECT * WHERE " + "{" * 3000 + "}" * 3000,
                 "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"):
        result = runner.invoke(app, ["query", deep, "--graph", str(graph)])
        assert result.exit_code == 1 and "nested more than 500 levels" in result.output, result.output
    shallow = 'SELECT * WHERE { ?s ?p ?o FILTER(?o != "' + "{" * 3000 + '") } # ' + "(" * 3000
    assert runner.invoke(app, ["query", shallow, "--graph", str(graph)]).exit_code == 0


@pytest.mark.slow
def test_kg_serve_refuses_a_query_that_would_crash_the_engine(served):
    url, _, process = served
    engine = engine_of(process)
    status, body = send_query(url, "sparql-query POST", "SELECT * WHERE " + "{" * 3000 + "}" * 3000)
    assert status == 403 and b"nested more than" in body
    assert engine.is_running() and engine_of(process).pid == engine.pid
