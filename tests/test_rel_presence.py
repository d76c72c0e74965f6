"""Presence and movements: forces sent, deployed, stationed or kept somewhere, places
taken ("Y fell to X", "recaptured Y from Z") and withdrawals (presentIn), on parses of
sentences written for these tests; negated, planned and questioned moves give nothing."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer


def _country(key: str, name: str, demonyms: tuple[str, ...]) -> GazEntry:
    return GazEntry(key, name, "Country", (), demonyms)


PRESENCE_ENTRIES = [e for e in TEST_ENTRIES if e.id not in {"lebanon", "turkey", "hezbollah"}] + [
    _country("pakistan", "Pakistan", ("Pakistani",)),
    _country("kenya", "Kenya", ("Kenyan",)),
    _country("haiti", "Haiti", ("Haitian",)),
    _country("chad", "Chad", ("Chadian",)),
    _country("niger", "Niger", ("Nigerien",)),
    _country("cameroon", "Cameroon", ("Cameroonian",)),
    _country("nigeria", "Nigeria", ("Nigerian",)),
    _country("turkey", "Turkey", ("Turkish",)),
    _country("iraq", "Iraq", ("Iraqi",)),
    _country("kosovo", "Kosovo", ("Kosovar",)),
    _country("india", "India", ("Indian",)),
    _country("lebanon", "Lebanon", ("Lebanese",)),
    _country("israel", "Israel", ("Israeli",)),
    _country("britain", "United Kingdom", ("British",)),
    _country("russia", "Russia", ("Russian",)),
    _country("cyprus", "Cyprus", ("Cypriot",)),
    GazEntry("nato", "NATO", "InternationalOrganization", ()),
    GazEntry("un", "United Nations", "InternationalOrganization", ("UN",)),
    GazEntry("boko-haram", "Boko Haram", "ArmedGroup", ()),
    GazEntry("hezbollah", "Hezbollah", "ArmedGroup", ()),
    GazEntry("polisario", "Polisario Front", "ArmedGroup", ()),
    GazEntry("lebanese-army", "Lebanese Armed Forces", "MilitaryForce", ("Lebanese army",)),
    GazEntry("waziristan", "Waziristan", "Place", ()),
    GazEntry("kashmir", "Kashmir", "Place", ()),
    GazEntry("borno", "Borno", "Place", ()),
    GazEntry("maiduguri", "Maiduguri", "Place", ()),
    GazEntry("tyre", "Tyre", "Place", ()),
    GazEntry("south-lebanon", "South Lebanon", "Place", ("southern Lebanon",)),
    GazEntry("western-sahara", "Western Sahara", "Place", ()),
    GazEntry("chechnya", "Chechnya", "Place", ()),
    GazEntry("chibok", "Chibok", "Place", ()),
    GazEntry("kupwara", "Kupwara", "Place", ()),
    GazEntry("srinagar", "Srinagar", "Place", ()),
    GazEntry("jaffna", "Jaffna", "Place", ()),
    _country("sri-lanka", "Sri Lanka", ("Sri Lankan",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(PRESENCE_ENTRIES), vocab, relations_gazetteer=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces sent, deployed or stationed (passive, counted, coordinated, relative)
        (
            "Hundreds of Pakistani soldiers were sent to Waziristan last month.",
            {("Pakistani Armed Forces", "presentIn", "Waziristan")},
        ),
        ("Kenya sent police officers to Haiti in June.", {("Kenya", "presentIn", "Haiti")}),
        (
            "Chad, Niger and Cameroon have sent troops to fight Boko Haram in Nigeria.",
            {
                ("Chad", "presentIn", "Nigeria"),
                ("Niger", "presentIn", "Nigeria"),
                ("Cameroon", "presentIn", "Nigeria"),
            },
        ),
        (
            "NATO peacekeepers were stationed in Kosovo after the war.",
            {("NATO", "presentIn", "Kosovo")},
        ),
        (
            "Kenya, which has deployed police officers to Haiti, said the mission was working.",
            {("Kenya", "presentIn", "Haiti")},
        ),
        (
            "Israel sent reinforcements to southern Lebanon.",
            {("Israel", "presentIn", "South Lebanon")},
        ),
        (
            "The UN sent peacekeepers to Lebanon to help restore order in Tyre.",
            {("United Nations", "presentIn", "Lebanon"), ("United Nations", "presentIn", "Tyre")},
        ),
        # forces kept somewhere
        ("Turkey has some 3,000 soldiers in northern Iraq.", {("Turkey", "presentIn", "Iraq")}),
        (
            "The UN has about 10,000 peacekeepers in Lebanon.",
            {("United Nations", "presentIn", "Lebanon")},
        ),
        # a deployment noun, forces relied on for a fight somewhere
        (
            "India's deployment of 500,000 troops in Kashmir angered Pakistan.",
            {("India", "presentIn", "Kashmir")},
        ),
        (
            "Nigeria has relied on Chadian troops to fight Boko Haram in Borno.",
            {("Chadian Armed Forces", "presentIn", "Borno")},
        ),
        # places taken: the taker and the one it was taken from were there
        (
            "Maiduguri fell to Boko Haram fighters in 2009.",
            {("Boko Haram", "attacked", "Maiduguri"), ("Boko Haram", "presentIn", "Maiduguri")},
        ),
        (
            "The Lebanese army recaptured Tyre from Hezbollah.",
            {("Hezbollah", "presentIn", "Tyre"), ("Lebanese Armed Forces", "presentIn", "Tyre")},
        ),
        (
            "The Polisario Front controls a strip of Western Sahara.",
            {("Polisario Front", "presentIn", "Western Sahara")},
        ),
        (
            "Air strikes hit the Hezbollah-dominated suburbs of Beirut.",
            {("Hezbollah", "presentIn", "Beirut")},
        ),
        (
            "Israel's occupation of southern Lebanon ended in 2000.",
            {("Israel", "presentIn", "South Lebanon")},
        ),
        (
            "Parliament debated the Israeli occupation of southern Lebanon.",
            {("Israel", "presentIn", "South Lebanon")},
        ),
        # a withdrawal states the presence before it
        ("NATO forces pulled out of Kosovo.", {("NATO", "presentIn", "Kosovo")}),
    ],
)
def test_presence(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    "text",
    [
        "Kenya will send police to Haiti next month.",
        "Chad did not send troops to Nigeria.",
        "Kenya plans to deploy 1,000 police officers to Haiti.",
        "Would Britain send troops to Kosovo?",
        "If Kenya sends police to Haiti, the gangs will fight.",
        "Britain has no troops in Kosovo.",
        "Parliament approved the deployment of troops to Kosovo.",
        "Keeping Kenyan police officers in Haiti could cost another $1bn.",
        "Deploying Kenyan police to Haiti would cost millions.",
        # no forces sent, no place taken
        "Kenya sent a delegation to Haiti.",
        "Russia sent a letter to Chechnya's leaders.",
        "Exports fell to their lowest level in Nigeria.",
    ],
)
def test_no_presence(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in {"presentIn", "attacked"}}, facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen stormed a school in Chibok in Borno state in northern Nigeria.",
            {("Chibok", "locatedIn", "Borno"), ("Borno", "locatedIn", "Nigeria")},
        ),
        (
            "The blast happened near Jaffna in northern Sri Lanka.",
            {("Jaffna", "locatedIn", "Sri Lanka")},
        ),
        (
            "Hezbollah fighters withdrew from Tyre in May.",
            {("Hezbollah", "presentIn", "Tyre")},
        ),
        (
            "Clashes broke out in Nigeria's northeastern Borno state.",
            {("Borno", "locatedIn", "Nigeria")},
        ),
        ("Clashes broke out in the Borno region of Nigeria.", {("Borno", "locatedIn", "Nigeria")}),
        (
            "Maiduguri, the capital of Borno state, was attacked again.",
            {("Maiduguri", "locatedIn", "Borno")},
        ),
    ],
)
def test_located_in(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


def test_near_is_not_containment(run):  # type: ignore[no-untyped-def]
    _, facts = run("Militants attacked Kupwara, a town north of Srinagar.")
    assert ("Kupwara", "locatedIn", "Srinagar") not in facts
    _, facts = run("Hezbollah fighters withdrew from Tyre in May.")
    assert not {f for f in facts if f[1] == "locatedIn"}, facts  # "in May" is no place
