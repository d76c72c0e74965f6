"""Bodies whose names say whom they belong to: "the UN Security Council", "the African
Union Transition Mission in Somalia" (partOf the organisation), "US Central Command"
(partOf the state's armed forces), and units said to be another's: "the army's First
Infantry Division", "Hamas' political bureau", "the Quds Force of the Revolutionary Guards";
and bodies named after where they are posted: "the UN Support Mission in Libya" (presentIn
Libya)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..records import LocalEntity
from ..resolve import country_forces
from .sentence import _ORG_TYPES, Arg, Candidate, SentenceReader, _pobjs


def _named_after_owner(m: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the UN Security Council", "the African Union Transition Mission in Somalia": a
    body named after the international organisation it belongs to."""
    assert reader.gazetteer is not None
    for n in (2, 1):
        if len(m) <= n or m[n - 1].is_punct or m[n].lower_ == "of":
            continue  # "the Commonwealth of Independent States": one name, no owner in it
        owner = reader.gazetteer.lookup(m[:n].text)
        if (
            owner is not None
            and owner.entry.type == "InternationalOrganization"
            # by its name or its letters ("ECOWAS Commission"), not "the Commonwealth Club"
            and (owner.kind in {"name", "acronym"} or m[:n].text.isupper())
            and owner.entry.key != m.kb_id_
        ):
            body = Span(
                reader.doc, m.start, m.start + n, label=owner.entry.type, kb_id=owner.entry.key
            )
            yield Candidate(reader.arg(m), "partOf", Arg(body), "demonym_name")
            return


#: words of a branch or command of a state's armed forces: "US Central Command", "the
#: Russian Navy"
_BRANCH_WORDS = frozenset({"command", "navy", "air", "marine", "marines", "coast"})


def _national_command(m: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "US Central Command", "U.S. Africa Command" -> partOf the state's armed forces."""
    assert reader.gazetteer is not None
    if m.label_ != "MilitaryForce" or not {t.lower_ for t in m} & _BRANCH_WORDS:
        return
    entry = reader.gazetteer.entries.get(m.kb_id_.removeprefix("gaz:"))
    name = entry.name if entry is not None else m.text
    for n in (2, 1):
        words = name.split()
        if len(words) <= n:
            continue
        state = reader.gazetteer.lookup(" ".join(words[:n]))
        if state is None or state.entry.type != "Country":
            continue
        forces = reader.gazetteer.lookup(f"{state.entry.name} armed forces")
        if forces is not None and forces.entry.key != m.kb_id_:
            whole = Span(reader.doc, m.start, m.end, label="MilitaryForce", kb_id=forces.entry.key)
            yield Candidate(reader.arg(m), "partOf", Arg(whole), "demonym_name")
        return


#: words that name a unit or an organ of a larger body
_UNIT_WORDS = frozenset(
    "division divisions brigade brigades battalion battalions regiment corps wing fleet "
    "force unit units bureau command directorate council committee agency".split()
)
#: owners a unit can be part of
_UNIT_OWNERS = _ORG_TYPES - {"Organization", "MediaOrganization"}


def units(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "the army's First Infantry Division", "Hamas' political bureau", "the Quds Force of
    Iran's Revolutionary Guard Corps" -> the unit partOf its owner."""
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end) or m.label_ not in _ORG_TYPES:
            continue
        if not {t.lower_ for t in m} & _UNIT_WORDS and m.root.lower_ not in _UNIT_WORDS:
            continue
        owners = [
            a
            for c in m.root.children
            if c.dep_ == "poss" and c.pos_ != "PRON" and c.i < m.start
            for a in reader.actors(c)
        ]
        owners += [a for p in _pobjs(m.root, {"of"}) if p.i >= m.end for a in reader.actors(p)]
        for o in owners:
            if o.span.label_ in _UNIT_OWNERS and o.span.kb_id_ != m.kb_id_:
                yield Candidate(reader.arg(m), "partOf", o, "unit_of")


#: words of a body sent somewhere, whose name says where: "the UN Support Mission in
#: Libya", "the African Union Transition Mission in Somalia", "UN Assistance Mission for Iraq"
_POSTED_WORDS = frozenset("mission force forces operation office administration command".split())
#: bodies whose name may say where they are
_POSTED_TYPES = frozenset({"MilitaryForce", "ArmedGroup", "Coalition", "InternationalOrganization"})


def named_where(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """A body named after where it is: "the U.N. Support Mission in Libya", "al Qaeda in the
    Arabian Peninsula", "the UN Assistance Mission for Iraq" -> presentIn the place."""
    gaz = reader.gazetteer
    if gaz is None:
        return
    for m in reader.in_sentence(sent):
        if not (sent.start <= m.start < sent.end) or m.label_ not in _POSTED_TYPES:
            continue
        entry = gaz.entries.get(m.kb_id_.removeprefix("gaz:"))
        words = (entry.name if entry is not None else m.text).split()
        preps = [i for i, w in enumerate(words) if w in {"in", "for"} and 0 < i < len(words) - 1]
        if not preps:
            continue
        i = preps[-1]
        sent_body = {w.lower() for w in words[:i]} & _POSTED_WORDS
        if not sent_body and (words[i] == "for" or m.label_ != "ArmedGroup"):
            continue  # "Organization for Security and Co-operation in Europe": no posting
        rest = words[i + 1 :]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
        place = gaz.lookup(" ".join(rest)) if rest else None
        if place is None or place.entry.type not in {"Country", "Place"}:
            continue
        if place.entry.key == m.kb_id_:
            continue
        where = Span(reader.doc, m.start, m.end, label=place.entry.type, kb_id=place.entry.key)
        yield Candidate(reader.arg(m), "presentIn", Arg(where), "named_where")


def state_forces(country: Span, reader: SentenceReader) -> Span | None:
    """The armed forces of a country the gazetteer knows, as the resolver names them
    (its own entry, else "<Country> armed forces"), registered as an entity of the Doc."""
    gaz = reader.gazetteer
    entry = gaz.entries.get(country.kb_id_.removeprefix("gaz:")) if gaz is not None else None
    entities = reader.doc._.actor_entities
    if gaz is None or entry is None or entities is None:
        return None
    key, label, _, _ = country_forces(gaz, entry.name)
    if key not in entities:
        entities[key] = LocalEntity(key, label, "MilitaryForce", (), 1)
    return Span(reader.doc, country.start, country.end, label="MilitaryForce", kb_id=key)


PATTERNS = (units, named_where)
CONFIDENCE = {"unit_of": 0.75, "named_where": 0.75}
