"""What an alliance is made of ("X, which includes A", "X, an alliance of A and B",
"A, one of the groups in X"), and members that are organisations being parts, on
recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("jordan", "Jordan", "Country", (), ("Jordanian",), ("Amman",)),
    GazEntry("qatar", "Qatar", "Country", (), ("Qatari",), ("Doha",)),
    GazEntry("southern-front", "Southern Front", "Coalition", ()),
    GazEntry("yarmouk", "Jaish al-Yarmouk", "ArmedGroup", ()),
    GazEntry("omari", "Liwa Omari", "ArmedGroup", ()),
    GazEntry("snc", "Syrian National Coalition", "Coalition", ()),
    GazEntry("sncouncil", "Syrian National Council", "PoliticalGroup", ()),
    GazEntry("lcc", "Local Coordination Committees", "PoliticalGroup", ()),
    GazEntry("conquest", "Army of Conquest", "Coalition", ("Jaish al-Fatah",)),
    GazEntry("ahrar", "Ahrar al-Sham", "ArmedGroup", ()),
    GazEntry("nusra", "Jabhat al-Nusra", "ArmedGroup", ("Nusra Front",)),
    GazEntry("faylaq", "Faylaq al-Sham", "ArmedGroup", ()),
    GazEntry("islamic-front", "Islamic Front", "Coalition", ()),
    GazEntry("tawhid", "Liwa al-Tawhid", "ArmedGroup", ()),
    GazEntry("jaish-islam", "Jaish al-Islam", "ArmedGroup", ()),
    GazEntry("coalition", "Global Coalition", "Coalition", ()),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Southern Front, which includes Jaish al-Yarmouk and Liwa Omari, rejected the "
            "truce.",
            {
                ("Jaish al-Yarmouk", "partOf", "Southern Front"),
                ("Liwa Omari", "partOf", "Southern Front"),
            },
        ),
        (
            "The Syrian National Coalition comprises the Syrian National Council and the Local "
            "Coordination Committees.",
            {
                ("Syrian National Council", "partOf", "Syrian National Coalition"),
                ("Local Coordination Committees", "partOf", "Syrian National Coalition"),
            },
        ),
        (
            "The Army of Conquest, made up of Ahrar al-Sham, Jabhat al-Nusra and Faylaq al-Sham, "
            "seized the city.",
            {
                ("Ahrar al-Sham", "partOf", "Army of Conquest"),
                ("Jabhat al-Nusra", "partOf", "Army of Conquest"),
                ("Faylaq al-Sham", "partOf", "Army of Conquest"),
            },
        ),
        (
            "The Islamic Front, an alliance of rebel groups including Ahrar al-Sham and Liwa "
            "al-Tawhid, was formed in 2013.",
            {
                ("Ahrar al-Sham", "partOf", "Islamic Front"),
                ("Liwa al-Tawhid", "partOf", "Islamic Front"),
            },
        ),
        (
            "Jaish al-Islam is one of the largest factions in the Islamic Front.",
            {("Jaish al-Islam", "partOf", "Islamic Front")},
        ),
        (
            "Ahrar al-Sham, one of the most powerful groups in the Army of Conquest, attacked the "
            "base.",
            {("Ahrar al-Sham", "partOf", "Army of Conquest")},
        ),
        (
            "Jordan is one of the founding members of the Global Coalition.",
            {("Jordan", "memberOf", "Global Coalition")},
        ),
        # an organisation that joins is a part, whichever pattern read it
        (
            "Liwa al-Tawhid joined the Islamic Front in 2013.",
            {("Liwa al-Tawhid", "partOf", "Islamic Front")},
        ),
    ],
)
def test_members_of_an_alliance(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, facts
    assert not {f for f in facts if f[1] == "memberOf" and f[0] not in {"Jordan", "Qatar"}}


@pytest.mark.parametrize(
    "text",
    [
        "The Army of Conquest does not include Jabhat al-Nusra.",  # negated
        "The plan includes Jordan and Qatar.",  # a plan has no members
        "Hamas, one of the groups in Gaza, rejected the offer.",  # a place is no alliance
        "The Global Coalition could include Qatar next year.",  # hypothetical
    ],
)
def test_no_membership_without_an_alliance_that_has_it(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in {"partOf", "memberOf"}}, facts
