"""The library of named, parameterised SPARQL queries and the binding of their parameters.

The queries live in ``graph/assets/queries.rq`` (its header explains the
format); ``actorgraph query --list`` shows them. Parameter values never enter
the query text: an entity name is resolved to the entity's IRI first (matching
``skos:prefLabel`` / ``skos:altLabel`` case-insensitively, a preferred label
winning over an alias), then the IRI is bound by the engine.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier
from rdflib.util import from_n3

from actorgraph.graph.core.names import match_names
from actorgraph.graph.core.rdf import PREFIXES
from actorgraph.graph.errors import ActorGraphError, QueryError
from actorgraph.ontology import AG, NS_IRI, RELATIONS, load_schema

from .engines import Backend, OxigraphBackend
from .results import QueryOutcome

__all__ = [
    "NamedQuery",
    "Param",
    "bind_free",
    "bind_named",
    "format_library",
    "get_query",
    "keep_whole_graph_answers",
    "library",
    "parse_library",
    "refresh_build_store",
    "resolve_entity",
    "resolve_relation",
    "run_named",
]

#: finds the entities whose preferred label or alias is ?needle (lower case)
RESOLVE_QUERY = """
SELECT ?entity ?label ?preferred ?name ?type ?mentions WHERE {
  { ?entity skos:prefLabel ?label . BIND(true AS ?preferred) }
  UNION { ?entity skos:altLabel ?label . BIND(false AS ?preferred) }
  FILTER(LCASE(STR(?label)) = ?needle)
  OPTIONAL { ?entity skos:prefLabel ?name }
  OPTIONAL { ?entity a ?class . FILTER(STRSTARTS(STR(?class), STR(ag:))) }
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  OPTIONAL { ?entity ag:mentionCount ?mentions }
}
"""

#: every label and alias, to match a name ignoring punctuation when no exact match exists
ALL_NAMES_QUERY = """
SELECT ?entity ?label ?preferred ?name ?type ?mentions WHERE {
  { ?entity skos:prefLabel ?label . BIND(true AS ?preferred) }
  UNION { ?entity skos:altLabel ?label . BIND(false AS ?preferred) }
  OPTIONAL { ?entity skos:prefLabel ?name }
  OPTIONAL { ?entity a ?class . FILTER(STRSTARTS(STR(?class), STR(ag:))) }
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  OPTIONAL { ?entity ag:mentionCount ?mentions }
}
"""

#: labels holding ?word, for "did you mean" hints
SUGGEST_QUERY = """
SELECT DISTINCT ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  FILTER(CONTAINS(LCASE(STR(?label)), ?word))
}
"""

_PARAM = re.compile(
    r"# param: (?P<name>[A-Za-z_]\w*) (?P<kind>entity|relation|text|int\((?P<lo>\d+)-(?P<hi>\d+)\))"
    r"(?:=(?P<default>\S+))? (?P<help>.+)"
)


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query: a SPARQL variable bound before the query runs."""

    name: str
    kind: str  #: ``entity``, ``relation``, ``int`` or ``text``
    help: str
    default: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def usage(self) -> str:
        """How to give it: ``actor=NAME``, ``[hops=1..4, default 3]``."""
        if self.kind == "int":
            shown = f"{self.name}={self.minimum}..{self.maximum}"
        else:
            shown = f"{self.name}=" + {"entity": "NAME", "relation": "RELATION"}.get(
                self.kind, "TEXT"
            )
        return f"[{shown}, default {self.default}]" if self.default is not None else shown


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the library."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse_library(text: str) -> dict[str, NamedQuery]:
    """Parse a query library (the format of ``queries.rq``).

    Raises:
        ValueError: a query without description, or a malformed ``# param:`` line.
    """
    out: dict[str, NamedQuery] = {}
    for block in re.split(r"(?m)^(?=# name: )", text)[1:]:
        query = _parse_block(block)
        out[query.name] = query
    return out


def _parse_block(block: str) -> NamedQuery:
    lines = block.strip().splitlines()
    name = lines[0].removeprefix("# name: ").strip()
    description, params, body_start = "", [], 1
    for i, line in enumerate(lines[1:], start=1):
        if line.startswith("# description: "):
            description = line.removeprefix("# description: ").strip()
        elif line.startswith("# param: "):
            params.append(_parse_param(line, name))
        else:
            body_start = i
            break
    if not description:
        raise ValueError(f"query {name!r} has no '# description:' line")
    body = "\n".join(lines[body_start:]).strip() + "\n"
    return NamedQuery(name, description, tuple(params), body)


def _parse_param(line: str, query: str) -> Param:
    m = _PARAM.fullmatch(line.strip())
    if m is None:
        raise ValueError(f"query {query!r}: malformed parameter line {line!r}")
    kind = "int" if m["kind"].startswith("int") else m["kind"]
    return Param(
        name=m["name"],
        kind=kind,
        help=m["help"].strip(),
        default=m["default"],
        minimum=int(m["lo"]) if m["lo"] else None,
        maximum=int(m["hi"]) if m["hi"] else None,
    )


@cache
def library() -> dict[str, NamedQuery]:
    """The named queries shipped with actorgraph, by name (read once per process)."""
    text = (files("actorgraph.graph") / "assets" / "queries.rq").read_text(encoding="utf-8")
    return parse_library(text)


def get_query(name: str) -> NamedQuery:
    """A named query. Raises :class:`QueryError` naming close matches when unknown."""
    queries = library()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise QueryError(f"no named query '{name}'{hint}; `actorgraph query --list` shows them")


def format_library() -> str:
    """The ``--list`` text: each query with its parameters and description."""
    blocks = []
    for q in library().values():
        head = " ".join([q.name, *(p.usage() for p in q.params)])
        lines = [head, f"    {q.description}"]
        lines.extend(f"    {p.name}: {p.help}" for p in q.params)
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n"


def run_named(
    query: NamedQuery,
    backend: Backend,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    limit: int | None = None,
) -> QueryOutcome:
    """Run a named query with its parameters bound; at most ``limit`` rows.

    A query without parameters reads the whole graph: on a persistent Oxigraph
    store it is answered once per graph and kept (:mod:`.answers`), which the
    build does for every such query right after loading its store.
    """
    if not query.params and isinstance(backend, OxigraphBackend):
        return backend.query_kept(query.name, query.text).limited(limit)
    return backend.query(query.text, bindings, limit=limit).limited(limit)


def keep_whole_graph_answers(backend: OxigraphBackend, memory: int | None = None) -> None:
    """Answer every named query without parameters on a store, so that it is kept
    (``memory``: what each query's worker may take, default ``limits.QUERY_MEMORY``).

    A query that fails (its time or memory ran out on a large graph) is left to be
    answered when it is asked; the others are still kept.
    """
    for query in library().values():
        if not query.params:
            with contextlib.suppress(QueryError):
                backend.query_kept(query.name, query.text, memory=memory)


#: memory a build's query worker may take to answer a whole-graph query for keeping
#: (a larger answer is made when the query is asked, under ``limits.QUERY_MEMORY``)
KEEP_MEMORY = 512 * 1024**2
#: graphs (bytes of the graph file) on which a build answers the whole-graph queries for
#: keeping: on 100,000 synthetic articles (251 MB of Turtle) they take 30 s and 350 MB;
#: on ten times that a query stops at :data:`KEEP_MEMORY` after 5-17 s
KEEP_UP_TO_BYTES = 320 * 1024**2


def refresh_build_store(
    graph_path: Path,
    store_dir: Path,
    held: dict[str, Any] | None = None,
    changes: Callable[[], Iterable[tuple[bytes, bytes]]] | None = None,
) -> None:
    """Bring a build's query store up to its graph file and keep the whole-graph answers
    there: by patching it when it holds the earlier graph (``held``, ``changes``: see
    :meth:`OxigraphBackend.patch`), else by loading the graph file; then
    :func:`keep_whole_graph_answers`, each query under :data:`KEEP_MEMORY`, when the
    graph is at most :data:`KEEP_UP_TO_BYTES`.

    Raises:
        GraphFileError: the graph cannot be loaded.
    """
    backend = OxigraphBackend(graph_path, store_dir)
    patched = False
    if changes is not None:
        with contextlib.suppress(ActorGraphError, OSError):
            patched = backend.patch(held, changes)
    if not patched:
        backend.ensure_loaded()
    if graph_path.stat().st_size <= KEEP_UP_TO_BYTES:
        keep_whole_graph_answers(backend, KEEP_MEMORY)


# --------------------------------------------------------------------------- binding


def bind_named(
    query: NamedQuery, raw: Mapping[str, str], backend: Backend
) -> dict[str, Identifier]:
    """Turn ``--bind`` strings into terms for a named query's parameters.

    Raises:
        QueryError: an unknown or missing parameter, or a value that does not fit.
    """
    known = {p.name: p for p in query.params}
    for key in raw:
        if key not in known:
            takes = ", ".join(known) or "no parameters"
            raise QueryError(f"query '{query.name}' has no parameter '{key}'; it takes {takes}")
    out: dict[str, Identifier] = {}
    for p in query.params:
        value = raw.get(p.name, p.default)
        if value is None:
            raise QueryError(
                f"query '{query.name}' needs --bind {p.usage()} ({p.help.rstrip('.')})"
            )
        out[p.name] = _convert(p, value, backend)
    return out


def _convert(p: Param, value: str, backend: Backend) -> Identifier:
    if p.kind == "entity":
        return resolve_entity(backend, value)
    if p.kind == "relation":
        return resolve_relation(value)
    if p.kind == "int":
        return _bounded_int(p, value)
    return Literal(value)


def _bounded_int(p: Param, value: str) -> Literal:
    try:
        number = int(value)
    except ValueError:
        number = None
    lo, hi = p.minimum, p.maximum
    if number is None or (lo is not None and number < lo) or (hi is not None and number > hi):
        raise QueryError(f"--bind {p.name}={value}: give a whole number from {lo} to {hi}")
    return Literal(number)


def bind_free(raw: Mapping[str, str], backend: Backend) -> dict[str, Identifier]:
    """Turn ``--bind VAR=VALUE`` strings into terms for a query of your own.

    ``<IRI>`` and ``prefix:name`` (predefined prefixes) bind IRIs; ``"text"``,
    ``"text"@en`` and ``"1"^^xsd:integer`` bind literals; whole and decimal
    numbers bind numbers; anything else is an entity name resolved to its IRI.
    """
    return {name: _free_value(value, backend) for name, value in raw.items()}


def _free_value(value: str, backend: Backend) -> Identifier:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith('"'):
        return _n3_literal(text)
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"[A-Za-z_][\w-]*", local):
        return URIRef(PREFIXES[prefix] + local)
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text))
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return Literal(Decimal(text))
    return resolve_entity(backend, text)


def _n3_literal(text: str) -> Literal:
    from rdflib import Graph

    from actorgraph.graph.core.rdf import bind_prefixes

    try:
        term = from_n3(text, nsm=bind_prefixes(Graph()).namespace_manager)
    except Exception:
        term = None
    if not isinstance(term, Literal):
        raise QueryError(f'--bind value {text!r} is not a literal such as "text"@en')
    return term


def resolve_relation(value: str) -> URIRef:
    """A relation from ``partOf``, ``part of``, ``ag:partOf`` or its IRI (any case).

    Raises:
        QueryError: not one of the 16 relations.
    """
    text = value.strip().strip("<>")
    for prefix in (NS_IRI, "ag:"):
        text = text.removeprefix(prefix)
    wanted = re.sub(r"[^a-z]", "", text.lower())
    labels = {name: load_schema().relations[name].label for name in RELATIONS}
    for name, label in labels.items():
        if wanted in {name.lower(), re.sub(r"[^a-z]", "", label.lower())}:
            return URIRef(AG[name])
    raise QueryError(f"unknown relation {value!r}; use one of {', '.join(RELATIONS)}")


def resolve_entity(backend: Backend, name: str) -> URIRef:
    """The IRI of the one entity whose label or alias is ``name`` (any case).

    A preferred label beats an alias; ``<IRI>`` or an ``http(s)://`` IRI is taken as is.

    Raises:
        QueryError: no entity, or several, have that name.
    """
    text = name.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()  # quotes a shell would have removed
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"https?://", text):
        return URIRef(text)
    needle = " ".join(text.split()).lower()
    outcome = backend.query(RESOLVE_QUERY, {"needle": Literal(needle)})
    found = _found(outcome.rows)
    if not found:  # ignoring punctuation, then the gazetteer's aliases (core.names)
        rows = backend.query(ALL_NAMES_QUERY).rows
        names: dict[str, tuple[str, list[str]]] = {}
        for entity, label, preferred, *_ in rows:
            if isinstance(entity, URIRef) and label is not None:
                entry = names.setdefault(str(entity), ("", []))
                if isinstance(preferred, Literal) and bool(preferred.toPython()):
                    names[str(entity)] = (str(label), entry[1])
                else:
                    entry[1].append(str(label))
        matched = {iri for _, iri in match_names(text, ((k, *v) for k, v in names.items()))}
        found = _found(r for r in rows if str(r[0]) in matched)
    preferred_only = {e: v for e, v in found.items() if v[0]}
    matches = preferred_only or found
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        listed = "; ".join(v[2] for v in sorted(matches.values()))
        raise QueryError(f"'{name}' names {len(matches)} entities: {listed}; bind one <IRI>")
    raise QueryError(f"no entity is named '{name}'{_suggest(backend, needle)}")


def _found(rows: Iterable[tuple[object, ...]]) -> dict[URIRef, tuple[bool, int, str]]:
    """Entity -> (named by its preferred label, -mentions, description), from resolve rows."""
    found: dict[URIRef, tuple[bool, int, str]] = {}
    for entity, _, preferred, label, etype, mentions in rows:
        if isinstance(entity, URIRef):
            pref = isinstance(preferred, Literal) and bool(preferred.toPython())
            if entity not in found or pref:
                count = int(str(mentions)) if mentions is not None else 0
                found[entity] = (pref, -count, _candidate(entity, label, etype, mentions))
    return found


def _candidate(entity: URIRef, label: object, etype: object, mentions: object) -> str:
    """``Labour (PoliticalGroup, 40 mentions) <IRI>`` for an ambiguity message."""
    facts = [str(etype) if etype else "", f"{mentions} mentions" if mentions is not None else ""]
    detail = ", ".join(f for f in facts if f)
    return f"{label} ({detail}) <{entity}>" if detail else f"{label} <{entity}>"


def _suggest(backend: Backend, needle: str) -> str:
    words = sorted(set(needle.split()), key=len, reverse=True)[:3]
    if not words:
        return ""
    by_lower: dict[str, str] = {}
    for word in words:
        outcome = backend.query(SUGGEST_QUERY, {"word": Literal(word)})
        labels = sorted({str(row[0]) for row in outcome.rows if row[0] is not None})
        by_lower.update((label.lower(), label) for label in labels)
    close = difflib.get_close_matches(needle, list(by_lower), n=3, cutoff=0.4)
    if close:
        return f" (did you mean {', '.join(repr(by_lower[c]) for c in close)}?)"
    return f"; try --name search --bind text={words[0]}"
