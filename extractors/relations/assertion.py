"""Whether a clause asserts what it says: no facts from negations, conditionals,
hypotheticals, plans, obligations, futures, questions or somebody else's claim.

GUIDELINES: "Not annotated: ... hypotheticals, plans, "should", questions, negations."
A threat is a fact of its own ("X threatened to strike Y" -> threatened), but what is
threatened is not: the strike did not happen.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CONDITIONAL_MARKS, HEDGE_MODALS, NEGATING_VERBS, WEAK_MODALS

#: verbs whose complement is somebody's claim, not the article's assertion
CLAIM_VERBS = frozenset("accuse blame charge suspect allege claim deny".split())

#: modal auxiliaries of what may, might, can, will or must happen, not of what did:
#: "Iran may have backed", "Russia will sanction", "Israel must strike"
UNASSERTED_MODALS = (
    HEDGE_MODALS | WEAK_MODALS | frozenset({"will", "'ll", "shall", "must", "ought", "wo", "ca"})
)
#: words that negate their head: "did not", "never", "no longer", "hardly"
NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "hardly", "barely", "neither"})
#: heads whose infinitive is planned, hoped, asked for, threatened or refused, not done:
#: "plans to attack", "is expected to back", "threatened to strike", "refused to condemn",
#: "urged Iraq to condemn", "is likely to accuse", "is going to attack"
UNREALISED_HEADS = frozenset(
    (
        "plan intend aim prepare seek want wish hope expect agree propose consider mull weigh "
        "contemplate plot scheme threaten vow pledge promise offer decide "
        "ask urge demand call press encourage invite need order "
        "refuse fail decline avoid cease stop halt abandon reject deny "
        "going set due poised likely unlikely unable ready about eager willing keen "
        "possible impossible"
    ).split()
)
#: heads whose infinitive goes on from before: what "might continue to help fight ISIS",
#: "may stay to help train the Iraqis" or "will not remain to back X" say is already so
CONTINUATION_HEADS = frozenset("continue stay remain keep resume".split())
#: heads that negate or leave open a gerund object: "denied backing", "proposed
#: sanctioning", "considered attacking", "stopped backing"
UNREALISED_GERUND_HEADS = frozenset(
    "deny propose consider mull weigh contemplate avoid stop cease halt quit "
    "refuse reject discuss plan threaten".split()
)
#: nouns whose clause is a claim or a plan, not the article's assertion:
#: "claims that it backs X", "reports that it had attacked Y", "plans to strike Y"
UNASSERTED_NOUNS = frozenset(
    (
        "claim allegation accusation suggestion report rumor rumour speculation possibility "
        "prospect fear hope plan plot threat pledge promise vow proposal intention offer "
        "question idea"
    ).split()
)


#: verbs whose "no" object denies the whole: "has no bases", "sent no troops"
_HAVING_VERBS = frozenset("have keep maintain send deploy give provide offer".split())


def _negated(node: Token) -> bool:
    """Whether one of ``node``'s dependents negates it (or its subject is "no X", "neither")."""
    for c in node.children:
        if c.lower_ == "not" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only":
            continue  # "not only attacked X but also ...": asserted
        if c.dep_ == "neg":
            return True
        if c.lower_ in NEGATORS and c.dep_ in {"advmod", "preconj", "cc"} and c.i < node.i:
            if c.dep_ == "cc" and c.lower_ != "nor":
                continue
            return True
        if c.dep_ == "advmod" and c.lower_ == "longer" and _has_child(c, NEGATORS):
            return True  # "no longer backs"
        if c.dep_ in {"nsubj", "nsubjpass"} and _has_child(c, {"no", "neither"}):
            return True  # "No British troops are stationed ...", "Neither X nor Y backed"
        if c.dep_ == "dobj" and node.lemma_ in _HAVING_VERBS and _has_child(c, {"no"}):
            return True  # "X has no bases in Y", "Y gave no support to X"
    return False


def _has_child(tok: Token, words: frozenset[str] | set[str]) -> bool:
    return any(c.lower_ in words for c in tok.children)


#: "..., a charge X denies": nouns naming what the clause says as a disputed claim
_DISPUTED_NOUNS = frozenset("charge charges claim claims allegation allegations accusation".split())
_DISPUTING_VERBS = frozenset("deny reject dismiss refute".split())
#: verbs whose act is the charge itself: a denial of the charge leaves the act made
_ACCUSING = frozenset("accuse blame allege charge".split())


def _disputed(node: Token) -> bool:
    """ "Iran arms the Houthis, a charge Tehran denies": the clause is a denied claim."""
    for c in node.children:
        for n in (c, *c.children):
            if (
                n.lemma_.lower() in _DISPUTED_NOUNS
                and n.dep_ in {"appos", "npadvmod", "dobj"}
                and any(g.dep_ == "relcl" and g.lemma_ in _DISPUTING_VERBS for g in n.children)
            ):
                return True
    return False


#: sources that are parties to a conflict: what they say is their claim, where a
#: monitor's or a witness's count is the article's reporting ("according to the UN")
_PARTY_LABELS = frozenset({"Country", "GovernmentBody", "MilitaryForce", "Person", "Place"})
_PARTY_NOUNS = frozenset(
    "officials official government authorities ministry military army police spokesman "
    "spokeswoman spokesperson president minister commander commanders".split()
)


def _party_source(according: Token) -> bool:
    """ "according to Washington (and UN experts)": the source is a party."""
    for to in according.children:
        if to.lower_ != "to":
            continue
        for p in to.children:
            sources = (p, *(c for c in p.subtree if c.dep_ == "conj"))
            if p.dep_ == "pobj" and any(
                t.ent_type_ in _PARTY_LABELS or t.lower_ in _PARTY_NOUNS for t in sources
            ):
                return True
    return False


def _clause_factor(node: Token) -> float:
    """0 or 1 from ``node``'s own dependents (negation, condition, modal, attribution:
    "according to X", "a charge Y denies")."""
    if _negated(node) or (_disputed(node) and node.lemma_.lower() not in _ACCUSING):
        return 0.0  # "X accused Y of Z, a charge Y denies": the accusation stands
    for c in node.children:
        if c.dep_ == "prep" and c.lower_ == "according" and _party_source(c):
            return 0.0  # what the article attributes to a party is its claim (GUIDELINES)
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
            return 0.0
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in UNASSERTED_MODALS:
            return 0.0
        # "Should Russia sanction Turkey, ...", "Had Iran attacked ...": inverted conditions
        if c.dep_ == "aux" and c.lower_ in {"should", "had", "were"} and c.i == node.sent.start:
            return 0.0
    return 1.0


def _binding(head: Token) -> bool:
    """Whether a continuation head is negated, conditional or future ("would continue to
    hit Gaza if ...", "will not remain"): only "may/might/could continue" keeps what
    goes on."""
    return _negated(head) or any(
        (c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS)
        or (c.dep_ == "aux" and c.lower_ in UNASSERTED_MODALS - {"may", "might", "could", "can"})
        for c in head.children
    )


def _governor_blocks(node: Token) -> bool:
    """Whether ``node``'s head leaves it unasserted: "plans to X", "denied X-ing",
    "claims that X", "it is unclear whether X"."""
    head = node.head
    lemma = head.lemma_.lower()
    if node.dep_ == "xcomp" and (lemma in UNREALISED_HEADS or head.lower_ in UNREALISED_HEADS):
        return True
    if (  # "threatened in December to declare war": the parse may make it an adverbial
        node.dep_ == "advcl"
        and lemma in UNREALISED_HEADS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    ):
        return True
    gerund = node.dep_ in {"xcomp", "ccomp", "dobj", "pcomp"} and node.tag_ == "VBG"
    if gerund and lemma in UNREALISED_GERUND_HEADS:
        return True
    if node.dep_ in {"xcomp", "ccomp"} and lemma in NEGATING_VERBS:
        # "X has accused Y of executions, allegations Moscow denies" (parsed as what Moscow
        # denies): the denial is of the charge; that X made it stands
        return not (node.lemma_.lower() in _ACCUSING and head.i > node.i)
    if node.dep_ in {"acl", "ccomp"} and head.pos_ == "NOUN" and lemma in UNASSERTED_NOUNS:
        return True
    # "blamed the US for supporting ISIS": what an accusation says is the accuser's
    # claim (an accused fact), not something the article asserts
    if node.dep_ == "pcomp" and head.head.lemma_ in CLAIM_VERBS:
        return True
    accused = head.head  # "accused Pakistan's agency of backing X": "of" on the object
    if node.dep_ == "pcomp" and accused.dep_ == "dobj" and accused.head.lemma_ in CLAIM_VERBS:
        return True
    return node.dep_ == "ccomp" and lemma in CLAIM_VERBS - {"accuse", "blame"}


def assertion_factor(verb: Token) -> float:
    """0 when the clause is negated, conditional, hypothetical, planned, obliged, future,
    a question or somebody's claim; 1 when the article asserts it.

    Every pattern family asks this of the same verbs: the answer is kept per Doc.
    """
    cache = verb.doc.user_data.setdefault(_CACHE_KEY, {})
    found = cache.get(verb.i)
    if found is None:
        found = cache[verb.i] = _assertion_factor(verb)
    return float(found)


_CACHE_KEY = "actorgraph.assertion_factor"


def _assertion_factor(verb: Token) -> float:
    sent = verb.sent
    if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return 0.0
    factor = 1.0
    node = verb
    for _ in range(5):
        own = _clause_factor(node)
        if own == 0.0 and node != verb and verb.dep_ == "conj" and _contrasted(verb):
            own = 1.0  # "did not attack X but threatened Y": the negation stays in its clause
        if own == 0.0:
            return 0.0
        factor = min(factor, own)
        if _governor_blocks(node):
            return 0.0
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in CONTINUATION_HEADS:
            return 0.0 if _binding(node.head) else factor
        # a gerund subject is as real as its clause: "Deploying X to Y would cost millions"
        if node.dep_ not in {"xcomp", "conj", "aux", "acomp", "csubj", "csubjpass"}:
            break
        if node.head == node:
            break
        node = node.head
    return factor


def _contrasted(verb: Token) -> bool:
    """ "X did not attack Y but threatened Z": the conjunct after "but" or "yet"."""
    return any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in verb.head.children)
