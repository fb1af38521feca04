"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, with graph.html beside it.

Oxigraph's own server (the `oxigraph` package's binary, `serve-read-only`) answers the protocol: results by
Accept header, the union of the articles as the default graph. It listens on a private loopback address; kg's
front listens where users connect and adds what Oxigraph's server lacks for kg:

- it serves `graph.html` from the build folder (the store's parent) at `/` and `/graph.html`;
- it refuses updates and Graph Store writes (403), federated queries (SERVICE, 403: kg.store.refuse_federation)
  and queries nested deep enough to crash the engine (403), and it sends the engine a request of its own making that
  holds exactly the query it checked;
- it answers only requests addressed to it by a name it listens under (DNS rebinding: 421) and refuses requests a
  browser sends on behalf of another site (a foreign Origin, Sec-Fetch-Site cross-site or same-site: 403);
- it validates requests (one numeric Content-Length within 10 MB, no Transfer-Encoding), gives a client
  REQUEST_TIMEOUT seconds to send its whole request and serves at most MAX_CONNECTIONS at a time;
- it enforces the query timeout and never sends part of an answer: the engine's answer is spooled (in memory up
  to 1 MiB, then to a nameless temporary file, up to --max-answer) and sent with its Content-Length only once
  complete; not complete in time is a 503, over the cap a 507, an engine failing mid-answer a 502. So the
  front's memory does not grow with the answer, and a 200 always carries a whole answer;
- when `kg build` has swapped in a new store, it starts a new engine on it and lets the old one finish the
  queries it has, so answers follow the latest build and no query fails because of the swap.

The engine runs under kg.offline's launcher: it cannot open any connection (so no query can make it fetch
anything), and the kernel kills it when the front dies, even by SIGKILL.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import logging
import math
import os
import random
import re
import select
import shutil
import socket
import socketserver
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from kg import offline
from kg.errors import KGError
from kg.store import QueryError, StoreError, is_store, refuse_deep_nesting, refuse_federation

log = logging.getLogger(__name__)

MAX_REQUEST = 10 * 1024 * 1024
"""Largest request body (a query) accepted, in bytes."""
MAX_ANSWER = 1024 * 1_000_000
"""Largest answer passed on by default, in bytes (`kg serve --max-answer`, in MB)."""
SPOOL_MEMORY = 1024 * 1024
"""Bytes of an answer kept in memory before the rest goes to a temporary file."""
PIECE = 64 * 1024
"""Bytes read from the engine, or sent to a client, at a time."""
MAX_CONNECTIONS = 64
"""Connections served at once; the next waits up to ACCEPT_WAIT seconds for a free slot, then gets a 503."""
ACCEPT_WAIT = 5.0
REQUEST_TIMEOUT = 20.0
"""Seconds a client has to send its whole request (line, headers and body) once connected."""
SEND_TIMEOUT = 60.0
"""Seconds a client may take to accept each piece of an answer."""
ENGINE_GRACE = 5.0
"""Seconds Oxigraph's own timeout runs after ours, so that ours answers first."""
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
"""SPARQL Protocol parameters passed on to the engine besides the query."""
STREAM_FAILURE = "Internal server error while streaming results: "
"""What Oxigraph's server writes on stderr when a query fails mid-answer (it appends the error to the body and
ends it as if complete)."""
HOST = re.compile(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?")
"""A Host header (or an Origin's authority): a name, an IPv4 address or a bracketed IPv6 address, then a port."""
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


class ServeError(KGError):
    """The endpoint cannot start: the port is taken, the engine is missing or will not open the store."""


def engine_binary() -> str:
    """The `oxigraph` server binary installed with kg (the `oxigraph` package), in this environment or on PATH."""
    found = shutil.which("oxigraph", path=os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")]))
    if found is None:
        raise ServeError("the Oxigraph server is not installed: pip install 'oxigraph==0.5.13' (kg depends on it)")
    return found


def _engine_address() -> tuple[str, int]:
    """A free port on a random loopback address (127.x.y.z on Linux, where the whole 127/8 is local), so that a
    browser page cannot find the engine by scanning 127.0.0.1 and talk to it around the front; else 127.0.0.1."""
    for address in (f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}", "127.0.0.1"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((address, 0))
            except OSError:
                continue
            return address, s.getsockname()[1]
    raise ServeError("cannot find a free loopback port for the query engine")


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
        self.address = ("127.0.0.1", 0)
        self.inode = 0
        self.spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-engine-spawner")
        # Engines are started from this one long-lived thread: the kernel kills an engine when the thread that
        # started it ends (PR_SET_PDEATHSIG), which must be when the front ends, not when a request's thread does.
        self.stderr_lock = threading.Lock()
        self.partial: dict[int, bytes] = {}
        self.last_lines: dict[int, deque[str]] = {}
        self.failures: deque[str] = deque(maxlen=1000)
        self.failure_count = 0

    def start(self) -> None:
        """Start the engine on the store's current version and wait until it answers (or report why it cannot)."""
        if not is_store(self.store):
            raise StoreError(f"{self.store}: not a kg store (run `kg build`, which writes output/store)")
        location = self.store.resolve()  # the version the link names now: a later swap does not move it
        inode = os.stat(location).st_ino
        address = _engine_address()
        command = [sys.executable, "-I", "-m", "kg.offline", str(os.getpid()), self.binary, "serve-read-only",
                   "--location", str(location), "--bind", f"{address[0]}:{address[1]}",
                   "--timeout-s", str(math.ceil(self.timeout + ENGINE_GRACE))]
        process = self.spawner.submit(subprocess.Popen, command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).result()
        self._watch(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self._drain(process)
                message = " ".join(self.last_lines.get(process.pid, ())) or "no message"
                raise ServeError(f"{self.store}: the Oxigraph server stopped at once: {message[-300:]}")
            try:
                socket.create_connection(address, timeout=1).close()
                self.process, self.address, self.inode = process, address, inode
                return
            except OSError:
                time.sleep(0.05)
        _stop(process)
        raise ServeError(f"{self.store}: the Oxigraph server did not start within 30 s")

    def _watch(self, process: subprocess.Popen[bytes]) -> None:
        """Read the engine's stderr as it comes (so it never blocks on a full pipe), in a thread of its own."""
        assert process.stderr is not None
        os.set_blocking(process.stderr.fileno(), False)
        self.last_lines[process.pid] = deque(maxlen=20)

        def watch() -> None:
            """Drain until the engine closes its stderr, then close our end."""
            while self._drain(process):
                select.select([process.stderr], [], [], 1.0)
            with self.stderr_lock:
                process.stderr.close()  # type: ignore[union-attr]

        threading.Thread(target=watch, name=f"kg-engine-{process.pid}-stderr", daemon=True).start()

    def _drain(self, process: subprocess.Popen[bytes]) -> bool:
        """Take what the engine has written on stderr so far: its last lines (why it failed to start) and each
        answer that failed midway; False once its stderr is closed."""
        assert process.stderr is not None
        with self.stderr_lock:
            data = b""
            while True:
                try:
                    piece = os.read(process.stderr.fileno(), PIECE)
                except BlockingIOError:
                    open_ = True
                    break
                except (OSError, ValueError):
                    open_ = False
                    break
                if not piece:
                    open_ = False
                    break
                data += piece
            *lines, self.partial[process.pid] = (self.partial.get(process.pid, b"") + data).split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip()
                if line:
                    self.last_lines[process.pid].append(line)
                    log.info("engine: %s", line)
                if line.startswith(STREAM_FAILURE):
                    self.failures.append(line.removeprefix(STREAM_FAILURE))
                    self.failure_count += 1
            return open_

    def failures_since(self, count: int) -> list[str]:
        """The messages of answers that failed midway since the engine had counted `count` of them (the engine
        writes the message on stderr before the end of the answer, so it is there once the answer is read)."""
        for process in [self.process, *self.retiring]:
            if process is not None:
                self._drain(process)
        with self.stderr_lock:
            return list(self.failures)[-(self.failure_count - count):] if self.failure_count > count else []

    def stop(self) -> None:
        """Stop the engine and any engine still finishing queries on an older store."""
        for process in [*self.retiring, self.process]:
            if process is not None:
                _stop(process)
        self.retiring.clear()
        self.process = None
        self.spawner.shutdown(wait=False)

    def current_address(self) -> tuple[str, int]:
        """The engine's address; when `kg build` has swapped in a new store since it started, a new engine is
        started on it first and the old one is stopped once the queries it is answering are done or timed out."""
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
                    return self.address
                if old is not None:
                    self._retire(old)
            return self.address

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


def address_family(host: str, port: int) -> socket.AddressFamily:
    """The family to listen with on `host`: an IP address's own, a name's IPv4 address when it has one."""
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        pass
    try:
        families = {info[0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    except socket.gaierror as e:
        raise ServeError(f"cannot listen on {host}: {e.strerror} (give an address such as 127.0.0.1 or ::1)") \
            from e
    return socket.AF_INET if socket.AF_INET in families else socket.AF_INET6


def url_host(host: str) -> str:
    """`host` as written in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


class Front(ThreadingHTTPServer):
    """The address users connect to: graph.html, and the SPARQL endpoint forwarded to the engine."""

    daemon_threads = True
    request_queue_size = 1024
    """Connections the kernel holds until accepted (socketserver's default of 5 drops a burst of 50 clients)."""

    def __init__(self, address: tuple[str, int], engine: Engine, html: Path, *,
                 max_answer: int = MAX_ANSWER) -> None:
        """Listen on `address` (raises OSError when it is taken), forwarding queries to `engine`."""
        self.engine = engine
        self.html = html
        self.max_answer = max_answer
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        host = address[0]
        self.names = LOOPBACK_NAMES | {_normal(host)}
        self.any_address = host in ("0.0.0.0", "::", "")
        """Bound to every address: clients reach it by any of the machine's IP addresses."""
        self.address_family = address_family(host, address[1])
        super().__init__(address, Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the address (kg serve asks no name server anything)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def accepts(self, name: str) -> bool:
        """Whether `name` (a Host header's, lower case, no brackets) is one this server listens under."""
        if name in self.names:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return self.any_address

    def process_request(self, request: socket.socket, client_address: tuple[str, int]) -> None:  # type: ignore[override]
        """Serve the connection in a thread of its own when one of MAX_CONNECTIONS slots frees up in time,
        else answer 503 at once."""
        if not self.slots.acquire(timeout=ACCEPT_WAIT):
            _busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket],
                     client_address: tuple[str, int]) -> None:
        """A request that failed in a way the handler did not foresee: one line in the log, not a traceback."""
        error = sys.exc_info()[1]
        log.warning("request from %s failed: %r", client_address[0], error)
        log.debug("request from %s failed", client_address[0], exc_info=True)

    def process_request_thread(self, request: socket.socket, client_address: tuple[str, int]) -> None:  # type: ignore[override]
        """Serve one connection, then free its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def _busy(request: socket.socket) -> None:
    """A 503 for a connection over MAX_CONNECTIONS, written without waiting for the client."""
    body = f"busy: {MAX_CONNECTIONS} connections are being served; try again\n".encode()
    head = (f"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nRetry-After: 5\r\nConnection: close\r\n\r\n").encode()
    try:
        request.settimeout(0.5)
        request.sendall(head + body)
    except OSError:
        pass


def _normal(name: str) -> str:
    """A host name or address as compared: lower case, an IPv6 address without brackets and in its short form."""
    name = name.strip("[]").lower()
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


class _DeadlineReader(io.RawIOBase):
    """A connection's incoming bytes, which must all arrive before a deadline (else TimeoutError): a client that
    sends a request slowly, or never finishes it, loses its connection after REQUEST_TIMEOUT seconds."""

    def __init__(self, connection: socket.socket, deadline: float) -> None:
        """Read from `connection` until `deadline` (time.monotonic())."""
        super().__init__()
        self.connection = connection
        self.deadline = deadline

    def readable(self) -> bool:
        """It is."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """What has arrived, waiting at most until the deadline."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request was not received in time")
        self.connection.settimeout(remaining)
        return self.connection.recv_into(buffer)


class Refused(Exception):
    """A request answered with an error status and a one-line reason, without going further."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        """`status` with `message` as its plain-text body."""
        super().__init__(message)
        self.status = status
        self.message = message


class Handler(BaseHTTPRequestHandler):
    """Routes: `/` and `/graph.html` (the page), `/query` (SPARQL), `/store` (read), `/update` (refused)."""

    server: Front
    server_version = "kg-serve"

    def setup(self) -> None:
        """The connection, read through a deadline for the whole request."""
        super().setup()
        self.rfile.close()  # the plain reader StreamRequestHandler made; the socket stays open
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, time.monotonic() + REQUEST_TIMEOUT))

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
        self._route(write=True)

    def do_DELETE(self) -> None:
        """Graph Store writes are refused."""
        self._route(write=True)

    def do_PATCH(self) -> None:
        """Writes are refused."""
        self._route(write=True)

    def _route(self, *, write: bool = False) -> None:
        """Check the request, then send it where it belongs."""
        try:
            self._check()
            path = urlsplit(self.path).path
            reading = self.command in ("GET", "HEAD")
            if write or path == "/update":
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused "
                                                    "(rebuild with kg build)")
            if path in ("/", "/graph.html") and reading and self.server.html.is_file():
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.html.read_bytes())
            elif path == "/graph.html":
                raise Refused(HTTPStatus.NOT_FOUND, f"no graph.html in {self.server.html.parent}: "
                                                    f"kg build writes it there")
            elif path == "/query":
                self._query()
            elif path in ("/", "/store") and reading:
                self._relay(self.command, self.path, None, self._accept())
            elif path == "/store":
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: Graph Store writes are refused")
            else:
                raise Refused(HTTPStatus.NOT_FOUND, "not found: the SPARQL endpoint is /query, the graph page "
                                                    "/graph.html")
        except Refused as refused:
            self._text(refused.status, refused.message)
        except TimeoutError:
            self._text(HTTPStatus.REQUEST_TIMEOUT, f"the request was not received within {REQUEST_TIMEOUT:g} s")

    def _check(self) -> None:
        """Refuse what this endpoint must not answer: requests not addressed to it by a name it listens under
        (DNS rebinding), sent by a browser for another site, or whose framing it cannot trust."""
        if not self.path.startswith("/") or self.path.startswith("//"):
            raise Refused(HTTPStatus.BAD_REQUEST, "the request target must be a path (this is not a proxy)")
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            raise Refused(HTTPStatus.BAD_REQUEST, "more than one Host header")
        if not hosts and self.request_version != "HTTP/1.0":
            raise Refused(HTTPStatus.BAD_REQUEST, "no Host header")
        host = _authority(hosts[0]) if hosts else None
        if hosts and host is None:
            raise Refused(HTTPStatus.BAD_REQUEST, "malformed Host header")
        if host is not None and not self.server.accepts(host[0]):
            raise Refused(HTTPStatus.MISDIRECTED_REQUEST, f"this server does not answer for {host[0]!r}: use "
                                                          f"http://{url_host(_listening(self.server))}:"
                                                          f"{self.server.server_port}/")
        origins = self.headers.get_all("Origin") or []
        if origins:
            origin = origins[0].strip().lower()
            seen = _authority(origin[len("http://"):]) if origin.startswith("http://") else None
            own = host if host is not None else seen
            if len(origins) > 1 or seen is None or not self.server.accepts(seen[0]) or seen != own:
                raise Refused(HTTPStatus.FORBIDDEN, "cross-origin requests are refused")
        if (self.headers.get("Sec-Fetch-Site") or "").strip().lower() in ("cross-site", "same-site"):
            raise Refused(HTTPStatus.FORBIDDEN, "requests made by another site's page are refused")
        if self.headers.get_all("Transfer-Encoding"):
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not a Transfer-Encoding")
        lengths = self.headers.get_all("Content-Length") or []
        if len(lengths) > 1 or (lengths and not re.fullmatch(r"[0-9]{1,12}", lengths[0].strip())):
            raise Refused(HTTPStatus.BAD_REQUEST, "Content-Length must be one number of bytes")
        if lengths and int(lengths[0]) > MAX_REQUEST:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request over {MAX_REQUEST} bytes")

    def _body(self) -> bytes:
        """The request body (its Content-Length is checked), which must arrive within the request's deadline."""
        length = self.headers.get("Content-Length")
        if length is None:
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            raise Refused(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
        return body

    def _query(self) -> None:
        """A SPARQL query, from the URL, a form or an application/sparql-query body: checked, then sent to the
        engine in a request of the front's own making that holds exactly the query checked."""
        try:
            params = parse_qsl(urlsplit(self.path).query, keep_blank_values=True, errors="strict")
            texts = [value for key, value in params if key == "query"]
            if self.command == "POST":
                body = self._body()
                kind = self.headers.get_content_type()
                if kind == "application/x-www-form-urlencoded":
                    form = parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
                    params += form
                    texts += [value for key, value in form if key == "query"]
                elif kind == "application/sparql-query":
                    texts.append(body.decode("utf-8"))
                else:
                    raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the query as application/sparql-query or "
                                                                     "application/x-www-form-urlencoded")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the query is not UTF-8") from None
        if not texts and self.command != "POST":
            self._relay("GET", "/query", None, self._accept())  # the service description
            return
        if len(texts) != 1:
            raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one query")
        try:
            refuse_deep_nesting(texts[0], source="query")
            refuse_federation(texts[0], source="query", base_iri="http://localhost/")
        except QueryError as e:
            raise Refused(HTTPStatus.FORBIDDEN, str(e)) from None
        dataset = urlencode([(key, value) for key, value in params if key in DATASET_PARAMS])
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", **self._accept()}
        self._relay("POST", "/query" + (f"?{dataset}" if dataset else ""), texts[0].encode("utf-8"), headers)

    def _accept(self) -> dict[str, str]:
        """The client's Accept header, which chooses the results format."""
        accept = self.headers.get("Accept")
        return {"Accept": accept} if accept else {}

    def _relay(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> None:
        """Send a request to the engine and pass its answer on once it is complete, within the timeout and
        the answer cap (spooled: in memory up to SPOOL_MEMORY, then in a nameless temporary file)."""
        engine = self.server.engine
        timeout = engine.timeout
        deadline = time.monotonic() + timeout
        failed_before = engine.failure_count
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY) as spool:
            connection = http.client.HTTPConnection(*engine.current_address(), timeout=timeout)
            try:
                connection.request(method, target, body=body, headers=headers)
                sock = connection.sock
                response = connection.getresponse()
                size = 0
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    if sock is not None:
                        sock.settimeout(remaining)
                    piece = response.read1(PIECE)
                    if not piece:
                        if response.length:  # the connection ended before its Content-Length
                            raise http.client.IncompleteRead(b"", response.length)
                        break
                    size += len(piece)
                    if size > self.server.max_answer:
                        raise Refused(HTTPStatus.INSUFFICIENT_STORAGE,
                                      f"the answer is over {self.server.max_answer / 1e6:g} MB: add a LIMIT or "
                                      f"narrow the query (kg serve --max-answer sets the cap)")
                    spool.write(piece)
            except TimeoutError:
                raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, f"the query did not finish within {timeout:g} s: "
                                                              f"narrow it down or add a LIMIT") from None
            except (OSError, http.client.HTTPException) as e:
                raise Refused(HTTPStatus.BAD_GATEWAY, f"the query engine failed: {e!r}") from None
            finally:
                connection.close()
            self._check_complete(spool, size, engine.failures_since(failed_before))
            self._send(response.status, response.getheader("Content-Type") or "text/plain", spool, size)

    @staticmethod
    def _check_complete(spool: tempfile.SpooledTemporaryFile[bytes], size: int, failures: list[str]) -> None:
        """502 when the engine failed midway through this answer: it then ends the answer with the error message,
        which it also wrote on stderr (Engine.failures_since)."""
        if not failures:
            return
        spool.seek(max(0, size - PIECE))
        tail = spool.read()
        for message in failures:
            if message.encode("utf-8") in tail:
                raise Refused(HTTPStatus.BAD_GATEWAY, f"the query engine failed while answering: {message}")

    def _text(self, status: HTTPStatus, message: str) -> None:
        """A one-line plain-text answer."""
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: int, content_type: str, body: bytes | tempfile.SpooledTemporaryFile[bytes],
              size: int | None = None) -> None:
        """Status, headers and (except for HEAD) the body, bytes or a spooled answer of `size` bytes."""
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if isinstance(body, bytes) else size))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            if isinstance(body, bytes):
                self.wfile.write(body)
            else:
                body.seek(0)
                shutil.copyfileobj(body, self.wfile, PIECE)
        except OSError as e:
            log.info("%s: the client left before the whole answer was sent: %s", self.address_string(), e)
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Requests go to the log, not straight to stderr."""
        log.info("%s %s", self.address_string(), format % args)


def _authority(text: str) -> tuple[str, int] | None:
    """A Host header's (or an Origin's) host, normalised, and port (80 when it gives none); None when it is not
    one."""
    found = HOST.fullmatch(text.strip())
    if found is None:
        return None
    port = int(found["port"]) if found["port"] else 80
    if not 0 < port < 65536:
        return None
    if found["v6"]:
        try:
            return str(ipaddress.IPv6Address(found["v6"])), port
        except ValueError:
            return None
    return _normal(found["name"]), port


def _listening(front: Front) -> str:
    """The address users should connect to."""
    host = str(front.server_address[0])
    return "127.0.0.1" if host in ("0.0.0.0", "") else ("::1" if host == "::" else host)


def serve(store: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
          max_answer: int = MAX_ANSWER, ready: Callable[[str], None] | None = None) -> None:
    """Serve `store` (and graph.html beside it) at http://host:port/ until interrupted."""
    if timeout <= 0:
        raise ServeError("--timeout must be more than 0 seconds")
    if not store.exists():
        raise StoreError(f"{store}: no store here: run `kg build` first (it writes output/store)")
    if not offline.available():
        log.warning("seccomp is not available here: kg refuses SERVICE queries, but cannot stop the query engine "
                    "itself from reaching the network")
    engine = Engine(store, timeout)
    try:
        front = Front((host, port), engine, store.parent / "graph.html", max_answer=max_answer)
    except OSError as e:
        raise ServeError(f"cannot listen on {url_host(host)}:{port}: {e.strerror or e} (choose another --port, "
                         f"or an address of this machine for --host)") from e
    try:
        engine.start()
        if ready:
            ready(f"http://{url_host(host)}:{front.server_address[1]}")
        front.serve_forever()
    finally:
        front.server_close()
        engine.stop()
