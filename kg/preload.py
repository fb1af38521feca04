"""Imported once by the fork server that starts kg's local worker processes (`kg.executors.run_processes`).

Importing it parses the gazetteer and loads the default spaCy pipeline into the server's copy of
`kg.pipeline`, so every worker forked from the server starts with them in memory (shared copy-on-write)
instead of spending seconds loading its own. A build with another `--model` loads it in each worker.
"""

from spacy.util import is_package

from kg.nlp import DEFAULT_MODEL
from kg.pipeline import pipeline_for

if is_package(DEFAULT_MODEL):
    pipeline_for(DEFAULT_MODEL)
