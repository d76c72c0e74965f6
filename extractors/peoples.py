"""Demonyms that name a people, not a state.

A demonym usually stands for its country ("Iraqi forces" are Iraq's), but news of ethnic
conflicts uses the same words for communities that are no state's:

- two demonyms in a row name one community: "the Turkish Cypriot leader", "Bosnian Serb
  forces", "a Greek Cypriot village" (neither Turkey nor Cyprus is meant);
- a place before a demonym does too: "Krajina Serb artillery", "Kosovo Albanian leaders";
- so do "ethnic Albanian guerrillas", "a mainly Albanian village", "rebel Serb positions".

Such demonyms are dropped from ``doc.spans["demonyms"]`` (no title, no "<demonym> forces"
and no count of the article's countries reads them as the state) and the community they
name goes to ``doc.spans["peoples"]``; its armed men are an armed group of their own
("Bosnian Serb forces", "the Krajina Serb army": one node per people, whatever the noun).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .namewords import name_key

__all__ = ["people_not_states", "peoples_forces"]

#: words before a demonym that make it a people's: "ethnic Albanian(s)", "rebel Serb"
#: ("a breakaway Georgian region" is still Georgia's)
PEOPLE_MARKERS = frozenset("ethnic ethnically rebel".split())
#: ...and before one that describes a noun: "a mainly Albanian village" (but "the victims
#: were mostly Ukrainians" are the country's people)
SHARE_MARKERS = frozenset("mainly mostly predominantly largely overwhelmingly".split())

#: entity labels of places (the model's and the ontology's)
#: (a place the model does not know may pass for a person: "Krajina Serb" PERSON)
_PLACE_LABELS = frozenset({"", "GPE", "LOC", "Place", "Country", "PERSON", "NORP"})

#: capitalised words that begin a name, not a place: "Royal Saudi Air Force"
_NAME_WORDS = frozenset(
    "royal free new great united islamic democratic national republican popular "
    "federal central northern southern eastern western".split()
)

#: nouns for a people's armed men: "Bosnian Serb forces", "Krajina Serb artillery"
FORCE_NOUNS = frozenset(
    "forces army troops soldiers fighters militia militias guerrillas rebels gunmen "
    "artillery units paramilitaries militants insurgents separatists".split()
)


def people_not_states(doc: Doc, demonyms: list[Span]) -> tuple[list[Span], list[Span]]:
    """The demonyms that stand for a state, and the peoples the others name."""
    starts = {d.start: d for d in demonyms}
    kept: list[Span] = []
    peoples: list[Span] = []
    after_pair = -1
    for d in demonyms:
        prev = doc[d.start - 1] if d.start > 0 else None
        nxt = starts.get(d.end)
        if nxt is not None:  # "Turkish Cypriot", "Bosnian Serb": one community of two words
            peoples.append(Span(doc, d.start, nxt.end, label="People"))
            after_pair = nxt.start
        elif d.start == after_pair:
            continue
        elif prev is not None and (
            prev.lower_ in PEOPLE_MARKERS
            or (prev.lower_ in SHARE_MARKERS and d.root.head.i >= d.end)
        ):
            peoples.append(Span(doc, d.start, d.end, label="People"))
        elif (
            prev is not None
            and prev.pos_ in {"PROPN", "NOUN"}
            and prev.is_title
            and prev.ent_type_ in _PLACE_LABELS
            and prev.lower_ not in _NAME_WORDS
            and d.end < len(doc)
            and d.root.head.i == d.end
            and prev.head.i in {d.root.i, d.end}
        ):  # "Krajina Serb artillery": a place's community, before the noun it qualifies
            peoples.append(Span(doc, prev.i, d.end, label="People"))
        else:
            kept.append(d)
    return kept, peoples


def peoples_forces(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Bosnian Serb forces", "the Krajina Serb army": armed groups named by their people."""
    out: list[Span] = []
    for people in doc.spans.get("peoples", []):
        # the model's names inside the people's words give way ("Krajina Serb" PERSON)
        taken = {
            t.i
            for e in [*ents, *out]
            if not people.start <= e.start < e.end <= people.end
            for t in e
        }
        noun = doc[people.end] if people.end < len(doc) else None
        if noun is None or noun.lower_ not in FORCE_NOUNS or noun.i in taken:
            continue
        if any(t.i in taken for t in people):
            continue
        key = name_key("ArmedGroup", f"{people.text} forces")
        out.append(Span(doc, people.start, noun.i + 1, label="ArmedGroup", kb_id=key))
    return out
