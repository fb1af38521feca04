"""Coreference: the entity a pronoun ("he", "they") or a definite description of one person ("the businessman")
points back to.

A pronoun goes to the last speaker of the last two sentences that fits it, else to the most salient fitting
mention of the nearest sentence that has one, within PRONOUN_WINDOW sentences (a person of the pronoun's known
gender first, then the subject of the main clause, its possessor, another subject, the latest); for he/she,
failing that, to the last speaker of the article with a fitting gender. The search reads the sentence index of
kg.entities.sentences: per sentence, each entity's best mention before the pronoun is a lookup, not a scan.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.entities.memory import Resolved
from kg.entities.names import norm_word
from kg.entities.sentences import Sentences, has_the
from kg.entities.table import Cluster
from kg.entities.view import Entities
from kg.lexicon import FEMALE_PRONOUNS, FEMALE_WORDS, GROUP_NOUNS, MALE_PRONOUNS, MALE_WORDS, PERSON_NOUNS, TITLE_HEADS

PRONOUN_WINDOW = 3
"""How many sentences back a pronoun or a bare "officials" may look for what it refers to."""
Candidate = tuple[bool, int, bool, int, str | None]
"""(of the pronoun's gender, salience, named, token, entity key or None for an unnamed person): the best is the
largest."""


def pronoun_gender(pronoun: Token) -> str | None:
    """ "m" for he/him/his, "f" for she/her/hers, else None."""
    return "m" if pronoun.lower_ in MALE_PRONOUNS else "f" if pronoun.lower_ in FEMALE_PRONOUNS else None


def antecedent(view: Entities, pronoun: Token, types: set[str], gender: str | None,
               fits: Callable[[str], bool] = lambda key: True) -> str | None:
    """The closest fitting entity of one of `types` before `pronoun` (see the module docstring). A name standing
    as a place ("the MP for Birkenhead") is no antecedent of he/she, and neither is a baby nor a name quoted
    earlier in the pronoun's own sentence ('"Obama is wrong," he said'); `fits` may rule out more."""
    sentences = view.table.sentences
    here = sentences.of[pronoun.i]
    bound = _main_subject(view, pronoun)
    if bound is not None and view.type_of(bound) in types and _gender_ok(view.cluster(bound), gender) and fits(bound):
        return bound
    for token, key in reversed(view.memory.speakers):
        if token < pronoun.i and here - sentences.of[token] <= 1 and fits(key) and (
                (view.type_of(key) in types and _gender_ok(view.cluster(key), gender))
                or ("Person" in types and token in view.memory.spoken_through)):
            return key
    budget, n = PRONOUN_WINDOW, here
    while n >= 0 and budget >= 0 and here - n <= 4 * PRONOUN_WINDOW:
        best = _best(view, n, pronoun.i, types, gender, fits, own=n == here)
        if best is not None and best[4] is None:  # "The woman said ... She added": an unnamed person, unless
            named = definite_person(view, view.doc[best[3]])  # a description that refers back to a named one
            if named and fits(named.key):
                return named.key
            if view.doc[best[3]].lemma_.lower() not in TITLE_HEADS:
                return None
            # "The Leicester tight-head ... he told": a title no one in reach fits is no one new either
            best = _best(view, n, pronoun.i, types, gender, fits, own=n == here, unnamed=False)
        if best is not None:
            return best[4]
        if gender is None or not _continues_chain(sentences, n, pronoun):
            budget -= 1  # sentences whose subject is the same pronoun ("She then ...") keep the chain going
        n -= 1
    if gender is not None:
        for token, key in reversed(view.memory.speakers):
            if token < pronoun.i and view.type_of(key) == "Person" and view.cluster(key).gender == gender \
                    and fits(key):
                return key
    return None


def _best(view: Entities, n: int, before: int, types: set[str], gender: str | None, fits: Callable[[str], bool],
          *, own: bool, unnamed: bool = True) -> Candidate | None:
    """The best candidate of sentence `n` before token `before`; `own`: the pronoun's own sentence; `unnamed`:
    whether unnamed people ("the woman") are candidates."""
    sentences = view.table.sentences
    person = "Person" in types
    found: list[Candidate] = []
    for key in sentences.keys_in(n):
        hit = sentences.best_mention(n, key, before, person=person, own=own)
        cluster = view.cluster(key)
        if hit is None or cluster.type not in types or not fits(key) or not _gender_ok(cluster, gender) \
                or (person and cluster.infant):
            continue
        found.append((gender is not None and cluster.gender == gender, hit[0], True, hit[1], key))
    if person and unnamed:
        for noun in {None, gender}:
            for salience in (3, 2):
                token = sentences.best_unnamed(n, noun, salience, before, own=own)
                if token is not None:
                    found.append((gender is not None and noun == gender, salience, False, token, None))
    return max(found) if found else None


def _main_subject(view: Entities, pronoun: Token) -> str | None:
    """The named subject of the main clause when the pronoun is the subject of a clause hung on it, or the possessive
    of that subject ("Lim reduced the panel to giggles as he outlined his plan", "Ms Ray left the room and she did
    not return"), not of what the main verb reports (that may be anyone: "Smith said he ...")."""
    if pronoun.dep_ == "poss":  # "as he outlined his plan": "his" is whoever "he" is
        verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        pronoun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i
                        and pronoun_gender(c) == pronoun_gender(pronoun) is not None), pronoun) if verb else pronoun
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("advcl", "conj") or clause.head.dep_ != "ROOT":
        return None
    subject = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
    return view.entity_of_token(subject.i) if subject is not None else None


def _gender_ok(cluster: Cluster, gender: str | None) -> bool:
    """False only when the person is known to have the other gender."""
    return gender is None or cluster.gender is None or cluster.gender == gender


def _continues_chain(sentences: Sentences, n: int, pronoun: Token) -> bool:
    """Whether a sentence's main subject is he or she like `pronoun` ("She then ...")."""
    return any({w, pronoun.lower_} <= MALE_PRONOUNS or {w, pronoun.lower_} <= FEMALE_PRONOUNS
               for w in sentences.subjects[n])


def definite_person(view: Entities, head: Token) -> Resolved | None:
    """ "the Labour MP for Birkenhead asked", "the businessman said": a definite description of one person
    that no title in the article matched refers back like "he" or "she" to the person in focus, unless the
    article gives that person other titles only ("the state attorney general" is not the campaign chairman
    named before) or names them later in the description's sentence."""
    lemma = head.lemma_.lower()
    if head.tag_ not in ("NN", "NNP") or lemma not in TITLE_HEADS | PERSON_NOUNS or lemma in GROUP_NOUNS \
            or not has_the(head):
        return None
    gender = "m" if lemma in MALE_WORDS else "f" if lemma in FEMALE_WORDS else None
    word = norm_word(head)
    token_key = view.table.token_key
    later = {token_key[t.i] for t in head.sent[head.right_edge.i + 1 - head.sent.start:] if t.i in token_key}

    def fits(key: str) -> bool:
        """Whether the person is not named later in the description's sentence ("The judge agreed with Ivana
        Trump" is not Ivana Trump) and has no title in the article, or one with the description's head word, or
        the gender the description gives ("the former first lady" may be the former secretary of state)."""
        titles = view.table.title_words.get(key, ())
        return key not in later and (not titles or any(word in t for t in titles)
                                     or (gender is not None and view.cluster(key).gender == gender))

    key = antecedent(view, head, {"Person"}, gender, fits)
    return Resolved(key, "pronoun") if key else None
