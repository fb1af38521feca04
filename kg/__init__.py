"""kg: turn news articles into an RDF knowledge graph of who said, hosted, denies and proposes what."""

__version__ = "0.1.0"
