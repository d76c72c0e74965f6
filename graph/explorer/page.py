"""The interactive HTML view of a knowledge graph (``graph.html``).

The network is assembled with pyvis (:mod:`~actorgraph.graph.explorer.vis`) and
rendered with actorgraph's own template (``graph/assets/``), never pyvis's: the
page is a single offline file with vis-network inlined, no network URL at all,
and a Content-Security-Policy that only lets its own two scripts run. Article
text reaches the page only as JSON (``<script type="application/json">`` with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped) and is shown with
``textContent``, never as HTML.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.resources
import json
import pathlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from actorgraph.extractors.records import KnowledgeGraph
from actorgraph.graph.outputs import atomic_write_text

from .ego import _drawable_edges
from .layout import _centrality, _layout_positions
from .styles import (
    _FAMILY_OF,
    _OTHER_TYPE_STYLE,
    _RELATION_ORDER,
    _TYPE_ORDER,
    FAMILY_COLORS,
    TYPE_STYLES,
    _family,
)
from .vis import PHYSICS_MAX_NODES, _build_network, _vis_options

__all__ = ["LAYOUTS", "SIZE_BY", "render_html", "script_json", "write_html"]

SIZE_BY = ("degree", "pagerank", "betweenness")
LAYOUTS = ("auto", "physics", "static")


_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_MARKER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def render_html(
    kg: KnowledgeGraph,
    *,
    title: str = "actorgraph",
    size_by: str = "degree",
    layout: str = "auto",
    centre: str | None = None,
) -> str:
    """Render ``kg`` as one self-contained, offline, interactive HTML page.

    Args:
        kg: the merged graph.
        title: page title and heading (shown as text, never as HTML).
        size_by: node importance: ``degree``, ``pagerank`` or ``betweenness``.
        layout: ``auto`` (physics up to 300 nodes, else precomputed positions),
            ``physics`` (live force simulation) or ``static`` (precomputed).
        centre: IRI of the actor an ego page is about: drawn larger and outlined,
            named in the heading, and always shown.

    Returns:
        The HTML text; the same graph always gives the same bytes.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if centre is not None and centre not in kg.entities:
        raise ValueError(f"centre {centre!r} is not an actor of the graph")
    entities = sorted(kg.entities.values(), key=lambda e: e.id)
    edges = _drawable_edges(kg)
    physics = layout == "physics" or (layout == "auto" and len(entities) <= PHYSICS_MAX_NODES)
    physics = physics and bool(entities)
    positions = None if physics else _layout_positions(entities, edges)
    net = _build_network(entities, edges, _centrality(entities, edges, size_by), positions, centre)
    net.options = _vis_options(len(entities), physics)
    payload = _payload(kg, net, title=title, size_by=size_by, physics=physics, layout=layout)
    payload["centre"] = centre
    return _fill_template(title, payload)


def write_html(kg: KnowledgeGraph, path: pathlib.Path, **kwargs: Any) -> None:
    """Write :func:`render_html`'s page to ``path`` (UTF-8), atomically.

    The page is written to a temporary file and renamed over ``path`` only when
    complete, so a full disk or a kill never leaves a truncated page.

    Args:
        kg: the merged graph.
        path: the file to write; its folder must exist.
        **kwargs: passed on to :func:`render_html`.

    Raises:
        OutputError: the page cannot be written; ``path`` keeps its previous content.
    """
    atomic_write_text(pathlib.Path(path), render_html(kg, **kwargs))


def _article_count(kg: KnowledgeGraph) -> int:
    """How many articles the graph draws on."""
    if kg.articles:
        return len(kg.articles)
    names = {a for e in kg.entities.values() for a in e.articles}
    return len(names | {v.article for e in kg.edges for v in e.evidence})


def _legend(net: Any) -> dict[str, Any]:
    """Entity types and relations present, in ontology order, with counts."""
    types: dict[str, int] = defaultdict(int)
    relations: dict[str, int] = defaultdict(int)
    for node in net.nodes:
        types[node["ag"]["type"]] += 1
    for edge in net.edges:
        relations[edge["ag"]["relation"]] += 1
    type_rows = [
        {
            "type": t,
            "color": TYPE_STYLES.get(t, _OTHER_TYPE_STYLE)[0],
            "shape": TYPE_STYLES.get(t, _OTHER_TYPE_STYLE)[1],
            "count": types[t],
        }
        for t in sorted(types, key=lambda t: (_TYPE_ORDER.get(t, len(_TYPE_ORDER)), t))
    ]
    rel_rows = [
        {"relation": r, "family": _family(r), "count": relations[r]}
        for r in sorted(relations, key=lambda r: (_RELATION_ORDER.get(r, len(_FAMILY_OF)), r))
    ]
    return {"types": type_rows, "relations": rel_rows, "familyColors": FAMILY_COLORS}


def _payload(
    kg: KnowledgeGraph, net: Any, *, title: str, size_by: str, physics: bool, layout: str
) -> dict[str, Any]:
    """Everything the page script needs, as one JSON-ready dict."""
    isolated = sum(1 for node in net.nodes if node["ag"]["isolated"])
    return {
        "title": title,
        "sizeBy": size_by,
        "layout": layout,
        "physics": physics,
        "freezeAfterStabilization": layout == "auto",
        "isolated": isolated,
        "counts": {
            "nodes": len(net.nodes),
            "edges": len(net.edges),
            "articles": _article_count(kg),
        },
        "header": header_counts(len(net.nodes), isolated, len(net.edges), _article_count(kg)),
        "legend": _legend(net),
        "options": net.options,
        "nodes": net.nodes,
        "edges": net.edges,
    }


def header_counts(
    actors: int, isolated: int, relations: int, articles: int
) -> dict[str, list[tuple[int, str]]]:
    """The header's counts, ``(number, words)`` each: ``hidden`` as the page opens (actors in
    no relation hidden behind the toggle), ``shown`` once the toggle shows them."""

    def noun(n: int, one: str) -> str:
        return one if n == 1 else one + "s"

    tail = [(relations, noun(relations, "relation")), (articles, noun(articles, "article"))]
    if not isolated:
        both = [(actors, noun(actors, "actor")), *tail]
        return {"hidden": both, "shown": both}
    shown = actors - isolated
    return {
        "hidden": [
            (shown, noun(shown, "actor") + " shown"),
            (isolated, "hidden (in no relation)"),
            *tail,
        ],
        "shown": [(actors, noun(actors, "actor")), (isolated, "of them in no relation"), *tail],
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes, so no
    text can close the element or open a comment; ``JSON.parse`` gives the
    original strings back.
    """
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@functools.cache
def _asset(name: str) -> str:
    """Text of one file of ``graph/assets/``."""
    return (importlib.resources.files("actorgraph.graph") / "assets" / name).read_text("utf-8")


@functools.cache
def _vis_asset(name: str) -> str:
    """Text of one vis-network file shipped inside the installed pyvis package."""
    resource = importlib.resources.files("pyvis")
    for part in (*_VIS_DIR, name):
        resource = resource / part
    return resource.read_text("utf-8")


def _inline(text: str, element: str) -> str:
    """Check that ``text`` can sit inside a raw ``<script>``/``<style>`` element."""
    lowered = text.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise ValueError(f"cannot inline text containing </{element} or <!--")
    return text


def _csp(scripts: Sequence[str]) -> str:
    """Content-Security-Policy: no network, only the page's own scripts run."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


def _fill_template(title: str, payload: Mapping[str, Any]) -> str:
    """The page: template with CSS, data and scripts inlined in one pass."""
    vis_js = _inline(_vis_asset("vis-network.min.js"), "script")
    app_js = _inline(_asset("graph.js"), "script")
    parts = {
        "CSP": html.escape(_csp([vis_js, app_js])),
        "TITLE": html.escape(title),
        "VIS_CSS": _inline(_vis_asset("vis-network.css"), "style"),
        "APP_CSS": _inline(_asset("graph.css"), "style"),
        "DATA": script_json(payload),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("graph.html"))
