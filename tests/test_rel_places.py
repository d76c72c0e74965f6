"""Places and presence: where places lie (locatedIn), where actors are (presentIn), and
capturing a place (attacked + presentIn), on parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

PLACE_ENTRIES = [e for e in TEST_ENTRIES if e.id not in {"syria", "iraq", "yemen"}] + [
    GazEntry("syria", "Syria", "Country", (), ("Syrian", "Syrians"), ("Damascus",)),
    GazEntry("iraq", "Iraq", "Country", (), ("Iraqi", "Iraqis"), ("Baghdad",)),
    GazEntry("yemen", "Yemen", "Country", (), ("Yemeni", "Yemenis"), ("Sanaa",)),
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian", "Nigerians"), ("Abuja",)),
    GazEntry("jordan", "Jordan", "Country", (), ("Jordanian",), ("Amman",)),
    GazEntry("cuba", "Cuba", "Country", (), ("Cuban", "Cubans"), ("Havana",)),
    GazEntry(
        "united-states",
        "United States",
        "Country",
        ("US", "U.S."),
        ("American", "Americans"),
        ("Washington",),
    ),
    GazEntry(
        "us-armed-forces",
        "United States Armed Forces",
        "MilitaryForce",
        ("American Armed Forces",),
    ),
    GazEntry(
        "turkish-armed-forces", "Turkish Armed Forces", "MilitaryForce", ("Turkish Armed Forces",)
    ),
    GazEntry("hodeidah", "Hodeidah", "Place", ()),
    GazEntry("raqqa", "Raqqa", "Place", ()),
    GazEntry("falluja", "Falluja", "Place", ("Fallujah",)),
    GazEntry("kobani", "Kobani", "Place", ()),
    GazEntry("amerli", "Amerli", "Place", ()),
    GazEntry("crimea", "Crimea", "Place", ()),
    GazEntry("damascus", "Damascus", "Place", ()),
    GazEntry("baghdad", "Baghdad", "Place", ()),
    GazEntry("sanaa", "Sanaa", "Place", ()),
    GazEntry("cairo", "Cairo", "Place", ()),
    GazEntry("amman", "Amman", "Place", ()),
    GazEntry("gaza-strip", "Gaza Strip", "Place", ("Gaza",)),
    GazEntry("green-zone", "Green Zone", "Place", ()),
    GazEntry("salahuddin", "Salahuddin Province", "Place", ("Salahuddin province",)),
    GazEntry("anbar", "Anbar Province", "Place", ("Anbar province",)),
    GazEntry("tiyas", "Tiyas air base", "Facility", ()),
    GazEntry("homs", "Homs", "Place", ()),
    GazEntry("idlib", "Idlib", "Place", ()),
    GazEntry("aleppo", "Aleppo", "Place", ()),
    GazEntry("islamic-state", "Islamic State", "ArmedGroup", ("ISIS",)),
    GazEntry("ypg", "People's Protection Units", "ArmedGroup", ("YPG",)),
    GazEntry("saudi-coalition", "Saudi-led coalition", "Coalition", ()),
    GazEntry("somalia", "Somalia", "Country", (), ("Somali", "Somalis"), ("Mogadishu",)),
    GazEntry("african-union", "African Union", "InternationalOrganization", ("AU",)),
    GazEntry("al-shabaab", "al-Shabaab", "ArmedGroup", ("Shabab", "al-Shabab")),
    GazEntry("reuters", "Reuters", "MediaOrganization", ()),
    GazEntry("nasrallah", "Hassan Nasrallah", "Person", ("Nasrallah",)),
    GazEntry("erdogan", "Recep Tayyip Erdogan", "Person", ("Erdogan",)),
    GazEntry("putin", "Vladimir Putin", "Person", ("Putin",)),
    GazEntry("abadi", "Haider al-Abadi", "Person", ("Abadi",)),
    GazEntry("sochi", "Sochi", "Place", ()),
    GazEntry("qusayr", "Qusayr", "Place", ()),
    GazEntry("derna", "Derna", "Place", ()),
    GazEntry("douma", "Douma", "Place", ()),
    GazEntry("south-lebanon", "South Lebanon", "Place", ("southern Lebanon",)),
    GazEntry("afrin", "Afrin", "Place", ()),
    GazEntry("taji", "Taji Base", "Facility", ("Taji",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    gazetteer = Gazetteer(PLACE_ENTRIES)
    return actor_runner(gazetteer, vocab, relations_gazetteer=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named through a common noun, with its country, region or city
        (
            "Rebels shelled the Yemeni port city of Mokha on Tuesday.",
            {("Mokha", "locatedIn", "Yemen")},
        ),
        (
            "Gunmen stormed a police station in the Baghdad suburb of Abu Ghraib.",
            {("Abu Ghraib", "locatedIn", "Baghdad")},
        ),
        ("Nigeria's largest city, Lagos, was calm on Friday.", {("Lagos", "locatedIn", "Nigeria")}),
        (
            "Blasts shook the Syrian capital Damascus overnight.",
            {("Damascus", "locatedIn", "Syria")},
        ),
        (
            "Gunmen attacked Tikrit, the capital of Salahuddin province.",
            {("Tikrit", "locatedIn", "Salahuddin Province")},
        ),
        (
            "Aid trucks reached Beit Lahia town, northern Gaza Strip.",
            {("Beit Lahia", "locatedIn", "Gaza Strip")},
        ),
        (
            "Drones struck the Tiyas air base in Homs province.",
            {("Tiyas air base", "locatedIn", "Homs")},
        ),
        (
            "Amerli, in Salahuddin province, was shelled.",
            {("Amerli", "locatedIn", "Salahuddin Province")},
        ),
        # a capital as a place stays the city
        ("Protesters gathered in Baghdad's Green Zone.", {("Green Zone", "locatedIn", "Baghdad")}),
        # datelines
        (
            "Clashes in the north\nSANAA, Yemen (Reuters) - Houthi rebels shelled the city.",
            {("Sanaa", "locatedIn", "Yemen")},
        ),
    ],
)
def test_located_in(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Houthi fighters captured the port city of Mokha.",
            {("Houthis", "attacked", "Mokha"), ("Houthis", "presentIn", "Mokha")},
        ),
        (
            "Mosul was seized by Islamic State in 2014.",
            {("Islamic State", "presentIn", "Mosul"), ("Islamic State", "attacked", "Mosul")},
        ),
        (
            "Kobani, recaptured by the YPG, is quiet now.",
            {("People's Protection Units", "presentIn", "Kobani")},
        ),
        (
            "Islamic State took control of Palmyra last year.",
            {("Islamic State", "presentIn", "Palmyra"), ("Islamic State", "attacked", "Palmyra")},
        ),
        (
            "Russia annexed Crimea in 2014.",
            {("Russia", "attacked", "Crimea"), ("Russia", "presentIn", "Crimea")},
        ),
    ],
)
def test_capture_is_attack_and_presence(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas, which controls Gaza, fired rockets.", ("Hamas", "presentIn", "Gaza Strip")),
        ("The Houthis still retain control of Hodeidah.", ("Houthis", "presentIn", "Hodeidah")),
        ("Aid convoys reached Houthi-held Hodeidah.", ("Houthis", "presentIn", "Hodeidah")),
        (
            "Raqqa remained under the control of Islamic State.",
            ("Islamic State", "presentIn", "Raqqa"),
        ),
        (
            "Falluja, an Islamic State stronghold, was surrounded.",
            ("Islamic State", "presentIn", "Falluja"),
        ),
        ("Hezbollah fighters in Syria suffered heavy losses.", ("Hezbollah", "presentIn", "Syria")),
        ("Israeli jets struck Iranian targets in Syria.", ("Iran", "presentIn", "Syria")),
        ("Turkish troops entered Syria on Monday.", ("Turkish Armed Forces", "presentIn", "Syria")),
        (
            "Kirkuk, where the US has massed troops, is tense.",
            ("United States", "presentIn", "Kirkuk"),
        ),
        (
            "Mahmoud Abbas visited Cairo and Amman on Sunday.",
            ("Mahmoud Abbas", "presentIn", "Amman"),
        ),
        (
            "Saleh Muslim was invited to Istanbul for talks.",
            ("Saleh Muslim", "presentIn", "Istanbul"),
        ),
        ("Russia withdrew troops from Syria in March.", ("Russia", "presentIn", "Syria")),
        (
            "Hezbollah commander Ali Fayad was killed in an air strike in Syria.",
            ("Ali Fayad", "presentIn", "Syria"),
        ),
        (
            "Baghdad-based analyst Hisham Jaber said the talks had failed.",
            ("Hisham Jaber", "presentIn", "Baghdad"),
        ),
        (
            "An attack hit a base in Anbar province, home to American troops.",
            ("United States Armed Forces", "presentIn", "Anbar Province"),
        ),
        (
            "A Saudi-led coalition fighting in Yemen denied the report.",
            ("Saudi-led coalition", "presentIn", "Yemen"),
        ),
        (
            "Turkey joined the battle against Islamic State in Syria.",
            ("Islamic State", "presentIn", "Syria"),
        ),
        ("Mahmoud Abbas arrived in Amman on Monday.", ("Mahmoud Abbas", "presentIn", "Amman")),
        (
            "Mahmoud Abbas's visit to Cairo ended on Friday.",
            ("Mahmoud Abbas", "presentIn", "Cairo"),
        ),
        # a withdrawal, even one only offered, presupposes the troops are there
        (
            "Russia is prepared to withdraw its troops from Syria.",
            ("Russian Armed Forces", "presentIn", "Syria"),
        ),
    ],
)
def test_presence(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected in facts, facts


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # negated, hypothetical, planned
        ("Houthi fighters did not capture Mokha.", ("Houthis", "presentIn", "Mokha")),
        ("Islamic State could seize Palmyra.", ("Islamic State", "presentIn", "Palmyra")),
        ("Mahmoud Abbas will visit Cairo next week.", ("Mahmoud Abbas", "presentIn", "Cairo")),
        ("Mahmoud Abbas plans to visit Cairo.", ("Mahmoud Abbas", "presentIn", "Cairo")),
        ("Did Hezbollah capture Qusayr?", ("Hezbollah", "presentIn", "Qusayr")),
        (
            "Turkey will not join the battle against Islamic State in Syria.",
            ("Islamic State", "presentIn", "Syria"),
        ),
        # "near" is not containment
        ("Sarmada, a town near Idlib, was hit.", ("Sarmada", "locatedIn", "Idlib")),
        # people held are not ground held
        (
            "Four Britons held by the US in Guantanamo Bay will be freed.",
            ("United States", "presentIn", "United Kingdom"),
        ),
        # holding someone responsible is not holding ground
        (
            "Iran held Britain responsible for the attack on Basra.",
            ("Iran", "presentIn", "United Kingdom"),
        ),
        # seizing goods in a city is not seizing the city
        ("Turkey seized weapons in Aleppo.", ("Turkey", "attacked", "Aleppo")),
        # a nationality visiting is not the state
        ("The Americans who visit Cuba pay the tax.", ("United States", "presentIn", "Cuba")),
        # a list of places is not a "City, Region" pair
        (
            "Candidates toured Leicester, Somerset, Basingstoke and Dorset.",
            ("Somerset", "locatedIn", "Basingstoke"),
        ),
        # meeting someone in a city is not stated presence of the host
        ("Mahmoud Abbas met Tony Blair in London.", ("Tony Blair", "presentIn", "London")),
    ],
)
def test_places_do_not_overreach(run, text, absent):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert absent not in facts, facts


def test_capture_fires_only_once_asserted(run):  # type: ignore[no-untyped-def]
    _, facts = run("Houthi fighters did not capture Mokha.")
    assert not any(r in {"attacked", "presentIn"} for _, r, _ in facts), facts


def test_organisation_seat_inside_its_noun_phrase(run):  # type: ignore[no-untyped-def]
    _, facts = run("A spokesman for the Foreign Ministry in Baghdad said the talks would resume.")
    assert any("Ministry" in s and r == "presentIn" and o == "Baghdad" for s, r, o in facts), facts
    _, facts = run("Analysts at Morgan Stanley in London expect rates to rise.")
    assert any(s == "Morgan Stanley" and r == "presentIn" for s, r, o in facts), facts


@pytest.mark.parametrize(
    "text",
    [
        # the place belongs to the verb, not to the organisation's noun phrase
        "The Red Cross opened a clinic in Damascus last week.",
        "Officials from the Interior Ministry met in Cairo on Sunday.",
    ],
)
def test_no_seat_from_a_place_of_the_verb(run, text):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    assert doc._.actor_entities, "the organisation must be found for this test to mean anything"
    assert not [f for f in doc._.facts if f.extractor == "seat"], facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each item of a list carries its own place
        (
            "Tehran arms Hezbollah in Lebanon, the Houthis in Yemen and Hamas in Gaza.",
            {
                ("Hezbollah", "presentIn", "Lebanon"),
                ("Houthis", "presentIn", "Yemen"),
                ("Hamas", "presentIn", "Gaza Strip"),
            },
        ),
        # an armed object with "in PLACE" hung on the verb
        (
            "Saudi jets have bombed the Houthis in Yemen for years.",
            {("Houthis", "presentIn", "Yemen")},
        ),
        # forces named by their owner after the noun
        (
            "Forces belonging to the African Union in Somalia repelled the assault.",
            {("African Union", "presentIn", "Somalia")},
        ),
        # acting across a territory noun
        (
            "The Islamic State once ran a caliphate across swathes of Iraq and Syria.",
            {("Islamic State", "presentIn", "Iraq"), ("Islamic State", "presentIn", "Syria")},
        ),
        # acting from a place
        (
            "Hezbollah fired rockets at Israel from southern Lebanon.",
            {("Hezbollah", "presentIn", "South Lebanon")},
        ),
        (
            "In a televised address from Beirut, Nasrallah said the group would respond.",
            {("Hassan Nasrallah", "presentIn", "Beirut")},
        ),
        # meetings and inspections
        (
            "Erdogan met Putin in Sochi on Monday.",
            {
                ("Recep Tayyip Erdogan", "presentIn", "Sochi"),
                ("Vladimir Putin", "presentIn", "Sochi"),
            },
        ),
        (
            "A drone struck Nasrallah and other commanders meeting in the Syrian town of Qusayr.",
            {("Hassan Nasrallah", "presentIn", "Qusayr")},
        ),
        (
            "Abadi inspected troops inside the Green Zone after the protest.",
            {("Haider al-Abadi", "presentIn", "Green Zone")},
        ),
        # a site "belonging to" its owner, a headline's capitalised force noun
        (
            "Jets struck a training camp in Somalia belonging to al-Shabaab.",
            {("al-Shabaab", "presentIn", "Somalia")},
        ),
        (
            "Jets Kill 40 Houthi Fighters in Yemen, Officials Say",
            {("Houthis", "presentIn", "Yemen")},
        ),
        # what an armed group carries on, when no one else is the verb's subject
        (
            "Small cells carry on the Islamic State's insurgency inside Iraq.",
            {("Islamic State", "presentIn", "Iraq")},
        ),
        # victims named after "including", a place shared by "killed and wounded"
        (
            "Two Turkish soldiers were killed and five wounded in a mortar attack on Afrin.",
            {("Turkish Armed Forces", "presentIn", "Afrin")},
        ),
        (
            "Four contractors were killed, including two US troops, in a rocket attack on Taji.",
            {("United States Armed Forces", "presentIn", "Taji Base")},
        ),
        # residents added after "home to": "along with a contingent of X"
        (
            "Drones struck a base in Anbar province, home to US troops, along with a "
            "contingent of Turkish soldiers.",
            {
                ("United States Armed Forces", "presentIn", "Anbar Province"),
                ("Turkish Armed Forces", "presentIn", "Anbar Province"),
            },
        ),
        # a meeting noun: its owner and the one met
        (
            "Putin's meeting with Erdogan in Sochi lasted three hours.",
            {
                ("Vladimir Putin", "presentIn", "Sochi"),
                ("Recep Tayyip Erdogan", "presentIn", "Sochi"),
            },
        ),
        # a part of a country lies in it
        (
            "Derna, a port on the eastern side of Libya, was bombed overnight.",
            {("Derna", "locatedIn", "Libya")},
        ),
    ],
)
def test_presence_round_two(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a list item never takes a later item's place
        (
            "Tehran arms Hezbollah in Lebanon, the Houthis in Yemen and Hamas in Gaza.",
            ("Hezbollah", "presentIn", "Gaza Strip"),
        ),
        (
            "Tehran arms Hezbollah in Lebanon, the Houthis in Yemen and Hamas in Gaza.",
            ("Hezbollah", "presentIn", "Yemen"),
        ),
        # the one spoken to: "in Amman" is where it was said
        (
            "A senior commander told Reuters in Amman that the offensive had stalled.",
            ("Reuters", "presentIn", "Amman"),
        ),
        # a plan, a purchase from a country
        (
            "Hezbollah will fire more rockets from southern Lebanon, a spokesman warned.",
            ("Hezbollah", "presentIn", "South Lebanon"),
        ),
        ("Hezbollah bought thousands of rockets from Iran.", ("Hezbollah", "presentIn", "Iran")),
        ("Erdogan will meet Putin in Sochi next week.", ("Vladimir Putin", "presentIn", "Sochi")),
        # someone else's verb: the US condemns, the attacks' place is not read here
        (
            "Washington condemned the Islamic State's attacks in Jordan.",
            ("Islamic State", "presentIn", "Jordan"),
        ),
        # the wounded elsewhere are not the killed
        (
            "Two Turkish soldiers were killed in Idlib and five wounded in Afrin.",
            ("Turkish Armed Forces", "presentIn", "Afrin"),
        ),
        # a meeting planned or to come
        (
            "The planned meeting with Erdogan in Sochi was cancelled.",
            ("Recep Tayyip Erdogan", "presentIn", "Sochi"),
        ),
        (
            "Putin will hold talks with Erdogan in Sochi.",
            ("Recep Tayyip Erdogan", "presentIn", "Sochi"),
        ),
        # the outskirts of a city lie outside it
        (
            "Douma, a town on the outskirts of Damascus, was shelled on Friday.",
            ("Douma", "locatedIn", "Damascus"),
        ),
    ],
)
def test_presence_round_two_does_not_overreach(run, text, absent):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    assert doc._.actor_entities, "the actors must be found for this test to mean anything"
    assert absent not in facts, facts
