"""Events, attacks and attribution (attacked, fightsAgainst, threatened, accused, condemned,
sanctioned) on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner, make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.gazetteer import GazEntry, Gazetteer
from actorgraph.extractors.relations import RelationExtractor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

EVENT_RELATIONS = {"attacked", "fightsAgainst", "threatened", "accused", "condemned", "sanctioned"}


@pytest.fixture(scope="module")
def run(gazetteer, vocab):  # type: ignore[no-untyped-def]
    return actor_runner(gazetteer, vocab)


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
            {("Iraqi Armed Forces", "attacked", "Mosul")},
        ),
        (
            "Hezbollah carried out raids targeting Israeli patrols.",
            {("Hezbollah", "attacked", "Israel")},
        ),
        ("Hamas faced air strikes from Israel on Sunday.", {("Israel", "attacked", "Hamas")}),
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
            {("Israeli Armed Forces", "attacked", "Iran")},
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
                ("Israeli Armed Forces", "attacked", "Hamas"),
                ("Israeli Armed Forces", "attacked", "Mosul"),
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
        (  # the helped troops fight, not the helper
            "Britain supported Iraqi troops in battle against Hezbollah.",
            {("Iraqi Armed Forces", "fightsAgainst", "Hezbollah")},
        ),
        ("Iran helped Syria in the battle against Hamas.", {("Syria", "fightsAgainst", "Hamas")}),
        # a struggle its subject joins or steps up, or one led by a named actor
        (
            "Turkey joined the fight against Hezbollah last year.",
            {("Turkey", "fightsAgainst", "Hezbollah")},
        ),
        (
            "Turkey stepped up its campaign against the Houthis.",
            {("Turkey", "fightsAgainst", "Houthis")},
        ),
        (
            "The campaign against Hamas that began in May, and led by Israel, continues.",
            {("Israel", "fightsAgainst", "Hamas")},
        ),
        (
            "Omar Khalil masterminded operations against Israel.",
            {("Omar Khalil", "fightsAgainst", "Israel")},
        ),
        # strikes over a span of time are a campaign
        (
            "Hamas has faced air strikes from Israel for years.",
            {("Israel", "fightsAgainst", "Hamas")},
        ),
        (
            "Turkey has faced attacks from Hezbollah since 2015.",
            {("Hezbollah", "fightsAgainst", "Turkey")},
        ),
        (  # attacks over days are also a campaign
            "Turkey has shelled Hezbollah positions inside Syria for four straight days.",
            {("Turkey", "attacked", "Hezbollah"), ("Turkey", "fightsAgainst", "Hezbollah")},
        ),
        (
            "Egypt's counter-terrorism campaign against Hamas has killed hundreds.",
            {("Egypt", "fightsAgainst", "Hamas")},
        ),
        (  # an accusation noun the parser hung on the verb
            "Turkey's suspicion and charge that Hezbollah was behind the bombing angered Lebanon.",
            {("Turkey", "accused", "Hezbollah")},
        ),
        (  # an allegation whose clause the parser split off, owned by "its"
            "Turkey released satellite images to back its allegation Hezbollah was behind"
            " the bombing.",
            {("Turkey", "accused", "Hezbollah")},
        ),
        # "X-led": the leader of the campaign or of the strikes
        (
            "Saudi-led operations against the Houthis have intensified.",
            {("Saudi Arabia", "fightsAgainst", "Houthis")},
        ),
        (
            "Saudi-led air strikes on Mosul killed ten people.",
            {("Saudi Arabia", "attacked", "Mosul")},
        ),
        # passives: a fronted participle, an asset named by its owner
        (
            "Hit by Israeli missiles, the Hamas convoy burned for hours.",
            {("Israel", "attacked", "Hamas")},
        ),
        ("The Hamas convoy was hit by Israeli missiles.", {("Israel", "attacked", "Hamas")}),
        # the subject of "resumed firing", the examples of the killed, a site's owner
        (
            "Hezbollah militants resumed firing rockets at Israel on Monday.",
            {("Hezbollah", "attacked", "Israel")},
        ),
        (
            "Hamas gunmen killed 20 people, including Israeli soldiers.",
            {("Hamas", "attacked", "Israeli Armed Forces")},
        ),
        (
            "Turkish jets struck a camp belonging to Hezbollah near Mosul.",
            {("Turkish Armed Forces", "attacked", "Hezbollah")},
        ),
        # the article says who was responsible for an attack
        (
            "Hezbollah, the group responsible for the 2006 attack on the Al Tanf garrison,"
            " denied the report.",
            {("Hezbollah", "attacked", "Al Tanf")},
        ),
        ("Hamas was responsible for the bombing of Mosul.", {("Hamas", "attacked", "Mosul")}),
        (  # the town where coordinated targets lie
            "Hamas claimed responsibility for an attack on a hotel and a market in Mosul.",
            {("Hamas", "attacked", "Mosul")},
        ),
        # condemning an attack named with its doer
        ("Iraq condemned the attack by Hamas.", {("Iraq", "condemned", "Hamas")}),
        ("Iran denounced the blockade imposed by Israel.", {("Iran", "condemned", "Israel")}),
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
        ("Iraq said Iranian jets had bombed Mosul.", {("Iraq", "accused", "Iranian Armed Forces")}),
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
        ("Iraq said Iranian jets had bombed Mosul.", ("Iranian Armed Forces", "attacked", "Mosul")),
        ("Israel is targeting only Hamas, and not Hezbollah.", ("Israel", "attacked", "Hezbollah")),
        # waging war is an armed campaign, not one attack
        ("Egypt waged war on Hamas.", ("Egypt", "attacked", "Hamas")),
        ("Egypt considers Hamas a partner.", ("Egypt", "sanctioned", "Hamas")),
        (
            "Yusuf Demir described Omar Khalil as a terrorist.",
            ("Yusuf Demir", "sanctioned", "Omar Khalil"),
        ),
        # the helper is not the fighter
        (
            "Britain supported Iraqi troops in battle against Hezbollah.",
            ("United Kingdom", "fightsAgainst", "Hezbollah"),
        ),
        # strikes over years are a campaign, not one attack
        ("Hamas has faced air strikes from Israel for years.", ("Israel", "attacked", "Hamas")),
        # one day's shelling is an attack, not a campaign
        ("Turkey shelled Hezbollah positions on Monday.", ("Turkey", "fightsAgainst", "Hezbollah")),
        # another's claim of responsibility is an accusation
        (
            "Iraq said Hamas was responsible for the attack on Mosul.",
            ("Hamas", "attacked", "Mosul"),
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
        "Struck by the scale of the damage, Iraq asked Turkey for help.",  # no attacker
        "Iraq did not condemn the attack by Hamas.",  # negated
        "Hezbollah militants threatened to start firing rockets at Israel.",  # not done
        "Turkish jets flew over a camp belonging to Hezbollah.",  # no strike
        "Hamas was not responsible for the attack on Mosul.",  # negated
        "Egypt criticised the war against the Houthis.",  # criticised, not waged
        "Omar Khalil opposed operations against Israel.",  # opposed, not led
        "Turkey's anger and surprise that Hezbollah won the vote were clear.",  # no accusation
        "Turkey released satellite images to back its allegation Hezbollah was popular.",
    ],
)
def test_no_event_facts(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in EVENT_RELATIONS}, facts


#: a state organ whose name carries its country, for "the Ministry of Defence said ..."
STATE_ENTRIES = [
    *TEST_ENTRIES,
    GazEntry(
        "uk-mod", "United Kingdom Ministry of Defence", "GovernmentBody", ("Ministry of Defence",)
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "unwanted"),
    [
        (  # a state's ministry reports its own forces' strike: an attack
            "British jets struck a Hamas camp near Mosul, the Ministry of Defence said.",
            ("British Armed Forces", "attacked", "Hamas"),
            ("United Kingdom Ministry of Defence", "accused", "British Armed Forces"),
        ),
        (  # another state's forces: the ministry's allegation only
            "Russian jets struck a Hamas camp near Mosul, the Ministry of Defence said.",
            ("United Kingdom Ministry of Defence", "accused", "Russian Armed Forces"),
            ("Russian Armed Forces", "attacked", "Hamas"),
        ),
    ],
)
def test_state_speaks_for_its_forces(vocab, text, expected, unwanted):  # type: ignore[no-untyped-def]
    gaz = Gazetteer(STATE_ENTRIES)
    doc = make_doc(vocab, text)
    for c in [
        ActorRuler(gaz),
        ActorTyper(),
        ActorResolver(gaz),
        RelationExtractor(load_schema(), gazetteer=gaz),
    ]:
        doc = c(doc)
    ents = doc._.actor_entities
    facts = {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}
    assert expected in facts, facts
    assert unwanted not in facts, facts
