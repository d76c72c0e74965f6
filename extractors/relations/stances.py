"""Stances stated in words: threats ("X said Y would pay a heavy price", "X threatened to
declare war on Y"), condemnations of someone's act ("X condemned Y's use of force", "a
resolution condemning the Houthi attacks"), enmity ("X and Y are bitter rivals", "X
regards Y as an enemy", "X competes with Y", "X's grievances with Y") and training by
participle ("forces trained and equipped by X")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import SPEECH_VERBS
from .assertion import assertion_factor
from .sentence import _ACTORS, Arg, Candidate, SentenceReader, _pobjs, agents_of

CONFIDENCE = {
    "war_between": 0.75,
    "victory": 0.75,
    "allied_with": 0.8,
    "price_threat": 0.8,
    "war_threat": 0.8,
    "condemned_act": 0.75,
    "enmity": 0.75,
    "trained_by": 0.8,
    "frozen_assets": 0.8,
    "broken_ties": 0.8,
}

_FIGHTERS = frozenset({"ArmedGroup", "MilitaryForce", "Country", "Coalition"})
#: verbs whose war or truce has not (yet) happened: "fear a war", "broker a ceasefire"
_FEARING_VERBS = frozenset(
    "fear warn avert prevent avoid risk threaten broker negotiate mediate seek propose "
    "call push urge".split()
)
_CONDEMN_VERBS = frozenset("condemn denounce deplore decry slam censure".split())
#: nouns that name foes: "X and Y are rivals", "X regards Y as an enemy"
_FOE_NOUNS = frozenset(
    "rival rivals enemy enemies foe foes adversary adversaries nemesis archenemy arch-enemy "
    "arch-rival".split()
)
_REGARD_VERBS = frozenset("regard consider see view call brand describe".split())
#: "X competes with Y", "X's grievances with Y", "X's feud with Y"
_AGAINST_WITH = frozenset({"compete", "feud", "clash", "quarrel"})
_GRIEVANCE_NOUNS = frozenset({"grievance", "grievances", "feud", "dispute", "quarrel"})
_TRAINING = frozenset({"train", "arm", "equip", "mentor"})


def _speakers(verb: Token, reader: SentenceReader) -> list[Arg]:
    agents, _ = agents_of(verb, reader)
    return [a for a in agents if a.span.label_ in _ACTORS]


#: verbs that announce a threat: "X said/warned/vowed that Y would pay"
_VOWING = SPEECH_VERBS | frozenset({"vow", "pledge", "threaten", "promise", "swear"})
#: what befalls the threatened: "would face consequences", "will face a response"
_RECKONINGS = frozenset(
    "consequences consequence retaliation response reprisal reprisals punishment retribution "
    "revenge".split()
)


def _retribution(verb: Token) -> bool:
    """ "Y would pay a heavy price", "Y will pay dearly", "Y will be punished", "Y would
    face consequences", "Y will regret it"."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    if lemma == "pay":
        return any(
            (c.dep_ == "dobj" and c.lemma_.lower() == "price") or c.lower_ == "dearly"
            for c in verb.children
        )
    if lemma == "punish":
        return any(c.dep_ == "auxpass" for c in verb.children)
    if lemma == "face":
        return any(c.dep_ == "dobj" and c.lower_ in _RECKONINGS for c in verb.children)
    return lemma == "regret"


def price_threats(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X said the US and UK would pay a heavy price", "Y will pay dearly, X warned"."""
    for pay in sent:
        if not _retribution(pay):
            continue
        speech = pay.head
        if pay.dep_ not in {"ccomp", "parataxis"} or speech.lemma_.lower() not in _VOWING:
            continue
        if assertion_factor(speech) == 0 or any(c.dep_ == "neg" for c in pay.children):
            continue
        targets = [
            a
            for c in pay.children
            if c.dep_ in {"nsubj", "nsubjpass"}
            for a in reader.actors(c)
            if a.span.label_ in _ACTORS
        ]
        for s in _speakers(speech, reader):
            for t in targets:
                if s.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(s, "threatened", t, "price_threat")


def war_threats(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X threatened to declare war on Y", "X vowed to wage war on Y"."""
    for verb in sent:
        if verb.lemma_.lower() not in {"declare", "wage"} or verb.dep_ != "xcomp":
            continue
        head = verb.head
        if head.lemma_.lower() not in {"threaten", "vow", "warn", "pledge", "promise"}:
            continue
        if not any(c.dep_ == "dobj" and c.lemma_.lower() == "war" for c in verb.children):
            continue
        if assertion_factor(head) == 0:
            continue
        wars = [c for c in verb.children if c.dep_ == "dobj"] + [verb]
        targets = [a for w in wars for p in _pobjs(w, {"on", "against"}) for a in reader.actors(p)]
        for s in _speakers(head, reader):
            for t in targets:
                if t.span.label_ in _ACTORS and s.span.kb_id_ != t.span.kb_id_:
                    yield Candidate(s, "threatened", t, "war_threat")


def _owners_of_act(noun: Token, reader: SentenceReader) -> list[Arg]:
    """Whose act a noun names: "Azerbaijan's use of force", "the Houthi attacks"."""
    out: list[Arg] = []
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in {"amod", "compound", "nmod"} and c.i < noun.i):
            m = reader.named_or_demonym(c)
            if m is not None and m.label_ in _ACTORS:
                out.append(reader.arg(m))
    out += [a for p in _pobjs(noun, {"by"}) for a in reader.actors(p) if a.span.label_ in _ACTORS]
    return out


def condemned_acts(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X condemned Y's use of force", "a resolution condemning the Houthi attacks"."""
    for verb in sent:
        if verb.lemma_.lower() not in _CONDEMN_VERBS or verb.pos_ != "VERB":
            continue
        acts = [c for c in verb.children if c.dep_ == "dobj"]
        owners = [a for n in acts if reader.mention(n) is None for a in _owners_of_act(n, reader)]
        if not owners:
            continue
        factor = assertion_factor(verb)
        if factor == 0:
            continue
        condemners = _speakers(verb, reader)
        if not condemners and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # "adopted a resolution condemning ...": the resolution's adopter
            doer = verb.head.head
            if verb.head.dep_ == "dobj" and doer.pos_ == "VERB":
                condemners = _speakers(doer, reader)
        for s in condemners:
            for o in owners:
                if s.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(s, "condemned", o, "condemned_act", factor)


def _pair_subjects(verb: Token, reader: SentenceReader) -> list[Arg]:
    """The actors named in a verb's subject, by the parse or, when it breaks a list
    ("The Taliban and ISIS-K"), by the mentions inside the subject phrase."""
    out: list[Arg] = []
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        found = reader.actors(c)
        lo, hi = c.left_edge.i, c.right_edge.i
        found += [
            reader.arg(m)
            for m in reader.in_sentence(verb.sent)
            if lo <= m.start and m.end - 1 <= hi and all(f.span != m for f in found)
        ]
        out += [a for a in found if a.span.label_ in _ACTORS]
    return out


def enmity(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X and Y are bitter rivals", "X regards Y as a long-time enemy", "X competes with
    Y", "X, whose government has grievances with Y" -> opposes (symmetric)."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        pairs: list[tuple[Arg, Arg]] = []
        verb = tok
        if tok.lower_ in _FOE_NOUNS and tok.dep_ == "attr" and tok.head.lemma_ == "be":
            verb = tok.head
            subs = _pair_subjects(verb, reader)  # "X and Y are rivals"
            if len(subs) >= 2:
                pairs += [(subs[0], b) for b in subs[1:]]
        elif tok.lower_ in _FOE_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            verb = tok.head.head  # "X regards Y as an enemy"
            if verb.lemma_.lower() not in _REGARD_VERBS:
                continue
            objs = [a for c in verb.children if c.dep_ == "dobj" for a in reader.actors(c)]
            pairs += [(s, o) for s in _speakers(verb, reader) for o in objs]
        elif lemma in _AGAINST_WITH and tok.pos_ == "VERB":
            others = [a for p in _pobjs(tok, {"with"}) for a in reader.actors(p)]
            pairs += [(s, o) for s in _speakers(tok, reader) for o in others]
        elif lemma in _GRIEVANCE_NOUNS and tok.dep_ == "dobj" and tok.head.lemma_ == "have":
            verb = tok.head  # "X's government has grievances with Y"
            others = [a for p in _pobjs(tok, {"with"}) for a in reader.actors(p)]
            pairs += [(s, o) for s in _speakers(verb, reader) for o in others]
        if not pairs:
            continue
        factor = assertion_factor(verb) if verb.pos_ in {"VERB", "AUX"} else 1.0
        if factor == 0:
            continue
        for a, b in pairs:
            if a.span.kb_id_ != b.span.kb_id_ and b.span.label_ in _ACTORS:
                yield Candidate(a, "opposes", b, "enmity", factor)


def trained_by(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "The Afghan security forces, trained and equipped by the United States, ..."."""
    for verb in sent:
        if verb.lemma_.lower() != "train" or verb.tag_ != "VBN" or verb.dep_ not in {"acl", "amod"}:
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue  # a full passive is the verb family's ("X was trained by Y")
        trainers = [a for p in _pobjs(verb, {"by"}) for a in reader.actors(p)]
        for conj in (c for c in verb.children if c.dep_ == "conj"):  # "trained and equipped by"
            trainers += [a for p in _pobjs(conj, {"by"}) for a in reader.actors(p)]
        trained = reader.actors(verb.head)
        for t in trainers:
            for f in trained:
                if t.span.label_ in _ACTORS and f.span.label_ in _ACTORS:
                    yield Candidate(t, "trained", f, "trained_by")


#: nouns of a war two sides wage on each other: "a ceasefire between X and Y"
_WAR_NOUNS = frozenset("war wars ceasefire cease-fire truce hostilities conflict".split())


def _between_pair(noun: Token, reader: SentenceReader) -> list[tuple[Arg, Arg]]:
    """ "between X and Y" after a noun, or "X's war with Y"."""
    pairs: list[tuple[Arg, Arg]] = []
    for p in _pobjs(noun, {"between"}):
        sides = [a for a in reader.actors(p) if a.span.label_ in _FIGHTERS]
        if len(sides) >= 2:
            pairs.append((sides[0], sides[1]))
    owners = [
        a
        for c in noun.children
        if c.dep_ == "poss"
        for a in reader.actors(c)
        if a.span.label_ in _FIGHTERS
    ]
    others = [a for p in _pobjs(noun, {"with", "against"}) for a in reader.actors(p)]
    pairs += [(o, x) for o in owners for x in others if x.span.label_ in _FIGHTERS]
    return pairs


def wars_between(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "a ceasefire between Israel and Hezbollah", "Hezbollah's war with Israel": the two
    sides fought each other (fightsAgainst, both ways)."""
    for noun in sent:
        if noun.lower_ not in _WAR_NOUNS or noun.pos_ != "NOUN":
            continue
        if any(c.lower_ in {"no", "possible", "potential", "future", "new"} for c in noun.children):
            continue  # "fears of a new war between X and Y"
        node = noun
        while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
        if node.pos_ in {"VERB", "AUX"} and (
            assertion_factor(node) == 0 or node.lemma_.lower() in _FEARING_VERBS
        ):
            continue
        for a, b in _between_pair(noun, reader):
            if a.span.kb_id_ != b.span.kb_id_:
                yield Candidate(a, "fightsAgainst", b, "war_between")
                yield Candidate(b, "fightsAgainst", a, "war_between")


def victories(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X declared victory over Y", "X's victory over Y" -> X fightsAgainst Y."""
    for noun in sent:
        if noun.lower_ != "victory":
            continue
        losers = [a for p in _pobjs(noun, {"over", "against"}) for a in reader.actors(p)]
        if not losers:
            continue
        winners = [a for c in noun.children if c.dep_ == "poss" for a in reader.actors(c)]
        if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            if assertion_factor(noun.head) == 0:
                continue
            winners += _speakers(noun.head, reader)
        for w in winners:
            for lo in losers:
                if (
                    w.span.label_ in _ACTORS
                    and lo.span.label_ in _FIGHTERS
                    and w.span.kb_id_ != lo.span.kb_id_
                ):
                    yield Candidate(w, "fightsAgainst", lo, "victory")


def allied_with(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "X, who is allied with Y", "X is aligned with Y" -> alliedWith."""
    for adj in sent:
        if adj.lower_ not in {"allied", "aligned"} or adj.dep_ not in {"acomp", "relcl", "ROOT"}:
            continue
        partners = [a for p in _pobjs(adj, {"with", "to"}) for a in reader.actors(p)]
        if not partners:
            continue
        verb = adj.head if adj.dep_ == "acomp" else adj
        if verb.pos_ in {"VERB", "AUX"} and assertion_factor(verb) == 0:
            continue
        subjects = [  # "X is allied with Y", "X, who is allied with Y"
            a for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for a in reader.actors(c)
        ]
        for s in subjects:
            for p in partners:
                if p.span.label_ in _ACTORS and s.span.kb_id_ != p.span.kb_id_:
                    yield Candidate(s, "alliedWith", p, "allied_with")


#: what a state freezes or seizes of another's: "froze Iraqi assets", "froze X's funds"
_ASSETS = frozenset({"assets", "funds", "accounts", "reserves"})
_STATES = frozenset({"Country", "GovernmentBody", "InternationalOrganization"})


def frozen_assets(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Washington froze Iraqi assets", "the EU froze the group's funds" -> sanctioned."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in {"freeze", "seize", "block"}:
            continue
        owners = [
            a
            for o in verb.children
            if o.dep_ == "dobj" and o.lower_ in _ASSETS
            for c in o.children
            if c.dep_ in {"poss", "amod", "compound"}
            for m in [reader.named_or_demonym(c)]
            if m is not None
            for a in [reader.arg(m)]
        ]
        if not owners or (factor := assertion_factor(verb)) == 0:
            continue
        agents, passive = agents_of(verb, reader)
        for a in agents if not passive else []:
            for o in owners:
                if a.span.label_ in _STATES and a.span.kb_id_ != o.span.kb_id_:
                    yield Candidate(a, "sanctioned", o, "frozen_assets", factor)


#: "broke off relations with X", "severed diplomatic ties with X", "cut ties with X"
_TIE_NOUNS = frozenset({"relations", "ties"})


def broken_ties(sent: Span, reader: SentenceReader) -> Iterator[Candidate]:
    """ "Britain broke off diplomatic relations with Argentina" -> opposes."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in {"break", "sever", "cut"}:
            continue
        ties = [o for o in verb.children if o.dep_ == "dobj" and o.lower_ in _TIE_NOUNS]
        if not ties or (factor := assertion_factor(verb)) == 0:
            continue
        others = [a for h in (verb, *ties) for p in _pobjs(h, {"with"}) for a in reader.actors(p)]
        agents, passive = agents_of(verb, reader)
        for a in agents if not passive else []:
            for o in others:
                if a.span.kb_id_ != o.span.kb_id_ and {a.span.label_, o.span.label_} <= _ACTORS:
                    yield Candidate(a, "opposes", o, "broken_ties", factor)


PATTERNS = (
    price_threats,
    war_threats,
    condemned_acts,
    enmity,
    trained_by,
    wars_between,
    victories,
    allied_with,
    frozen_assets,
    broken_ties,
)
