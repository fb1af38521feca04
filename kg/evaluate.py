"""`kg eval`: precision, recall and F1 of a graph against gold annotations (JSON), per entity, relation and role.

The graph is read through kg.readback, as every other consumer reads it; the matching follows the project's
reference scorer (../shared/eval/score.py, which reads any graph by local names: on a graph kg built, both give the
same figures, which a test checks), so users annotating their own articles get the figures we publish: an entity
matches a gold entity when one of its normalised names equals a gold name or alias and the coarse type agrees (a
second node for the same gold entity is a duplicate and counts against precision); a relation matches when its type
agrees, its subject matches (gold ids, or for "subject_text" gold a shared capitalised word; pronouns and common
nouns accept any entity), and its text covers at least half the gold text's content words while at least 30% of its
own content words are gold words; each side is used once, best overlap first. Items marked optional count neither
way. A folder of gold files is merged into one corpus gold (entities of the same type and name, or the same
Wikipedia id, merge; role affiliations follow the merge).

`kg eval` scores only the documents the gold files name (their "document" field, matched against the graph's
kg:sourceName, parts of a long article included), so a corpus graph can be scored against gold for a few of its
articles; a gold document the graph lacks is reported (its gold items count as missed).

Gold format: {"entities": [{"id", "type", "name", "aliases", "optional"}],
              "relations": [{"type", "subject": [ids] | "subject_text", "object": text | [texts], "optional"}],
              "roles": [{"person", "title", "org"}]}
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.readback import ROLE, Fact, Records, read
from kg.spec import relation_types

log = logging.getLogger(__name__)

PRONOUN_CAPS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "the", "a", "an",
                "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.",
                "president"}
COMMON_SOURCES = set("""authorities officials lawmakers police critics experts analysts sources investigators
prosecutors researchers scientists witnesses residents observers aides advisers advisors economists doctors voters
supporters opponents protesters activists diplomats leaders reports polls studies documents records data
surveys""".split())
STOP = set("a an the of to and or in on at by for with from as is are was were be been it its that this there "
           "their they we our i you he she his her not no but if than then so".split())


def relation_names() -> tuple[str, ...]:
    """The relation types scored: every relation type of the vocabulary (ontology/kg.ttl)."""
    return tuple(relation_types())


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


def content_words(s: str) -> Counter:
    s = unicodedata.normalize("NFKD", s).lower().replace("\u2019", "'")
    return Counter(w for w in re.findall(r"[a-z0-9]+", s) if w not in STOP)


def overlap(gold: str, pred: str) -> float:
    """Share of the gold words covered, or 0 when coverage < 50% or precision < 30%."""
    g, p = content_words(gold), content_words(pred)
    if not g or not p:
        return 0.0
    common = sum((g & p).values())
    cg, cp = common / sum(g.values()), common / sum(p.values())
    return cg if cg >= 0.5 and cp >= 0.3 else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "predicted": n_pred, "gold": n_gold, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3)}


class _WordIndex:
    """Predictions indexed by content word, so each gold item is compared only with the predictions that could
    cover half of its words (the same pairs as comparing with all of them, in a fraction of the time)."""

    def __init__(self, texts: list[str]) -> None:
        self.postings: dict[str, list[int]] = {}
        for j, text in enumerate(texts):
            for word in content_words(text):
                self.postings.setdefault(word, []).append(j)

    def candidates(self, gold: str) -> set[int]:
        words = content_words(gold)
        need = 0.5 * sum(words.values())
        bound: Counter = Counter()
        for word, n in words.items():
            for j in self.postings.get(word, ()):
                bound[j] += n
        return {j for j, b in bound.items() if b >= need}


class _Scorer:
    """The reference scorer's matching over the records of one graph (entities by IRI)."""

    def __init__(self, gold: dict[str, Any], records: Records) -> None:
        self.gold, self.records = gold, records
        self.types = {iri: e.type for iri, e in records.entities.items()}
        self.nodes = sorted(self.types)
        self.names = {iri: {norm_name(n) for n in e.names} - {""} for iri, e in records.entities.items()}
        self.gold_ents = {e["id"]: e for e in gold["entities"]}
        self.gold_names = {e["id"]: {norm_name(x) for x in [e["name"], *e.get("aliases", [])]}
                           for e in gold["entities"]}
        self.node_gold = {n: self._gold_of(n) for n in self.nodes}
        self.label = {n: (sorted(self.names[n])[0] if self.names[n] else n) for n in self.nodes}
        self.outcomes: list[tuple[str, Fact, str]] = []

    def _gold_of(self, node: str) -> str | None:
        names, t = self.names.get(node, set()), self.types.get(node)
        best = None
        for gid, gn in sorted(self.gold_names.items()):
            if names & gn and self.gold_ents[gid]["type"] == t:
                if best is None or len(names & gn) > len(names & self.gold_names[best]):
                    best = gid
        return best

    def entities(self) -> dict[str, Any]:
        seen, tp, wrong, dup = set(), 0, [], []
        for n in self.nodes:
            gid = self.node_gold[n]
            if gid is None:
                wrong.append(f"{self.types[n]}:{self.label[n]}")
            elif self.gold_ents[gid].get("optional"):
                continue
            elif gid in seen:
                dup.append(f"{gid}<-{self.label[n]}")
            else:
                seen.add(gid)
                tp += 1
        need = [gid for gid, e in self.gold_ents.items() if not e.get("optional")]
        if not self.gold_ents:
            return {"annotated": False, "predicted": len(self.nodes)}
        out = prf(tp, tp + len(wrong) + len(dup), len(need))
        out.update(wrong=sorted(wrong), duplicates=sorted(dup), missed=[gid for gid in need if gid not in seen])
        return out

    def _subject_ok(self, r: dict[str, Any], node: str) -> bool:
        if "subject" in r:
            return self.node_gold.get(node) in r["subject"]
        text = r.get("subject_text", "")
        caps_words = re.findall(r"[A-Z][\w.'\u2019-]*", text)
        if len(caps_words) == 1 and text.strip().lower() in COMMON_SOURCES:
            return True
        caps = {w for x in caps_words for w in norm_name(re.sub(r"['\u2019]s$", "", x)).split()} - PRONOUN_CAPS
        if not caps:
            return True
        mine = {w for name in self.names.get(node, ()) for w in name.split()}
        return bool(mine & caps)

    def relations(self) -> dict[str, Any]:
        kinds = relation_names()
        preds = [(f.type, f.subject, f.text, f.subject, f) for f in self.records.facts if f.type in kinds]
        preds.sort(key=lambda x: x[:3])
        out: dict[str, Any] = {}
        totals = [0, 0, 0]
        for kind in kinds:
            golds = [r for r in self.gold["relations"] if r["type"] == kind]
            mine = [x for x in preds if x[0] == kind]
            pairs = []
            index = _WordIndex([text for _, _, text, _, _ in mine])
            for i, r in enumerate(golds):
                objs = r["object"] if isinstance(r["object"], list) else [r["object"]]
                for j in sorted(set().union(*(index.candidates(x) for x in objs))):
                    if self._subject_ok(r, mine[j][3]):
                        sc = max(overlap(x, mine[j][2]) for x in objs)
                        if sc > 0:
                            pairs.append((-sc, bool(r.get("optional")), i, j))
            pairs.sort()
            used_g, used_p, neutral_p, tp = set(), set(), set(), 0
            for _, optional, i, j in pairs:
                if i in used_g or j in used_p:
                    continue
                used_g.add(i)
                used_p.add(j)
                if optional:
                    neutral_p.add(j)
                tp += not optional
            neutral = len(neutral_p)
            self.outcomes.extend((kind, mine[j][4], "neutral" if j in neutral_p else "tp" if j in used_p else "fp")
                                 for j in range(len(mine)))
            need = [i for i, r in enumerate(golds) if not r.get("optional")]
            n_pred = len(mine) - neutral
            out[kind] = prf(tp, n_pred, len(need))
            out[kind]["wrong"] = [f"{self.label[mine[j][3]]}: {mine[j][2][:80]}" for j in range(len(mine))
                                  if j not in used_p]
            out[kind]["missed"] = [
                f"{'/'.join(golds[i].get('subject', [golds[i].get('subject_text', '')]))}: {str(golds[i]['object'])[:80]}"
                for i in need if i not in used_g]
            totals = [totals[0] + tp, totals[1] + n_pred, totals[2] + len(need)]
        out["all"] = prf(*totals)
        return out

    def roles(self) -> dict[str, Any]:
        predicted = set()
        for f in self.records.facts:
            if f.type == ROLE and self.types[f.subject] == "Person" and f.title:
                orgs = frozenset(self.node_gold.get(t.entity) for t in f.targets) - {None}
                predicted.add((f.subject, norm_name(f.title), orgs))
        gold_roles: dict[tuple[str, str], set[str]] = {}
        for r in self.gold.get("roles", []):
            orgs = r.get("org") or []
            gold_roles.setdefault((r["person"], norm_name(r["title"])), set()).update(
                orgs if isinstance(orgs, list) else [orgs])
        used, tp, with_org = set(), 0, 0
        # One person may hold one title twice with different affiliations: the order then decides which one meets the
        # gold role first. score.py leaves that to set order (it changes with PYTHONHASHSEED); kg sorts it too.
        for n, title, orgs in sorted(predicted, key=lambda x: (x[0], x[1], sorted(map(str, x[2])))):
            gid = self.node_gold.get(n)
            for key in sorted(gold_roles):
                person, gtitle = key
                if key not in used and person == gid and (title == gtitle or title.endswith(" " + gtitle)):
                    used.add(key)
                    tp += 1
                    with_org += bool(orgs & gold_roles[key])
                    break
        out = prf(tp, len(predicted), len(gold_roles))
        out["with_org"] = with_org
        return out


def score(gold: dict[str, Any], records: Records) -> dict[str, Any]:
    """Every figure for one graph's records against one (possibly merged) gold annotation."""
    s = _Scorer(gold, records)
    return {"entities": s.entities(), "relations": s.relations(), "roles": s.roles()}


def confidence_bands(gold: dict[str, Any], records: Records, edges: tuple[float, ...] = (0.5, 0.8),
                     kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Precision of the predicted relations in each confidence band (below 0.5, 0.5 to 0.8, above 0.8 by
    default): whether higher confidence really means more often right. Optional gold matches are left out."""
    kinds = relation_names() if kinds is None else kinds
    s = _Scorer(gold, records)
    s.relations()
    bounds = [0.0, *edges, 1.01]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        tp = fp = 0
        for kind, fact, outcome in s.outcomes:
            value = fact.confidence
            if kind in kinds and value is not None and lo <= value < hi and outcome != "neutral":
                tp += outcome == "tp"
                fp += outcome == "fp"
        out.append({"band": f"{lo:.2f}-{min(hi, 1.0):.2f}", "tp": tp, "fp": fp,
                    "precision": round(tp / (tp + fp), 3) if tp + fp else None})
    return out


def load_gold(path: Path) -> dict[str, Any]:
    """One gold file, or every *.json in a folder merged into one corpus-level gold."""
    try:
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        if not path.is_dir():
            raise InputError(f"{path}: no such gold file or folder")
        merged: dict[str, list] = {"entities": [], "relations": [], "roles": []}
        key_to_id: dict[str, str] = {}
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path}: folder holds no gold .json files")
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            _merge_gold(merged, key_to_id, f.stem, doc)
            merged.setdefault("documents", []).append(doc.get("document"))
        return merged
    except json.JSONDecodeError as e:
        raise InputError(f"gold file is not valid JSON: {e.msg} at line {e.lineno}") from e


def _merge_gold(merged: dict[str, list], key_to_id: dict[str, str], stem: str, doc: dict[str, Any]) -> None:
    remap = {}
    for e in doc.get("entities", []):
        keys = {e["type"] + ":" + norm_name(e["name"])} | ({"wp:" + e["wikipedia"]} if e.get("wikipedia") else set())
        known = next((key_to_id[k] for k in keys if k in key_to_id), None)
        if known is None:
            known = f"{stem}:{e['id']}"
            merged["entities"].append({**e, "id": known, "aliases": list(e.get("aliases", []))})
        else:
            target = next(x for x in merged["entities"] if x["id"] == known)
            target["aliases"] = sorted(set(target["aliases"]) | set(e.get("aliases", [])) | {e["name"]})
            target["optional"] = target.get("optional", False) and e.get("optional", False)
        for k in keys:
            key_to_id.setdefault(k, known)
        remap[e["id"]] = known
    for r in doc.get("relations", []):
        r = dict(r)
        if "subject" in r:
            r["subject"] = [remap.get(x, x) for x in r["subject"]]
        merged["relations"].append(r)
    for r in doc.get("roles", []):
        r = dict(r)
        r["person"] = remap.get(r["person"], r["person"])
        orgs = r.get("org") or []
        r["org"] = [remap.get(x, x) for x in (orgs if isinstance(orgs, list) else [orgs])]
        merged["roles"].append(r)


def load_records(path: Path) -> Records:
    """The records of a Turtle graph, read and bounded as kg export reads one."""
    from kg.export import read_graph

    return read(read_graph(path))


def gold_documents(gold: dict[str, Any]) -> list[str] | None:
    """The article file names a (merged) gold annotates, or None when a gold file names none."""
    names = gold["documents"] if "documents" in gold else [gold.get("document")]
    return None if any(not isinstance(n, str) or not n for n in names) else names


def _source_matches(source: str, name: str) -> bool:
    """Whether a graph document's source name is the gold document or part of it ("long.txt part 2 of 9", a JSONL
    line "feed.jsonl:3")."""
    return source == name or source.startswith((f"{name} part ", f"{name}:"))


def only_documents(records: Records, names: list[str]) -> Records:
    """`records` without the documents (named by kg:sourceName) that are not `names`, their facts and roles, and the
    entities only they mention; a name the graph lacks is logged. A graph that names no sources stays whole."""
    sources = {iri: d.source for iri, d in records.documents.items() if d.source}
    if not sources:
        log.warning("the graph names no source documents (kg:sourceName): scoring all of it")
        return records
    kept = {d for d, source in sources.items() if any(_source_matches(source, n) for n in names)}
    for name in names:
        if not any(_source_matches(source, name) for source in sources.values()):
            log.warning("gold document %s is not in the graph: its gold items count as missed", name)
    if not kept:
        raise InputError(f"none of the {len(names)} gold documents is in the graph (it holds "
                         f"{', '.join(sorted(sources.values())[:5])}{', ...' if len(sources) > 5 else ''})")
    dropped = set(sources) - kept
    entities = {iri: e for iri, e in records.entities.items() if not e.mentioned_in or set(e.mentioned_in) & kept}
    facts = tuple(replace(f, targets=tuple(t for t in f.targets if t.entity in entities)) for f in records.facts
                  if f.document not in dropped and f.subject in entities)
    documents = {iri: d for iri, d in records.documents.items() if iri not in dropped}
    return Records(entities, facts, documents, records.left_out)


def score_files(gold: Path, graph: Path) -> dict[str, Any]:
    """Score the graph file against the gold file or folder, on the documents the gold names."""
    golds = load_gold(gold)
    records = load_records(graph)
    names = gold_documents(golds)
    if names is None:
        log.warning("a gold file has no \"document\" field: scoring the whole graph")
    return score(golds, records if names is None else only_documents(records, names))


def format_report(result: dict[str, Any]) -> str:
    """The figures as the reference scorer prints them, except that a figure with nothing to measure reads "n/a"
    instead of 0.000: precision with nothing predicted, recall with no gold, F1 with neither."""
    lines = []
    e = result["entities"]
    if e.get("annotated", True):
        lines.append(f"entities   {_figures(e)}")
    else:
        lines.append(f"entities   n/a: the gold lists none ({e['predicted']} predicted)")
    for kind in (*relation_names(), "all"):
        r = result["relations"][kind]
        counts = f"  ({r['tp']}/{r['predicted']} predicted, {r['gold']} gold)" if r["predicted"] or r["gold"] else ""
        lines.append(f"{kind:<10} {_figures(r)}{counts}")
    r = result["roles"]
    org = f"  ({r['with_org']} of {r['tp']} with the right organisation)" if r["predicted"] or r["gold"] else ""
    lines.append(f"roles      {_figures(r)}{org}")
    return "\n".join(lines)


def _figures(r: dict[str, Any]) -> str:
    """"P 0.875 R 1.000 F1 0.933", with n/a for a figure that has nothing to measure."""
    if not r["predicted"] and not r["gold"]:
        return "n/a: no gold and nothing predicted"
    p = f"{r['precision']:.3f}" if r["predicted"] else "n/a"
    recall = f"{r['recall']:.3f}" if r["gold"] else "n/a"
    return f"P {p} R {recall} F1 {r['f1']:.3f}"
