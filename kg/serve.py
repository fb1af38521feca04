"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, with graph.html beside it.

Oxigraph's own server (the `oxigraph` package's binary, `serve-read-only`) answers the protocol: GET and POST,
results by Accept header, the union of the articles as the default graph. It listens on a private loopback port;
kg's front listens where users connect and adds what Oxigraph's server lacks for kg:

- it serves `graph.html` from the build folder (the store's parent) at `/` and `/graph.html`;
- it refuses updates and Graph Store writes (403), whatever the engine would do;
- it enforces the query timeout: an answer not complete in time is a 503, never a truncated body (Oxigraph's
  own timeout, set a little later as a backstop, stops the computation);
- when `kg build` has swapped in a new store, it starts a new engine on it and lets the old one finish the
  queries it has, so answers follow the latest build and no query fails because of the swap.
"""

from __future__ import annotations

import http.client
import logging
import math
import os
import shutil
import socket
import subprocess
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import KGError
from kg.store import StoreError, is_store

log = logging.getLogger(__name__)

MAX_REQUEST = 10 * 1024 * 1024
"""Largest request body (a query) accepted, in bytes."""
ENGINE_GRACE = 5.0
"""Seconds Oxigraph's own timeout runs after ours, so that ours answers first."""
FORWARDED = ("Accept", "Content-Type", "Accept-Language")


class ServeError(KGError):
    """The endpoint cannot start: the port is taken, the engine is missing or will not open the store."""


def engine_binary() -> str:
    """The `oxigraph` server binary installed with kg (the `oxigraph` package), in this environment or on PATH."""
    found = shutil.which("oxigraph", path=os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")]))
    if found is None:
        raise ServeError("the Oxigraph server is not installed: pip install 'oxigraph==0.5.13' (kg depends on it)")
    return found


def _free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Engine:
    """Oxigraph's read-only server on a private loopback port, replaced by a new one when `kg build` swaps in a
    new store; the old one finishes the queries it has before it stops."""

    def __init__(self, store: Path, timeout: float) -> None:
        """An engine for `store` whose queries get `timeout` seconds (not started yet)."""
        self.store = store
        self.timeout = timeout
        self.binary = engine_binary()
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.retiring: list[subprocess.Popen[bytes]] = []
        self.port = 0
        self.inode = 0

    def start(self) -> None:
        """Start the engine on the store's current version and wait until it answers (or report why it cannot)."""
        if not is_store(self.store):
            raise StoreError(f"{self.store}: not a kg store (run `kg build`, which writes output/store)")
        location = self.store.resolve()  # the version the link names now: a later swap does not move it
        inode = os.stat(location).st_ino
        port = _free_port()
        errors = tempfile.TemporaryFile()
        process = subprocess.Popen(
            [self.binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
             "--timeout-s", str(math.ceil(self.timeout + ENGINE_GRACE))],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                errors.seek(0)
                message = " ".join(errors.read().decode("utf-8", "replace").split()) or "no message"
                raise ServeError(f"{self.store}: the Oxigraph server stopped at once: {message[-300:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                self.process, self.port, self.inode = process, port, inode
                return
            except OSError:
                time.sleep(0.05)
        _stop(process)
        raise ServeError(f"{self.store}: the Oxigraph server did not start within 30 s")

    def stop(self) -> None:
        """Stop the engine and any engine still finishing queries on an older store."""
        for process in [*self.retiring, self.process]:
            if process is not None:
                _stop(process)
        self.retiring.clear()
        self.process = None

    def current_port(self) -> int:
        """The engine's port; when `kg build` has swapped in a new store since it started, a new engine is started
        on it first and the old one is stopped once the queries it is answering are done or timed out."""
        with self.lock:
            try:
                replaced = os.stat(self.store).st_ino != self.inode
            except FileNotFoundError:
                replaced = False  # no store at the moment (moved away by hand): keep answering from the open one
            if replaced or self.process is None or self.process.poll() is not None:
                log.info("store %s changed: starting a new engine", self.store)
                old = self.process
                try:
                    self.start()
                except (ServeError, StoreError):
                    if old is None or old.poll() is not None:
                        raise
                    log.warning("cannot open the new store %s; answering from the previous one", self.store,
                                exc_info=True)
                    return self.port
                if old is not None:
                    self._retire(old)
            return self.port

    def _retire(self, process: subprocess.Popen[bytes]) -> None:
        """Stop `process` after the longest a query sent to it may still run."""
        self.retiring.append(process)

        def later() -> None:
            _stop(process)
            with self.lock:
                if process in self.retiring:
                    self.retiring.remove(process)

        timer = threading.Timer(self.timeout + ENGINE_GRACE, later)
        timer.daemon = True
        timer.start()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate an engine process (kill it if it does not stop within 10 s) and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Front(ThreadingHTTPServer):
    """The address users connect to: graph.html, and the SPARQL endpoint forwarded to the engine."""

    daemon_threads = True
    request_queue_size = 1024
    """Connections the kernel holds until accepted (socketserver's default of 5 drops a burst of 50 clients)."""

    def __init__(self, address: tuple[str, int], engine: Engine, html: Path) -> None:
        """Listen on `address` (raises OSError when it is taken), forwarding queries to `engine`."""
        self.engine = engine
        self.html = html
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    """Routes: `/` and `/graph.html` (the page), `/query` (SPARQL), `/store` (read), `/update` (refused)."""

    server: Front
    server_version = "kg-serve"

    def do_GET(self) -> None:
        """Pages and queries."""
        self._route()

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self._route()

    def do_POST(self) -> None:
        """Queries sent as a form or as application/sparql-query."""
        self._route()

    def do_PUT(self) -> None:
        """Graph Store writes are refused."""
        self._refuse()

    def do_DELETE(self) -> None:
        """Graph Store writes are refused."""
        self._refuse()

    def do_PATCH(self) -> None:
        """Writes are refused."""
        self._refuse()

    def _route(self) -> None:
        """Send each request where it belongs."""
        path = urlsplit(self.path).path
        reading = self.command in ("GET", "HEAD")
        if path == "/update":
            self._refuse()
        elif path in ("/", "/graph.html") and reading and self.server.html.is_file():
            self._send(HTTPStatus.OK, self.server.html.read_bytes(), "text/html; charset=utf-8")
        elif path == "/graph.html":
            self._text(HTTPStatus.NOT_FOUND, f"no graph.html in {self.server.html.parent}: kg build writes it there")
        elif path == "/query" or (path in ("/", "/store") and reading):
            self._forward()
        elif path == "/store":
            self._refuse()
        else:
            self._text(HTTPStatus.NOT_FOUND, "not found: the SPARQL endpoint is /query, the graph page /graph.html")

    def _refuse(self) -> None:
        """403 for anything that would change the data."""
        self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused (rebuild with kg build)")

    def _forward(self) -> None:
        """Pass the request to the engine and its complete answer back, or a 503 when it is not done in time."""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request over {MAX_REQUEST} bytes")
            return
        body = self.rfile.read(length) if length else None
        headers = {k: v for k in FORWARDED if (v := self.headers.get(k))}
        timeout = self.server.engine.timeout
        deadline = time.monotonic() + timeout
        conn = http.client.HTTPConnection("127.0.0.1", self.server.engine.current_port(), timeout=timeout)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            chunks = []
            while chunk := response.read1(1 << 16):
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError
        except (TimeoutError, socket.timeout):
            self._text(HTTPStatus.SERVICE_UNAVAILABLE, f"the query did not finish within {timeout:g} s: "
                                                       f"narrow it down or add a LIMIT")
            return
        except OSError as e:
            self._text(HTTPStatus.BAD_GATEWAY, f"the query engine failed: {e}")
            return
        finally:
            conn.close()
        self._send(response.status, b"".join(chunks), response.getheader("Content-Type") or "text/plain")

    def _text(self, status: HTTPStatus, message: str) -> None:
        """A one-line plain-text answer."""
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        """Status, headers and (except for HEAD) the body."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Requests go to the log, not straight to stderr."""
        log.info("%s %s", self.address_string(), format % args)


def serve(store: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve `store` (and graph.html beside it) at http://host:port/ until interrupted."""
    if timeout <= 0:
        raise ServeError("--timeout must be more than 0 seconds")
    if not store.exists():
        raise StoreError(f"{store}: no store here: run `kg build` first (it writes output/store)")
    engine = Engine(store, timeout)
    try:
        front = Front((host, port), engine, store.parent / "graph.html")
    except OSError as e:
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e} (choose another --port)") from e
    try:
        engine.start()
        if ready:
            ready(f"http://{host}:{front.server_address[1]}")
        front.serve_forever()
    finally:
        front.server_close()
        engine.stop()
