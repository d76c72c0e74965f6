"""Attacks, offensives, blame and help (attacked, fightsAgainst, accused, backedBy) on
recorded parses of sentences written for these tests, about conflicts the evaluation
does not use (Nigeria, Pakistan, the Philippines, Syria, Lebanon)."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian", "Nigerians"), ("Abuja",)),
    GazEntry("pakistan", "Pakistan", "Country", (), ("Pakistani", "Pakistanis"), ("Islamabad",)),
    GazEntry("chad", "Chad", "Country", (), ("Chadian", "Chadians"), ()),
    GazEntry("philippines", "Philippines", "Country", (), ("Philippine", "Filipino"), ()),
    GazEntry(
        "united-states", "United States", "Country", ("U.S.", "US"), ("American", "Americans"), ()
    ),
    GazEntry("boko-haram", "Boko Haram", "ArmedGroup", ()),
    GazEntry("iswap", "Islamic State West Africa Province", "ArmedGroup", ("ISWAP",)),
    GazEntry("abu-sayyaf", "Abu Sayyaf", "ArmedGroup", ("Abu Sayyaf Group",)),
    GazEntry("ttp", "Tehrik-i-Taliban Pakistan", "ArmedGroup", ("Pakistani Taliban", "TTP")),
    GazEntry("nigerian-army", "Nigerian Army", "MilitaryForce", ("Nigerian army",)),
    GazEntry("syrian-army", "Syrian Arab Army", "MilitaryForce", ("Syrian army",)),
    GazEntry("philippine-army", "Philippine Army", "MilitaryForce", ("Philippine army",)),
    GazEntry("maiduguri", "Maiduguri", "Place", ()),
    GazEntry("monguno", "Monguno", "Place", ()),
    GazEntry("jolo", "Jolo", "Place", ()),
    GazEntry("peshawar", "Peshawar", "Place", ()),
    GazEntry("karachi", "Karachi", "Place", ()),
    GazEntry("idlib", "Idlib", "Place", ()),
]

RELATIONS = {"attacked", "fightsAgainst", "accused", "backedBy"}


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


def _facts(run, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    _, facts = run(text)
    return {f for f in facts if f[1] in RELATIONS}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group's claim of its own attack: the site's town, its victims' side
        (
            "Boko Haram claimed responsibility for the bombing at the mosque in Maiduguri"
            " that killed 20 worshippers.",
            {("Boko Haram", "attacked", "Maiduguri")},
        ),
        (
            "ISWAP claimed responsibility for the attack on the army base in Monguno.",
            {("Islamic State West Africa Province", "attacked", "Monguno")},
        ),
        (
            "The attack on the market in Maiduguri was claimed by Boko Haram.",
            {("Boko Haram", "attacked", "Maiduguri")},
        ),
        (
            "An attack claimed by Abu Sayyaf killed 30 people in Jolo.",
            {("Abu Sayyaf", "attacked", "Jolo")},
        ),
        (
            "Abu Sayyaf claimed the bombing of the cathedral in Jolo.",
            {("Abu Sayyaf", "attacked", "Jolo")},
        ),
        (
            "The Pakistani Taliban claimed responsibility for the bombing at the airport"
            " that killed 13 Chinese engineers.",
            set(),  # "Chinese engineers" name nobody's forces, the airport no town
        ),
        (
            "The Pakistani Taliban said it was behind the bombing of the church in Peshawar.",
            {("Tehrik-i-Taliban Pakistan", "attacked", "Peshawar")},
        ),
        # a strike by X that hit Y in Z; strikes carried out by X against Y
        (
            "A drone strike by the Syrian army hit a hospital in Idlib.",
            {("Syrian Arab Army", "attacked", "Idlib")},
        ),
        (
            "Strikes carried out by the Nigerian army against Boko Haram killed dozens.",
            {("Nigerian Army", "attacked", "Boko Haram")},
        ),
        # a claim that names no attack takes the latest one before it
        (
            "Gunmen attacked a police station in Peshawar; the Pakistani Taliban claimed"
            " responsibility.",
            {("Tehrik-i-Taliban Pakistan", "attacked", "Peshawar")},
        ),
        (
            "A suicide bomber attacked a mosque in Peshawar on Friday. Abu Sayyaf claimed"
            " responsibility.",
            {("Abu Sayyaf", "attacked", "Peshawar")},
        ),
        (
            "A bomb exploded at a market in Maiduguri on Sunday. Boko Haram claimed"
            " responsibility.",
            {("Boko Haram", "attacked", "Maiduguri")},
        ),
        (
            "A blast at a mosque in Peshawar killed 30 people. The Pakistani Taliban claimed"
            " responsibility for it.",
            {("Tehrik-i-Taliban Pakistan", "attacked", "Peshawar")},
        ),
        (
            "Nigeria's defence ministry held Boko Haram responsible for the attack in Maiduguri.",
            {("Nigerian Defence Ministry", "accused", "Boko Haram")},
        ),
        (
            "Boko Haram fighters stormed a school in Maiduguri.",
            {("Boko Haram", "attacked", "Maiduguri")},
        ),
        # offensives on a group's camps are a campaign against the group
        (
            "The Nigerian army launched an offensive on Boko Haram camps in the Sambisa forest.",
            {("Nigerian Army", "fightsAgainst", "Boko Haram")},
        ),
        # help in a fight: the helped side is backed, and fights the enemy
        (
            "Turkish drones helped Nigeria defeat Boko Haram.",
            {("Nigeria", "backedBy", "Turkey"), ("Nigeria", "fightsAgainst", "Boko Haram")},
        ),
        (
            "Chadian troops helped Nigeria fight Boko Haram.",
            {("Nigeria", "backedBy", "Chad"), ("Nigeria", "fightsAgainst", "Boko Haram")},
        ),
        (
            "Iran helped the Syrian army to drive Boko Haram out of Idlib.",
            {
                ("Syrian Arab Army", "backedBy", "Iran"),
                ("Syrian Arab Army", "fightsAgainst", "Boko Haram"),
                # driving a group out of a town takes the town (round 8)
                ("Syrian Arab Army", "attacked", "Idlib"),
            },
        ),
        (
            "The Philippine army relied on the United States to fight Abu Sayyaf.",
            {
                ("Philippine Army", "backedBy", "United States"),
                ("Philippine Army", "fightsAgainst", "Abu Sayyaf"),
            },
        ),
        (
            "Hezbollah depends on Iran for money and weapons.",
            {("Hezbollah", "backedBy", "Iran")},
        ),
        # blame with any subject
        (
            "Nigerian officials blamed ISWAP for the ambush in Maiduguri.",
            {("Nigeria", "accused", "Islamic State West Africa Province")},
        ),
        (
            "Boko Haram was blamed for the attack by the Nigerian army.",
            {("Nigerian Army", "accused", "Boko Haram")},
        ),
        (
            "The Philippine army blamed Abu Sayyaf militants for the bombing of a cathedral"
            " in Jolo.",
            {("Philippine Army", "accused", "Abu Sayyaf")},
        ),
        (
            "Pakistan blamed the attack on the Pakistani Taliban.",
            {("Pakistan", "accused", "Tehrik-i-Taliban Pakistan")},
        ),
        (  # a third party's blame is an accusation, not the article's fact
            "Police said the Pakistani Taliban was behind the attack on the school in Peshawar.",
            set(),
        ),
    ],
)
def test_attack_constructions(run, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _facts(run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No group has claimed responsibility for the attack on the airport in Karachi.",
        "Boko Haram did not claim responsibility for the bombing in Maiduguri.",
        "The Pakistani Taliban denied carrying out the attack on the school in Peshawar.",
        "Abu Sayyaf might launch an attack on the island of Jolo.",
        "Pakistan said it would launch an offensive against the Pakistani Taliban.",
        "Iran did not help Hezbollah fight Israel.",
        "Could Chad help Nigeria defeat Boko Haram?",
        "Wayne Rooney helped Britain beat Greece at Wembley.",  # a match, not a war
        "Hezbollah depends on Iran.",  # no help named
        "A bomb exploded at a market in Maiduguri. Nobody claimed responsibility.",
        "If the Pakistani Taliban claimed responsibility, the army would respond.",
        "The minister hit schools in Wales with new rules.",
        "Boko Haram has been accused of the killings, a charge it denies.",  # no accuser
    ],
)
def test_no_fact(run, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _facts(run, text) == set()


def test_weapon_is_not_its_makers_force(run) -> None:  # type: ignore[no-untyped-def]
    """ "Turkish drones helped defeat X": Turkey's weapons, not Turkey's forces, fought."""
    assert not {
        f
        for f in _facts(run, "Turkish drones helped defeat Boko Haram.")
        if f[1] == "fightsAgainst"
    }


def test_pronoun_blame_follows_coreference(run) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        run,
        "Nigerian President Bola Tinubu visited Maiduguri on Monday. He blamed the bombing"
        " on Boko Haram.",
    )
    assert ("Bola Tinubu", "accused", "Boko Haram") in facts


def test_blaming_an_attack_is_not_attacking(run) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(run, "Pakistan blamed the attack on the Pakistani Taliban.")
    assert not {f for f in facts if f[1] == "attacked"}


def test_addressee_does_not_accuse(run) -> None:  # type: ignore[no-untyped-def]
    """ "wrote to the commission accusing X": the commission accuses nobody."""
    _, facts = run(
        "The opposition wrote to the commission accusing the Pakistani Taliban of intimidation."
    )
    assert not {f for f in facts if f[1] == "accused"}
