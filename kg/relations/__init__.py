"""Relation rules: a registry of small finders, and `extract`, which turns their findings into records.

A rule only *finds*: it reads a frozen `Context` (the parse, the quotations, the article's entities) and yields
`Found(subject, object span, base confidence, ...)`, with what the finding proposes to add to the entities (a
name NER missed, a campaign, an alias, who spoke where: kg.entities.memory). `extract` alone changes anything:
it runs the rules in their declared order (`requires`/`assigns`, as spaCy components declare them), applies each
finding's proposals as it arrives (so the rule sees them when it goes on, and a proposal whose finding never comes
leaves nothing behind), combines confidence in one place (`confidence`), and adds the evidence (sentence,
offsets, rule name and version), the entities the object is about and the resolved time, so no rule can forget
provenance. A new relation type is one module here with one `@rule` function, its stanza in ontology/kg.ttl and a
test file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.entities.memory import Proposal, Resolved
from kg.entities.resolve import resolve
from kg.entities.table import EntityTable
from kg.entities.view import Entities
from kg.errors import KGError
from kg.gazetteer import Gazetteer
from kg.lexicon import FIRST_PERSON
from kg.model import Article, Evidence, Extraction, Relation, Role, Span, TimeRef
from kg.relations.quotes import Quote, find_quotes
from kg.relations.syntax import char_span, date_of, has_content_noun, place_of, principals_of, subjects_of
from kg.spec import relation_types
from kg.timex import resolve_time

HOW_WEIGHT = {"name": 1.0, "description": 0.9, "pronoun": 0.85, "group": 0.8, "it": 0.7}
"""How much a finding's confidence keeps when its subject was resolved by name, description, pronoun or group."""


@dataclass(frozen=True)
class Found:
    """What a rule found. Spans are character offsets into the article text; `subject` (and `place`,
    `affiliation`) are entity keys; `base` is the confidence the construction gives, `how` how the subject was
    resolved (a key of HOW_WEIGHT); `proposes` what must be added to the entities for the finding to hold."""

    subject: str
    object: tuple[int, int]
    base: float
    cue: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    place: str | None = None
    affiliation: str | None = None
    label: str | None = None
    how: str = "name"
    proposes: tuple[Proposal, ...] = ()


def confidence(found: Found) -> float:
    """A finding's confidence: its base times what its subject's resolution keeps, to three places (the one place
    confidence is combined; records clamp and round it further)."""
    return round(found.base * HOW_WEIGHT[found.how], 3)


@dataclass(frozen=True)
class Context:
    """What rules see of one article, none of it changeable by a rule: the article, its parse and gazetteer, the
    quotations, and (`entities`) its entities as the findings applied so far left them."""

    article: Article
    doc: Doc
    gazetteer: Gazetteer
    quotes: tuple[Quote, ...]
    current: Callable[[], Entities] = field(repr=False)
    """The entities now: extract applies each finding's proposals before the rule that yielded it goes on."""

    @property
    def entities(self) -> Entities:
        """The article's entities now (see `current`)."""
        return self.current()

    def resolve(self, head: Token, *, new_names: bool = False) -> Resolved | None:
        """What the noun phrase headed by `head` denotes (kg.entities.resolve.resolve)."""
        return resolve(self.entities, head, new_names=new_names)

    def agent(self, verb: Token, *, first_person: bool = True, new_names: bool = False) \
            -> tuple[Resolved, Token] | None:
        """(resolved entity, subject token) acting through `verb`: the first of its candidate subjects that
        resolves to an entity; "I"/"we" inside a statement is that statement's speaker, and so is "it"/"they"
        when an organisation or country speaks. With `new_names`, a proper-name subject NER missed becomes an
        entity (see kg.entities.resolve.resolve)."""
        entities = self.entities
        for subject in subjects_of(verb):
            if subject.lower_ in FIRST_PERSON:
                speaker = entities.speaker_at(verb.idx, verb.idx + len(verb)) if first_person else None
                if speaker:
                    return Resolved(speaker, "pronoun"), subject
                continue
            if subject.lower_ in ("it", "they") and first_person:
                speaker = entities.speaker_at(verb.idx, verb.idx + len(verb))
                if speaker and entities.type_of(speaker) != "Person":
                    return Resolved(speaker, "pronoun"), subject  # "NATO said it was ready to ..."
            found = resolve(entities, subject, new_names=new_names)
            if found:
                return found, subject
        return None

    def finding(self, cue: Token, tokens: list[Token], base: float, *, actors: list[Token] | None = None,
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
        who, _ = agent
        return Found(who.key, span, base, cue=(cue.idx, cue.idx + len(cue)), time=date_of(cue),
                     place=place_of(cue, self.entities), how=who.how, proposes=who.proposes)

    def first_entity(self, tokens: list[Token]) -> tuple[Resolved, Token] | None:
        """(resolved entity, token) for the first of `tokens` that resolves to an entity."""
        for token in tokens:
            found = self.resolve(token)
            if found:
                return found, token
        return None

    def speaker_at(self, start: int, end: int) -> str | None:
        """Who said the statement containing [start, end), if an earlier finding said so."""
        return self.entities.speaker_at(start, end)


Rule = Callable[[Context], Iterator[Found]]

ROLE = "role"
"""The predicate of role findings: a person's job title, written as kg:holdsRole and a kg:Role node."""


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
"""What a rule that `assigns` statements proposes: who said which span (`Statement`, read by `Context.speaker_at`)."""
SPEAKERS = "speakers"
"""What a rule that `assigns` speakers proposes: who spoke where (`Speaker`), which pronoun resolution reads."""


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


def extract(article: Article, table: EntityTable) -> Extraction:
    """Run every rule over one parsed article, in run order, applying what each finding proposes as it arrives,
    and turn the findings into records with provenance: the article's extraction."""
    entities = Entities(table)
    ctx = Context(article, table.doc, table.gaz, tuple(find_quotes(article.text, article.body_start, article.body_stop,
                                                                   article.masked)), lambda: entities)
    parsed = table.doc.text
    relations: dict[tuple, Relation] = {}
    roles: dict[tuple, Role] = {}
    for spec in load_rules().values():
        for found in spec.find(ctx):
            entities = entities.adding(found.proposes)
            if spec.predicate == ROLE:
                role = _role(ctx, parsed, spec, found)
                roles.setdefault((role.person, role.title.lower()), role)
                continue
            rel = _relation(ctx, parsed, spec, found)
            key = (rel.predicate, rel.subject, rel.object.start, rel.object.end)
            if key not in relations or relations[key].evidence.confidence < rel.evidence.confidence:
                relations[key] = rel
    ordered = tuple(sorted(relations.values(), key=lambda r: (r.object.start, r.object.end, r.predicate, r.subject)))
    kept_roles = tuple(sorted(roles.values(), key=lambda r: (r.span.start, r.person)))
    used = {r.subject for r in ordered} | {k for r in ordered for k in r.about} \
        | {r.place for r in ordered if r.place} | {r.person for r in kept_roles} \
        | {r.affiliation for r in kept_roles if r.affiliation}
    return Extraction(article, entities.entities(used), ordered, kept_roles)


def _span(text: str, start: int, end: int) -> Span:
    """text[start:end] with its offsets."""
    return Span(start, end, text[start:end])


def _sentence(ctx: Context, parsed: str, start: int, end: int) -> Span:
    """The sentence(s) covering [start, end), as spaCy split them, without surrounding white space (or page
    furniture, which the parsed text `parsed` has blanked out)."""
    first, last = ctx.entities.table.sentences.covering(start, end)
    while first < last and parsed[first].isspace():
        first += 1
    while last > first and parsed[last - 1].isspace():
        last -= 1
    return _span(ctx.article.text, first, last)


def _record_confidence(found: Found) -> float:
    """The confidence a fact records: `confidence`, kept within [0.05, 0.99], to two places."""
    return round(min(max(confidence(found), 0.05), 0.99), 2)


def _relation(ctx: Context, parsed: str, spec: RuleSpec, found: Found) -> Relation:
    """A finding as a relation: final entity keys, the entities its object names, its sentence, time and rule."""
    entities, text = ctx.entities, ctx.article.text
    start, end = found.object
    lo = min([start] + ([found.cue[0]] if found.cue else []))
    hi = max([end] + ([found.cue[1]] if found.cue else []))
    subject = entities.final_key(found.subject)
    about = sorted({entities.final_key(k) for k in _entities_in(ctx, start, end)} - {subject})
    time = None
    if found.time:
        expression = text[found.time[0]:found.time[1]]
        time = TimeRef(expression, resolve_time(expression, ctx.article.published))
    return Relation(
        predicate=spec.predicate, subject=subject, object=_span(text, start, end),
        evidence=Evidence(_sentence(ctx, parsed, lo, hi), spec.id, _record_confidence(found)),
        cue=_span(text, *found.cue) if found.cue else None, about=tuple(about), time=time,
        place=entities.final_key(found.place) if found.place else None)


def _role(ctx: Context, parsed: str, spec: RuleSpec, found: Found) -> Role:
    """A role finding as a role: the person's final key, the title, its affiliation, sentence and rule."""
    entities, text = ctx.entities, ctx.article.text
    start, end = found.object
    return Role(person=entities.final_key(found.subject), title=found.label or text[start:end],
                span=_span(text, start, end),
                evidence=Evidence(_sentence(ctx, parsed, start, end), spec.id, _record_confidence(found)),
                affiliation=entities.final_key(found.affiliation) if found.affiliation else None)


def _entities_in(ctx: Context, start: int, end: int) -> set[str]:
    """Entities named inside [start, end) (nationality words only tell affiliation, so they do not count)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return ctx.entities.named_in(span.start, span.end) if span is not None else set()
