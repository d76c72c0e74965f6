"""Votes on an entity's type from where a one-word name stands, for names the model often
mistypes: the object of "in", "control of" or "seized" is a place ("fighting in Bor",
"the Taliban seized Ghazni"); what someone heads or speaks for is a body ("the leader of
Tamarod"). Read by ``resolve.ActorResolver._harmonise_types``."""

from __future__ import annotations

from spacy.tokens import Span

#: prepositions whose object is a place, not a person or body: "in Bor", "near Dungu"
_PLACE_ONLY_PREPS = frozenset({"in", "near", "outside", "into", "towards", "toward"})


def _placed(m: Span) -> bool:
    """A one-word name the model took for a person or body where only a place fits: the
    object of "in", "near", "outside", "into" ("the army retook Bor" ... "fighting in Bor"), or
    of "control of" ("fought for control of Ghazni"), or the object of a verb of taking or
    striking a place ("the Taliban seized Ghazni")."""
    if (
        len(m) != 1
        or not m.kb_id_.startswith("name:")
        or m.label_ not in {"Person", "Organization"}
    ):
        return False
    root = m.root
    head = root.head
    if root.dep_ == "dobj":  # "the Taliban seized Ghazni", "troops entered Knin"
        return head.lemma_.lower() in _TAKEN_PLACE_VERBS
    return root.dep_ == "pobj" and (
        (head.lower_ in _PLACE_ONLY_PREPS and head.head.pos_ in {"VERB", "NOUN", "AUX"})
        # "fought for control of Ghazni", "took control of Kidal"
        or (head.lower_ == "of" and head.head.lower_ == "control")
    )


#: verbs whose object is a place, not a person or a body: "seized Ghazni", "entered Knin"
_TAKEN_PLACE_VERBS = frozenset(
    "seize retake recapture overrun storm besiege shell bomb liberate occupy invade "
    "encircle enter".split()
)


#: nouns whose "of" names a body, never a person: "the head of Sandline"
_BODY_HEAD_NOUNS = frozenset(
    "head leader chief chairman chairwoman founder director members spokesman spokeswoman "
    "spokesperson".split()
)


def _led(m: Span) -> bool:
    """A one-word name the model took for a person that something is the head or voice of:
    "the head of Sandline", "a spokesman for Unita"."""
    root = m.root
    prep = root.head
    return (
        len(m) == 1
        and m.kb_id_.startswith("name:")
        and m.label_ == "Person"
        and root.dep_ == "pobj"
        and prep.lower_ in {"of", "for"}
        and prep.head.lower_ in _BODY_HEAD_NOUNS
        and prep.head.pos_ == "NOUN"
    )
