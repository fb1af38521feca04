"""Parse every text in tests/texts.py with the real pipeline and store the parses for the rule tests.

    python tests/freeze.py

Run it after changing tests/texts.py or kg's spaCy components; commit tests/frozen/docs.json.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import texts  # noqa: E402

from kg.gazetteer import load  # noqa: E402
from kg.ingest import from_plain_text  # noqa: E402
from kg.nlp import analysed_text, load_pipeline  # noqa: E402

OUT = HERE / "frozen" / "docs.json"


def make_article(text: str, *, published: str | None = None, title: str = "Test headline"):
    """A test article: a headline line, a blank line, then `text` as the body (the headline is never parsed,
    so one parse serves every headline of the same length)."""
    return from_plain_text(f"{title}\n\n{text}", source="test", published=published)


def key(text: str) -> str:
    """The frozen parse's key: a hash of the text spaCy sees."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main() -> None:
    nlp = load_pipeline(gazetteer=load())
    docs = {}
    for name in sorted(vars(texts)):
        value = getattr(texts, name)
        if name.isupper() and isinstance(value, str):
            text = analysed_text(make_article(value))
            docs[key(text)] = {"name": name, "doc": nlp(text).to_json()}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(docs, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"froze {len(docs)} parses into {OUT}")


if __name__ == "__main__":
    main()
