"""Candidate pairs and their features.

A candidate is an ordered pair of distinct resolved actors (``kb_id_`` keys of
``doc.spans["actors"]``) mentioned in one sentence. When either actor is
mentioned more than once in the sentence, the closest pair of mentions stands
for the pair. Features are abstract strings (entity types, the dependency path
between the two mention heads, words between them, what the rule patterns
found for the pair) so that a model learned on one conflict transfers to others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    ACCUSATION_NOUNS,
    ACTION_NOUNS,
    AGAINST_PREFIXES,
    BACKING_PARTICIPLES,
    MEMBER_NOUNS,
    SYMMETRIC_NOUNS,
    TIE_VERBS,
    TITLE_RELATIONS,
    VERB_RELATIONS,
)
from ..relations.assertion import assertion_factor

#: dependency path longer than this many arcs is summarised by its length only
MAX_PATH = 6
#: words between the mentions are read when they are at most this many tokens apart
MAX_BETWEEN = 12
_CONTENT_POS = {"VERB", "NOUN", "ADJ", "ADP", "PROPN", "ADV", "PART"}


@dataclass(frozen=True, slots=True)
class PairCandidate:
    """One ordered pair of actors in one sentence, with its features."""

    subject: str  #: resolution key
    object: str
    subject_type: str
    object_type: str
    start: int  #: sentence character offsets
    end: int
    features: tuple[str, ...]


def sentence_candidates(doc: Doc) -> Iterator[PairCandidate]:
    """Every ordered pair of distinct known actors per sentence, with features."""
    entities = doc._.actor_entities or {}
    spans = list(doc.spans.get("actors", []))
    coref = {(s.start, s.end) for s in doc.spans.get("coref", [])}
    rules: dict[tuple[str, str, int], list[tuple[str, str]]] = {}
    for f in doc._.facts or []:
        rules.setdefault((f.subject, f.object, f.start), []).append((f.relation, f.extractor))
    by_sent: dict[int, list[Span]] = {}
    for span in spans:
        if span.kb_id_ in entities:
            by_sent.setdefault(span.sent.start, []).append(span)
    for mentions in by_sent.values():
        sent = mentions[0].sent
        if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
            continue
        keys = sorted({m.kb_id_ for m in mentions})
        for a in keys:
            for b in keys:
                if a == b:
                    continue
                ms, mo = _closest([m for m in mentions if m.kb_id_ == a], mentions, b)
                feats = pair_features(ms, mo, coref)
                found = rules.get((a, b, sent.start_char), [])
                back = rules.get((b, a, sent.start_char), [])
                feats += [f"rule={r}" for r, _ in found] + [f"rulex={x}" for _, x in found]
                feats += [f"rrule={r}" for r, _ in back]
                if not found and not back:
                    feats.append("rule=NONE")
                yield PairCandidate(
                    a,
                    b,
                    ms.label_,
                    mo.label_,
                    sent.start_char,
                    sent.end_char,
                    tuple(sorted(set(feats))),
                )


def _closest(subjects: list[Span], mentions: list[Span], key: str) -> tuple[Span, Span]:
    objects = [m for m in mentions if m.kb_id_ == key]
    best = min(
        ((s, o) for s in subjects for o in objects),
        key=lambda p: (abs(p[0].root.i - p[1].root.i), p[0].start, p[1].start),
    )
    return best


#: words that cue a relation whatever the conflict: the rule lexicon's lists, by relation
_CUES: dict[str, str] = {
    **dict.fromkeys(MEMBER_NOUNS, "memberOf"),
    **dict.fromkeys(ACCUSATION_NOUNS, "accused"),
    **dict.fromkeys(BACKING_PARTICIPLES, "backedBy"),
    **dict.fromkeys(TIE_VERBS, "backedBy"),
    **dict.fromkeys(AGAINST_PREFIXES, "fightsAgainst"),
    **TITLE_RELATIONS,
    **SYMMETRIC_NOUNS,
    **ACTION_NOUNS,
    **VERB_RELATIONS,
    **dict.fromkeys("in at inside within across throughout".split(), "IN"),
    **dict.fromkeys("near outside north south east west".split(), "NEAR"),
}


def cue(tok: Token) -> str | None:
    """The relation a word cues (``VERB_RELATIONS``, titles, action nouns ...), if any."""
    return _CUES.get(tok.lemma_.lower()) or _CUES.get(tok.lower_)


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """Tokens from ``a`` up to the lowest common ancestor and from ``b`` up to it (both
    lists end with that ancestor); None when the two are in different trees."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    up_b: list[Token] = []
    for t in [b, *b.ancestors]:
        up_b.append(t)
        if t.i in index:
            return up_a[: index[t.i] + 1], up_b
    return None


def pair_features(s: Span, o: Span, coref: set[tuple[int, int]]) -> list[str]:
    """Features of one subject mention and one object mention in the same sentence."""
    st, ot = s.label_, o.label_
    hs, ho = s.root, o.root
    feats = [
        f"ts={st}",
        f"to={ot}",
        f"tt={st}|{ot}",
        "ord=so" if s.start < o.start else "ord=os",
        f"dist={_bucket(abs(hs.i - ho.i))}",
        f"sdep={hs.dep_}",
        f"odep={ho.dep_}",
        f"sdep_ord={hs.dep_}|{'so' if s.start < o.start else 'os'}",
    ]
    if (s.start, s.end) in coref:
        feats.append("s_coref")
    if (o.start, o.end) in coref:
        feats.append("o_coref")
    for tag, h in (("s", hs), ("o", ho)):
        if h.dep_ == "pobj":
            feats.append(f"{tag}prep={h.head.lower_}|{h.head.head.lemma_}")
            feats.append(f"{tag}prep={h.head.lower_}")
        if h.dep_ in {"poss", "compound", "amod", "nmod"}:
            feats.append(f"{tag}mod={h.dep_}|{h.head.lemma_.lower()}")
            if cue(h.head):
                feats.append(f"{tag}modcue={h.dep_}|{cue(h.head)}")
        if h.i + 2 < len(h.doc) and h.doc[h.i + 1].text == "-":
            feats.append(f"{tag}hyph={h.doc[h.i + 2].lemma_.lower()}")
            if cue(h.doc[h.i + 2]):
                feats.append(f"{tag}hyphcue={cue(h.doc[h.i + 2])}")
    path = _path(hs, ho)
    if path is None:
        feats.append("path=NONE")
        return feats + _surface(s, o)
    up_s, up_o = path
    lca = up_s[-1]
    n = len(up_s) + len(up_o) - 2
    feats.append(f"plen={_bucket(n)}")
    feats.append(f"lca={lca.lemma_.lower()}")
    feats.append(f"lca_pos={lca.pos_}")
    feats.append(f"lca_t={lca.lemma_.lower()}|{st}|{ot}")
    # the arcs under the common ancestor say who is agent and who is patient
    arc_s = up_s[-2].dep_ if len(up_s) > 1 else "SELF"
    arc_o = up_o[-2].dep_ if len(up_o) > 1 else "SELF"
    feats.append(f"roles={arc_s}|{arc_o}")
    lca_cue = cue(lca)
    if lca_cue:
        feats.append(f"lcacue={lca_cue}")
        feats.append(f"lcacue={lca_cue}|{arc_s}|{arc_o}")
    if n <= MAX_PATH:
        arcs = [f"^{t.dep_}" for t in up_s[:-1]] + [f"v{t.dep_}" for t in reversed(up_o[:-1])]
        feats.append("path=" + " ".join(arcs))
        inner = [t for t in [*up_s[1:], *reversed(up_o[1:-1])] if t.i not in (hs.i, ho.i)]
        feats.append("plem=" + " ".join(t.lemma_.lower() for t in inner))
        for t in inner:
            c = cue(t)
            if c:
                feats.append(f"pcue={c}")
                feats.append(f"pcue={c}|{st}|{ot}")
            feats.append(f"pw={t.lemma_.lower()}")
            if t.pos_ == "VERB":
                feats.append(f"pv={t.lemma_.lower()}|{st}|{ot}")
        dirs = [f"^{t.lemma_.lower()}" for t in up_s[1:]]
        dirs += [f"v{t.lemma_.lower()}" for t in reversed(up_o[1:-1])]
        feats.append("plem_dir=" + " ".join(dirs))
    else:
        feats.append("path=LONG")
    verbs = [t for t in (*up_s, *up_o) if t.pos_ in {"VERB", "AUX"}]
    for v in verbs[:3]:
        factor = assertion_factor(v)
        if factor == 0:
            feats.append("neg")
        elif factor < 1:
            feats.append("modal")
    return feats + _surface(s, o)


def _surface(s: Span, o: Span) -> list[str]:
    """Words between and around the two mentions."""
    feats = []
    lo, hi = (s.end, o.start) if s.start < o.start else (o.end, s.start)
    if 0 <= hi - lo <= MAX_BETWEEN:
        for t in s.doc[lo:hi]:
            if t.pos_ in _CONTENT_POS:
                feats.append(f"bw={t.lemma_.lower()}")
                if cue(t):
                    feats.append(f"bcue={cue(t)}")
        if hi - lo == 0:
            feats.append("adjacent")
        elif hi - lo == 1:
            feats.append(f"bw1={s.doc[lo].lower_}")
    else:
        feats.append("bw=FAR")
    first = s if s.start < o.start else o
    if first.start > 0 and first.start - 1 >= first.sent.start:
        feats.append(f"before={first.doc[first.start - 1].lemma_.lower()}")
    last = o if s.start < o.start else s
    if last.end < last.sent.end:
        feats.append(f"after={last.doc[last.end].lemma_.lower()}")
    return feats
