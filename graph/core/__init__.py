"""Per-article results -> one merged graph: its IRIs and RDF, files written, read back, checked."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .formats import EXPORT_FORMATS, export, export_text
    from .graphfile import load_dataset, load_graph
    from .load import load_knowledge_graph
    from .merge import merge
    from .rdf import article_graphs, to_rdf
    from .serialize import write_turtle
    from .validate import validate_file, validate_graph

#: name -> the module that defines it, imported on first use: a command that
#: needs one module of this package does not wait for all of them to import
_WHERE = {
    "EXPORT_FORMATS": ".formats",
    "export": ".formats",
    "export_text": ".formats",
    "load_dataset": ".graphfile",
    "load_graph": ".graphfile",
    "load_knowledge_graph": ".load",
    "merge": ".merge",
    "article_graphs": ".rdf",
    "to_rdf": ".rdf",
    "write_turtle": ".serialize",
    "validate_file": ".validate",
    "validate_graph": ".validate",
}

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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name], __name__), name)
