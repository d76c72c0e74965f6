"""Score a build against gold facts (the format of the project's eval/gold folder).

Typed: (subject, relation, object) must match a gold record, alternatives
(``alt_s``/``alt_o``) accepted, symmetric relations in either direction.
Untyped: the unordered entity pair only. System labels and aliases map to gold
canonical entities by normalised name, as the reference scorer does.
Entity resolution: gold entities split over several nodes, and nodes whose
names map to two or more gold entities.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.extractors.gazetteer import load_gazetteer
from actorgraph.graph.errors import InputError

SYMMETRIC = {"alliedWith", "opposes"}
#: gold files whose names start so hold entities, not facts (as the reference scorer)
ENTITY_FILE_PREFIXES = ("entities", "new_entities")


def norm(text: str) -> str:
    """The reference scorer's name normalisation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text)
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


def _local(rel: str) -> str:
    return re.split(r"[#/:]", rel)[-1]


@dataclass
class Gold:
    alias: dict[str, str]  #: normalised name -> canonical gold entity
    facts: dict[str, list[dict[str, object]]]  #: article -> gold records
    types: dict[str, str] = field(default_factory=dict)  #: canonical entity -> its type

    def resolve(self, labels: Iterable[str]) -> str | None:
        for lab in labels:
            hit = self.alias.get(norm(lab))
            if hit:
                return hit
        return None


class GoldFormatError(InputError):
    """A JSON Lines file holds a line that is not a usable record (names the file and line)."""


def is_gold_fact_file(path: Path) -> bool:
    """Whether a file holds gold facts: any ``*.jsonl`` but the entity files (as score.py)."""
    return path.suffix == ".jsonl" and not path.name.startswith(ENTITY_FILE_PREFIXES)


def _records(path: Path, required: Sequence[str]) -> Iterator[dict[str, object]]:
    """The JSON objects of a JSON Lines file; a bad line raises :class:`GoldFormatError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot be read ({exc})") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            why = getattr(exc, "msg", "nested too deeply")
            raise GoldFormatError(f"{path}:{n}: not JSON ({why})") from None
        if not isinstance(rec, dict):
            raise GoldFormatError(f"{path}:{n}: expected a JSON object, got {type(rec).__name__}")
        missing = [k for k in required if not rec.get(k)]
        if missing:
            raise GoldFormatError(f"{path}:{n}: lacks {', '.join(map(repr, missing))}")
        yield rec


def load_gold(gold_dir: str | Path) -> Gold:
    """Read a gold folder: entity files for the names, every other ``*.jsonl`` for facts.

    Raises:
        FileNotFoundError: no such folder, or no fact file in it.
        GoldFormatError: a line is not JSON or lacks a required field (file and line named).
    """
    d = Path(gold_dir)
    if not d.is_dir():
        raise FileNotFoundError(f"gold folder '{d}' not found")
    alias: dict[str, str] = {}
    types: dict[str, str] = {}
    for f in sorted(d.glob("entities.jsonl")) + sorted(d.glob("new_entities*.jsonl")):
        for e in _records(f, ("name",)):
            types.setdefault(str(e["name"]), str(e.get("type") or ""))
            for name in [e["name"], *_labels(e.get("aliases"))]:
                alias.setdefault(norm(str(name)), str(e["name"]))
    facts: dict[str, list[dict[str, object]]] = defaultdict(list)
    files = sorted(p for p in d.glob("*.jsonl") if is_gold_fact_file(p))
    for f in files:
        for g in _records(f, ("article", "s", "r", "o")):
            facts[str(g["article"])].append(g)
    if not files:
        raise FileNotFoundError(f"no gold fact files (*.jsonl besides entities) in '{d}'")
    return Gold(alias=alias, facts=dict(facts), types=types)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "p": round(self.p, 3),
            "r": round(self.r, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class ArticleScore:
    """Typed and untyped counts of one article."""

    typed: PRF = field(default_factory=PRF)
    untyped: PRF = field(default_factory=PRF)

    def as_dict(self) -> dict[str, object]:
        return {"typed": self.typed.as_dict(), "untyped": self.untyped.as_dict()}


@dataclass
class Score:
    articles: list[str]
    typed: PRF
    untyped: PRF
    per_relation: dict[str, PRF]
    per_article: dict[str, ArticleScore] = field(default_factory=dict)
    split_entities: dict[str, list[str]] = field(default_factory=dict)
    merged_nodes: dict[str, list[str]] = field(default_factory=dict)
    #: gold entity -> place nodes kept apart from it: its capital as a place ("in Moscow")
    #: is the city, not the state (GUIDELINES), though the gold lists it as an alias
    places_apart: dict[str, list[str]] = field(default_factory=dict)
    gold_entities: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "typed": self.typed.as_dict(),
            "untyped": self.untyped.as_dict(),
            "per_relation": {k: v.as_dict() for k, v in sorted(self.per_relation.items())},
            "per_article": {k: v.as_dict() for k, v in self.per_article.items()},
            "entity_resolution": {
                "gold_entities": self.gold_entities,
                "split": self.split_entities,
                "merged": self.merged_nodes,
                "places_apart": self.places_apart,
            },
        }


def _labels(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def score(
    triples: Sequence[dict[str, object]],
    gold: Gold,
    *,
    articles: Sequence[str] | None = None,
    entities: Sequence[dict[str, object]] = (),
) -> Score:
    """Score triples.jsonl records (and optionally entities.jsonl) against gold."""
    arts = list(articles) if articles else sorted(gold.facts)
    system: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for t in triples:
        art = Path(str(t["article"])).name
        s_labels = _labels(t["subject"]) + _labels(t.get("subject_aliases"))
        o_labels = _labels(t["object"]) + _labels(t.get("object_aliases"))
        s = gold.resolve(s_labels) or f"?{t['subject']}"
        o = gold.resolve(o_labels) or f"?{t['object']}"
        system[art].add((s, _local(str(t["relation"])), o))

    per_rel: dict[str, PRF] = defaultdict(PRF)
    per_art: dict[str, ArticleScore] = {}
    for art in arts:
        golds = gold.facts.get(art, [])
        sys_t = system.get(art, set())
        typed, untyped = PRF(), PRF()
        per_art[art] = ArticleScore(typed=typed, untyped=untyped)
        options = []
        for g in golds:
            ss = [str(g["s"]), *_labels(g.get("alt_s"))]
            oo = [str(g["o"]), *_labels(g.get("alt_o"))]
            r = str(g["r"])
            opt = {(s, r, o) for s in ss for o in oo}
            if r in SYMMETRIC:
                opt |= {(o, r, s) for s in ss for o in oo}
            options.append((r, opt))
        for r, opt in options:
            if opt & sys_t:
                typed.tp += 1
                per_rel[r].tp += 1
            else:
                typed.fn += 1
                per_rel[r].fn += 1
        all_opts = set().union(*(o for _, o in options)) if options else set()
        for triple in sys_t:
            if triple not in all_opts:
                typed.fp += 1
                per_rel[triple[1]].fp += 1
        gpairs = [{frozenset((s, o)) for (s, _, o) in opt} for _, opt in options]
        spairs = {frozenset((s, o)) for (s, _, o) in sys_t}
        for gp in gpairs:
            if gp & spairs:
                untyped.tp += 1
            else:
                untyped.fn += 1
        all_gp = set().union(*gpairs) if gpairs else set()
        untyped.fp += len(spairs - all_gp)
    typed = _sum(a.typed for a in per_art.values())
    untyped = _sum(a.untyped for a in per_art.values())

    result = Score(
        articles=arts,
        typed=typed,
        untyped=untyped,
        per_relation=dict(per_rel),
        per_article=per_art,
    )
    if entities:
        _entity_resolution(result, gold, arts, entities)
    return result


def _sum(counts: Iterable[PRF]) -> PRF:
    total = PRF()
    for c in counts:
        total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
    return total


_PLACE_TYPES = frozenset({"Place", "Facility"})


def _is_capital(name: str) -> bool:
    """Whether the gazetteer knows the name as a seat standing for a state ("Moscow")."""
    return any(m.kind == "metonym" for m in load_gazetteer().lookup_all(name))


def _entity_resolution(
    result: Score, gold: Gold, arts: Sequence[str], entities: Sequence[dict[str, object]]
) -> None:
    wanted = {
        str(x)
        for a in arts
        for g in gold.facts.get(a, [])
        for x in [g["s"], g["o"], *_labels(g.get("alt_s")), *_labels(g.get("alt_o"))]
    }
    result.gold_entities = len(wanted)
    nodes_of: dict[str, set[str]] = defaultdict(set)
    types_of: dict[str, set[str]] = defaultdict(set)
    places_of: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if not set(_labels(e.get("articles"))) & set(arts):
            continue
        names = [str(e["label"]), *_labels(e.get("aliases"))]
        hits = Counter(h for n in names if (h := gold.alias.get(norm(n))))
        label_hit = gold.alias.get(norm(str(e["label"])))
        if len(hits) >= 2:
            result.merged_nodes[str(e["label"])] = sorted(hits)
        target = label_hit or (hits.most_common(1)[0][0] if hits else None)
        if target in wanted:
            nodes_of[target].add(str(e["label"]))
            types_of[target].add(str(e.get("type") or ""))
            if (
                e.get("type") in _PLACE_TYPES
                and gold.types.get(target) not in _PLACE_TYPES
                and _is_capital(str(e["label"]))
            ):
                places_of[target].add(str(e["label"]))
    for g, nodes in sorted(nodes_of.items()):
        apart = places_of[g] if types_of[g] - _PLACE_TYPES else set()
        if apart and len(nodes - apart) == 1:
            result.places_apart[g] = sorted(apart)  # the city beside the state: not a split
        elif len(nodes) > 1:
            result.split_entities[g] = sorted(nodes)


def read_jsonl(path: str | Path, required: Sequence[str] = ()) -> list[dict[str, object]]:
    """The records of a build's JSON Lines file; a bad line raises :class:`GoldFormatError`."""
    return list(_records(Path(path), required))


#: the fields :func:`score` reads from each triples.jsonl record
TRIPLE_FIELDS = ("article", "subject", "relation", "object")


def _name_width(names: Iterable[str], cap: int = 48) -> int:
    return min(max((len(n) for n in names), default=7), cap)


def _cut(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "~"


def format_score(s: Score) -> str:
    """A terminal report: per article, per relation, overall, entity resolution."""
    w = _name_width([*s.articles, "article"])
    lines = [
        f"{'article':{w}s}  gold  sys   typed: P     R     F1   untyped F1",
    ]
    for art in s.articles:
        a = s.per_article[art]
        lines.append(
            f"{_cut(art, w):{w}s}  {a.typed.tp + a.typed.fn:4d} {a.typed.tp + a.typed.fp:4d}"
            f"          {a.typed.p:.3f} {a.typed.r:.3f} {a.typed.f1:.3f}  {a.untyped.f1:.3f}"
        )
    lines.append("")
    lines.append(f"{'relation':15s}  gold  sys    tp   fp   fn   P     R     F1")
    for rel, c in sorted(s.per_relation.items()):
        lines.append(
            f"{rel:15s}  {c.tp + c.fn:4d} {c.tp + c.fp:4d}  {c.tp:4d} {c.fp:4d} {c.fn:4d}"
            f"   {c.p:.2f}  {c.r:.2f}  {c.f1:.2f}"
        )
    lines.append("")
    lines.append(
        f"articles={len(s.articles)} gold={s.typed.tp + s.typed.fn} "
        f"system={s.typed.tp + s.typed.fp}"
    )
    lines.append(f"untyped P={s.untyped.p:.3f} R={s.untyped.r:.3f} F1={s.untyped.f1:.3f}")
    lines.append(f"typed   P={s.typed.p:.3f} R={s.typed.r:.3f} F1={s.typed.f1:.3f}")
    if s.gold_entities:
        lines.append("")
        lines.append(
            f"entities: {s.gold_entities} gold entities in facts; "
            f"{len(s.split_entities)} split over several nodes; "
            f"{len(s.merged_nodes)} nodes merge two or more gold entities"
        )
        for g, nodes in s.split_entities.items():
            lines.append(f"  split  {g}: {' | '.join(nodes)}")
        for n, golds in s.merged_nodes.items():
            lines.append(f"  merged {n}: {' + '.join(golds)}")
        for g, places in s.places_apart.items():
            lines.append(
                f"  city   {g}: {' | '.join(places)} kept as the place it names "
                "(a capital as a place is the city, not the state: GUIDELINES)"
            )
    return "\n".join(lines)
