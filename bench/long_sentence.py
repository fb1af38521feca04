"""Time of extracting one run-on sentence of names, pronouns and reporting verbs, against the same words in
ordinary sentences, in one process.

    .venv/bin/python bench/long_sentence.py [--words 4000] [--sentence-words 20] [--max-ratio 4]

The text is generated, deterministic and written for this benchmark ("Anna Reyes said that he told Tom Baker
that she ..."): the run-on version has a single full stop at its end, the baseline puts one after every
`--sentence-words` words. Both are parsed first (spaCy's time is not what is measured), then `extract_doc`
(mentions, entities, every relation rule) is timed on each. Prints both times, how spaCy split each text, and
the ratio, and exits 1 when the ratio is over --max-ratio (0: no limit). Extraction that is linear in a sentence's
length keeps the ratio low whatever --words is (the run-on version finds a few more statements, each longer); a
quadratic search makes it grow with --words (kg before the pronoun index: 6.8 at 4,000 words, 9.2 at 8,000).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time

from kg.ingest import from_plain_text
from kg.model import Article
from kg.nlp import DEFAULT_MODEL, parse
from kg.pipeline import extract_doc, pipeline_for

NAMES = ("Anna Reyes", "Tom Baker", "the Pentagon", "Maria Lopez", "David Chen", "NATO", "Sarah Novak",
         "Peter Olsen", "Laura Kim", "James Walsh")
PRONOUNS = ("he", "she", "they", "it", "he", "she")
VERBS = ("said", "told", "added", "claimed", "insisted", "warned", "denied", "suggested")
OBJECTS = ("the talks", "the plan", "the bank", "the ceasefire", "the report", "the vote")


def words(n: int) -> list[str]:
    """`n` words of clauses like "Anna Reyes said that he told Tom Baker that she denied the plan and ..."."""
    out: list[str] = []
    names, pronouns, verbs, objects = (itertools.cycle(x) for x in (NAMES, PRONOUNS, VERBS, OBJECTS))
    while len(out) < n:
        clause = f"{next(names)} {next(verbs)} that {next(pronouns)} {next(verbs)} {next(names)} that " \
                 f"{next(pronouns)} {next(verbs)} {next(objects)} and"
        out.extend(clause.split())
    return out[:n]


def run_on(ws: list[str]) -> str:
    """One sentence: the words and a single full stop."""
    return " ".join(ws) + "."


def sentences(ws: list[str], size: int) -> str:
    """The same words cut into sentences of `size` words, each capitalised and ended with a full stop."""
    parts = [ws[i:i + size] for i in range(0, len(ws), size)]
    return " ".join(" ".join([p[0][:1].upper() + p[0][1:], *p[1:]]) + "." for p in parts)


def article(body: str, title: str) -> Article:
    """A plain-text article with a headline line."""
    made = from_plain_text(f"{title}\n\n{body}\n", source=f"{title}.txt")
    assert isinstance(made, Article), made
    return made


def timed(a: Article, doc: object, gazetteer: object) -> tuple[float, int, int]:
    """(seconds of extract_doc, relations, entities)."""
    started = time.perf_counter()
    x = extract_doc(a, doc, gazetteer)  # type: ignore[arg-type]
    return time.perf_counter() - started, len(x.relations), len(x.entities)


def main() -> None:
    """Parse both texts, time the extraction of each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=4000, help="words in the run-on sentence (default 4,000)")
    parser.add_argument("--sentence-words", type=int, default=20, help="words per baseline sentence (default 20)")
    parser.add_argument("--max-ratio", type=float, default=4.0, help="fail above this ratio (default 4; 0: no limit)")
    args = parser.parse_args()
    nlp, gazetteer = pipeline_for(DEFAULT_MODEL)
    ws = words(args.words)
    articles = [article(run_on(ws), "Run-on"), article(sentences(ws, args.sentence_words), "Sentences")]
    parsed = list(parse(nlp, articles, batch_size=1))
    figures = []
    for a, doc in parsed:
        longest = max(len(s) for s in doc.sents)
        seconds, relations, entities = timed(a, doc, gazetteer)
        figures.append(seconds)
        print(f"{a.title}: {len(ws):,} words, {len(list(doc.sents)):,} sentences as parsed (longest {longest:,} "
              f"tokens): extract_doc {seconds:.2f} s, {relations} relations, {entities} entities")
    ratio = figures[0] / figures[1]
    print(f"ratio run-on / sentences: {ratio:.1f}")
    if args.max_ratio and ratio > args.max_ratio:
        print(f"FAIL: over {args.max_ratio:g}: extraction is not linear in a sentence's length")
        sys.exit(1)


if __name__ == "__main__":
    main()
