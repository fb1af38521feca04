"""`kg serve` answers a real SPARQL client (SPARQLWrapper) like `kg query`, refuses updates, times queries out."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from typer.testing import CliRunner

from kg.cli import app

from conftest import SEED
from servekit import KG, start, stop

runner = CliRunner()
pytestmark = [pytest.mark.model, pytest.mark.slow]  # nearly every test starts `kg serve`
SAID = ("PREFIX kg: <https://kg.example/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?speaker ?text WHERE { ?s kg:said ?st ; rdfs:label ?speaker . ?st kg:text ?text } "
        "ORDER BY ?speaker ?text")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("served")
    result = runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    (out / "graph.html").write_text("<html><body>the graph page</body></html>", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def endpoint(built) -> Iterator[str]:
    process, url = start(built / "store", "--timeout", "2")
    yield url
    assert "stopped" in stop(process)


def client(url: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{url}/query", updateEndpoint=f"{url}/update")
    sparql.setReturnFormat(JSON)
    return sparql


def kg_query_rows(built: Path, query: str) -> list[tuple[str, ...]]:
    result = runner.invoke(app, ["query", query, "--store", str(built / "store"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [tuple(b.get(v, {}).get("value") for v in data["head"]["vars"]) for b in data["results"]["bindings"]]


def wrapper_rows(data: dict) -> list[tuple[str, ...]]:
    return [tuple(b.get(v, {}).get("value") for v in data["head"]["vars"]) for b in data["results"]["bindings"]]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_gets_the_rows_kg_query_gives(built, endpoint, method):
    sparql = client(endpoint)
    sparql.setMethod(method)
    sparql.setQuery(SAID)
    served = wrapper_rows(sparql.queryAndConvert())
    assert served == kg_query_rows(built, SAID)
    assert ("John Kirby", "a real withdrawal") not in served and any(s == "John Kirby" for s, _ in served)


def test_ready_made_query_through_the_endpoint(built, endpoint):
    from kg.queries import ready_made

    sparql = client(endpoint)
    sparql.setQuery(ready_made("hosted").text)
    served = wrapper_rows(sparql.queryAndConvert())
    assert served == kg_query_rows(built, "hosted")
    assert served[0][1] == "Recep Tayyip Erdoğan"


def test_results_by_accept_header(endpoint):
    request = urllib.request.Request(f"{endpoint}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")


def test_updates_are_refused_and_change_nothing(endpoint):
    sparql = client(endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    sent_to_query = SPARQLWrapper(f"{endpoint}/query")
    sent_to_query.setMethod(POST)
    sent_to_query.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((urllib.error.HTTPError, QueryBadFormed)):
        sent_to_query.query()
    put = urllib.request.Request(f"{endpoint}/store?default", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as refused_put:
        urllib.request.urlopen(put, timeout=30)
    assert refused_put.value.code == 403
    ask = client(endpoint)
    ask.setQuery("ASK { <urn:a> <urn:b> <urn:c> }")
    assert ask.queryAndConvert()["boolean"] is False


def test_malformed_query_is_a_400_with_the_position(endpoint):
    sparql = client(endpoint)
    sparql.setQuery("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed) as bad:
        sparql.query()
    assert "error at 1:" in str(bad.value)


def test_a_long_query_times_out_with_a_503(endpoint):
    sparql = client(endpoint)
    sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with pytest.raises(urllib.error.HTTPError) as slow:
        sparql.query()
    assert slow.value.code == 503 and b"did not finish within 2 s" in slow.value.read()


def test_serves_graph_html(built, endpoint):
    for path in ("/", "/graph.html"):
        with urllib.request.urlopen(endpoint + path, timeout=30) as response:
            assert response.read() == (built / "graph.html").read_bytes()
            assert response.headers["Content-Type"].startswith("text/html")


def test_binds_to_localhost_by_default():
    result = runner.invoke(app, ["serve", "--help"])
    assert "127.0.0.1" in result.output


def test_a_rebuilt_store_is_picked_up(tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    process, url = start(out / "store")
    try:
        sparql = client(url)
        sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        before = int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
        assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q", "--min-confidence", "0.8"]
                             ).exit_code == 0
        after = int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
        assert 0 < after < before
    finally:
        stop(process)


def test_serve_errors(tmp_path, built):
    missing = subprocess.run([KG, "serve", "--store", str(tmp_path / "none")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 1 and "run `kg build` first" in missing.stderr
    assert "Traceback" not in missing.stderr
    process, url = start(built / "store")
    try:
        port = url.rsplit(":", 1)[1]
        taken = subprocess.run([KG, "serve", "--store", str(built / "store"), "--port", port], capture_output=True,
                               text=True, timeout=60)
        assert taken.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in taken.stderr
    finally:
        stop(process)
