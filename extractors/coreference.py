"""Coreference: pronouns ("it", "they", "its forces") and descriptions ("the group",
"the rebels", "the army", "the kingdom") that point back to an actor named before, and
the checks that keep them from pointing at the wrong one."""

from __future__ import annotations

from bisect import insort
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import ORGANIZATION_TYPES

from .gazetteer import Gazetteer
from .lexicon import (
    ANAPHOR_NOUNS,
    SPEECH_VERBS,
)
from .namewords import _ETHNO_RELIGIOUS
from .salience import _prefer_frequent, _salient
from .unionfind import UnionFind

_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod"}


_PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}


_IT_PRONOUNS = {"it", "its"}


_THEY_PRONOUNS = {"they", "them", "their"}


_GROUPISH = ORGANIZATION_TYPES


_ACTOR_TYPES = _GROUPISH | {"Person", "Country"}


def _with(span: Span, *, label: str | None = None, kb_id: str | None = None) -> Span:
    return Span(
        span.doc,
        span.start,
        span.end,
        label=label if label is not None else span.label_,
        kb_id=kb_id if kb_id is not None else span.kb_id_,
    )


#: what only an armed actor does: its subject "the group" is an armed group
_ARMED_PREDICATES = frozenset(
    "pledge attack fight kill seize capture storm launch claim kidnap abduct behead ambush "
    "bomb shell overrun raid control hold".split()
)


#: people named by what they are, whom a pronoun after their speech verb stands for
_UNNAMED_SPEAKERS = frozenset(
    "diplomat diplomats official officials analyst analysts expert experts resident "
    "residents witness witnesses source sources observer observers critic critics activist "
    "activists people researcher researchers investigator investigators lawmaker lawmakers "
    "protester protesters villager villagers doctor doctors medic medics journalist "
    "journalists monitor monitors aide aides adviser advisers spokesman spokeswoman "
    "spokesperson negotiator negotiators envoy envoys".split()
)


_THINKING_VERBS = SPEECH_VERBS | frozenset("believe think expect fear hope say".split())


def _not_an_army(force: Span) -> bool:
    """ "US Africa Command", "the Navy", "the Royal Air Force": forces "the army" is not."""
    words = {t.lower_ for t in force}
    return bool(words & {"command", "navy", "naval", "air", "marine", "marines", "coast"})


def _said_by_unnamed(tok: Token, covered: set[int]) -> bool:
    """ "Diplomats said they did not expect ...": the pronoun is the speakers, who are
    named by what they are, not an actor of the article."""
    if tok.pos_ != "PRON" or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    clause = tok.head
    if clause.dep_ not in {"ccomp", "xcomp"} or clause.head.lemma_.lower() not in _THINKING_VERBS:
        return False
    speakers = [c for c in clause.head.children if c.dep_ == "nsubj"]
    # "Diplomats said they ...", and any plural common noun that names no actor:
    # "Islamist-led rebels declared that they had captured ..."
    return any(
        s.i not in covered
        and (s.lower_ in _UNNAMED_SPEAKERS or (tok.lower_ == "they" and s.tag_ == "NNS"))
        for s in speakers
    )


def _countries_before(tok: Token, ordered: list[Span]) -> list[Span]:
    return [m for m in ordered if m.start < tok.i and m.label_ == "Country"]


def _main_country(tok: Token, ordered: list[Span]) -> Span | None:
    """The country the article has named most so far (the nearest mention of it)."""
    seen = _countries_before(tok, ordered)
    if not seen:
        return None
    counts = Counter(m.kb_id_ for m in seen)
    top = max(counts.values())
    for m in reversed(seen):
        if counts[m.kb_id_] == top:
            return m
    return None


def _event_subject_before(tok: Token) -> bool:
    """Whether the previous sentence's subject is a thing ("Another drone attack struck ...
    It killed ..."), which a following "it" more likely means than any actor."""
    start = tok.sent.start
    for _ in range(2):  # the parser sometimes splits a sentence: look one further back
        if start == 0:
            return False
        prev = tok.doc[start - 1].sent
        for t in prev.root.children:
            if t.dep_ in {"nsubj", "nsubjpass"}:
                return t.pos_ == "NOUN" and t.ent_type_ == "" and t.tag_ in {"NN", "NNS"}
        start = prev.start
    return False


def _actor_before_in_sentence(tok: Token) -> bool:
    """Whether a group or a country is named earlier in the pronoun's own sentence, a nearer
    antecedent than any thing the previous sentence spoke of ("Hezbollah's operations in
    Syria, where it is fighting")."""
    return any(
        e.end <= tok.i and e.label_ in _GROUPISH | {"Country"} and e.root != tok.head.head
        for e in tok.sent.ents
    )


def _quoted_speaker(tok: Token, mentions: list[Span]) -> Span | None:
    """ "We" or "our" inside a quotation is the actor the sentence says spoke it."""
    if tok.lower_ not in {"we", "our"} or tok.pos_ != "PRON":
        return None
    sent = tok.sent
    if not any(t.text in {'"', "“", "”"} for t in sent):
        return None
    for verb in sent:
        if verb.lemma_.lower() in SPEECH_VERBS and not (verb.i > tok.i and verb.head == tok.head):
            for subj in verb.children:
                if subj.dep_ != "nsubj":
                    continue
                for m in mentions:
                    if (
                        m.start <= subj.i < m.end
                        and m.label_ != "Person"
                        and not (m.start <= tok.i < m.end)
                    ):
                        return m
    return None


#: nouns for a state's armed forces: "the army", "its troops"
_ARMY_NOUNS = frozenset("army military forces troops soldiers".split())
#: words for an armed group's people said without its name: "rebel positions", "20 rebels"
_REBEL_WORDS = frozenset(
    "rebel rebels insurgent insurgents militant militants jihadist jihadists guerrilla "
    "guerrillas separatist separatists".split()
)
#: words that make forces the state's own: "government forces", "security forces"
#: nouns for a whole group, which "rebel" describes rather than points back from
_GROUP_NOUNS = frozenset(
    "group groups movement movements faction factions alliance coalition organisation "
    "organization outfit".split()
)
_STATE_FORCE_WORDS = frozenset(
    "government security state regime federal loyalist pro-government army military "
    "national".split()
)


#: nouns a group's or state's "its"/"their" turns into its forces: "their fighters"
_OWNED_FORCE_NOUNS = _ARMY_NOUNS | {"fighters", "militiamen", "gunmen"}


#: "the kingdom": the nearest monarchy (gazetteer ids of states with a reigning monarch)
#: what "the Kurdish ..." may name when the article has named a Kurdish armed group
_COMMUNITY_FORCE_NOUNS = frozenset(
    "fighters militia militias militiamen forces rebels guerrillas militants".split()
)


_KINGDOM_NOUNS = frozenset({"kingdom", "monarchy", "sultanate", "emirate"})
#: who rules the state: "the junta accused France" is the state's act
_RULER_NOUNS = frozenset({"junta", "regime", "government", "authorities"})
_RULER_ADJECTIVES = {"military", "ruling", "transitional", "interim", "central", "federal"}


_MONARCHIES = frozenset(
    "saudi-arabia jordan united-kingdom morocco bahrain kuwait qatar oman "
    "united-arab-emirates brunei thailand cambodia bhutan eswatini lesotho tonga "
    "malaysia japan spain netherlands belgium denmark norway sweden luxembourg "
    "liechtenstein monaco".split()
)


#: generic nouns beyond the lexicon's that corefer with the nearest compatible actor
_DESCRIPTIVE_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "rebels militants insurgents jihadists separatists paramilitaries islamists "
        "extremists guerrillas militiamen".split(),
        frozenset({"ArmedGroup"}),
    ),
    "watchdog": frozenset({"Organization", "InternationalOrganization", "GovernmentBody"}),
    "monitor": frozenset({"Organization", "InternationalOrganization"}),
    "faction": frozenset({"ArmedGroup", "PoliticalGroup"}),
    "outfit": frozenset({"ArmedGroup"}),
    "organisation": frozenset(
        {"ArmedGroup", "Organization", "PoliticalGroup", "InternationalOrganization"}
    ),
}


#: plural descriptions that name one group: "the rebels", "the insurgents"
_PLURAL_DESCRIPTIONS = frozenset(
    k for k, v in _DESCRIPTIVE_NOUNS.items() if k.endswith("s") and v == {"ArmedGroup"}
)


#: modifiers that make a description point to another actor: "the other group"
_OTHER_WORDS = frozenset(
    "other another rival new second third first former splinter breakaway parent "
    "sister larger smaller some any such each only".split()
)


def _definite(tok: Token) -> bool:
    dets = [c for c in tok.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ in {"the", "this", "that"}


def _pronoun_owner(tok: Token) -> Token | None:
    """ "its forces": the "its" (or "their") that owns the noun."""
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ in {"its", "their"}:
            return c
    return None


def _bare(tok: Token, allowed: set[str]) -> bool:
    """No modifier at all but ``allowed`` ones, and no "of"-phrase ("the army of X")."""
    for c in tok.children:
        if c.dep_ in {"amod", "compound", "nmod", "nummod", "poss"} and c.lower_ not in allowed:
            return False
        if c.dep_ == "prep" and c.lower_ == "of" and not _gerund(c):
            return False
    return tok.tag_ in {"NN", "NNS"} and not tok.ent_type_


def _gerund(prep: Token) -> bool:
    """ "accused the military of killing Y": an "of" the parse hangs on the noun, not its
    owner."""
    return any(g.dep_ == "pcomp" for g in prep.children)


def _descriptive_anaphor(tok: Token) -> bool:
    """ "the group", "the Islamist group", "the UK-based watchdog", "the Iran-backed
    movement" point back; "the other group", "the group of states", "the Hamas group"
    do not (the last is a name, already a mention)."""
    if (tok.tag_ != "NN" and tok.lower_ not in _PLURAL_DESCRIPTIONS) or tok.dep_ == "attr":
        return False  # "X was the only group to ...": a predicate, not a mention
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and not _gerund(c):
            return False
        if c.dep_ in {"amod", "compound", "nmod", "nummod", "poss", "quantmod"}:
            if c.lower_ in _OTHER_WORDS or c.dep_ == "nummod" or c.dep_ == "poss":
                return False
            if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN":
                return False  # "the Islamic State militant group": the name is said
    return True


class Coreference:
    """The resolver's coreference methods (mixed into :class:`ActorResolver`)."""

    gazetteer: Gazetteer
    coref_window: int
    _heads: list[Span]
    _chain: dict[str, Span]
    _clusters: UnionFind[str]

    def _forces_mention(self, doc: Doc, country: Span, start: int, end: int) -> Span:
        raise NotImplementedError

    def _coref(self, doc: Doc, mentions: list[Span], clusters: UnionFind[str]) -> list[Span]:
        """Pronouns and "the group"-like nouns -> nearest compatible earlier actor."""
        # a name the model tagged ORG once is still a person if the article names them so
        people = {clusters.find(m.kb_id_) for m in mentions if m.label_ == "Person"}
        ordered = sorted(
            (
                m
                for m in mentions
                if m.label_ in _ACTOR_TYPES
                and (m.label_ == "Person" or clusters.find(m.kb_id_) not in people)
            ),
            key=lambda m: m.start,
        )
        self._chain = {}
        self._clusters = clusters
        # "the Hamas-linked agency": Hamas only qualifies, it is never what "the group" means
        self._heads = [m for m in ordered if m.root.dep_ != "npadvmod"]
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        sent_of = {}
        n = -1
        for tok in doc:
            if tok.i in sent_index:
                n = sent_index[tok.i]
            sent_of[tok.i] = n
        covered = {t.i for m in mentions for t in m}
        out = []
        # a pronoun may point back to a description resolved before it: "The rebels
        # resurfaced ... On Tuesday they captured Rubaya"
        candidates = list(ordered)
        for tok in doc:
            if tok.i in covered:
                continue
            speaker = _quoted_speaker(tok, mentions)
            if speaker is not None:
                out.append(Span(doc, tok.i, tok.i + 1, label=speaker.label_, kb_id=speaker.kb_id_))
                continue
            construed = self._nominal_coref(tok, ordered, sent_of)
            if construed is not None:
                out.append(construed)
                insort(candidates, construed, key=lambda m: m.start)
                continue
            wanted = self._wanted_types(tok)
            resolved = covered | {c.start for c in out}
            if not wanted or _said_by_unnamed(tok, resolved):
                continue
            pool = candidates if tok.lower_ == "they" else ordered  # "its" is a name's
            antecedent = _salient(tok, pool, wanted, sent_of, self.coref_window)
            if antecedent is not None:
                out.append(
                    Span(doc, tok.i, tok.i + 1, label=antecedent.label_, kb_id=antecedent.kb_id_)
                )
        return out

    def _nominal_coref(
        self, tok: Token, ordered: list[Span], sent_of: dict[int, int]
    ) -> Span | None:
        """Definite descriptions that name an actor of the context.

        * "the army", "the military", "the armed forces": the forces of the nearest
          country (or the nearest armed force itself);
        * "its forces", "their fighters": the forces of the country "its" stands for,
          or the group itself;
        * "the kingdom": the nearest monarchy named in the article;
        * "the Islamist group", "the UK-based watchdog", "the movement": the nearest
          compatible actor (see :func:`_descriptive_anaphor`).
        """
        if tok.pos_ != "NOUN":
            return None
        doc = tok.doc
        low = tok.lower_
        det = _definite(tok)
        owner = _pronoun_owner(tok)
        heads = self._heads  # made once per Doc in _coref
        community = self._community_fighters(tok, ordered) if det else None
        if community is not None:
            return community
        # "government forces", "security forces", "state troops": the state's own forces
        state = low in _ARMY_NOUNS and any(
            c.dep_ in {"amod", "compound"} and c.lower_ in _STATE_FORCE_WORDS for c in tok.children
        )
        if (low in _ARMY_NOUNS and (det or state)) or (
            low in _OWNED_FORCE_NOUNS and owner is not None
        ):
            allowed = {"armed"} if low == "forces" else set()
            if state:
                allowed |= _STATE_FORCE_WORDS
            if owner is not None:
                wanted = _GROUPISH | {"Country"}
                ante = _salient(owner, ordered, wanted, sent_of, self.coref_window)
            elif _bare(tok, allowed=allowed):
                force = frozenset({"MilitaryForce"})
                ante = _salient(tok, heads, force, sent_of, self.coref_window, roles=True)
                if ante is not None and low == "army" and _not_an_army(ante):
                    ante = None  # "the army" is no command, navy or air force
                home = _main_country(tok, ordered)
                if (
                    ante is not None
                    and home is not None
                    and sent_of[ante.start] != sent_of[tok.i]
                    and ante.kb_id_ != self._forces_mention(doc, home, tok.i, tok.i + 1).kb_id_
                    and self._home_forces_named(doc, home, tok, heads)
                ):
                    ante = home  # a Myanmar story's "the military" after a line on China's army
                if ante is None:
                    ante = home
            else:
                return None
            if ante is None:
                return None
            if ante.label_ == "Country":
                forces = self._forces_mention(doc, ante, tok.i, tok.i + 1)
                return forces
            if ante.label_ in {"MilitaryForce", "ArmedGroup"}:
                return Span(doc, tok.i, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_)
            return None
        if (
            low in {"troops", "soldiers"}
            and not det
            and tok.dep_ in {"nsubj", "nsubjpass"}
            and _bare(tok, allowed=set())
            and not any(c.dep_ == "det" for c in tok.children)
        ):
            # "Sri Lanka's army declared victory, saying troops had shot dead X": bare
            # troops as a subject are the force the sentence (or the one before) named
            force = frozenset({"MilitaryForce"})
            ante = _salient(tok, heads, force, sent_of, 1, roles=True)
            if ante is not None and not _not_an_army(ante):
                return Span(doc, tok.i, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_)
        if low in _RULER_NOUNS and det and _bare(tok, allowed=_RULER_ADJECTIVES):
            # "the junta", "the government": the state the article is about so far
            seat = self._seat_state(tok)
            if seat is not None:  # "the government in Khartoum": the state seated there
                return Span(doc, tok.i, tok.i + 1, label="Country", kb_id=seat)
            ruled = _main_country(tok, ordered)
            if ruled is None or sent_of[tok.i] - sent_of[ruled.start] > self.coref_window:
                return None
            return Span(doc, tok.i, tok.i + 1, label="Country", kb_id=ruled.kb_id_)
        if low in {"country", "nation"} and det and _bare(tok, allowed=set()):
            # "the country's largest rebel group", "in the centre of the country": the
            # country the article has named clearly most so far
            ranked = Counter(m.kb_id_ for m in _countries_before(tok, ordered)).most_common(2)
            if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
                return None
            return Span(doc, tok.i, tok.i + 1, label="Country", kb_id=ranked[0][0])
        if low in _KINGDOM_NOUNS and det and _bare(tok, allowed=set()):
            for m in reversed(ordered):
                if m.start < tok.i and m.kb_id_.removeprefix("gaz:") in _MONARCHIES:
                    if sent_of[tok.i] - sent_of[m.start] > 2 * self.coref_window + 2:
                        return None
                    return Span(doc, tok.i, tok.i + 1, label=m.label_, kb_id=m.kb_id_)
            return None
        modifier = tok.dep_ in {"compound", "amod"} and tok.head.pos_ == "NOUN"
        if modifier and (
            tok.head.lower_ in _GROUP_NOUNS
            or any(c.lower_ in {"a", "an", "another"} for c in tok.head.children)
        ):
            modifier = False  # "a second rebel group, MODEL": another group, named or not
        if low in _REBEL_WORDS and (modifier or any(c.dep_ == "nummod" for c in tok.children)):
            # "rebel positions", "20 rebels": the armed group the story is about
            armed = frozenset({"ArmedGroup"})
            ante = _salient(tok, heads, armed, sent_of, self.coref_window, roles=True)
            ante = _prefer_frequent(
                tok, heads, ante, armed, sent_of, self.coref_window, self._clusters.find
            )
            if ante is not None:
                return Span(doc, tok.i, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_)
        wanted = _DESCRIPTIVE_NOUNS.get(low) or ANAPHOR_NOUNS.get(low)
        if wanted and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _ARMED_PREDICATES:
            # "the group pledged allegiance to IS": a group that fights is an armed one
            wanted = wanted & frozenset({"ArmedGroup", "MilitaryForce"}) or wanted
        if wanted and det and _descriptive_anaphor(tok):
            # the same description again goes on naming the same actor ("the militia")
            last = self._chain.get(low)
            if last is not None and sent_of[tok.i] - sent_of[last.start] <= self.coref_window:
                ante = last
            else:
                ante = _salient(tok, heads, wanted, sent_of, self.coref_window, roles=True)
                ante = _prefer_frequent(
                    tok, heads, ante, wanted, sent_of, self.coref_window, self._clusters.find
                )
            if ante is not None:
                found = Span(doc, tok.i, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_)
                self._chain[low] = found
                return found
        return None

    def _seat_state(self, tok: Token) -> str | None:
        """The state whose seat a ruler is placed in: "the government in Khartoum" (the
        parse may hang "in Khartoum" on the verb)."""
        doc = tok.doc
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "in":
            return None
        place = doc[tok.i + 2]
        if place.dep_ != "pobj" or not place.text[:1].isupper():
            return None
        name = doc[tok.i + 2 : place.head.right_edge.i + 1] if place.head.i == tok.i + 1 else None
        for match in self.gazetteer.lookup_all(name.text if name is not None else place.text):
            if match.kind == "metonym" and match.entry.type == "Country":
                return match.entry.key
        return None

    def _home_forces_named(self, doc: Doc, home: Span, tok: Token, heads: list[Span]) -> bool:
        """Whether the forces of the article's main country were named before ``tok``."""
        key = self._forces_mention(doc, home, tok.i, tok.i + 1).kb_id_
        return any(m.kb_id_ == key and m.start < tok.i for m in heads)

    def _community_fighters(self, tok: Token, ordered: list[Span]) -> Span | None:
        """ "the Kurdish fighters": the armed group the article has already named as Kurdish,
        by its known name ("Kurdish YPG") or in the text ("the Kurdish YPG militia")."""
        if tok.lower_ not in _COMMUNITY_FORCE_NOUNS:
            return None
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        if len(mods) != 1 or mods[0].lower_ not in _ETHNO_RELIGIOUS or mods[0].i > tok.i:
            return None
        adj = mods[0].lower_
        found: dict[str, list[Span]] = defaultdict(list)
        for m in ordered:
            if m.start >= tok.i or m.label_ not in {"ArmedGroup", "MilitaryForce"}:
                continue
            entry = self.gazetteer.entries.get(m.kb_id_.removeprefix("gaz:"))
            forms = [entry.name, *entry.aliases] if entry else []
            before = m.doc[max(m.start - 2, 0) : m.start]
            if any(adj in f.lower().split() for f in forms) or any(t.lower_ == adj for t in before):
                found[m.kb_id_].append(m)
        if not found:
            return None
        ranked = sorted(found.values(), key=len, reverse=True)
        if len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
            return None  # two groups named so as often: no telling which
        ante = ranked[0][-1]
        return Span(tok.doc, tok.i, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_)

    @staticmethod
    def _wanted_types(tok: Token) -> frozenset[str]:
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in _PERSON_PRONOUNS:
                return frozenset({"Person"})
            if low in _IT_PRONOUNS:
                # "it" resolves to an actor only where it acts or owns: as the subject of
                # an active verb or as "its"; "it was attacked" is usually a thing
                if low == "it" and (tok.dep_ != "nsubj" or tok.head.lemma_ == "be"):
                    return frozenset()
                if _event_subject_before(tok) and not _actor_before_in_sentence(tok):
                    return frozenset()
                return _GROUPISH | {"Country"}
            if low in _THEY_PRONOUNS:
                return frozenset({"ArmedGroup", "MilitaryForce"})
            return frozenset()
        if low in ANAPHOR_NOUNS and tok.pos_ == "NOUN":
            dets = [c for c in tok.children if c.dep_ == "det"]
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
            if dets and dets[0].lower_ in {"the", "this", "that"} and not mods:
                return ANAPHOR_NOUNS[low]
        return frozenset()
