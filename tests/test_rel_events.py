"""Events, attacks and attribution (attacked, fightsAgainst, threatened, accused, condemned,
sanctioned) on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.relations import RelationExtractor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

EVENT_RELATIONS = {"attacked", "fightsAgainst", "threatened", "accused", "condemned", "sanctioned"}


@pytest.fixture(scope="module")
def run(gazetteer, vocab):  # type: ignore[no-untyped-def]
    components = [
        ActorRuler(gazetteer),
        ActorTyper(),
        ActorResolver(gazetteer),
        RelationExtractor(load_schema()),
    ]

    def _run(text: str):  # type: ignore[no-untyped-def]
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        ents = doc._.actor_entities
        facts = {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}
        return doc, facts

    return _run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nominal attacks: agent by demonym, possessive, compound, by-/from-phrase
        (
            "A Turkish air strike killed Omar Khalil near Mosul on Sunday.",
            {("Turkey", "attacked", "Omar Khalil")},
        ),
        (
            "The Russian bombardment of Wagner positions in Mosul lasted a week.",
            {("Russia", "attacked", "Wagner Group"), ("Russia", "attacked", "Mosul")},
        ),
        (
            "The shelling of Mosul by Iraqi forces continued overnight.",
            {("Iraq armed forces", "attacked", "Mosul")},
        ),
        (
            "Hezbollah carried out raids targeting Israeli patrols.",
            {("Hezbollah", "attacked", "Israel")},
        ),
        ("Hamas has faced air strikes from Israel for years.", {("Israel", "attacked", "Hamas")}),
        (
            "The Egyptian strike that killed Omar Khalil drew protests.",
            {("Egypt", "attacked", "Omar Khalil")},
        ),
        (
            "Omar Khalil was killed in a Libyan drone strike last year.",
            {("Libya", "attacked", "Omar Khalil")},
        ),
        (  # a group's claim of its own attack
            "Hamas claimed responsibility for the attack on Al Tanf.",
            {("Hamas", "attacked", "Al Tanf")},
        ),
        (
            "Hezbollah claimed responsibility for a bomb attack against pilgrims"
            " in the town of Mosul.",
            {("Hezbollah", "attacked", "Mosul")},
        ),
        ("Israel retaliated with air strikes on Mosul.", {("Israel", "attacked", "Mosul")}),
        (
            "A Turkish convoy came under attack from Hezbollah near Mosul.",
            {("Hezbollah", "attacked", "Turkey")},
        ),
        # attack verbs and their targets: assets named by their owner, "the town of X"
        (
            "Hezbollah ambushed a Syrian convoy near the border.",
            {("Hezbollah", "attacked", "Syria")},
        ),
        (
            "The Houthis fired rockets at Saudi Arabia on Tuesday.",
            {("Houthis", "attacked", "Saudi Arabia")},
        ),
        ("Hamas fighters besieged the town of Mosul.", {("Hamas", "attacked", "Mosul")}),
        (
            "Israeli jets shot down an Iranian drone over Syria.",
            {("Israel armed forces", "attacked", "Iran")},
        ),
        (
            "Israel struck Hezbollah targets in Mosul on Monday.",
            {("Israel", "attacked", "Hezbollah"), ("Israel", "attacked", "Mosul")},
        ),
        (
            "The Houthis launched missiles at populated areas in Saudi Arabia.",
            {("Houthis", "attacked", "Saudi Arabia")},
        ),
        (  # a group's own claim is an attack, "it" is the speaker
            "The Israeli army said it had bombed Hamas targets in Mosul.",
            {
                ("Israel armed forces", "attacked", "Hamas"),
                ("Israel armed forces", "attacked", "Mosul"),
            },
        ),
        (
            "Israel bombed several sites, including a Hamas base in Mosul.",
            {("Israel", "attacked", "Hamas")},
        ),
        (
            "Hezbollah fighters pushed into Mosul in the spring.",
            {("Hezbollah", "attacked", "Mosul")},
        ),
        # armed struggle
        (
            "Saudi Arabia's war against the Houthis has lasted five years.",
            {("Saudi Arabia", "fightsAgainst", "Houthis")},
        ),
        (
            "Britain supported Iraqi troops in battle against Hezbollah.",
            {("United Kingdom", "fightsAgainst", "Hezbollah")},
        ),
        ("Egypt waged war on Hamas.", {("Egypt", "fightsAgainst", "Hamas")}),
        # attribution
        (
            "Theresa Clarke met Iraqi leaders. She blamed the bombing on Hezbollah.",
            {("Theresa Clarke", "accused", "Hezbollah")},
        ),
        (
            "Hamas, blamed by Israel for the bombing, denied any role.",
            {("Israel", "accused", "Hamas")},
        ),
        ("Turkey said Hezbollah was behind the bombing.", {("Turkey", "accused", "Hezbollah")}),
        (
            "Turkey said Hezbollah was responsible for the bombing.",
            {("Turkey", "accused", "Hezbollah")},
        ),
        ("Yemen pointed the finger at Iran.", {("Yemen", "accused", "Iran")}),
        (  # calling someone a terrorist is an accusation, not a designation
            "Yusuf Demir described Omar Khalil as a terrorist.",
            {("Yusuf Demir", "accused", "Omar Khalil")},
        ),
        ("Egypt indicted Omar Khalil for the bombing.", {("Egypt", "accused", "Omar Khalil")}),
        ("Iraq said Iranian jets had bombed Mosul.", {("Iraq", "accused", "Iran armed forces")}),
        ("The raid prompted Iraq to condemn Israel.", {("Iraq", "condemned", "Israel")}),
        # condemnation
        ("Lebanon called the Israeli raid a war crime.", {("Lebanon", "condemned", "Israel")}),
        (
            "Turkey accused Russia of targeting hospitals, in what it called a war crime.",
            {("Turkey", "accused", "Russia"), ("Turkey", "condemned", "Russia")},
        ),
        (
            "Omar Khalil tweeted to deride Yusuf Demir.",
            {("Omar Khalil", "condemned", "Yusuf Demir")},
        ),
        # threats
        ("Hezbollah vowed to retaliate against Israel.", {("Hezbollah", "threatened", "Israel")}),
        ("Russia warned Turkey of serious consequences.", {("Russia", "threatened", "Turkey")}),
        (
            "Turkey vowed to prevent Hezbollah from expanding its territory.",
            {("Turkey", "threatened", "Hezbollah")},
        ),
        (
            "Yusuf Demir warned Hamas that Israel would hit Mosul again.",
            {("Yusuf Demir", "threatened", "Hamas")},
        ),
        # sanctions and designations by a state
        (
            "Hamas, which Egypt considers a terrorist group, denied the report.",
            {("Egypt", "sanctioned", "Hamas")},
        ),
        ("Turkey regards the Houthis as terrorists.", {("Turkey", "sanctioned", "Houthis")}),
        ("Britain imposed sanctions on Russia.", {("United Kingdom", "sanctioned", "Russia")}),
        ("Turkey imposed an embargo on Syria.", {("Turkey", "sanctioned", "Syria")}),
        (
            "Egypt arrested ten members of the outlawed Hamas.",
            {("Egypt", "sanctioned", "Hamas")},
        ),
    ],
)
def test_event_constructions(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a third party's allegation is an accusation, not an attack
        ("Iraq said Iranian jets had bombed Mosul.", ("Iran armed forces", "attacked", "Mosul")),
        ("Israel is targeting only Hamas, and not Hezbollah.", ("Israel", "attacked", "Hezbollah")),
        # waging war is an armed campaign, not one attack
        ("Egypt waged war on Hamas.", ("Egypt", "attacked", "Hamas")),
        ("Egypt considers Hamas a partner.", ("Egypt", "sanctioned", "Hamas")),
        (
            "Yusuf Demir described Omar Khalil as a terrorist.",
            ("Yusuf Demir", "sanctioned", "Omar Khalil"),
        ),
        # an offensive against a group is a campaign, not one attack
        (
            "Saudi Arabia's war against the Houthis has lasted five years.",
            ("Saudi Arabia", "attacked", "Houthis"),
        ),
    ],
)
def test_event_lookalikes_do_not_fire(run, text, unwanted):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert unwanted not in facts, facts


@pytest.mark.parametrize(
    "text",
    [
        "Israel did not strike Hezbollah targets in Mosul.",  # negated
        "Hezbollah could fire rockets at Israel.",  # hypothetical
        "Turkey warned against air strikes on Syria.",  # a warning, not a strike
        "Russia's plans for an offensive against Mosul were leaked.",  # a plan
        "Did Israel strike Hamas positions in Mosul?",  # a question
        "If Hamas attacks, Israel will strike Mosul.",  # conditional
        "Tony Blair attacked Michael Howard's plans on tax.",  # political criticism
        "Butler launched an attack on Blair.",  # political criticism
        "Tony Blair came under attack from Michael Howard.",  # political criticism
        "The Sun attacked Labour leaders.",  # a newspaper's criticism
        "Police reviewed the case of Mosul murderer Omar Khalil.",  # where, not whom
        "Egypt struck a deal with Libya in Mosul.",  # a deal, not a strike
        "Lord Goldsmith warned Tony Blair that the war could be illegal.",  # advice
        "Protesters pushed into Mosul on Friday.",  # not an armed actor
        "He was detained to prevent Hezbollah from fighting against Israel.",  # prevented
        "Egypt said Hamas was responsible for the delays.",  # not an act of violence
        "Egypt said Libyan planes struck a balance.",  # no attack on anyone
        "Hamas reported an attack in Mosul.",  # a report, not a claim
    ],
)
def test_no_event_facts(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in EVENT_RELATIONS}, facts
