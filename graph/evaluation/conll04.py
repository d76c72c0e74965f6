"""End-to-end scores on CoNLL04 (Roth & Yih, 2004; the SpERT JSON layout).

Each sentence (its tokens joined by single spaces) runs through the full
actorgraph pipeline; our facts are mapped back to the gold entity spans and
compared with the gold relations:

* an argument matches a gold entity when one of its mentions in
  ``doc.spans["actors"]`` overlaps the gold span and, for the *strict* score,
  the gold text (normalised as in :func:`actorgraph.graph.evaluation.gold.norm`)
  equals the mention's text, the entity's label or one of its aliases; the
  *lenient* score asks for the overlap only;
* relations map as ``Work_For`` -> memberOf / leaderOf / affiliatedWith,
  ``Kill`` -> attacked, ``Located_In`` -> locatedIn, ``OrgBased_In`` ->
  presentIn / locatedIn (any of them counts), in the gold direction;
* ``Live_In`` is not scored: gold ``Live_In`` relations are dropped, and a fact
  from a person to a place that CoNLL04 could only annotate as ``Live_In``
  (presentIn, locatedIn, memberOf, leaderOf, affiliatedWith) is ignored;
* facts of other relations (partOf, backedBy ...) have no CoNLL04 counterpart
  and are counted apart (partOf is not OrgBased_In: "the U.S. Embassy in Beirut"
  is part of the United States and based in Beirut).

A system relation is the set element (head, tail, type): facts whose two
arguments map to the same gold pair count once. A fact that matches no gold
relation is a false positive of the CoNLL04 type its relation and argument
types fit (``OrgBased_In`` for an organisation in a place ...).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.graph.errors import InputError

from .gold import PRF, norm

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from actorgraph.extractors.records import ExtractedFact, LocalEntity

__all__ = [
    "RELATION_MAP",
    "Conll04Score",
    "GoldEntity",
    "Sentence",
    "evaluate_conll04",
    "format_conll04",
    "load_conll04",
    "score_docs",
]

#: scored CoNLL04 relation -> the actorgraph relations that express it
RELATION_MAP: dict[str, frozenset[str]] = {
    "Work_For": frozenset({"memberOf", "leaderOf", "affiliatedWith"}),
    "Kill": frozenset({"attacked"}),
    "Located_In": frozenset({"locatedIn"}),
    "OrgBased_In": frozenset({"presentIn", "locatedIn"}),
}
UNSCORED = "Live_In"
#: CoNLL04 relation -> (head entity type, tail entity type)
SIGNATURES: dict[str, tuple[str, str]] = {
    "Work_For": ("Peop", "Org"),
    "Kill": ("Peop", "Peop"),
    "Located_In": ("Loc", "Loc"),
    "OrgBased_In": ("Org", "Loc"),
    UNSCORED: ("Peop", "Loc"),
}
#: our relations that, from a person to a place, can only be CoNLL04's Live_In
LIVE_IN_LIKE = frozenset({"presentIn", "locatedIn", "memberOf", "leaderOf", "affiliatedWith"})
#: ontology class -> CoNLL04 entity type (other classes are organisations)
_CONLL_TYPE = {
    "Person": "Peop",
    "Country": "Loc",
    "Place": "Loc",
    "Facility": "Loc",
    "Weapon": "Other",
}
_HINT = "expected the SpERT CoNLL04 JSON layout (a list of {tokens, entities, relations})"

#: one system or gold relation: (head, tail, CoNLL04 type); heads and tails are
#: gold entity indices, or our entity keys where no gold entity matched
Triple = tuple[int | str, int | str, str]


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One gold entity with its character span in the joined sentence text."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One CoNLL04 sentence: text, gold entities and gold relations (head, tail, type)."""

    text: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[tuple[int, int, str], ...]


@dataclass
class Conll04Score:
    """Scores of one CoNLL04 file."""

    path: str
    sentences: int
    strict: PRF
    lenient: PRF
    per_type: dict[str, PRF]
    lenient_per_type: dict[str, PRF]
    #: gold Live_In relations left out of the score
    gold_live_in: int = 0
    #: our facts ignored because they could only be Live_In
    live_in_facts: int = 0
    #: our facts whose relation has no CoNLL04 counterpart, by relation
    unmapped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready data."""
        return {
            "path": self.path,
            "sentences": self.sentences,
            "strict": self.strict.as_dict(),
            "lenient": self.lenient.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "lenient_per_type": {k: v.as_dict() for k, v in sorted(self.lenient_per_type.items())},
            "gold_live_in": self.gold_live_in,
            "live_in_facts": self.live_in_facts,
            "unmapped": dict(sorted(self.unmapped.items())),
            "seconds": round(self.seconds, 2),
        }


# --------------------------------------------------------------------------- #
# reading
# --------------------------------------------------------------------------- #


def load_conll04(path: str | Path) -> list[Sentence]:
    """Read a CoNLL04 file in the SpERT JSON layout.

    Args:
        path: a JSON file: a list of ``{"tokens", "entities", "relations"}``
            objects; entity ``end`` is exclusive, relation ``head``/``tail``
            index into ``entities``.

    Returns:
        One :class:`Sentence` per object, tokens joined by single spaces.

    Raises:
        InputError: the file is missing, not JSON or not in that layout.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"CoNLL04 file '{p}' not found; pass the path of conll04_dev.json")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"'{p}' is not JSON ({exc}); {_HINT}") from None
    if not isinstance(data, list):
        raise InputError(f"'{p}' holds no list of sentences; {_HINT}")
    return [_sentence(item, f"'{p}' sentence {i}") for i, item in enumerate(data)]


def _sentence(item: Any, where: str) -> Sentence:
    """One sentence object; ``where`` names it in error messages."""
    try:
        tokens = [str(t) for t in item["tokens"]]
        offsets = _token_offsets(tokens)
        text = " ".join(tokens)
        entities = tuple(_entity(e, tokens, offsets, text) for e in item["entities"])
        relations = tuple(
            (_index(r["head"], entities), _index(r["tail"], entities), str(r["type"]))
            for r in item.get("relations", ())
        )
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        problem = f"lacks {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)
        raise InputError(f"{where} is malformed: {problem}; {_HINT}") from None
    return Sentence(text=text, entities=entities, relations=relations)


def _token_offsets(tokens: Sequence[str]) -> list[int]:
    """Character offset of each token in ``" ".join(tokens)``, plus the text length."""
    offsets, pos = [], 0
    for tok in tokens:
        offsets.append(pos)
        pos += len(tok) + 1
    offsets.append(max(pos - 1, 0))
    return offsets


def _entity(
    e: Mapping[str, Any], tokens: Sequence[str], offsets: Sequence[int], text: str
) -> GoldEntity:
    """A gold entity from token indices (``end`` exclusive)."""
    start, end = int(e["start"]), int(e["end"])
    if not 0 <= start < end <= len(tokens):
        raise IndexError(f"entity tokens {start}..{end} outside 0..{len(tokens)}")
    first, last = offsets[start], offsets[end - 1] + len(tokens[end - 1])
    return GoldEntity(type=str(e["type"]), start=first, end=last, text=text[first:last])


def _index(value: Any, entities: Sequence[GoldEntity]) -> int:
    """A relation argument: an index into the sentence's entities."""
    i = int(value)
    if not 0 <= i < len(entities):
        raise IndexError(f"relation argument {i} outside 0..{len(entities) - 1}")
    return i


# --------------------------------------------------------------------------- #
# scoring
# --------------------------------------------------------------------------- #


def evaluate_conll04(
    path: str | Path,
    nlp: Language | None = None,
    *,
    min_confidence: float = 0.5,
    batch_size: int = 64,
) -> Conll04Score:
    """Run the pipeline over a CoNLL04 file and score its facts end to end.

    Args:
        path: the CoNLL04 JSON file (e.g. ``conll04_dev.json``).
        nlp: a pipeline from :func:`actorgraph.extractors.pipeline.load_pipeline`
            (loaded with the default model when ``None``).
        min_confidence: facts less confident than this are dropped, as in a build.
        batch_size: sentences per ``nlp.pipe`` batch.

    Returns:
        Strict and lenient precision, recall and F1, overall and per relation type.

    Raises:
        InputError: the file cannot be read (see :func:`load_conll04`).
    """
    started = time.perf_counter()
    sentences = load_conll04(path)
    if nlp is None:
        from actorgraph.extractors.pipeline import load_pipeline

        nlp = load_pipeline()
    docs = nlp.pipe((s.text for s in sentences), batch_size=batch_size)
    result = score_docs(sentences, docs, min_confidence=min_confidence, path=str(path))
    result.seconds = time.perf_counter() - started
    return result


def score_docs(
    sentences: Sequence[Sentence],
    docs: Iterable[Doc],
    *,
    min_confidence: float = 0.5,
    path: str = "",
) -> Conll04Score:
    """Score processed Docs (one per sentence, same order) against the gold relations."""
    result = Conll04Score(
        path=path,
        sentences=len(sentences),
        strict=PRF(),
        lenient=PRF(),
        per_type={t: PRF() for t in RELATION_MAP},
        lenient_per_type={t: PRF() for t in RELATION_MAP},
    )
    unmapped: Counter[str] = Counter()
    for sentence, doc in zip(sentences, docs, strict=True):
        gold = _gold(sentence)
        result.gold_live_in += sum(1 for r in sentence.relations if r[2] == UNSCORED)
        facts = [f for f in _facts(doc) if f.confidence >= min_confidence]
        unmapped.update(f.relation for f in facts if not _types_of(f.relation))
        system, ignored = _system(sentence, doc, facts, strict=True)
        result.live_in_facts += ignored
        _count(gold, system, result.strict, result.per_type)
        system, _ = _system(sentence, doc, facts, strict=False)
        _count(gold, system, result.lenient, result.lenient_per_type)
    result.unmapped = dict(unmapped)
    return result


def _gold(sentence: Sentence) -> set[Triple]:
    """The scored gold relations of a sentence (Live_In and unknown types dropped)."""
    return {(h, t, r) for h, t, r in sentence.relations if r in RELATION_MAP}


def _facts(doc: Doc) -> list[ExtractedFact]:
    """The facts of a processed Doc, without self-relations."""
    return [f for f in (doc._.facts or []) if f.subject != f.object]


def _types_of(relation: str) -> list[str]:
    """The CoNLL04 relations an actorgraph relation can express, in map order."""
    return [t for t, rels in RELATION_MAP.items() if relation in rels]


def _system(
    sentence: Sentence, doc: Doc, facts: Sequence[ExtractedFact], *, strict: bool
) -> tuple[set[Triple], int]:
    """Our facts as CoNLL04 triples, and how many were ignored as Live_In-only."""
    entities: Mapping[str, LocalEntity] = doc._.actor_entities or {}
    mentions = _mentions(doc)
    system: set[Triple] = set()
    ignored = 0
    for fact in facts:
        if _types_of(fact.relation):
            triples = _fact_triples(sentence, fact, entities, mentions, strict)
            ignored += triples is None
            system |= triples or set()
    return system, ignored


def _fact_triples(
    sentence: Sentence,
    fact: ExtractedFact,
    entities: Mapping[str, LocalEntity],
    mentions: Mapping[str, list[Span]],
    strict: bool,
) -> set[Triple] | None:
    """The gold triples a fact finds, else the one false positive it makes (``None``: ignored)."""
    types = _types_of(fact.relation)
    subject, obj = entities.get(fact.subject), entities.get(fact.object)
    heads = _matches(sentence, subject, mentions.get(fact.subject), strict)
    tails = _matches(sentence, obj, mentions.get(fact.object), strict)
    gold = set(sentence.relations)
    found: set[Triple] = {
        (h, t, r) for h in heads for t in tails for r in types if (h, t, r) in gold
    }
    if found:
        return found
    head_type, tail_type = _arg_type(sentence, heads, subject), _arg_type(sentence, tails, obj)
    kind = _fact_type(fact, types, head_type, tail_type)
    if kind is None:
        return None
    return {(min(heads, default=fact.subject), min(tails, default=fact.object), kind)}


def _mentions(doc: Doc) -> dict[str, list[Span]]:
    """Mention spans of each resolved entity key."""
    by_key: dict[str, list[Span]] = {}
    for span in doc.spans.get("actors", []):
        by_key.setdefault(span.kb_id_, []).append(span)
    return by_key


def _matches(
    sentence: Sentence, entity: LocalEntity | None, mentions: Sequence[Span] | None, strict: bool
) -> list[int]:
    """Indices of the gold entities that one of our arguments matches."""
    names = set() if entity is None else {norm(n) for n in (entity.label, *entity.aliases)}
    return [
        i
        for i, gold in enumerate(sentence.entities)
        if any(_same(gold, span, names, strict) for span in mentions or ())
    ]


def _same(gold: GoldEntity, span: Span, names: set[str], strict: bool) -> bool:
    """Whether a mention overlaps a gold entity (and, if strict, names it)."""
    if not (span.start_char < gold.end and gold.start < span.end_char):
        return False
    return not strict or norm(gold.text) in names | {norm(span.text)}


def _arg_type(sentence: Sentence, matched: Sequence[int], entity: LocalEntity | None) -> str:
    """CoNLL04 type of an argument: the matched gold entity's, else from our class."""
    if matched:
        return sentence.entities[min(matched)].type
    return _CONLL_TYPE.get(entity.type if entity else "", "Org")


def _fact_type(fact: ExtractedFact, types: Sequence[str], head: str, tail: str) -> str | None:
    """The CoNLL04 type an unmatched fact is a false positive of; ``None``: Live_In only."""
    fitting = [t for t in types if SIGNATURES[t] == (head, tail)]
    if fitting:
        return fitting[0]
    if (head, tail) == SIGNATURES[UNSCORED] and fact.relation in LIVE_IN_LIKE:
        return None
    return types[0]


def _count(gold: set[Triple], system: set[Triple], total: PRF, per_type: dict[str, PRF]) -> None:
    """Add one sentence's true positives, false positives and false negatives."""
    for triple in gold | system:
        for prf in (total, per_type[triple[2]]):
            if triple not in system:
                prf.fn += 1
            elif triple in gold:
                prf.tp += 1
            else:
                prf.fp += 1


# --------------------------------------------------------------------------- #
# report
# --------------------------------------------------------------------------- #


def format_conll04(result: Conll04Score) -> str:
    """A plain-text report: per-type counts, strict and lenient P/R/F1, what was not scored."""
    gold = result.strict.tp + result.strict.fn
    system = result.strict.tp + result.strict.fp
    lines = [
        f"CoNLL04 {Path(result.path).name or '(sentences)'}: {result.sentences} sentences, "
        f"{gold} gold relations scored, {system} system relations ({result.seconds:.1f} s)"
    ]
    blocks = (
        ("strict (argument spans equal after normalisation)", result.strict, result.per_type),
        ("lenient (argument spans overlap)", result.lenient, result.lenient_per_type),
    )
    for title, total, per_type in blocks:
        lines.append(title)
        lines.extend(_prf_line(rel, per_type[rel]) for rel in RELATION_MAP)
        lines.append(_prf_line("overall", total))
    others = ", ".join(f"{k} {v}" for k, v in sorted(result.unmapped.items())) or "none"
    lines.append(
        f"not scored: {result.gold_live_in} gold {UNSCORED}; {result.live_in_facts} facts "
        f"that could only be {UNSCORED}; facts of other relations: {others}"
    )
    return "\n".join(lines)


def _prf_line(name: str, c: PRF) -> str:
    """``  Work_For     tp= 14 fp=  6 fn= 55  P=0.70 R=0.20 F1=0.31``."""
    return (
        f"  {name:12s} tp={c.tp:3d} fp={c.fp:3d} fn={c.fn:3d}  "
        f"P={c.p:.3f} R={c.r:.3f} F1={c.f1:.3f}"
    )
