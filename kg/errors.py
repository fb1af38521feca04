"""Errors the command line reports as one line (and exit code 1) instead of a traceback."""


class KGError(Exception):
    """Base class: the message says what went wrong and, where possible, what to do."""


class InputError(KGError):
    """An input path or article could not be read."""


class ModelError(KGError):
    """The spaCy pipeline is missing or unusable."""


class GraphError(KGError):
    """A graph file is missing or is not valid RDF."""
