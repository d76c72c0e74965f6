"""Typed, immutable records that flow between the stages of actorgraph.

articles -> spaCy Docs -> :class:`ArticleResult` (local entities + facts)
-> :class:`KnowledgeGraph` (merged entities + edges) -> RDF / HTML / JSONL.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, already decoded to text."""

    #: the file's path inside the input folder it was found in (``siteA/index.html``; a file
    #: given directly: its name), unique within a build: what triples.jsonl calls ``article``
    name: str
    path: str  #: path as found on disk
    text: str
    sha256: str  #: hex digest of the UTF-8 text: the article's content identity
    title: str | None = None
    date: str | None = None
    #: other names (as ``name``) with the same content (processed once, all kept as sources)
    also_named: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An actor or place as resolved inside one article.

    ``key`` is the cross-article identity candidate: ``gaz:<id>`` for gazetteer
    entries, ``name:<Type>:<normalised name>`` for entities found only in text.
    """

    key: str
    label: str
    type: str  #: ontology class local name (``ArmedGroup``, ``Country`` ...)
    aliases: tuple[str, ...]  #: every other surface form seen in the article
    mentions: int


@dataclass(frozen=True, slots=True)
class ExtractedFact:
    """What a relation extractor reads from one sentence of a Doc.

    ``subject``/``object`` are resolution keys of ``doc._.actor_entities``;
    ``start``/``end`` are the sentence's character offsets in the Doc text.
    """

    subject: str
    relation: str
    object: str
    start: int
    end: int
    extractor: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence of one article that supports a fact."""

    article: str  #: the article's name (:attr:`Article.name`)
    article_sha256: str
    sentence: str
    start: int  #: character offset of the sentence in the article text
    end: int
    extractor: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Fact:
    """A subject-relation-object fact read from one sentence.

    ``subject`` and ``object`` are :attr:`LocalEntity.key` values.
    """

    subject: str
    relation: str
    object: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extraction produced for one article."""

    article: Article
    entities: tuple[LocalEntity, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A node of the merged graph: one real-world actor or place."""

    id: str  #: IRI
    key: str
    label: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edge:
    """A fact of the merged graph with all its evidence."""

    id: str  #: IRI of the reified fact
    subject: str  #: entity IRI
    relation: str
    object: str  #: entity IRI
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        return max(e.confidence for e in self.evidence)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({e.article for e in self.evidence}))


@dataclass(frozen=True, slots=True)
class KnowledgeGraph:
    """The merged result of a build."""

    entities: dict[str, Entity]  #: by IRI
    edges: tuple[Edge, ...]
    articles: tuple[Article, ...] = field(default=())
