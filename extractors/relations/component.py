"""The ``actor_relations`` component: runs every pattern family over every sentence.

Confidence is an estimate of the probability that the sentence states the
fact as extracted. Each extractor has a base value (see ``BASE_CONFIDENCE``),
multiplied by 0.7 when an argument was found by coreference, 0.8 under a weak
modal ("may", "might"), and 0.75 when an argument is inferred through
coordination ("X and other Iran-backed groups").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph.ontology import Schema, load_schema

from ..gazetteer import Gazetteer, load_gazetteer
from ..records import ExtractedFact, LocalEntity
from ..resolve import country_forces, ensure_extensions
from . import (
    alignment,
    allies,
    appositions,
    appositive_titles,
    army_chiefs,
    assaults,
    assistance,
    attribution,
    backing,
    battles,
    campaigns,
    captures,
    claims,
    coalitions,
    composition,
    datelines,
    events,
    followers,
    holdings,
    killings,
    leaders,
    memberships,
    namedbodies,
    patrons,
    placenames,
    places,
    presence,
    regions,
    roles,
    seizures,
    stances,
    stays,
    strikes,
    titles,
    verbs,
    visits,
    wars,
    whereabouts,
)
from .agents import in_series
from .context import in_dateline
from .namedbodies import state_forces
from .sentence import _DEPLOYABLE, _FOLLOWED_NOUNS, Candidate, SentenceReader

BASE_CONFIDENCE: dict[str, float] = {
    "verb": 0.85,
    "passive": 0.85,
    "light_verb": 0.8,
    "title": 0.9,
    "appos_title": 0.9,
    "possessive": 0.75,
    "modifier_backing": 0.8,
    "against_prefix": 0.75,
    "between": 0.8,
    "action_noun": 0.7,
    "locative": 0.75,
    "presence": 0.75,
    "host": 0.85,
    "where_located": 0.8,
    "copula_part": 0.85,
    "ties": 0.7,
    "member_examples": 0.8,
    "home_to": 0.75,
    "accusation_noun": 0.75,
    "office": 0.9,
    "demonym_name": 0.7,
    "verb_location": 0.6,
    "fronted_locative": 0.6,
    "based": 0.8,
    "killer_noun": 0.8,
}

Pattern = Callable[[Span, SentenceReader], Iterator[Candidate]]

#: attacks that are not what a later "condemned the attack" names: taking prisoners
_NOT_THE_ATTACK = frozenset({"captive"})

#: subjects that belong to an organisation as a part, not as a member (GUIDELINES)
_PART_TYPES = frozenset(
    {
        "ArmedGroup",
        "MilitaryForce",
        "GovernmentBody",
        "PoliticalGroup",
        "Coalition",
        "Organization",
        "MediaOrganization",
        "InternationalOrganization",
    }
)

#: every pattern, in the order they run (an attack read early lets a later
#: "condemned the attack" find its agent)
PATTERNS: tuple[Pattern, ...] = (
    alignment.ties,
    alignment.member_examples,
    places.home_to,
    events.accusation_nouns,
    places.verb_location,
    places.fronted_locative,
    places.based,
    killings.killers,
    verbs.verbs,
    titles.titles,
    appositive_titles.appositive_titles,
    alignment.possessives,
    alignment.modifier_backing,
    alignment.against_prefix,
    allies.between,
    events.action_nouns,
    places.locatives,
    alignment.copula_part,
)
#: pattern families; a module lists its patterns in ``PATTERNS`` and may give base
#: confidences for new extractor names in ``CONFIDENCE``
FAMILIES = (
    alignment,
    appositive_titles,
    allies,
    appositions,
    assistance,
    captures,
    claims,
    killings,
    memberships,
    namedbodies,
    regions,
    stances,
    battles,
    holdings,
    whereabouts,
    strikes,
    composition,
    stays,
    events,
    placenames,
    places,
    presence,
    visits,
    datelines,
    titles,
    leaders,
    roles,
    verbs,
    attribution,
    backing,
    coalitions,
    patrons,
    seizures,
    assaults,
    campaigns,
    army_chiefs,
    wars,
    followers,
)
# the patterns families add run after the ones above, in this order (the order the
# families had before they were split: do not reorder)
PATTERNS += (
    alignment.backing_participle,
    allies.alignment_nouns,
    alignment.wings,
    alignment.allegiance,
    allies.cooperation,
    allies.relations,
    alignment.reliance,
    alignment.modifier_part,
    backing.with_help,
    alignment.led_coalition,
    allies.rivalry_with,
    backing.support_for,
    alignment.state_bodies,
    alignment.national_forces,
    events.attack_events,
    events.struggles,
    killings.killings,
    placenames.place_nouns,
    placenames.possessed_places,
    placenames.town_sites,
    captures.captures,
    presence.control,
    presence.strongholds,
    presence.presence_nouns,
    visits.visits,
    visits.deployments,
    presence.movements,
    presence.withdrawals,
    stays.killed_in,
    visits.acts_from,
    visits.meetings,
    visits.meeting_nouns,
    datelines.datelines,
    presence.campaigns_against,
    leaders.context_titles,
    leaders.leadership,
    roles.roles,
    strikes.launches,
    strikes.incursions,
    attribution.culprits,
    attribution.vows,
    attribution.designations,
    attribution.outlawed,
    attribution.crime_calls,
    composition.composition,
    composition.alliance_of,
    composition.one_of_members,
    composition.member_in,
    appositions.comma_in_place,
    appositions.described_in,
    claims.claimed_attacks,
    claims.attributed_acts,
    assistance.helped_fights,
    assistance.relied_on,
    assistance.supplies,
    captures.capture_nouns,
    memberships.whose_head,
    memberships.led_by_person,
    memberships.founders,
    memberships.teamed_up,
    regions.regional_place,
    stances.price_threats,
    stances.war_threats,
    stances.condemned_acts,
    stances.enmity,
    stances.trained_by,
    stances.wars_between,
    stances.victories,
    stances.allied_with,
    battles.fights_in,
    battles.clashes_between,
    battles.exchanges_of_fire,
    battles.forces_in_struggle,
    battles.active_in,
    battles.insurgencies,
    battles.expulsions,
    holdings.seats,
    holdings.departures,
    holdings.missions,
    whereabouts.being_in,
    whereabouts.spoke_in,
    whereabouts.envoys_in,
    namedbodies.units,
    namedbodies.named_where,
    whereabouts.operates_site,
    whereabouts.bases_in,
    strikes.fire_on,
    strikes.blew_up,
    strikes.raids_against,
    strikes.strikes_in,
    appositions.place_described_in,
    appositions.owned_body,
    stays.where_clauses,
    stays.sent_people,
    stays.positions,
    stays.arrests,
    battles.alongside,
    stances.frozen_assets,
    stances.broken_ties,
    *coalitions.PATTERNS,
    *patrons.PATTERNS,
    seizures.sites_taken,
    seizures.captives,
    seizures.hostages_at,
    seizures.power_seized,
    assaults.ruins,
    assaults.barrages,
    assaults.defeats,
    assaults.fought_back,
    assaults.planted_bombs,
    assaults.fire_landed,
    assaults.punished_for,
    assaults.fights_with,
    campaigns.battles_for,
    campaigns.recurring_attacks,
    *army_chiefs.PATTERNS,
    *wars.PATTERNS,
    *followers.PATTERNS,
)
assert set(PATTERNS) == {p for m in FAMILIES for p in m.PATTERNS} and len(set(PATTERNS)) == len(
    PATTERNS
), "every family pattern is listed once in component.PATTERNS"
for _family in FAMILIES:
    BASE_CONFIDENCE.update(getattr(_family, "CONFIDENCE", {}))

#: the patterns that can find a fact in a sentence naming one actor only: the other side
#: comes from the article (the dateline's country, a bare title's state), from inside the
#: name ("the UN Security Council", "a U.N.-backed government", "Tripoli's international
#: airport"), from a state's own forces or bodies, or from what the article told before.
#: Half the sentences of news name one actor; the other patterns, which need two, are not
#: run there (on 600 BBC articles and the 90 gold articles every fact those sentences gave
#: came from these; the tests of earlier rounds added the last three). A capitalised
#: hyphenated word ("US-led", "Iranian-backed") counts as a second actor.
ONE_ACTOR_PATTERNS = frozenset(
    {
        leaders.context_titles,
        alignment.possessives,
        alignment.national_forces,
        alignment.led_coalition,
        alignment.modifier_backing,
        namedbodies.named_where,
        regions.regional_place,
        titles.titles,
        appositive_titles.appositive_titles,
        army_chiefs.army_chiefs,
        datelines.datelines,
        placenames.place_nouns,
        placenames.town_sites,
        # the other side from earlier in the article: "Boko Haram claimed responsibility"
        # (the attack just told), "The UN condemned the militant attack" (its attacker),
        # "attacked police posts" (the police the article named), "seized the capital"
        claims.claimed_attacks,
        verbs.verbs,
        captures.captures,
    }
)
assert set(PATTERNS) >= ONE_ACTOR_PATTERNS


def _named_tokens(doc: Doc) -> set[int]:
    """Tokens inside an actor mention, a demonym or a coreferring expression."""
    return {
        i
        for key in ("actors", "demonyms", "coref")
        for span in doc.spans.get(key, [])
        for i in range(span.start, span.end)
    }


def _mend_participles(doc: Doc) -> None:
    """The small model tags many participles that modify a noun as past tenses ("the
    alliance, made up of A and B", "forces, backed by X"): a clause on a noun with no
    subject of its own is a participle, so patterns that ask for VBN read it."""
    for tok in doc:
        if (
            tok.tag_ == "VBD"
            and tok.dep_ == "acl"
            and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in tok.children)
        ):
            tok.tag_ = "VBN"


def _actors_in(sent: Span, reader: SentenceReader) -> set[str]:
    """The actors a sentence names, by mention or by demonym ("Iraqi")."""
    keys = {m.kb_id_ for m in reader.in_sentence(sent)}
    if len(keys) < 2:  # most sentences name two by mention: the rest are looked at closer
        for t in sent:
            d = reader.demonyms.get(t.i)
            if d is not None:
                keys.add(d.kb_id_)
            if "-" in t.text and t.text[:1].isupper():
                keys.add(t.text)  # "toppled by a US-led invasion": an actor in a modifier
    return keys


def _names_anyone(sent: Span, named: set[int]) -> bool:
    return any(i in named for i in range(sent.start, sent.end))


def _leads(
    facts: dict[tuple[str, str, str, int], ExtractedFact], reader: SentenceReader
) -> dict[str, Span]:
    """The armed group each person the article names leads, when it names just one."""
    led: dict[str, set[str]] = {}
    for f in facts.values():
        if f.relation == "leaderOf":
            led.setdefault(f.subject, set()).add(f.object)
    first: dict[str, Span] = {}
    for span in (*reader.spans, *reader.doc.spans.get("demonyms", [])):  # "Libyan leader X"
        first.setdefault(span.kb_id_, span)
    out = {}
    for person, orgs in led.items():
        groups = [first[o] for o in orgs if o in first and first[o].label_ in _DEPLOYABLE]
        states = [first[o] for o in orgs if o in first and first[o].label_ == "Country"]
        if len(groups) == 1:
            out[person] = groups[0]
        elif not groups and len(states) == 1:  # "Gaddafi's forces": the state's he leads
            forces = state_forces(states[0], reader)
            if forces is not None:
                out[person] = forces
    return out


def _names_led_forces(sent: Span, reader: SentenceReader) -> bool:
    """Whether a sentence names the forces of a person who leads a group ("Hifter's forces")."""
    return any(
        tok.lower_ in _FOLLOWED_NOUNS
        and (hit := reader.followed(tok)) is not None
        and hit[0].kb_id_ in reader.leads
        for tok in sent
    )


class _Sentence(Span):
    """A sentence whose tokens are made once: every pattern walks every sentence, and a
    plain Span makes new Token objects on each walk."""

    def __iter__(self) -> Iterator[Token]:
        toks = self.__dict__.get("_toks")
        if toks is None:
            toks = self.__dict__["_toks"] = [self.doc[i] for i in range(self.start, self.end)]
        return iter(toks)


class RelationExtractor:
    """Runs every pattern over every sentence and keeps the facts that fit the ontology."""

    def __init__(
        self, schema: Schema, min_confidence: float = 0.0, gazetteer: Gazetteer | None = None
    ) -> None:
        self.schema = schema
        self.min_confidence = min_confidence
        self.gazetteer = gazetteer
        self.patterns = PATTERNS
        self.one_actor_patterns = tuple(p for p in PATTERNS if p in ONE_ACTOR_PATTERNS)

    def __call__(self, doc: Doc) -> Doc:
        ensure_extensions()
        _mend_participles(doc)
        reader = SentenceReader(doc, self.gazetteer)
        facts: dict[tuple[str, str, str, int], ExtractedFact] = {}
        named = _named_tokens(doc)
        sents = [
            whole
            for whole in doc.sents
            # no facts from questions; every fact needs an actor named in its sentence
            if not whole.text.rstrip().rstrip("\"”’'").endswith("?") and _names_anyone(whole, named)
        ]
        for whole in sents:
            self._read(_Sentence(doc, whole.start, whole.end), reader, facts)
        # "Hifter's forces", "Hemedti's fighters": once the article has said whom a person
        # leads, the sentences naming that person's forces are read again for them
        reader.leads = _leads(facts, reader)
        reader.leads.update(followers.followers(reader, sents))  # "Ouattara's fighters"
        reread: set[int] = set()
        for whole in sents:
            if reader.leads and _names_led_forces(whole, reader):
                self._read(_Sentence(doc, whole.start, whole.end), reader, facts)
                reread.add(whole.start_char)
        # a blow "Gaddafi's forces" struck, read again for them, is not Gaddafi's own
        facts = {
            k: f
            for k, f in facts.items()
            if f.start not in reread
            or f.relation not in {"attacked", "fightsAgainst"}
            or f.subject not in reader.leads
            or (reader.leads[f.subject].kb_id_, f.relation, f.object, f.start) not in facts
        }
        for k in whereabouts.home_speeches(facts, reader):  # "In Washington, X said"
            del facts[k]
        # a state's own forces or bodies in the state itself ("Bolivian troops ... in
        # southeastern Bolivia") is no news of where they are
        parts = {(f.subject, f.object) for f in facts.values() if f.relation == "partOf"}
        for k in [k for k, f in facts.items() if f.relation == "presentIn"]:
            if (facts[k].subject, facts[k].object) in parts or self._own_forces(facts[k]):
                del facts[k]
        doc._.facts = sorted(
            facts.values(), key=lambda f: (f.start, f.subject, f.relation, f.object)
        )
        return doc

    def _read(
        self,
        sent: Span,
        reader: SentenceReader,
        facts: dict[tuple[str, str, str, int], ExtractedFact],
    ) -> None:
        # a sentence naming one actor runs only the patterns that can use it (ONE_ACTOR_PATTERNS)
        one = len(_actors_in(sent, reader)) < 2
        for pattern in self.one_actor_patterns if one else self.patterns:
            for cand in pattern(sent, reader):
                fact = self._accept(cand, sent)
                if fact is None:
                    continue
                k = (fact.subject, fact.relation, fact.object, fact.start)
                if k not in facts or facts[k].confidence < fact.confidence:
                    facts[k] = fact
                if (
                    fact.relation == "attacked"
                    and cand.subject.span.label_ != "Person"
                    and cand.extractor not in _NOT_THE_ATTACK
                    and not in_series(cand.object.span.root)
                ):
                    reader.last_attacker = cand.subject
                    reader.attackers_of[fact.object] = cand.subject

    def _accept(self, c: Candidate, sent: Span) -> ExtractedFact | None:
        s, o = c.subject.span, c.object.span
        entities = sent.doc._.actor_entities
        if entities is not None:
            for span in (s, o):
                if span.kb_id_ not in entities and not self._add_entity(entities, span):
                    return None
        relation = c.relation
        if relation == "memberOf" and s.label_ in _PART_TYPES:
            relation = "partOf"  # an organisation joins as a part ("X joined the alliance")
        elif relation == "partOf" and s.label_ in {"Person", "Country"}:
            relation = "memberOf"  # people and states are members (GUIDELINES)
        if s.kb_id_ == o.kb_id_ or not self.schema.fits(relation, s.label_, o.label_):
            return None
        if relation != "locatedIn" and in_dateline(s, self.gazetteer):
            return None  # "KIGALI, Rwanda (AP) - Rebels captured Y": the parse's subject
        if (
            c.relation == "attacked"
            and s.label_ == o.label_ == "Person"
            and c.extractor == "action_noun"
        ):
            return None  # "Butler launches attack on Blair": words, not weapons
        conf = BASE_CONFIDENCE[c.extractor] * c.factor * c.subject.factor * c.object.factor
        if conf < self.min_confidence or conf <= 0:
            return None
        return ExtractedFact(
            subject=s.kb_id_,
            relation=relation,
            object=o.kb_id_,
            start=sent.start_char,
            end=sent.end_char,
            extractor=c.extractor,
            confidence=round(conf, 3),
        )

    def _own_forces(self, fact: ExtractedFact) -> bool:
        """Whether a fact's subject is the armed forces of the state that is its object."""
        entry = self.gazetteer.entries.get(fact.object[4:]) if self.gazetteer else None
        if self.gazetteer is None or entry is None or entry.type != "Country":
            return False
        return country_forces(self.gazetteer, entry.name)[0] == fact.subject

    def _add_entity(self, entities: dict[str, LocalEntity], span: Span) -> bool:
        """Register an entity named only inside another name ("Canadian" in a ministry's name)."""
        entry = self.gazetteer.entries.get(span.kb_id_[4:]) if self.gazetteer else None
        if entry is None:
            return False
        aliases = (span.text,) if span.text != entry.name else ()
        entities[span.kb_id_] = LocalEntity(span.kb_id_, entry.name, entry.type, aliases, 1)
        return True

    # -- new patterns --------------------------------------------------------------


@Language.factory(
    "actor_relations",
    requires=["doc.spans", "doc._.actor_entities", "token.dep"],
    assigns=["doc._.facts"],
    default_config={"min_confidence": 0.0, "gazetteer_paths": []},
)
def make_actor_relations(
    nlp: Language, name: str, min_confidence: float, gazetteer_paths: list[str]
) -> RelationExtractor:
    ensure_extensions()
    return RelationExtractor(
        load_schema(), min_confidence=min_confidence, gazetteer=load_gazetteer(gazetteer_paths)
    )
