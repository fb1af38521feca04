"""Words of names and titles in one spelling: what clustering and descriptions compare names and titles by.

"Sec." and "secretary", "defence" and "defense", "officials" and "official" are one title word; "WTTC" spells
the initials of "World Travel and Tourism Council". (Name parts and keys themselves come from kg.mentions and
kg.gazetteer.)
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.lexicon import TITLE_ABBREVIATIONS

SPELLING = {"defence": "defense", "labour": "labor", "centre": "center", "organisation": "organization"}
"""British spellings of title words, written the American way."""


def norm_word(token: Token) -> str:
    """A title word's lemma in one spelling and the singular ("Sec." -> "secretary", "officials" -> "official")."""
    return norm_word_text(token.lemma_ if token.lower_ not in TITLE_ABBREVIATIONS else TITLE_ABBREVIATIONS[token.lower_])


def norm_word_text(word: str) -> str:
    """`norm_word` of a word as written."""
    word = TITLE_ABBREVIATIONS.get(word.lower(), word).lower()
    word = SPELLING.get(word, word)
    return word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word


def initials(name: str) -> str:
    """The capital initials of a name's words, connectors skipped: "World Travel and Tourism Council" -> "WTTC"."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'\u2019.-]*", name) if w[0].isupper())
