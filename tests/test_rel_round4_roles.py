"""Round 4 roles and places (regions, memberships): places in the article's own country,
heads named after "whose", leaders after "led by", founders and joiners of alliances and
siding verbs, on recorded parses of sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import make_doc

from actorgraph.extractors.entities import ActorRuler, ActorTyper
from actorgraph.extractors.gazetteer import GazEntry, Gazetteer
from actorgraph.extractors.relations import RelationExtractor
from actorgraph.extractors.resolve import ActorResolver
from actorgraph.ontology import load_schema

ENTRIES = [
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian", "Nigerians"), ("Abuja",)),
    GazEntry("chad", "Chad", "Country", (), ("Chadian", "Chadians"), ("N'Djamena",)),
    GazEntry("niger", "Niger", "Country", (), ("Nigerien",), ("Niamey",)),
    GazEntry("cameroon", "Cameroon", "Country", (), ("Cameroonian",), ("Yaounde",)),
    GazEntry("poland", "Poland", "Country", (), ("Polish",), ("Warsaw",)),
    GazEntry("ukraine", "Ukraine", "Country", (), ("Ukrainian",), ("Kyiv",)),
    GazEntry("sri-lanka", "Sri Lanka", "Country", (), ("Sri Lankan",), ("Colombo",)),
    GazEntry("lebanon", "Lebanon", "Country", (), ("Lebanese",), ("Beirut",)),
    GazEntry("pakistan", "Pakistan", "Country", (), ("Pakistani",), ("Islamabad",)),
    GazEntry("china", "China", "Country", (), ("Chinese",), ("Beijing",)),
    GazEntry("philippines", "Philippines", "Country", (), ("Philippine", "Filipino"), ("Manila",)),
    GazEntry("united-states", "United States", "Country", ("US",), ("American",), ()),
    GazEntry("abuja", "Abuja", "Place", ()),
    GazEntry("lebanese-army", "Lebanese Armed Forces", "MilitaryForce", ("Lebanese army",)),
    GazEntry("philippine-army", "Philippine Army", "MilitaryForce", ("Philippine army",)),
    GazEntry("unifil", "UNIFIL", "InternationalOrganization", ()),
    GazEntry("taliban", "Taliban", "ArmedGroup", ()),
    GazEntry("milf", "Moro Islamic Liberation Front", "ArmedGroup", ("MILF",)),
    GazEntry("lcbc", "Lake Chad Basin Commission", "InternationalOrganization", ()),
    GazEntry("colombo-plan", "Colombo Plan", "InternationalOrganization", ()),
    GazEntry("kfor", "Kosovo Force", "Coalition", ("KFOR",)),
]
RELATIONS = {"locatedIn", "leaderOf", "memberOf", "partOf", "alliedWith"}
EXTRACTORS = {"regional_place", "whose_head", "led_by_person", "founders", "teamed_up"}


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    gaz = Gazetteer(ENTRIES)
    components = [
        ActorRuler(gaz),
        ActorTyper(),
        ActorResolver(gaz),
        RelationExtractor(load_schema(), gazetteer=gaz),
    ]

    def _run(text: str):  # type: ignore[no-untyped-def]
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        ents = doc._.actor_entities
        return {
            (ents[f.subject].label, f.relation, ents[f.object].label, f.extractor)
            for f in doc._.facts
            if f.relation in RELATIONS
        }

    return _run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ABUJA (Reuters) - Militants attacked the northeastern town of Gwoza, Nigeria's "
            "army said. Nigeria sent more troops. Nigeria's president condemned the raid.",
            ("Gwoza", "locatedIn", "Nigeria", "regional_place"),
        ),
        (
            "ABUJA (Reuters) - Troops were sent to Zamfara state, the Nigerian police said. "
            "Nigeria has seen many kidnappings. Nigeria's governors met on Monday.",
            ("Zamfara", "locatedIn", "Nigeria", "regional_place"),
        ),
        (
            "Rebels crossed into Chad, whose president Idriss Deby vowed to crush them.",
            ("Idriss Deby", "leaderOf", "Chad", "whose_head"),
        ),
        (
            # "fighters of X" stand for X, so the plain passive reads it first
            "Fighters of the Moro Islamic Liberation Front, led by Murad Ebrahim, laid down "
            "their arms in Mindanao.",
            ("Murad Ebrahim", "leaderOf", "Moro Islamic Liberation Front", "passive"),
        ),
        (
            "Nigeria, Chad and Niger formed the Lake Chad Basin Commission in 1964.",
            ("Chad", "memberOf", "Lake Chad Basin Commission", "founders"),
        ),
        (
            "The Lebanese army has teamed up with UNIFIL to patrol the south.",
            ("Lebanese Armed Forces", "alliedWith", "UNIFIL", "teamed_up"),
        ),
        (
            "Pakistan has drawn closer to China since the border clashes.",
            ("Pakistan", "alliedWith", "China", "teamed_up"),
        ),
        (
            "The Philippine army has been cooperating with troops from the United States in "
            "Mindanao.",
            ("Philippine Army", "alliedWith", "United States", "teamed_up"),
        ),
    ],
)
def test_construction_fires(run, text: str, expected: tuple[str, str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in run(text)


def test_all_three_founders_are_members(run) -> None:  # type: ignore[no-untyped-def]
    facts = run("Nigeria, Chad and Niger formed the Lake Chad Basin Commission in 1964.")
    members = {s for s, r, o, x in facts if x == "founders" and r == "memberOf"}
    assert members == {"Nigeria", "Chad", "Niger"}


@pytest.mark.parametrize(
    "text",
    [
        # another country named in the sentence: the town may be anyone's
        "ABUJA (Reuters) - Chadian troops shelled the northern town of Baga, officials said.",
        # the dateline's country is named too rarely to be what the article is about
        "ABUJA (Reuters) - Militants attacked the northeastern town of Gwoza in an "
        "overnight raid, Nigeria's army said.",
        # a town without a compass word is not placed by the article's country
        "ABUJA (Reuters) - Gunmen stormed the town of Kankara, police said.",
        # "whose" followed by a word that is no head's title
        "Rebels crossed into Chad, whose troops Idriss Deby commanded for years.",
        # "led by" a person after something that is not an organisation
        "The offensive, led by Murad Ebrahim, began in Mindanao.",
        # hypothetical and negated joining
        "Cameroon could join the Lake Chad Basin Commission next year.",
        "Sri Lanka did not join the Colombo Plan.",
        # refused and negated siding
        "Pakistan has refused to cooperate with the Taliban.",
        "Pakistan says it will never team up with the Taliban.",
        "Washington has seen no evidence that the Philippine army is cooperating with the Taliban.",
    ],
)
def test_look_alikes_do_not_fire(run, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not {f for f in run(text) if f[3] in EXTRACTORS}
