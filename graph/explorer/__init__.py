"""A merged graph -> one offline, interactive HTML page (graph.html, ``view``) and ego graphs."""

from .ego import ego_graph, support
from .page import render_html, script_json, write_html
from .styles import FAMILY_COLORS, RELATION_FAMILIES, TYPE_STYLES

__all__ = [
    "FAMILY_COLORS",
    "RELATION_FAMILIES",
    "TYPE_STYLES",
    "ego_graph",
    "render_html",
    "script_json",
    "support",
    "write_html",
]
