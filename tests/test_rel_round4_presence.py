"""Where armed actors are and whom they fight, round 4: battles between two sides,
exchanges of fire, forces in a war, "active in", insurgencies, seats ("Y, the
headquarters of X"), departures, towns a capture names as examples, sites taken from
their owner, counted strikes, targets at a town, and troops "from" a state. Recorded
parses of sentences written for these tests (tests/data/parses_round4_presence.jsonl)."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian", "Nigerians"), ("Abuja",)),
    GazEntry("chad", "Chad", "Country", (), ("Chadian", "Chadians"), ()),
    GazEntry("india", "India", "Country", (), ("Indian", "Indians"), ()),
    GazEntry("kenya", "Kenya", "Country", (), ("Kenyan", "Kenyans"), ()),
    GazEntry("sri-lanka", "Sri Lanka", "Country", (), ("Sri Lankan",), ()),
    GazEntry("nigerian-army", "Nigerian Army", "MilitaryForce", ("Nigerian army",)),
    GazEntry("indian-army", "Indian Army", "MilitaryForce", ("Indian troops",)),
    GazEntry("indian-navy", "Indian Navy", "MilitaryForce", ()),
    GazEntry("raf", "Royal Air Force", "MilitaryForce", ("RAF",)),
    GazEntry("boko-haram", "Boko Haram", "ArmedGroup", ()),
    GazEntry("let", "Lashkar-e-Taiba", "ArmedGroup", ()),
    GazEntry("eln", "National Liberation Army", "ArmedGroup", ("ELN",)),
    GazEntry("pkk", "PKK", "ArmedGroup", ("Kurdistan Workers Party",)),
    GazEntry("shabaab", "Al-Shabaab", "ArmedGroup", ("al-Shabaab",)),
    GazEntry("polisario", "Polisario Front", "ArmedGroup", ()),
    GazEntry("taliban", "Taliban", "ArmedGroup", ()),
    GazEntry("7th-division", "7th Division", "MilitaryForce", ()),
    GazEntry("french-forces", "French Armed Forces", "MilitaryForce", ("French forces",)),
    GazEntry("uk-forces", "British troops", "MilitaryForce", ()),
    GazEntry("eu", "European Union", "InternationalOrganization", ()),
    *(
        GazEntry(k.lower().replace(" ", "-"), k, "Place", ())
        for k in (
            "Borno Kashmir Arauca Maiduguri Sambisa Bama Kismayo Baidoa Jubaland Tifariti "
            "Kandahar Kunduz Kabul Jaffna Kilinochchi Port-au-Prince Balochistan Mali"
        ).split()
    ),
    GazEntry("norte-de-santander", "Norte de Santander", "Place", ()),
    GazEntry("bagram", "Bagram", "Facility", ("Bagram base",)),
    GazEntry("kupwara", "Kupwara", "Place", ()),
    GazEntry("transnistria", "Transnistria", "Place", ()),
    GazEntry("bamako", "Bamako", "Place", ()),
    GazEntry("russian-forces", "Russian Armed Forces", "MilitaryForce", ("Russian troops",)),
    GazEntry("somalia", "Somalia", "Country", (), ("Somali",), ()),
    GazEntry("pakistan", "Pakistan", "Country", (), ("Pakistani",), ()),
    GazEntry("unifil", "UNIFIL", "MilitaryForce", ()),
    GazEntry("amisom", "AMISOM", "MilitaryForce", ()),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


B, NA = "Boko Haram", "Nigerian Army"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a battle between two sides, in a place
            "Heavy fighting between the Nigerian army and Boko Haram militants in Borno "
            "killed 20 people.",
            {
                (NA, "fightsAgainst", B),
                (B, "fightsAgainst", NA),
                (NA, "presentIn", "Borno"),
                (B, "presentIn", "Borno"),
            },
        ),
        (  # the place on the verb: "clashes ... erupted in Y"
            "Clashes between Indian troops and Lashkar-e-Taiba fighters erupted in Kashmir "
            "on Friday.",
            {
                ("Indian Army", "fightsAgainst", "Lashkar-e-Taiba"),
                ("Lashkar-e-Taiba", "fightsAgainst", "Indian Army"),
                ("Lashkar-e-Taiba", "presentIn", "Kashmir"),
            },
        ),
        (  # an exchange of fire: each side attacked the other
            "Israel has exchanged fire with Hezbollah almost daily since July.",
            {("Israel", "attacked", "Hezbollah"), ("Hezbollah", "attacked", "Israel")},
        ),
        (  # forces in a war against an enemy
            "Nigerian and Chadian forces in the war against Boko Haram have suffered heavy losses.",
            {("Chadian Armed Forces", "fightsAgainst", B)},
        ),
        (  # "X is active in the departments of A and B"
            "The National Liberation Army is active in the border departments of Arauca and "
            "Norte de Santander.",
            {
                ("National Liberation Army", "presentIn", "Arauca"),
                ("National Liberation Army", "presentIn", "Norte de Santander"),
            },
        ),
        (  # an insurgency in a country's region: fights the state
            "The PKK, which has fought a three-decade insurgency for autonomy in Turkey's "
            "mainly Kurdish southeast, denied the claim.",
            {("PKK", "fightsAgainst", "Turkey")},
        ),
        (
            "Boko Haram has waged an insurgency in northeastern Nigeria since 2009.",
            {(B, "fightsAgainst", "Nigeria"), (B, "presentIn", "Nigeria")},
        ),
        (  # seats named by "of"
            "Maiduguri, the headquarters of Boko Haram, was bombed overnight.",
            {(B, "presentIn", "Maiduguri")},
        ),
        (
            "Sambisa, a stronghold of the jihadist group known as Boko Haram, fell in 2016.",
            {(B, "presentIn", "Sambisa")},
        ),
        (  # leaving presupposes being there, even when expected
            "French forces, who left Mali in 2022 after a decade fighting jihadists, were "
            "replaced by Russian mercenaries.",
            {("French Armed Forces", "presentIn", "Mali")},
        ),
        (
            "The last British troops are expected to leave Kabul on Monday.",
            {("British troops", "presentIn", "Kabul")},
        ),
        (  # towns a capture names as examples
            "Boko Haram has seized most of Borno and several towns, including Maiduguri and Bama.",
            {
                (B, "attacked", "Maiduguri"),
                (B, "presentIn", "Maiduguri"),
                (B, "attacked", "Bama"),
                (B, "presentIn", "Bama"),
            },
        ),
        (
            "Al-Shabaab has seized most of the south and four of the five regional capitals "
            "in Jubaland, including Kismayo and Baidoa.",
            {
                ("Al-Shabaab", "attacked", "Kismayo"),
                ("Al-Shabaab", "presentIn", "Baidoa"),
                ("Al-Shabaab", "presentIn", "Jubaland"),
            },
        ),
        (  # "it" in what a group says is the group
            "The Polisario Front said on Tuesday it had taken control of Tifariti.",
            {
                ("Polisario Front", "attacked", "Tifariti"),
                ("Polisario Front", "presentIn", "Tifariti"),
            },
        ),
        (  # a conjoined "hub of Y"
            "The Taliban offensive, which captured the southern city of Kandahar and the "
            "northern hub of Kunduz, ended the war.",
            {("Taliban", "attacked", "Kunduz"), ("Taliban", "presentIn", "Kunduz")},
        ),
        (  # a site taken from its owner
            "Boko Haram fighters had overrun the headquarters of the Nigerian army's 7th Division.",
            {(B, "attacked", "7th Division")},
        ),
        (
            "The Taliban captured the Bagram base on Sunday.",
            {("Taliban", "attacked", "Bagram"), ("Taliban", "presentIn", "Bagram")},
        ),
        (  # counted strikes
            "Nigeria has carried out dozens of airstrikes against Boko Haram camps.",
            {("Nigeria", "attacked", B)},
        ),
        (  # sites struck at a town, the second object hung on the verb
            "The minister said the RAF had targeted a site at Jaffna, in northern Sri Lanka, "
            "used to launch boats, and an airfield at Kilinochchi.",
            {
                ("Royal Air Force", "attacked", "Jaffna"),
                ("Royal Air Force", "attacked", "Kilinochchi"),
            },
        ),
        (  # an owner the parse hangs on a date
            "It came days after Boko Haram's April 14, 2014 attacks on Nigeria.",
            {(B, "attacked", "Nigeria")},
        ),
        (
            "The Indian Navy sank three Lashkar-e-Taiba boats on Sunday.",
            {("Indian Navy", "attacked", "Lashkar-e-Taiba")},
        ),
        (  # troops "from" a state
            "Troops from Kenya arrived in Port-au-Prince on Tuesday.",
            {("Kenya", "presentIn", "Port-au-Prince")},
        ),
        (  # "X clashed with Y in Z"
            "Indian troops clashed with Lashkar-e-Taiba militants in Kupwara.",
            {
                ("Indian Army", "fightsAgainst", "Lashkar-e-Taiba"),
                ("Lashkar-e-Taiba", "fightsAgainst", "Indian Army"),
                ("Indian Army", "presentIn", "Kupwara"),
                ("Lashkar-e-Taiba", "presentIn", "Kupwara"),
            },
        ),
        (  # missions named after their place
            "The U.N. peacekeeping mission in Lebanon, known as UNIFIL, said its troops were safe.",
            {("UNIFIL", "presentIn", "Lebanon")},
        ),
        (
            "The African Union mission in Somalia, AMISOM, lost 50 soldiers.",
            {("AMISOM", "presentIn", "Somalia")},
        ),
        (  # ongoing presence with a plain copula
            "Russian troops are still in Transnistria.",
            {("Russian Armed Forces", "presentIn", "Transnistria")},
        ),
        (
            "Wagner fighters stayed in Bamako for a week.",
            {("Wagner Group", "presentIn", "Bamako")},
        ),
        (  # a group's camps in a place
            "The Nigerian army attacked several Boko Haram camps in Borno.",
            {(B, "presentIn", "Borno"), (NA, "attacked", B)},
        ),
    ],
)
def test_construction_gives_facts(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, facts


_OURS = {"attacked", "presentIn", "fightsAgainst"}


@pytest.mark.parametrize(
    "text",
    [
        # feared, negated, asked, or not a battle
        "Diplomats fear a war between the Nigerian army and Boko Haram in Borno.",
        "There was no fighting between the Nigerian army and Boko Haram in Borno.",
        "Was there fighting between the Nigerian army and Boko Haram in Borno?",
        "Talks between the Nigerian army and Boko Haram resumed in Abuja.",
        "Israel has not exchanged fire with Hezbollah since July.",
        "The National Liberation Army is no longer active in Arauca.",
        "The army hopes to end an insurgency in Balochistan.",
        # not a seat, not an armed owner, not a departure of forces
        "Maiduguri is the birthplace of Boko Haram.",
        "Baghdad, the capital of Iraq, was quiet.",
        "Britain left the European Union in 2020.",
        "Troops from Kenya will arrive in Port-au-Prince next month.",
        "India clashed with Pakistan over water at the talks.",
        "Russian troops are not in Transnistria.",
        "Boko Haram is the main threat in Borno.",
        "Indian troops may have clashed with Lashkar-e-Taiba in Kupwara.",
        "The European Union's trade mission in Kenya, led by Lord Smith, arrived.",
    ],
)
def test_look_alikes_state_nothing(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in _OURS}, facts


def test_exchange_of_greetings_is_no_attack(run):  # type: ignore[no-untyped-def]
    _, facts = run("Israel and Hezbollah exchanged greetings in Beirut.")
    assert not {f for f in facts if f[1] in {"attacked", "fightsAgainst"}}, facts


def test_region_of_captured_towns_is_held_not_attacked(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Al-Shabaab has seized most of the south and four of the five regional capitals in "
        "Jubaland, including Kismayo and Baidoa."
    )
    assert ("Al-Shabaab", "attacked", "Jubaland") not in facts, facts
