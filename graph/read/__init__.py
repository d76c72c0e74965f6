"""Files and folders -> article texts: each usable file an ``Article``, any other a ``Skipped``."""

from .articles import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, iter_articles, read_article
from .markup import html_to_text, markdown_to_text
from .skipped import ArticleSkipped, Skipped
from .walk import SUPPORTED_SUFFIXES, Found, discover, discover_named, walk_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "SUPPORTED_SUFFIXES",
    "ArticleSkipped",
    "Found",
    "Skipped",
    "discover",
    "discover_named",
    "html_to_text",
    "iter_articles",
    "markdown_to_text",
    "read_article",
    "walk_inputs",
]
