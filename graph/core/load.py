"""Read a build's outputs back into a :class:`KnowledgeGraph`.

Entities come from ``entities.jsonl``; facts, with every piece of evidence,
from the reified ``ag:Fact`` / ``ag:Evidence`` nodes of ``graph.ttl`` (see
:mod:`actorgraph.graph.core.rdf` for the model); articles from its ``ag:Article``
nodes (names, hashes, titles and dates: the article text is not stored).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.errors import GraphFileError
from actorgraph.ontology import AG, NS_IRI

from .graphfile import load_graph

__all__ = ["load_entities", "load_knowledge_graph"]

_REBUILD = "rebuild it with `actorgraph build ... -o FOLDER`"


def load_knowledge_graph(out_dir: str | Path) -> KnowledgeGraph:
    """The graph of a finished build, with all evidence of every fact.

    Args:
        out_dir: the build folder holding ``entities.jsonl`` and ``graph.ttl``.

    Returns:
        Entities by IRI, edges in IRI order (evidence sorted by article and
        offset) and the article records (with empty ``text``).

    Raises:
        GraphFileError: the folder or one of the two files is missing or malformed.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise GraphFileError(
            f"build folder '{out}' not found; run `actorgraph build ... -o {out}` first"
        )
    entities = load_entities(out / "entities.jsonl")
    ttl = out / "graph.ttl"
    if not ttl.is_file():
        raise GraphFileError(f"'{ttl}' not found; {_REBUILD}")
    g = load_graph(ttl)
    cited = {name for ent in entities.values() for name in ent.articles}
    articles = _articles(g, cited)
    edges = _edges(g, {str(node): art for node, art in articles.items()}, ttl)
    ordered = tuple(sorted(articles.values(), key=lambda a: a.name))
    return KnowledgeGraph(entities=entities, edges=edges, articles=ordered)


def load_entities(path: Path) -> dict[str, Entity]:
    """Entities of an ``entities.jsonl`` file, by IRI.

    The file has no resolution keys; an entity's ``key`` is its ``key`` field
    where present, else its IRI.

    Raises:
        GraphFileError: the file is missing, or a line is not an entity record.
    """
    if not path.is_file():
        raise GraphFileError(f"'{path}' not found; run `actorgraph build ... -o {path.parent}`")
    entities: dict[str, Entity] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            entity = _entity(_json_line(path, number, line), path, number)
            entities[entity.id] = entity
    return entities


def _json_line(path: Path, number: int, line: str) -> dict[str, Any]:
    """One JSON object of a JSON Lines file."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GraphFileError(
            f"'{path}' line {number} is not valid JSON ({exc.msg}); {_REBUILD}"
        ) from None
    if not isinstance(record, dict):
        raise GraphFileError(f"'{path}' line {number} is not a JSON object; {_REBUILD}")
    return record


def _entity(record: dict[str, Any], path: Path, number: int) -> Entity:
    """An :class:`Entity` from one ``entities.jsonl`` record."""
    missing = [k for k in ("id", "label", "type") if not isinstance(record.get(k), str)]
    if missing:
        raise GraphFileError(f"'{path}' line {number} lacks {', '.join(missing)}; {_REBUILD}")
    return Entity(
        id=record["id"],
        key=str(record.get("key") or record["id"]),
        label=record["label"],
        type=record["type"],
        aliases=tuple(str(a) for a in record.get("aliases") or ()),
        mentions=int(record.get("mentions") or 0),
        articles=tuple(str(a) for a in record.get("articles") or ()),
    )


def _articles(g: Graph, cited: set[str]) -> dict[Node, Article]:
    """Article records of the graph by node; the name is one an entity cites, if any."""
    articles: dict[Node, Article] = {}
    for node in g.subjects(RDF.type, AG.Article):
        names = sorted(str(n) for n in g.objects(node, AG.fileName))
        if not names:
            names = [str(node).rsplit("/", 1)[-1]]
        name = next((n for n in names if n in cited), names[0])
        title, date = g.value(node, DCTERMS.title), g.value(node, DCTERMS.date)
        articles[node] = Article(
            name=name,
            path=name,
            text="",
            sha256=str(g.value(node, AG.sha256) or ""),
            title=None if title is None else str(title),
            date=None if date is None else str(date),
            also_named=tuple(n for n in names if n != name),
        )
    return articles


def _edges(g: Graph, articles: dict[str, Article], path: Path) -> tuple[Edge, ...]:
    """Every reified fact of the graph with its evidence, in IRI order."""
    edges = []
    for fact in sorted(set(g.subjects(RDF.type, AG.Fact)), key=str):
        subject, predicate, obj = (
            _required(g, fact, p, path) for p in (RDF.subject, RDF.predicate, RDF.object)
        )
        evidence = (_evidence(g, ev, articles, path) for ev in g.objects(fact, AG.evidence))
        edges.append(
            Edge(
                id=str(fact),
                subject=str(subject),
                relation=_relation(predicate),
                object=str(obj),
                evidence=tuple(sorted(evidence, key=_evidence_order)),
            )
        )
    return tuple(edges)


def _relation(predicate: Node) -> str:
    """The local name of an ontology property (other IRIs stay whole)."""
    iri = str(predicate)
    return iri[len(NS_IRI) :] if iri.startswith(NS_IRI) else iri


def _evidence(g: Graph, node: Node, articles: dict[str, Article], path: Path) -> Evidence:
    """One ``ag:Evidence`` node as an :class:`Evidence` record."""
    article_node = str(_required(g, node, AG.article, path))
    article = articles.get(article_node)
    return Evidence(
        article=article.name if article else article_node.rsplit("/", 1)[-1],
        article_sha256=article.sha256 if article else "",
        sentence=str(_required(g, node, AG.sentence, path)),
        start=_number(g, node, AG.startOffset, path, int),
        end=_number(g, node, AG.endOffset, path, int),
        extractor=str(_required(g, node, AG.extractor, path)),
        confidence=_number(g, node, AG.confidence, path, float),
    )


def _evidence_order(ev: Evidence) -> tuple[str, int, int, str]:
    return (ev.article, ev.start, ev.end, ev.extractor)


def _required(g: Graph, node: Node, prop: Node, path: Path) -> Node:
    """The one value of ``prop`` on ``node``; an error naming the file if absent."""
    value = g.value(node, prop)
    if value is None:
        raise GraphFileError(f"'{path}': <{node}> has no {_short(prop)}; {_REBUILD}")
    return value


def _number(g: Graph, node: Node, prop: Node, path: Path, kind: type[Any]) -> Any:
    """A numeric literal value converted by ``kind`` (``int`` or ``float``)."""
    value = _required(g, node, prop, path)
    try:
        return kind(value.toPython() if hasattr(value, "toPython") else value)
    except (TypeError, ValueError):
        raise GraphFileError(
            f"'{path}': <{node}> has a non-numeric {_short(prop)}: {value!s}; {_REBUILD}"
        ) from None


def _short(prop: Node) -> str:
    """``ag:startOffset`` / ``rdf:subject`` for a known property, the IRI otherwise."""
    iri = str(prop)
    for prefix, ns in (("ag", NS_IRI), ("rdf", str(RDF))):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
