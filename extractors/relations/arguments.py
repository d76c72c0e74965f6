"""What a verb's arguments say beyond their names: whether a speaker speaks for the
state whose forces acted ("Putin says Russian forces have captured Grozny"), whether blame
was laid on someone unnamed ("blamed the bombings on Chechen militants"), and where people
were killed ("killed two police officers in Ceylanpinar")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import EVENT_NOUNS, FIGHTER_NOUNS
from .agents import _same_state
from .leaders import _title_holders
from .sentence import Arg, SentenceReader, _pobjs

#: acts condemned or blamed on their doer: the attack nouns and measures of force
_EVENTS = EVENT_NOUNS | frozenset(
    "blockade blockades siege invasion occupation bombardment shelling incursion "
    "crackdown massacre killings assassination".split()
)


def _own_side(speaker: Arg, agents: list[Arg], reader: SentenceReader) -> bool:
    """Whether a person speaks for the state whose forces acted: the article ties them to
    it by a title ("Russian President Vladimir Putin", "Defence Secretary X" in a story
    from London)."""
    if speaker.span.label_ != "Person" or reader.gazetteer is None:
        return False
    for key in _title_holders(reader).ties.get(speaker.span.kb_id_, set()):
        entry = reader.gazetteer.entries.get(key.removeprefix("gaz:"))
        if entry is None or entry.type != "Country":
            continue
        state = Arg(
            Span(reader.doc, speaker.span.start, speaker.span.end, label="Country", kb_id=key)
        )
        if any(a.span.kb_id_ == key or _same_state(state, a, reader) for a in agents):
            return True
    return False


def _blamed_someone_unnamed(verb: Token) -> bool:
    """ "blamed the bombings on Chechen militants", "accused militants of X": the accused
    are said, though by no name; the act's doers from elsewhere are not them."""
    ons = [p for p in _pobjs(verb, {"on"})]
    ons += [p for c in verb.children if c.dep_ == "dobj" for p in _pobjs(c, {"on"})]
    people = [
        c
        for c in verb.children
        if c.dep_ == "dobj" and c.lemma_.lower() not in _EVENTS and c.pos_ != "PRON"
    ]
    return bool(ons) or bool(people)


#: the armed, whose killing is combat rather than an attack on a place
_COMBATANTS = frozenset("soldiers troops rebels fighters attackers assailants".split())


def _killing_scenes(verb: Token, reader: SentenceReader) -> list[Arg]:
    """Where people were killed: "killed two police officers in Ceylanpinar", "killed 60
    worshippers at a mosque in Peshawar" (towns and sites, not a country as the scene)."""
    victims = [c for c in verb.children if c.dep_ == "dobj"]
    if any(v.lower_ in FIGHTER_NOUNS | _COMBATANTS for v in victims):
        return []  # "soldiers killed 14 gunmen in a firefight in Guerrero": a fight, no raid
    heads = [verb, *victims]
    out: list[Arg] = []
    for p in (p for h in heads for p in _pobjs(h, {"in", "at"})):
        found = [a for a in reader.actors(p) if a.span.label_ in {"Place", "Facility"}]
        if not found and p.pos_ == "NOUN":  # "at a Shiite mosque in Peshawar"
            found = [
                a
                for q in _pobjs(p, {"in"})
                for a in reader.actors(q) or _town_part(q, reader)
                if a.span.label_ in {"Place", "Facility"}
            ]
        out += found
    return out


#: parts of a town named by their town: "Peshawar's old quarter", "Kabul's outskirts"
_TOWN_PARTS = frozenset(
    "quarter quarters outskirts suburb suburbs district centre center neighbourhood "
    "neighborhood city town".split()
)


def _town_part(noun: Token, reader: SentenceReader) -> list[Arg]:
    """The town a part of it names: "in Peshawar's old quarter" -> Peshawar."""
    if noun.lower_ not in _TOWN_PARTS:
        return []
    return [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
