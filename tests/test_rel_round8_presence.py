"""Round eight, presence: where actors are, told by constructions news uses on every
conflict, tested on sentences written about others than the dev articles': a clause on a
place ("Y, where X is running camps"), people sent somewhere, positions taken, arrests,
the counted dead ("dozens of X fighters were killed in A and in B"), "based in the port
of Y", "who" hung on a place after the person, a relative clause after coordinated
people, "the first leader to visit Y", a delegation's leader and senders, "X, which has
900 troops in Y", and a group's camp "at" a place. Recorded parses."""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("boko-haram", "Boko Haram", "ArmedGroup", ()),
    GazEntry("taliban", "Taliban", "ArmedGroup", ()),
    GazEntry("gwoza", "Gwoza", "Place", ()),
    GazEntry("bama", "Bama", "Place", ()),
    GazEntry("kandahar", "Kandahar", "Place", ()),
    GazEntry("kandahar-airfield", "Kandahar Airfield", "Facility", ()),
    GazEntry("rusizi", "Rusizi", "Place", ()),
    GazEntry("odesa", "Odesa", "Place", ()),
    GazEntry("chevron", "Chevron", "Organization", ()),
    GazEntry("ukrainian-navy", "Ukrainian Navy", "MilitaryForce", ()),
    GazEntry("un", "UN", "InternationalOrganization", ("United Nations",)),
    GazEntry("au", "African Union", "InternationalOrganization", ("AU",)),
    GazEntry("kenya", "Kenya", "Country", (), ("Kenyan",), ("Nairobi",)),
    GazEntry("somalia", "Somalia", "Country", (), ("Somali",), ("Mogadishu",)),
    GazEntry("rwanda", "Rwanda", "Country", (), ("Rwandan",), ("Kigali",)),
    GazEntry("chad", "Chad", "Country", (), ("Chadian",), ()),
    GazEntry("uganda", "Uganda", "Country", (), ("Ugandan",), ("Kampala",)),
    GazEntry(
        "united-states", "United States", "Country", ("U.S.", "US"), ("American",), ("Washington",)
    ),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab)


def _present(facts):  # type: ignore[no-untyped-def]
    return {(s, o) for s, r, o in facts if r == "presentIn"}


def test_a_clause_on_a_place_puts_its_subject_there(run):  # type: ignore[no-untyped-def]
    _, facts = run("The army cut the roads to Gwoza, where Boko Haram is running training camps.")
    assert ("Boko Haram", "Gwoza") in _present(facts)
    # on a site named by a place: "the Rusizi site where"
    _, facts = run(
        "Rebels shelled a village close to the Rusizi site where Chevron is building a dam."
    )
    assert ("Chevron", "Rusizi") in _present(facts)


def test_a_clause_of_wishes_or_of_someones_forces_says_nothing(run):  # type: ignore[no-untyped-def]
    _, facts = run("Aid groups left Gwoza, where Boko Haram wants to build a caliphate.")
    assert not _present(facts)
    # "Kony's fighters" are his forces, not the man (round 12: a group of their own)
    _, facts = run("Soldiers advanced on Gwoza, where Kony's fighters have dug trenches.")
    assert _present(facts) == {("forces loyal to Kony", "Gwoza")}


def test_where_after_a_place_of_nearness_is_the_site(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Fighting spread to Kandahar Airfield, just outside Kandahar, "
        "where Taliban fighters gathered."
    )
    assert ("Taliban", "Kandahar Airfield") in _present(facts)
    assert ("Taliban", "Kandahar") not in _present(facts)


def test_a_person_sent_somewhere_is_there(run):  # type: ignore[no-untyped-def]
    _, facts = run("The UN dispatched its envoy Tom Fletcher to Kandahar.")
    assert ("Tom Fletcher", "Kandahar") in _present(facts)
    _, facts = run("Tom Fletcher was sent to Kandahar last week.")
    assert ("Tom Fletcher", "Kandahar") in _present(facts)
    _, facts = run("Kenya will send its foreign minister Musalia Mudavadi to Kandahar.")
    assert not _present(facts)


def test_positions_taken_in_a_place(run):  # type: ignore[no-untyped-def]
    _, facts = run("Rwandan troops have taken up positions in the town of Gwoza.")
    assert _present(facts) == {("Rwandan Armed Forces", "Gwoza")}
    _, facts = run("Chadian troops could take positions in Gwoza.")
    assert not _present(facts)


def test_arrests_put_the_person_where_he_was_taken(run):  # type: ignore[no-untyped-def]
    _, facts = run("Police arrested Ahmed Said at a hotel in Kandahar.")
    assert ("Ahmed Said", "Kandahar") in _present(facts)
    _, facts = run("Ahmed Said was detained in Kandahar on Sunday.")
    assert ("Ahmed Said", "Kandahar") in _present(facts)
    _, facts = run("Kenya held Somalia responsible for the attack in Kandahar.")
    assert not _present(facts)


def test_the_counted_dead_in_two_places(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Dozens of Boko Haram fighters were killed in Gwoza and in the nearby town of Bama."
    )
    assert {("Boko Haram", "Gwoza"), ("Boko Haram", "Bama")} <= _present(facts)


def test_based_in_the_port_of_a_place(run):  # type: ignore[no-untyped-def]
    _, facts = run("The Ukrainian Navy, which is based in the port of Odesa, lost two ships.")
    assert ("Ukrainian Navy", "Odesa") in _present(facts)


def test_who_hung_on_a_place_after_the_person(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Ahmed Said, a lawmaker for Gwoza province who has remained in Bama, told reporters "
        "the town was empty."
    )
    assert ("Ahmed Said", "Bama") in _present(facts)


def test_a_relative_clause_after_coordinated_people(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Kenya's foreign minister Musalia Mudavadi and his Ugandan counterpart Jeje Odongo, "
        "who flew to Kandahar last month, met the Taliban."
    )
    assert {("Musalia Mudavadi", "Kandahar"), ("Jeje Odongo", "Kandahar")} <= _present(facts)


def test_the_first_leader_to_visit(run):  # type: ignore[no-untyped-def]
    _, facts = run("Emmanuel Macron became the first Western leader to visit Kandahar.")
    assert ("Emmanuel Macron", "Kandahar") in _present(facts)
    _, facts = run("Emmanuel Macron hopes to become the first Western leader to visit Kandahar.")
    assert not _present(facts)


def test_a_delegations_leader_and_sender_went_too(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "A delegation of ministers from the African Union, led by Kenya's Musalia Mudavadi, "
        "visited Kandahar on Monday."
    )
    assert {("Musalia Mudavadi", "Kandahar"), ("African Union", "Kandahar")} <= _present(facts)


def test_which_has_troops_in_a_place(run):  # type: ignore[no-untyped-def]
    _, facts = run("The United States, which has some 900 troops in Somalia, condemned the attack.")
    assert ("United States", "Somalia") in _present(facts)


def test_a_groups_camp_at_a_place(run):  # type: ignore[no-untyped-def]
    _, facts = run("Fighters overran a Boko Haram camp at Bama.")
    assert ("Boko Haram", "Bama") in _present(facts)
