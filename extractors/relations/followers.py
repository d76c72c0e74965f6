"""Armed men known by the person they follow: "Ouattara's fighters", "forces loyal to
Gbagbo", "rebels loyal to former Vice-President Riek Machar".

When the article says whom that person leads ("Hifter's self-styled Libyan National Army"),
the men are that group (:func:`component._leads`); when it does not, they are a group of
their own, "forces loyal to <the person>", led by the person (``leaderOf``), with every
way the article named them kept as aliases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from ..lexicon import FOLLOWER_NOUNS
from ..namewords import name_key
from ..records import LocalEntity
from .sentence import Arg, Candidate, SentenceReader, _also_named

CONFIDENCE = {"followers": 0.75}

_KEY_PREFIX = "followers of "


def leader_named(noun: Token, reader: SentenceReader) -> tuple[Span, str] | None:
    """The person armed men are said to follow and the words that name them: "Machar's
    forces", "forces loyal to Gbagbo" (not "the party's men": people, and armed nouns only)."""
    if noun.lower_ not in FOLLOWER_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    hit = reader.followed(noun)
    return hit if hit is not None and hit[0].label_ == "Person" else None


def followers(reader: SentenceReader, sents: Iterable[Span]) -> dict[str, Span]:
    """The men of each person who leads no group the article names, as a group of their
    own registered with the Doc's entities ("forces loyal to <person>")."""
    entities = reader.doc._.actor_entities
    if entities is None:
        return {}
    out: dict[str, Span] = {}
    for sent in sents:
        for noun in sent:
            if noun.lower_ not in FOLLOWER_NOUNS:
                continue
            hit = leader_named(noun, reader)
            if hit is None or not hit[1] or hit[0].kb_id_ in reader.leads:
                continue  # "his troops" names the men only once they have a name
            leader = hit[0]
            person = entities.get(leader.kb_id_)
            name = person.label if person is not None else leader.text
            label = f"forces loyal to {name}"
            key = name_key("ArmedGroup", _KEY_PREFIX + name)
            if key not in entities:
                entities[key] = LocalEntity(key, label, "ArmedGroup", (), 1)
            span = Span(reader.doc, noun.i, noun.i + 1, label="ArmedGroup", kb_id=key)
            _also_named(span, hit[1])
            out.setdefault(leader.kb_id_, span)
    return out


def is_followers(span: Span) -> bool:
    return span.kb_id_.startswith(name_key("ArmedGroup", _KEY_PREFIX))


def led_followers(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Ouattara's fighters", "rebels loyal to Riek Machar": the person leads the men."""
    if not reader.leads:
        return
    for noun in sent:
        hit = leader_named(noun, reader) if noun.lower_ in FOLLOWER_NOUNS else None
        leader = hit[0] if hit is not None else None
        group = reader.leads.get(leader.kb_id_) if leader is not None else None
        if leader is not None and group is not None and is_followers(group):
            yield Candidate(reader.arg(leader), "leaderOf", Arg(group), "followers")


PATTERNS = (led_followers,)
