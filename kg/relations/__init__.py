"""Relation rules: a registry of small finders, and `extract`, which turns their findings into records.

A rule only *finds* `Found(subject, object span, cue, confidence, ...)` in a parsed article; `extract` adds
the evidence (sentence, offsets, rule name and version), the entities the object is about and the resolved
time, so no rule can forget provenance. A new relation type is one module here with one `@rule` function,
its stanza in ontology/kg.ttl and a test file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from kg.entities import Resolver
from kg.errors import KGError
from kg.gazetteer import Gazetteer
from kg.lexicon import FIRST_PERSON
from kg.model import Article, Evidence, Relation, Role, Span, TimeRef
from kg.relations.quotes import Quote, find_quotes
from kg.relations.syntax import char_span, date_of, has_content_noun, place_of, principals_of, subjects_of
from kg.spec import relation_types
from kg.timex import resolve_time


@dataclass(frozen=True)
class Found:
    """What a rule found. Spans are character offsets into the article text; `subject` is a resolver key."""

    subject: str
    object: tuple[int, int]
    confidence: float
    cue: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    place: str | None = None
    affiliation: str | None = None
    label: str | None = None


@dataclass
class Context:
    """What rules see of one article: the parse, the entity resolver and the quotations."""

    article: Article
    doc: Doc
    resolver: Resolver
    gazetteer: Gazetteer
    statements: list[tuple[int, int, str]] = field(default_factory=list)

    @cached_property
    def quotes(self) -> list[Quote]:
        return find_quotes(self.article.text, self.article.body_start, self.article.body_stop, self.article.masked)

    def agent(self, verb: Token, *, first_person: bool = True, new_names: bool = False) \
            -> tuple[str, str, Token] | None:
        """(entity key, how, subject token) acting through `verb`: the first of its candidate subjects that
        resolves to an entity; "I"/"we" inside a statement is that statement's speaker, and so is "it"/"they"
        when an organisation or country speaks. With `new_names`, a
        proper-name subject NER missed becomes an entity (see `Resolver.resolve`)."""
        for subject in subjects_of(verb):
            if subject.lower_ in FIRST_PERSON:
                speaker = self.speaker_at(verb.idx, verb.idx + len(verb)) if first_person else None
                if speaker:
                    return speaker, "pronoun", subject
                continue
            if subject.lower_ in ("it", "they") and first_person:
                speaker = self.speaker_at(verb.idx, verb.idx + len(verb))
                if speaker and self.resolver.type_of(speaker) != "Person":
                    return speaker, "pronoun", subject  # "NATO said it was ready to ..."
            found = self.resolver.resolve(subject, new_names=new_names)
            if found:
                return found[0], found[1], subject
        return None

    def finding(self, cue: Token, tokens: list[Token], weight: float, *, actors: list[Token] | None = None,
                clause: bool = False) -> Found | None:
        """A finding whose object is `tokens` and whose subject acts through `cue` (denial and proposal
        verbs): None when no entity acts or the object names nothing ("declined to go for it"; a reported
        `clause` says something without a noun: "denied that he lied"). `actors`, when given, are who acts
        instead of the verb's subjects (a passive's by-phrase; none: nobody acts)."""
        span = char_span(tokens)
        agent = self.agent(cue, new_names=True) or self.first_entity(principals_of(subjects_of(cue))) if actors is None \
            else self.first_entity(actors)
        if span is None or agent is None or not (clause or has_content_noun(tokens)):
            return None
        key, how, _ = agent
        return Found(key, span, round(weight * HOW_WEIGHT[how], 3), cue=(cue.idx, cue.idx + len(cue)),
                     time=date_of(cue), place=place_of(cue, self.resolver))

    def first_entity(self, tokens: list[Token]) -> tuple[str, str, Token] | None:
        """(entity key, how, token) for the first of `tokens` that resolves to an entity."""
        for token in tokens:
            found = self.resolver.resolve(token)
            if found:
                return found[0], found[1], token
        return None

    def speaker_at(self, start: int, end: int) -> str | None:
        """Who said the statement containing [start, end), if an earlier rule found one."""
        best = [(e - s, who) for s, e, who in self.statements if s <= start and end <= e]
        return min(best)[1] if best else None


Rule = Callable[[Context], Iterator[Found]]

ROLE = "role"
"""The predicate of role findings: a person's job title, written as kg:holdsRole and a kg:Role node."""
HOW_WEIGHT = {"name": 1.0, "description": 0.9, "pronoun": 0.85, "group": 0.8, "it": 0.7}
"""How much a finding's confidence keeps when its subject was resolved by name, description, pronoun or group."""


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: its name and version, the predicate of its findings, and what it reads from and adds to
    the context of later rules (`requires`/`assigns`, as spaCy components declare them), which orders the rules."""

    name: str
    version: int
    predicate: str
    find: Rule
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The versioned rule name recorded in every triple's provenance, e.g. "said/v1"."""
        return f"{self.name}/v{self.version}"


RULES: dict[str, RuleSpec] = {}
STATEMENTS = "statements"
"""What a rule that `assigns` statements adds to the context: who said which span (`Context.speaker_at`)."""


def rule(name: str, *, version: int, predicate: str | None = None, requires: tuple[str, ...] = (),
         assigns: tuple[str, ...] = ()) -> Callable[[Rule], Rule]:
    """Register a rule under `name`; its findings become `predicate` facts (default: the name, a relation type of
    ontology/kg.ttl). `requires` names what it reads that other rules `assign` (such as STATEMENTS)."""
    def register(fn: Rule) -> Rule:
        RULES[name] = RuleSpec(name, version, predicate or name, fn, tuple(requires), tuple(assigns))
        return fn
    return register


def load_rules() -> dict[str, RuleSpec]:
    """Every rule of this package's modules (and any registered from elsewhere), checked against the vocabulary
    and in run order (`run_order`), whatever order Python imported the modules in."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    known = relation_types()
    for spec in RULES.values():
        if spec.predicate != ROLE and spec.predicate not in known:
            raise KGError(f"rule {spec.id} finds kg:{spec.predicate} facts, but ontology/kg.ttl declares no such "
                          f"relation type: add its stanza (a sub-property of kg:relation with its node class)")
    return {name: RULES[name] for name in run_order(RULES)}


def run_order(rules: dict[str, RuleSpec]) -> list[str]:
    """Rule names so that each comes after every rule assigning something it requires; of the rules free to run,
    those that assign something first (what they add can only help later ones), then in name order."""
    providers = {name: {other for other, spec in rules.items() if set(spec.assigns) & set(rules[name].requires)
                        and other != name} for name in rules}
    order: list[str] = []
    while len(order) < len(rules):
        ready = sorted((not rules[name].assigns, name) for name in rules
                       if name not in order and providers[name] <= set(order))
        if not ready:
            cycle = sorted(name for name in rules if name not in order)
            raise KGError(f"rules {', '.join(cycle)} require what each other assign: no order runs them")
        order.append(ready[0][1])
    return order


def extract(article: Article, doc: Doc, resolver: Resolver, gazetteer: Gazetteer) \
        -> tuple[tuple[Relation, ...], tuple[Role, ...]]:
    """Run every rule over one parsed article and attach provenance to what they find."""
    ctx = Context(article, doc, resolver, gazetteer)
    relations: dict[tuple, Relation] = {}
    roles: dict[tuple, Role] = {}
    for spec in load_rules().values():
        for found in spec.find(ctx):
            if STATEMENTS in spec.assigns:
                ctx.statements.append((found.object[0], found.object[1], found.subject))
            if spec.predicate == ROLE:
                role = _role(ctx, spec, found)
                key = (role.person, role.title.lower())
                if key not in roles:
                    roles[key] = role
                continue
            rel = _relation(ctx, spec, found)
            key = (rel.predicate, rel.subject, rel.object.start, rel.object.end)
            if key not in relations or relations[key].evidence.confidence < rel.evidence.confidence:
                relations[key] = rel
    ordered = sorted(relations.values(), key=lambda r: (r.object.start, r.object.end, r.predicate, r.subject))
    return tuple(ordered), tuple(sorted(roles.values(), key=lambda r: (r.span.start, r.person)))


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _sentence(ctx: Context, start: int, end: int) -> Span:
    """The sentence(s) covering [start, end), as spaCy split them, without surrounding white space (or page
    furniture, which the parsed text has blanked out)."""
    first, last = start, end
    for sent in ctx.doc.sents:
        if sent.end_char > start and sent.start_char < end:
            first, last = min(first, sent.start_char), max(last, sent.end_char)
    parsed = ctx.doc.text
    while first < last and parsed[first].isspace():
        first += 1
    while last > first and parsed[last - 1].isspace():
        last -= 1
    return _span(ctx.article.text, first, last)


def _relation(ctx: Context, spec: RuleSpec, found: Found) -> Relation:
    text = ctx.article.text
    start, end = found.object
    lo = min([start] + ([found.cue[0]] if found.cue else []))
    hi = max([end] + ([found.cue[1]] if found.cue else []))
    subject = ctx.resolver.final_key(found.subject)
    about = sorted({ctx.resolver.final_key(k) for k in _entities_in(ctx, start, end)} - {subject})
    time = None
    if found.time:
        expression = text[found.time[0]:found.time[1]]
        time = TimeRef(expression, resolve_time(expression, ctx.article.published))
    return Relation(
        predicate=spec.predicate, subject=subject, object=_span(text, start, end),
        evidence=Evidence(_sentence(ctx, lo, hi), spec.id, round(min(max(found.confidence, 0.05), 0.99), 2)),
        cue=_span(text, *found.cue) if found.cue else None, about=tuple(about), time=time,
        place=ctx.resolver.final_key(found.place) if found.place else None)


def _role(ctx: Context, spec: RuleSpec, found: Found) -> Role:
    start, end = found.object
    text = ctx.article.text
    return Role(person=ctx.resolver.final_key(found.subject), title=found.label or text[start:end],
                span=_span(text, start, end),
                evidence=Evidence(_sentence(ctx, start, end), spec.id, round(found.confidence, 2)),
                affiliation=ctx.resolver.final_key(found.affiliation) if found.affiliation else None)


def _entities_in(ctx: Context, start: int, end: int) -> set[str]:
    """Entities named inside [start, end) (nationality words only tell affiliation, so they do not count)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    found = {ctx.resolver.entity_of_token(t.i) for t in span if not ctx.gazetteer.is_demonym(t.text)}
    return {k for k in found if k}
