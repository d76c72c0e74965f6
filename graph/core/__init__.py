"""Per-article results -> one merged graph: its IRIs and RDF, files written, read back, checked."""

from .formats import EXPORT_FORMATS, export, export_text
from .graphfile import load_dataset, load_graph
from .load import load_knowledge_graph
from .merge import merge
from .rdf import article_graphs, to_rdf
from .serialize import write_turtle
from .validate import validate_file, validate_graph

__all__ = [
    "EXPORT_FORMATS",
    "article_graphs",
    "export",
    "export_text",
    "load_dataset",
    "load_graph",
    "load_knowledge_graph",
    "merge",
    "to_rdf",
    "validate_file",
    "validate_graph",
    "write_turtle",
]
