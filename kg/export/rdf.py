"""N-Triples, and N-Quads and TriG with one named graph per article (named by its document IRI).

`kg build --export trig|nquads` writes the exact per-article graphs of the extraction (each article's own
triples, as `kg.graph.article_triples` makes them). `kg export graph.ttl` has only the union graph and
rebuilds them: a fact's triples (and the entity's link to it) go to the graph of its `kg:document`; a
document's own triples to itself; an entity's type, label and sameAs to every article it is
`kg:mentionedIn`, each `kg:mentionedIn` to that article, and each alias to the articles whose text contains
it (all of the entity's articles when none does), which can place an alias in more articles than used it.
Anything else stays in the default graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import RDF, SKOS, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.export import OUTPUT_NAMES, Format, atomic_write
from kg.graph import Triple
from kg.spec import KG, ROLE_PREDICATE, SCHEMA, relation_types


def fact_predicates() -> set[Node]:
    """The predicates from an entity to a fact node: every relation type's, and kg:holdsRole."""
    return {r.predicate for r in relation_types().values()} | {KG[ROLE_PREDICATE]}


def named_graphs(g: Graph) -> Dataset:
    """`g` split into one named graph per article (see the module docstring); the union equals `g`."""
    docs = set(g.subjects(RDF.type, SCHEMA.NewsArticle)) | set(g.objects(None, KG.document)) \
        | set(g.objects(None, KG.mentionedIn))
    texts = {d: str(g.value(d, SCHEMA.text) or "") for d in docs}
    fact_docs: dict[Node, set[Node]] = defaultdict(set)
    for node, doc in g.subject_objects(KG.document):
        fact_docs[node].add(doc)
    entity_docs: dict[Node, set[Node]] = defaultdict(set)
    fact_links = fact_predicates()
    for entity, doc in g.subject_objects(KG.mentionedIn):
        entity_docs[entity].add(doc)

    def graphs_of(s: Node, p: Node, o: Node) -> set[Node]:
        """The articles whose graph holds this triple (none: the default graph)."""
        if p in fact_links and o in fact_docs:
            return fact_docs[o]
        if s in fact_docs:
            return fact_docs[s]
        if s in docs:
            return {s}
        if s in entity_docs:
            if p == KG.mentionedIn:
                return {o}
            if p == SKOS.altLabel:
                return {d for d in entity_docs[s] if str(o) in texts[d]} or entity_docs[s]
            return entity_docs[s]
        return set()

    placed: dict[Node | None, list[Triple]] = defaultdict(list)
    for triple in g:
        for name in graphs_of(*triple) or {None}:
            placed[name].append(triple)
    return make_dataset(g, placed)


def make_dataset(prefixes: Graph, parts: Mapping[Node | None, Iterable[Triple]]) -> Dataset:
    """A Dataset of these graphs (None: the default graph), added in sorted order, with `prefixes`' prefixes."""
    ds = Dataset()
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="none")
    for prefix, ns in prefixes.namespaces():
        ds.bind(prefix, ns)
    for name in sorted(parts, key=lambda n: "" if n is None else str(n)):
        target = ds.default_graph if name is None else ds.graph(URIRef(str(name)))
        for triple in sorted(parts[name], key=lambda t: tuple(map(str, t))):
            target.add(triple)
    return ds


def _sorted_lines(data: bytes) -> bytes:
    """Line-based RDF with its lines sorted: the canonical order, the same for the same graph. Only "\\n" ends a
    line: literals keep U+2028, U+0085, form feeds and the other breaks `str.splitlines` would cut at."""
    lines = sorted(line for line in data.decode("utf-8").split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_ntriples(g: Graph, out_dir: Path) -> Path:
    """`out_dir/graph.nt`: every triple on its own line, sorted."""
    return atomic_write(out_dir / OUTPUT_NAMES[Format.NTRIPLES], _sorted_lines(g.serialize(format="nt", encoding="utf-8")))


def write_nquads(g: Graph, out_dir: Path, dataset: Dataset | None = None) -> Path:
    """`out_dir/graph.nq`: every triple with its article's graph name, sorted (`dataset` or rebuilt from `g`)."""
    data = (dataset if dataset is not None else named_graphs(g)).serialize(format="nquads", encoding="utf-8")
    return atomic_write(out_dir / OUTPUT_NAMES[Format.NQUADS], _sorted_lines(data))


def write_trig(g: Graph, out_dir: Path, dataset: Dataset | None = None) -> Path:
    """`out_dir/graph.trig`: one named graph per article, prefixed like graph.ttl (`dataset` or rebuilt), in
    sorted order. Oxigraph writes it: rdflib's TriG leaves a literal ending in a quote inside a long string
    unescaped (`\"\"\"...\"\"\"\"`), which no TriG reader accepts (found by fuzzing)."""
    import pyoxigraph as ox

    from kg.store import to_oxigraph

    ds = dataset if dataset is not None else named_graphs(g)
    cache: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def graph_name(name: Node) -> ox.NamedNode | ox.DefaultGraph:
        return ox.DefaultGraph() if name == DATASET_DEFAULT_GRAPH_ID else to_oxigraph(name, cache)

    quads = sorted((ox.Quad(to_oxigraph(s, cache), to_oxigraph(p, cache), to_oxigraph(o, cache), graph_name(c))
                    for s, p, o, c in ds.quads((None, None, None, None))), key=str)
    prefixes = {prefix: str(ns) for prefix, ns in sorted(ds.namespaces()) if prefix}
    return atomic_write(out_dir / OUTPUT_NAMES[Format.TRIG], ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
