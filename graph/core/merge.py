"""Merge per-article results into one graph: one node per actor, one edge per fact."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from actorgraph.extractors.normalize import bare_name, fold, is_acronym, is_generic_name
from actorgraph.extractors.records import (
    Article,
    ArticleResult,
    Edge,
    Entity,
    Evidence,
    KnowledgeGraph,
)
from actorgraph.extractors.unionfind import UnionFind
from actorgraph.ontology import load_schema

from .iri import DEFAULT_BASE, entity_iri, fact_iri


def _gazetteer_then_smallest(a: str, b: str) -> str | None:
    """The representative of two joined sets: a gazetteer key, else the smaller key;
    two gazetteer keys never merge."""
    if a.startswith("gaz:") and b.startswith("gaz:"):
        return None
    if b.startswith("gaz:") or (not a.startswith("gaz:") and b < a):
        return b
    return a


def _without_initials(name: str) -> str:
    """ "Vladimir V. Putin" -> "Vladimir Putin": a middle initial makes no other person."""
    words = name.split()
    kept = [
        w
        for i, w in enumerate(words)
        if not (0 < i < len(words) - 1 and len(w.rstrip(".")) == 1 and w[:1].isupper())
    ]
    return " ".join(kept) if len(kept) >= 2 else name


def name_keys(
    label: str, etype: str, aliases: Iterable[str], key_of: Callable[[str], str] = fold
) -> list[str]:
    """The names under which :func:`merge` files an entity (``group\\x1ffolded``): its
    names of a compatible type, and a full name of any type (a name typed differently in
    two articles is still one actor); never an acronym, a bare surname or a generic
    body's name alone."""
    group = _type_group(etype)
    keys = []
    for name in (label, *aliases):
        if is_acronym(name) or (etype == "Person" and bare_name(name)):
            continue
        if is_generic_name(name):  # "Foreign Ministry": each state has one
            continue
        keys.append(f"{group}\x1f{key_of(name)}")
        if etype == "Person" and (plain := _without_initials(name)) != name:
            keys.append(f"{group}\x1f{key_of(plain)}")  # "Vladimir V. Putin"
    if (
        len(label.split()) >= 2
        and not is_generic_name(label)
        and not (etype == "Person" and bare_name(label))
    ):
        keys.append(f"any\x1f{key_of(label)}")
    return keys


def merge(
    results: Iterable[ArticleResult], *, base: str = DEFAULT_BASE, min_confidence: float = 0.0
) -> KnowledgeGraph:
    """Merge article results: entities across articles by key and by shared full names.

    Two text-only entities of compatible types merge when one's label equals the
    other's label or multi-word alias (a bare surname or acronym alone never
    merges across articles: it may name someone else there).
    """
    results = list(results)
    folded: dict[str, str] = {}  # the same names recur across articles: fold each once

    def key_of(name: str) -> str:
        k = folded.get(name)
        if k is None:
            k = folded[name] = fold(name)
        return k

    uf = UnionFind(_gazetteer_then_smallest)
    by_name: dict[str, str] = {}
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for e in r.entities:
            uf.find(e.key)
            types[e.key][e.type] += e.mentions
            for k in name_keys(e.label, e.type, e.aliases, key_of):
                if k in by_name:
                    uf.union(by_name[k], e.key)
                else:
                    by_name[k] = e.key

    labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    ctype: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for e in r.entities:
            root = uf.find(e.key)
            labels[root][e.label] += e.mentions + (1000 if e.key == root else 0)
            aliases[root].update(e.aliases)
            aliases[root].add(e.label)
            mentions[root] += e.mentions
            articles[root].add(r.article.name)
            ctype[root].update(types[e.key])

    entities: dict[str, Entity] = {}
    iri_of: dict[str, str] = {}
    for root in sorted(labels):
        label = labels[root].most_common(1)[0][0]
        iri = str(entity_iri(base, root))
        iri_of[root] = iri
        entities[iri] = Entity(
            id=iri,
            key=root,
            label=label,
            type=ctype[root].most_common(1)[0][0],
            aliases=tuple(sorted(aliases[root] - {label})),
            mentions=mentions[root],
            articles=tuple(sorted(articles[root])),
        )

    # a node takes the majority type of its mentions, so a fact read with an argument
    # typed otherwise in its article is checked again against the ontology here
    schema = load_schema()
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for r in results:
        for f in r.facts:
            if f.evidence.confidence < min_confidence:
                continue
            s, o = iri_of[uf.find(f.subject)], iri_of[uf.find(f.object)]
            if s != o and schema.fits(f.relation, entities[s].type, entities[o].type):
                evidence[(s, f.relation, o)].append(f.evidence)
    edges = tuple(
        Edge(
            id=str(fact_iri(base, s, rel, o)),
            subject=s,
            relation=rel,
            object=o,
            evidence=tuple(sorted(set(ev), key=lambda e: (e.article, e.start, e.extractor))),
        )
        for (s, rel, o), ev in sorted(evidence.items())
    )
    arts: list[Article] = sorted((r.article for r in results), key=lambda a: a.name)
    return KnowledgeGraph(entities=entities, edges=edges, articles=tuple(arts))


def _type_group(etype: str) -> str:
    if etype == "Person":
        return "person"
    if etype in {"Place", "Facility", "Country"}:
        return "place" if etype != "Country" else "country"
    return "org"
