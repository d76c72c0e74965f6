"""Arguments (lists, companions, participles, relatives) and alignment (backing, alliances,
rivalries, membership, wings) on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer
from actorgraph.extractors.relations import SentenceReader
from actorgraph.extractors.relations.sentence import agents_of

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("qatar", "Qatar", "Country", (), ("Qatari",), ("Doha",)),
    GazEntry("jordan", "Jordan", "Country", (), ("Jordanian",), ("Amman",)),
    GazEntry("uae", "United Arab Emirates", "Country", ("UAE", "Emirates"), ("Emirati",)),
    GazEntry("usa", "United States", "Country", ("US", "U.S."), ("American",), ("Washington",)),
    GazEntry("nato", "NATO", "InternationalOrganization", ("North Atlantic Alliance",)),
    GazEntry("qassam", "Qassam Brigades", "ArmedGroup", ("al-Qassam Brigades",)),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
    GazEntry("abm", "Ansar Beit al-Maqdis", "ArmedGroup", ()),
    GazEntry("badr", "Badr Organization", "ArmedGroup", ("Badr",)),
    GazEntry("arab-coalition", "Arab Coalition", "Coalition", ("Saudi-led Arab Coalition",)),
    GazEntry("assad", "Bashar al-Assad", "Person", ("Assad",)),
    GazEntry("abadi", "Haider al-Abadi", "Person", ("Abadi",)),
    GazEntry("pmf", "Popular Mobilization Forces", "ArmedGroup", ("Hashid Shaabi",)),
    GazEntry("un", "United Nations", "InternationalOrganization", ("UN", "U.N.")),
    GazEntry("stl", "Special Tribunal for Lebanon", "Organization", ("STL",)),
    GazEntry("gaza-moh", "Gaza Health Ministry", "GovernmentBody", ("Health Ministry",)),
    GazEntry("saa", "Syrian Arab Army", "MilitaryForce", ("Syrian army",)),
    GazEntry("tsk", "Turkish Armed Forces", "MilitaryForce", ("Turkish security forces",)),
    GazEntry("idf", "Israel Defense Forces", "MilitaryForce", ("IDF", "Israeli military")),
    GazEntry("us-forces", "United States Armed Forces", "MilitaryForce", ("US troops",)),
    GazEntry("jaf", "Jordanian Armed Forces", "MilitaryForce", ("Jordanian army",)),
    GazEntry("petra-oil", "Petra Oil", "Organization", ()),
    GazEntry("labour", "Labour Party", "PoliticalGroup", ("Labour",)),
    GazEntry("tories", "Conservative Party", "PoliticalGroup", ("Conservatives", "Tories")),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(ENTRIES)


@pytest.fixture(scope="module")
def run(gaz, vocab):  # type: ignore[no-untyped-def]
    return actor_runner(gaz, vocab, relations_gazetteer=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lists and companions as arguments, for every family
        (
            "Militant groups such as Hamas and Hezbollah attacked Israel.",
            {("Hamas", "attacked", "Israel"), ("Hezbollah", "attacked", "Israel")},
        ),
        (
            "Iran armed several factions, including Hamas and the Houthis.",
            {("Hamas", "backedBy", "Iran"), ("Houthis", "backedBy", "Iran")},
        ),
        (
            "Hamas, along with Hezbollah, condemned Israel.",
            {("Hamas", "condemned", "Israel"), ("Hezbollah", "condemned", "Israel")},
        ),
        (
            "Several militant groups were bombed by Israel, including Hamas and Hezbollah.",
            {("Israel", "attacked", "Hamas"), ("Israel", "attacked", "Hezbollah")},
        ),
        (
            "Hezbollah, alongside Russia, is fighting Islamic State in Syria.",
            {
                ("Hezbollah", "fightsAgainst", "Islamic State"),
                ("Russia", "fightsAgainst", "Islamic State"),
            },
        ),
        (
            "Iran backs the Houthis in Yemen, Hezbollah in Lebanon and Hamas in Gaza.",
            {
                ("Houthis", "backedBy", "Iran"),
                ("Hezbollah", "backedBy", "Iran"),
                ("Hamas", "backedBy", "Iran"),
            },
        ),
        (
            "Egypt, Jordan, Saudi Arabia and the United Arab Emirates condemned Hamas.",
            {
                ("Egypt", "condemned", "Hamas"),
                ("Jordan", "condemned", "Hamas"),
                ("Saudi Arabia", "condemned", "Hamas"),
                ("United Arab Emirates", "condemned", "Hamas"),
            },
        ),
        # passives, participles and relatives
        ("Hamas, supported by Iran, fired rockets at Israel.", {("Hamas", "backedBy", "Iran")}),
        ("Houthi rebels backed by Iran seized the port.", {("Houthis", "backedBy", "Iran")}),
        ("Backed by Iran, the Houthis seized the port.", {("Houthis", "backedBy", "Iran")}),
        (
            "Hezbollah, which is funded by Iran, denied the report.",
            {("Hezbollah", "backedBy", "Iran")},
        ),
        (
            "Hamas, which Iran has funded for years, denied the report.",
            {("Hamas", "backedBy", "Iran")},
        ),
        (
            "Islamic State was bombed by the U.S.-led alliance in 2015.",
            {("United States", "attacked", "Islamic State")},
        ),
        # alignment nouns
        (
            "Moscow's ally President Bashar al-Assad welcomed the strikes.",
            {("Bashar al-Assad", "alliedWith", "Russia")},
        ),
        (
            "Riyadh's rivals Iran and Qatar rejected the accusation.",
            {("Iran", "opposes", "Saudi Arabia"), ("Qatar", "opposes", "Saudi Arabia")},
        ),
        ("Fellow NATO member Greece objected to the plan.", {("Greece", "memberOf", "NATO")}),
        (
            "The dispute hurt relations between NATO allies Greece and Turkey.",
            {
                ("Greece", "memberOf", "NATO"),
                ("Turkey", "memberOf", "NATO"),
                ("Greece", "alliedWith", "Turkey"),
            },
        ),
        ("Hamas, a close ally of Iran, rejected the truce.", {("Hamas", "alliedWith", "Iran")}),
        ("Egypt and Turkey are regional rivals.", {("Egypt", "opposes", "Turkey")}),
        (
            "Saudi Arabia and its ally the United Arab Emirates bombed the port.",
            {("United Arab Emirates", "alliedWith", "Saudi Arabia")},
        ),
        (
            "Washington's partners such as Jordan and Egypt joined the talks.",
            {("Jordan", "alliedWith", "United States"), ("Egypt", "alliedWith", "United States")},
        ),
        (
            "Iran-aligned Houthi rebels attacked Saudi Arabia.",
            {("Houthis", "alliedWith", "Iran")},
        ),
        # wings, allegiance, coalitions
        (
            "Hamas and its Qassam Brigades military wing claimed the attack.",
            {("Qassam Brigades", "partOf", "Hamas")},
        ),
        (
            "Hamas said the dead included members of its armed wing, the Qassam Brigades.",
            {("Qassam Brigades", "partOf", "Hamas")},
        ),
        (
            "Ansar Beit al-Maqdis pledged allegiance to Islamic State in 2014.",
            {("Ansar Beit al-Maqdis", "partOf", "Islamic State")},
        ),
        (
            "The Saudi-led Arab Coalition struck Sanaa.",
            {("Saudi Arabia", "memberOf", "Arab Coalition")},
        ),
        # cooperation, reliance, hostility
        (
            "Hezbollah is fighting alongside Russia in Syria.",
            {("Hezbollah", "alliedWith", "Russia")},
        ),
        ("Egypt acted in cooperation with Greece.", {("Egypt", "alliedWith", "Greece")}),
        (
            "Turkey and Qatar formed a joint force to patrol the border.",
            {("Turkey", "alliedWith", "Qatar")},
        ),
        ("Hamas has been reliant on Iran for weapons.", {("Hamas", "backedBy", "Iran")}),
        ("The Houthis seized the port with help from Iran.", {("Houthis", "backedBy", "Iran")}),
        ("Hamas rebuilt its tunnels with Iranian support.", {("Hamas", "backedBy", "Iran")}),
        (
            "Iran has funded Shi'ite militias, known as the Popular Mobilization Forces.",
            {("Popular Mobilization Forces", "backedBy", "Iran")},
        ),
        (
            "The U.N.-backed Special Tribunal for Lebanon indicted four men.",
            {("Special Tribunal for Lebanon", "backedBy", "United Nations")},
        ),
        (
            "Gaza's Hamas-run Health Ministry said 20 people died.",
            {("Gaza Health Ministry", "partOf", "Hamas")},
        ),
        (
            "The defeat left Abadi reliant for ground troops on the Badr Organization.",
            {("Haider al-Abadi", "backedBy", "Badr Organization")},
        ),
        (
            "Relations between Turkey and Russia deteriorated sharply last year.",
            {("Turkey", "opposes", "Russia")},
        ),
        (
            "Relations deteriorated between Egypt and Qatar after the summit.",
            {("Egypt", "opposes", "Qatar")},
        ),
        (
            "Saudi Arabia and Iran are locked in a bitter struggle for influence.",
            {("Saudi Arabia", "opposes", "Iran")},
        ),
        (  # hostility between people is still hostility
            "Tensions between Barack Obama and Benjamin Netanyahu grew.",
            {("Barack Obama", "opposes", "Benjamin Netanyahu")},
        ),
    ],
)
def test_constructions_find_expected_facts(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # coordinated subjects are not thereby allies
        ("Hamas and Hezbollah condemned Israel.", ("Hamas", "alliedWith", "Hezbollah")),
        ("Hamas, along with Hezbollah, condemned Israel.", ("Hamas", "alliedWith", "Hezbollah")),
        # negated, questioned, hearsay, hypothetical or ended
        ("Turkey is not an ally of Russia.", ("Turkey", "alliedWith", "Russia")),
        ("Is Qatar an ally of Iran?", ("Qatar", "alliedWith", "Iran")),
        ("Reports of a feud between Egypt and Qatar were denied.", ("Egypt", "opposes", "Qatar")),
        (
            "Any discord between NATO allies Greece and Turkey could help Russia.",
            ("Greece", "opposes", "Turkey"),
        ),
        ("Egypt ended its alliance with Qatar.", ("Egypt", "alliedWith", "Qatar")),
        ("Egypt did not act with help from Qatar.", ("Egypt", "backedBy", "Qatar")),
        ("Egypt and Qatar restored diplomatic ties.", ("Egypt", "opposes", "Qatar")),
        # "Riyadh's rivals Iran and Qatar" are rivals of Riyadh, not of each other
        ("Riyadh's rivals Iran and Qatar rejected the accusation.", ("Iran", "opposes", "Qatar")),
        # a firm's home country is not its rival
        ("WPP bought US rival Grey Global last year.", ("Grey Global", "opposes", "United States")),
        # firms' partners and rivals are trade, not alignment
        (
            "Shares in Elan fell while its US partner Biogen Idec gained.",
            ("Biogen Idec", "alliedWith", "United States"),
        ),
        ("Microsoft rival Google launched a new browser.", ("Google", "opposes", "Microsoft")),
        ("Boeing and its rival Airbus reported higher sales.", ("Airbus", "opposes", "Boeing")),
        ("The rivalry between Google and Yahoo is overblown.", ("Google", "opposes", "Yahoo")),
        # people's collaborations are not alliances
        (
            "Nicolas Cage began his partnership with Jerry Bruckheimer in 1996.",
            ("Nicolas Cage", "alliedWith", "Jerry Bruckheimer"),
        ),
        # a fronted adverbial is not an apposition
        (
            "In the UK, a Qatar-funded centre opened last year.",
            ("United Kingdom", "backedBy", "Qatar"),
        ),
        # examples of someone's rivals are not rivals of each other
        (
            "Egypt faces pressure from rivals such as Turkey and Qatar.",
            ("Turkey", "opposes", "Qatar"),
        ),
        # "aligned" is alignment, not backing
        ("Iran-aligned Houthi rebels attacked Saudi Arabia.", ("Houthis", "backedBy", "Iran")),
    ],
)
def test_look_alikes_do_not_fire(run, text, absent):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert absent not in facts, f"unexpected {absent}"


@pytest.mark.parametrize(
    "text",
    [
        "The senator praised his ally John Miller.",  # a politician's ally
        "The senator met his alleged rival, Turkey.",  # hearsay
        "Iran and its allies condemned the strike.",  # unnamed allies
        "The senator praised Hamas and its allies.",
        # a name that starts the next clause is not the members' name
        "Blair told Labour members the Conservatives offered nothing.",
    ],
)
def test_no_alignment_facts(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    rels = {"alliedWith", "opposes", "memberOf", "partOf", "backedBy"}
    assert not {f for f in facts if f[1] in rels}, facts


def test_relative_pronoun_stands_for_its_noun(run):  # type: ignore[no-untyped-def]
    """ "X, which Egypt regards as ...": the fronted object is X, for any family to read."""
    doc, _ = run("Hamas, which Egypt regards as a terrorist group, denied the report.")
    reader = SentenceReader(doc)
    which = next(t for t in doc if t.lower_ == "which")
    assert [a.span.text for a in reader.actors(which)] == ["Hamas"]


def test_led_invasion_names_its_leader_as_agent(run):  # type: ignore[no-untyped-def]
    doc, _ = run("Islamic State was bombed by the U.S.-led alliance in 2015.")
    reader = SentenceReader(doc, Gazetteer(ENTRIES))
    verb = next(t for t in doc if t.lower_ == "bombed")
    agents, passive = agents_of(verb, reader)
    assert passive
    assert [a.span.kb_id_ for a in agents] == ["gaz:usa"]
    assert agents[0].factor < 1.0  # inferred through the modifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Syrian army shelled the town on Monday.", ("Syrian Arab Army", "partOf", "Syria")),
        (
            "Turkish security forces raided the village.",
            ("Turkish Armed Forces", "partOf", "Turkey"),
        ),
        (
            "An Israeli military spokeswoman declined to comment.",
            ("Israel Defense Forces", "partOf", "Israel"),
        ),
    ],
)
def test_national_force_named_by_its_state(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected in facts, facts


@pytest.mark.parametrize(
    ("text", "force", "state"),
    [
        # troops, soldiers, warplanes: people and equipment, not the institution
        ("About 200 US troops stayed at the base.", "United States Armed Forces", "United States"),
        # the force names what a base belongs to: nothing said about the force
        ("A Jordanian army base was hit.", "Jordanian Armed Forces", "Jordan"),
    ],
)
def test_national_force_look_alikes(run, text, force, state):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    assert force in {e.label for e in doc._.actor_entities.values()}, "the test reads nothing"
    assert (force, "partOf", state) not in facts, facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rivalry noun with "with": its owner, or the subject of "in a feud with"
        ("Hezbollah's rivalry with Hamas has deepened.", ("Hezbollah", "opposes", "Hamas")),
        ("Qatar has been locked in a feud with Jordan since June.", ("Qatar", "opposes", "Jordan")),
        (
            "Hamas is in a competition with Hezbollah for recruits.",
            ("Hamas", "opposes", "Hezbollah"),
        ),
        # support nouns: the backer by demonym, possessive or "from"; the backed by "for"/"to"
        ("Iranian support for Hamas has grown.", ("Hamas", "backedBy", "Iran")),
        (
            "Experts found significant assistance for the Houthis from Qatar.",
            ("Houthis", "backedBy", "Qatar"),
        ),
    ],
)
def test_rivalry_and_support_nouns(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected in facts, facts


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # "no evidence of": the noun is not asserted
        ("There is no evidence of Qatari support for Hamas.", ("Hamas", "backedBy", "Qatar")),
        # relief is no backing in a conflict
        ("Jordan sent humanitarian aid to Qatar.", ("Qatar", "backedBy", "Jordan")),
        # a denial
        ("Israel denied any rivalry with Jordan.", ("Israel", "opposes", "Jordan")),
    ],
)
def test_rivalry_and_support_look_alikes(run, text, absent):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    labels = {e.label for e in doc._.actor_entities.values()}
    assert {absent[0], absent[2]} <= labels, f"the test reads nothing: {labels}"
    assert absent not in facts, facts


def test_state_body_in_apposition(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Fires broke out at a refinery run by the Jordanian state oil company, Petra Oil."
    )
    assert ("Petra Oil", "partOf", "Jordan") in facts, facts
    # a company of a country's nationality is not the state's
    doc, facts = run("Petra Oil, a Jordanian oil company, cut its prices.")
    assert "Petra Oil" in {e.label for e in doc._.actor_entities.values()}
    assert ("Petra Oil", "partOf", "Jordan") not in facts, facts
