"""Alliances, backing and belonging said in ways the alignment nouns and verbs left out,
tested on sentences written for these tests about other conflicts: "X and their allies in
Y", "Y's main arms supplier X", "has become an ally of", "one of X's backers", "its
Russian allies"; "restored to power by X", "propped up X"; "with the support of X" on a
noun; "backed by airstrikes from X", "trained and equipped by X"; "turned to X for help";
"a coalition of A, B and C" the text does not name; "the armies of A, B and C launched a
joint offensive"; "signed a defence pact with"; "close ties with"; "the UN mission in
Mali, known as M"; "M, which operates under Y"; "X was formed by A and B"; "X threw in
its lot with Y"; "a militia close to Y"; "X and Y jointly retook"; "gave military aid
to Y"; "shared intelligence with Y"; "teamed up with a coalition of militias known as
Y"; "sent troops to help Y fight Z"; "with help from French intelligence"; "receives
weapons from X"; "Iran's proxy X", "an Iranian proxy"; "enjoys the backing of X"; "X and
Y formed an alliance"; "fought side by side with"; "armed and trained by X"; "the UN
mission in Haiti, known as M" (M is not another name of Haiti). Recorded parses
(tests/data/parses_alliances.jsonl).
"""

from __future__ import annotations

import pytest
from conftest import TEST_ENTRIES, actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer

ENTRIES = [
    *TEST_ENTRIES,
    GazEntry("seleka", "Seleka", "ArmedGroup", ()),
    GazEntry("adf", "Allied Democratic Forces", "ArmedGroup", ("ADF",)),
    GazEntry("bria", "Bria", "Place", ()),
    GazEntry("china", "China", "Country", (), ("Chinese",), ("Beijing",)),
    GazEntry("myanmar", "Myanmar", "Country", (), ("Burmese",), ()),
    GazEntry("tatmadaw", "Tatmadaw", "MilitaryForce", ("Myanmar military",)),
    GazEntry("museveni", "Yoweri Museveni", "Person", ("Museveni",)),
    GazEntry("mali", "Mali", "Country", (), ("Malian",), ("Bamako",)),
    GazEntry("fama", "Malian Armed Forces", "MilitaryForce", ("Malian army",)),
    GazEntry("kidal", "Kidal", "Place", ()),
    GazEntry("rwanda", "Rwanda", "Country", (), ("Rwandan",), ("Kigali",)),
    GazEntry("uganda", "Uganda", "Country", (), ("Ugandan",), ("Kampala",)),
    GazEntry("kampala", "Kampala", "Place", ()),
    GazEntry("congo", "Democratic Republic of the Congo", "Country", ("Congo",), ("Congolese",)),
    GazEntry("belarus", "Belarus", "Country", (), ("Belarusian",), ("Minsk",)),
    GazEntry("minsk", "Minsk", "Place", ()),
    GazEntry("europe", "Europe", "Place", ()),
    GazEntry("ethiopia", "Ethiopia", "Country", (), ("Ethiopian",), ("Addis Ababa",)),
    GazEntry("yusuf", "Abdullahi Yusuf", "Person", ()),
    GazEntry("kabila", "Laurent Kabila", "Person", ("Kabila",)),
    GazEntry("lukashenko", "Alexander Lukashenko", "Person", ("Lukashenko",)),
    GazEntry(
        "ecowas",
        "ECOWAS",
        "InternationalOrganization",
        ("Economic Community of West African States",),
    ),
    GazEntry("bazoum", "Mohamed Bazoum", "Person", ("Bazoum",)),
    GazEntry("deuba", "Sher Bahadur Deuba", "Person", ("Deuba",)),
    GazEntry("yemeni-army", "Yemeni Armed Forces", "MilitaryForce", ("Yemeni army",)),
    GazEntry("mokha", "Mokha", "Place", ()),
    GazEntry("kaniyat", "Kaniyat", "ArmedGroup", ("Kaniyat militia",)),
    GazEntry("lna", "Libyan National Army", "ArmedGroup", ("LNA",)),
    GazEntry("pij", "Islamic Jihad", "ArmedGroup", ()),
    GazEntry("pflp", "Popular Front for the Liberation of Palestine", "ArmedGroup", ("PFLP",)),
    GazEntry(
        "fprc", "Popular Front for the Renaissance of Central Africa", "ArmedGroup", ("FPRC",)
    ),
    GazEntry("anti-balaka", "Anti-balaka", "ArmedGroup", ()),
    GazEntry("kenya", "Kenya", "Country", (), ("Kenyan",), ("Nairobi",)),
    GazEntry("kdf", "Kenya Defence Forces", "MilitaryForce", ("Kenya armed forces",)),
    GazEntry("nairobi", "Nairobi", "Place", ()),
    GazEntry("shabaab", "al-Shabaab", "ArmedGroup", ("Shabaab",)),
    GazEntry("un", "United Nations", "InternationalOrganization", ("UN", "U.N.")),
    GazEntry("minusma", "MINUSMA", "MilitaryForce", ()),
    GazEntry("au", "African Union", "InternationalOrganization", ("AU",)),
    GazEntry("amisom", "AMISOM", "MilitaryForce", ()),
    GazEntry("somalia", "Somalia", "Country", (), ("Somali",), ("Mogadishu",)),
    GazEntry("ecomog", "ECOMOG", "MilitaryForce", ()),
    GazEntry("usa", "United States", "Country", ("US", "U.S."), ("American",), ("Washington",)),
    GazEntry("isf", "Iraqi Security Forces", "MilitaryForce", ("Iraqi troops",)),
    GazEntry("ramadi", "Ramadi", "Place", ()),
    GazEntry("peshmerga", "Peshmerga", "MilitaryForce", ()),
    GazEntry("ana", "Afghan National Army", "MilitaryForce", ("Afghan army",)),
    GazEntry("touadera", "Faustin-Archange Touadera", "Person", ("Touadera",)),
    GazEntry("gna", "Government of National Accord", "GovernmentBody", ("GNA",)),
    GazEntry("hemedti", "Mohamed Hamdan Dagalo", "Person", ("Hemedti",)),
    GazEntry("uae", "United Arab Emirates", "Country", ("UAE",), ("Emirati",), ("Abu Dhabi",)),
    GazEntry("russian-army", "Russian Armed Forces", "MilitaryForce", ("Russian army",)),
    GazEntry("bangui", "Bangui", "Place", ()),
    GazEntry("cpc", "Coalition of Patriots for Change", "Coalition", ("CPC",)),
    GazEntry("upc", "Union for Peace in Central Africa", "ArmedGroup", ("UPC",)),
    GazEntry("sna", "Somali National Army", "MilitaryForce", ("Somali army",)),
    GazEntry("updf", "Uganda People's Defence Force", "MilitaryForce", ("Ugandan army",)),
    GazEntry("baidoa", "Baidoa", "Place", ()),
    GazEntry("nigeria", "Nigeria", "Country", (), ("Nigerian",), ("Abuja",)),
    GazEntry("naf", "Nigerian Army", "MilitaryForce", ("Nigerian army",)),
    GazEntry("france", "France", "Country", (), ("French",), ("Paris",)),
    GazEntry("fardc", "Congolese Armed Forces", "MilitaryForce", ("Congolese army",)),
    GazEntry("wazalendo", "Wazalendo", "ArmedGroup", ()),
    GazEntry("deby", "Idriss Deby", "Person", ("Deby",)),
    GazEntry("imf", "International Monetary Fund", "InternationalOrganization", ("IMF",)),
    GazEntry("m23", "M23", "ArmedGroup", ()),
    GazEntry("afc", "Alliance for Change", "PoliticalGroup", ()),
    GazEntry("kh", "Kataib Hezbollah", "ArmedGroup", ()),
    GazEntry("pmf", "Popular Mobilization Forces", "ArmedGroup", ()),
    GazEntry(
        "lebanese-parliament", "Parliament of Lebanon", "GovernmentBody", ("Lebanese parliament",)
    ),
    GazEntry("maliki", "Nouri al-Maliki", "Person", ("Maliki",)),
    GazEntry("sinn-fein", "Sinn Fein", "PoliticalGroup", ()),
    GazEntry("ira", "Irish Republican Army", "ArmedGroup", ("IRA",)),
    GazEntry("haiti", "Haiti", "Country", (), ("Haitian",), ("Port-au-Prince",)),
    GazEntry("eu", "European Union", "InternationalOrganization", ("EU",)),
    GazEntry("burundi", "Burundi", "Country", (), ("Burundian",), ("Gitega",)),
    GazEntry("italy", "Italy", "Country", (), ("Italian",), ("Rome",)),
    GazEntry("unifil", "UNIFIL", "MilitaryForce", ()),
    GazEntry("nepal", "Nepal", "Country", (), ("Nepali",), ("Kathmandu",)),
]


@pytest.fixture(scope="module")
def run(vocab):  # type: ignore[no-untyped-def]
    return actor_runner(Gazetteer(ENTRIES), vocab, relations_gazetteer=True)


def _has(facts, fact) -> bool:  # type: ignore[no-untyped-def]
    """A fact, either way round for the symmetric alliedWith."""
    s, r, o = fact
    return fact in facts or (r == "alliedWith" and (o, r, s) in facts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighters of the Seleka and their allies in the Allied Democratic Forces raided the "
            "town of Bria.",
            {("Allied Democratic Forces", "alliedWith", "Seleka")},
        ),
        (
            "Russia, Syria's main arms supplier, said it would not halt deliveries.",
            {("Syria", "backedBy", "Russia")},
        ),
        (
            "China is the main supplier of weapons to the Myanmar military.",
            {("Tatmadaw", "backedBy", "China")},
        ),
        ("Iran has become an important ally of Russia.", {("Iran", "alliedWith", "Russia")}),
        (
            "Britain, the former colonial power and one of Museveni's strongest backers, "
            "condemned the attack.",
            {("Yoweri Museveni", "backedBy", "United Kingdom")},
        ),
        (
            "The Malian army and its Russian allies retook Kidal in November.",
            {("Malian Armed Forces", "alliedWith", "Russia")},
        ),
        ("Hamas and its Iranian backers denied the claim.", {("Hamas", "backedBy", "Iran")}),
        (
            "Abdullahi Yusuf, who was restored to power by Ethiopia, said he would hold elections.",
            {("Abdullahi Yusuf", "backedBy", "Ethiopia")},
        ),
        (
            "Rwanda sent troops to prop up Kabila in 1998.",
            {("Laurent Kabila", "backedBy", "Rwanda")},
        ),
        (
            "Moscow has propped up Lukashenko since 2020.",
            {("Alexander Lukashenko", "backedBy", "Russia")},
        ),
        (
            "The Yemeni army, with the support of Saudi Arabia, retook the port of Mokha.",
            {("Yemeni Armed Forces", "backedBy", "Saudi Arabia")},
        ),
        (
            "The Kaniyat militia threw in its lot with the Libyan National Army in 2019.",
            {("Kaniyat", "alliedWith", "Libyan National Army")},
        ),
        (
            "A coalition of Hamas, Islamic Jihad and the Popular Front for the Liberation of "
            "Palestine seized the crossing.",
            {
                ("Hamas", "alliedWith", "Islamic Jihad"),
                ("Hamas", "alliedWith", "Popular Front for the Liberation of Palestine"),
                ("Islamic Jihad", "alliedWith", "Popular Front for the Liberation of Palestine"),
            },
        ),
        (
            "The armies of Kenya, Ethiopia and Uganda have launched a joint offensive against "
            "al-Shabaab.",
            {  # a state's forces where the gazetteer knows them, else the state
                ("Kenya Defence Forces", "alliedWith", "Ethiopia"),
                ("Kenya Defence Forces", "alliedWith", "Uganda"),
                ("Ethiopia", "alliedWith", "Uganda"),
            },
        ),
        (
            "The UN peacekeeping mission in Mali, known as MINUSMA, lost ten soldiers.",
            {("MINUSMA", "partOf", "United Nations")},
        ),
        (
            "The African Union mission in Somalia, AMISOM, said its troops had retaken the town.",
            {("AMISOM", "partOf", "African Union")},
        ),
        (
            "ECOMOG, which operates under the Economic Community of West African States, has "
            "12,000 troops.",
            {("ECOMOG", "partOf", "ECOWAS")},
        ),
        ("AMISOM is organised by the African Union.", {("AMISOM", "partOf", "African Union")}),
        (
            "Iraqi troops, backed by airstrikes from the United States, retook Ramadi.",
            {("Iraqi Security Forces", "backedBy", "United States")},
        ),
        (
            "Peshmerga fighters backed by U.S. airstrikes advanced on Mosul.",
            {("Peshmerga", "backedBy", "United States")},
        ),
        (
            "The Afghan army, trained and equipped by the United States, collapsed within weeks.",
            {("Afghan National Army", "backedBy", "United States")},
        ),
        (
            "Touadera has turned increasingly to Russia and Rwanda for help.",
            {
                ("Faustin-Archange Touadera", "backedBy", "Russia"),
                ("Faustin-Archange Touadera", "backedBy", "Rwanda"),
            },
        ),
        (
            "Turkey signed a security and military cooperation agreement with the Government "
            "of National Accord.",
            {("Turkey", "alliedWith", "Government of National Accord")},
        ),
        (
            "Kenya and Somalia signed a defence pact last year.",
            {("Kenya", "alliedWith", "Somalia")},
        ),
        (
            "Hemedti has cultivated close ties with the United Arab Emirates.",
            {("Mohamed Hamdan Dagalo", "alliedWith", "United Arab Emirates")},
        ),
        (
            "Relations between Uganda and Rwanda are now close.",
            {("Uganda", "alliedWith", "Rwanda")},
        ),
        (
            "The Wagner Group, which is close to the Russian army, arrived in Bangui.",
            {("Wagner Group", "backedBy", "Russian Armed Forces")},
        ),
        (
            "The Coalition of Patriots for Change was formed by six armed groups, including "
            "the UPC and the Anti-balaka.",
            {
                ("Union for Peace in Central Africa", "partOf", "Coalition of Patriots for Change"),
                ("Anti-balaka", "partOf", "Coalition of Patriots for Change"),
            },
        ),
        (
            "The Somali army and the Ugandan army jointly retook the town of Baidoa.",
            {("Somali National Army", "alliedWith", "Uganda People's Defence Force")},
        ),
        (
            "The United States and Britain have given military aid and training to the "
            "Nigerian army.",
            {
                ("Nigerian Army", "backedBy", "United States"),
                ("Nigerian Army", "backedBy", "United Kingdom"),
            },
        ),
        (
            "Washington has shared intelligence with Paris since the start of the operation.",
            {("France", "backedBy", "United States")},
        ),
        (
            "The Congolese army has teamed up with a loose coalition of local militias known "
            "as the Wazalendo.",
            {("Congolese Armed Forces", "alliedWith", "Wazalendo")},
        ),
        ("Kenya sent troops to help Somalia fight al-Shabaab.", {("Somalia", "backedBy", "Kenya")}),
        (
            "Deby survived the raid with help from French intelligence.",
            {("Idriss Deby", "backedBy", "France")},
        ),
        (
            "The M23 is now the main armed force in the Alliance for Change, a coalition "
            "launched in December.",
            {("M23", "partOf", "Alliance for Change")},
        ),
        (
            "Kataib Hezbollah, the most powerful faction within the Popular Mobilization "
            "Forces, denied the report.",
            {("Kataib Hezbollah", "partOf", "Popular Mobilization Forces")},
        ),
        (
            "Iran, which intervened in 2014 to rescue Maliki's faltering government, said nothing.",
            {("Nouri al-Maliki", "backedBy", "Iran")},
        ),
        (
            "Russia, Syria's closest ally, whose warplanes helped Damascus win the war, said "
            "nothing.",
            {("Syria", "backedBy", "Russia")},
        ),
        ("Rwanda helped the M23 launch its rebellion in 2012.", {("M23", "backedBy", "Rwanda")}),
        (
            "Gerry Adams of Sinn Fein, which is linked to the Irish Republican Army, said nothing.",
            {("Sinn Fein", "backedBy", "Irish Republican Army")},
        ),
        (
            "Deby, who was elected in 1996 and was one of the last allies of France in the "
            "region, died in April.",
            {("Idriss Deby", "alliedWith", "France")},
        ),
        ("Hezbollah receives weapons and money from Iran.", {("Hezbollah", "backedBy", "Iran")}),
        ("The Houthis get most of their weapons from Iran.", {("Houthis", "backedBy", "Iran")}),
        (
            "Hezbollah, Iran's main proxy in the region, fired rockets at Israel.",
            {("Hezbollah", "backedBy", "Iran")},
        ),
        (
            "The Houthis, an Iranian proxy, fired missiles at Saudi Arabia.",
            {("Houthis", "backedBy", "Iran")},
        ),
        ("The Houthis enjoy the backing of Iran.", {("Houthis", "backedBy", "Iran")}),
        (
            "The Houthis, armed and trained by Iran, fired missiles at Riyadh.",
            {("Houthis", "backedBy", "Iran")},
        ),
        (
            "Hamas and Islamic Jihad formed an alliance in 2020.",
            {("Hamas", "alliedWith", "Islamic Jihad")},
        ),
        (
            "Hamas fought side by side with Islamic Jihad in Gaza.",
            {("Hamas", "alliedWith", "Islamic Jihad")},
        ),
        (
            "AMISOM, which has about 20,000 troops from Uganda, Burundi and Kenya, withdrew "
            "from the town.",
            {
                ("Uganda", "memberOf", "AMISOM"),
                ("Burundi", "memberOf", "AMISOM"),
                ("Kenya", "memberOf", "AMISOM"),
            },
        ),
        (
            "Italy, which contributes more than 1,000 soldiers to UNIFIL, condemned the attack.",
            {("Italy", "memberOf", "UNIFIL")},
        ),
    ],
)
def test_alliances_and_backing(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    missing = {f for f in expected if not _has(facts, f)}
    assert not missing, facts


def test_a_name_in_apposition_in_the_list_is_a_member_not_the_coalition(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "The offensive was launched by a coalition of the Seleka, the Popular Front for the "
        "Renaissance of Central Africa (FPRC) and the Anti-balaka."
    )
    assert not {f for f in facts if f[1] in {"partOf", "memberOf"}}, facts
    front = "Popular Front for the Renaissance of Central Africa"
    assert _has(facts, ("Seleka", "alliedWith", front))
    assert _has(facts, ("Seleka", "alliedWith", "Anti-balaka"))
    assert _has(facts, (front, "alliedWith", "Anti-balaka"))


def test_a_named_ally_is_not_its_nationality(run):  # type: ignore[no-untyped-def]
    _, facts = run(
        "Rwanda, which along with its Ugandan ally Museveni sent troops into Congo, denied the "
        "report."
    )
    assert _has(facts, ("Yoweri Museveni", "alliedWith", "Rwanda"))
    assert not _has(facts, ("Rwanda", "alliedWith", "Uganda"))


@pytest.mark.parametrize(
    "text",
    [
        "Russia, Europe's main gas supplier, cut deliveries last winter.",  # trade, not arms
        "Russia and its allies in Europe met in Minsk.",  # a place, not an ally
        "Did Moscow prop up Lukashenko?",
        "ECOWAS gave the junta a week to restore Bazoum to power.",  # not done
        "The king installed Deuba as prime minister.",  # an appointment
        "Police installed cameras across Kampala.",
        "The town was seized by a coalition of rebel groups.",
        "The armies of Kenya and Uganda have not launched a joint offensive.",
        "Kenya and Somalia did not sign a defence pact.",
        "Kenya and Somalia signed a peace agreement in Nairobi.",  # peace is no alliance
        "Relations between Uganda and Rwanda are not close.",
        "A militia based close to the border attacked Bria.",
        "The United States has given humanitarian aid to Somalia.",  # relief, not backing
        "Turkey had to turn to the International Monetary Fund for financial assistance.",
        "Russia intervened in 2014 to rescue hostages.",
        "Kenya helped Somalia win the election.",  # a vote, not a war
        "Kenya receives aid from the European Union.",  # relief
        "Saudi Arabia is fighting a proxy war with Iran.",  # no proxy named
    ],
)
def test_no_alliance_or_backing(run, text):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert not {f for f in facts if f[1] in {"alliedWith", "backedBy", "partOf", "memberOf"}}, facts


def test_the_strongest_party_in_a_parliament_is_no_member_of_an_alliance(run):  # type: ignore[no-untyped-def]
    _, facts = run("Hezbollah is the strongest party in the Lebanese parliament.")
    assert not {f for f in facts if f[0] == "Hezbollah"}, facts


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The U.N. peacekeeping mission in Haiti, known as MINUSTAH, left the country in 2017.",
            "MINUSTAH",
        ),
        (
            "Rebels ignored warnings from the UN mission in the territory, known as MINURSO.",
            "MINURSO",
        ),
    ],
)
def test_a_mission_known_by_an_acronym_is_a_force_of_its_organisation(run, text, name):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    ents = doc._.actor_entities
    named = [m for m in doc.spans["actors"] if m.text == name]
    # a force, unless the model already took the acronym for an organisation
    assert named and all(m.label_ in {"MilitaryForce", "Organization"} for m in named)
    assert all(ents[m.kb_id_].label == name for m in named)  # not another name of the place
    assert (name, "partOf", "United Nations") in facts


def test_a_state_with_foreign_troops_in_its_army_is_no_mission(run):  # type: ignore[no-untyped-def]
    _, facts = run("Britain has troops from Nepal in its army.")
    assert not {f for f in facts if f[1] == "memberOf"}, facts
