"""Titles, roles and offices on recorded parses of sentences written for these tests:
titles that take their country from the dateline or the article, demonym titles,
organisation titles, and the look-alikes that must not give a fact."""

from __future__ import annotations

import pytest
from conftest import actor_runner

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer
from actorgraph.extractors.relations.context import doc_context

ENTRIES = [
    GazEntry("iraq", "Iraq", "Country", (), ("Iraqi", "Iraqis"), ("Baghdad",)),
    GazEntry("ukraine", "Ukraine", "Country", (), ("Ukrainian",), ("Kyiv", "Kiev")),
    GazEntry("libya", "Libya", "Country", (), ("Libyan",), ("Tripoli",)),
    GazEntry("lebanon", "Lebanon", "Country", (), ("Lebanese",), ("Beirut",)),
    GazEntry("iran", "Iran", "Country", (), ("Iranian", "Iranians"), ("Tehran",)),
    GazEntry("egypt", "Egypt", "Country", (), ("Egyptian",), ("Cairo",)),
    GazEntry("russia", "Russia", "Country", (), ("Russian", "Russians"), ("Moscow",)),
    GazEntry("turkey", "Turkey", "Country", (), ("Turkish", "Turks"), ("Ankara",)),
    GazEntry("israel", "Israel", "Country", (), ("Israeli", "Israelis"), ("Jerusalem",)),
    GazEntry("germany", "Germany", "Country", (), ("German", "Germans"), ("Berlin",)),
    GazEntry("united-kingdom", "United Kingdom", "Country", ("UK", "Britain"), ("British",)),
    GazEntry("united-states", "United States", "Country", ("US", "U.S."), ("American",)),
    GazEntry("istanbul", "Istanbul", "Place", ()),
    GazEntry("gaza", "Gaza Strip", "Place", ("Gaza",)),
    GazEntry(
        "us-department-of-defense",
        "United States Department of Defense",
        "GovernmentBody",
        ("Pentagon",),
    ),
    GazEntry(
        "us-department-of-justice",
        "United States Department of Justice",
        "GovernmentBody",
        ("Department of Justice",),
    ),
    GazEntry("hezbollah", "Hezbollah", "ArmedGroup", ()),
    GazEntry("wagner", "Wagner Group", "ArmedGroup", ("Wagner",)),
    GazEntry("pyd", "Democratic Union Party", "PoliticalGroup", ("PYD",)),
    GazEntry("un", "United Nations", "InternationalOrganization", ("UN", "U.N.")),
    GazEntry(
        "unhcr", "UN refugee agency", "InternationalOrganization", ("UNHCR", "UN refugee agency")
    ),
    GazEntry("bbc", "BBC", "MediaOrganization", ()),
    GazEntry("mahdi-army", "Mahdi Army", "ArmedGroup", ()),
    GazEntry("sadr", "Muqtada al-Sadr", "Person", ("Sadr",)),
    GazEntry("nasrallah", "Hassan Nasrallah", "Person", ("Nasrallah",)),
    GazEntry("gaddafi", "Muammar Gaddafi", "Person", ("Gaddafi",)),
    GazEntry("saddam", "Saddam Hussein", "Person", ("Saddam",)),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(ENTRIES)


@pytest.fixture(scope="module")
def run(gaz, vocab):  # type: ignore[no-untyped-def]
    return actor_runner(gaz, vocab, relations_gazetteer=True)


def _extractors(doc, subject: str) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    ents = doc._.actor_entities
    return {
        (f.relation, ents[f.object].label): f.extractor
        for f in doc._.facts
        if ents[f.subject].label == subject
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 1. titles whose country comes from the dateline or the article
        (
            "BAGHDAD (Reuters) - Prime Minister Haider Jabr said on Monday that the talks had "
            "failed.",
            {("Haider Jabr", "leaderOf", "Iraq")},
        ),
        (
            "KYIV/ODESA, Ukraine (Reuters) - Defence Minister Oleh Marchenko visited the port "
            "on Friday.",
            {("Oleh Marchenko", "affiliatedWith", "Ukraine")},
        ),
        (
            "TRIPOLI - President Salem Warfalli met tribal elders on Sunday.",
            {("Salem Warfalli", "leaderOf", "Libya")},
        ),
        (
            "Iraq votes on budget\nBAGHDAD Foreign Minister Ibrahim Saleh flew to Cairo on "
            "Tuesday.",
            {("Ibrahim Saleh", "affiliatedWith", "Iraq")},
        ),
        (
            "In Britain, Home Secretary Helen Marsh said the plan was legal.",
            {("Helen Marsh", "affiliatedWith", "United Kingdom")},
        ),
        (
            "Israel struck Gaza again on Monday. Israel said the raids would go on. "
            "Prime Minister Benjamin Netanyahu said Israel would not stop.",
            {("Benjamin Netanyahu", "leaderOf", "Israel")},
        ),
        # 2. demonym titles
        (
            "The raid killed Omar Saleh, an Iraqi commander in Hezbollah.",
            {("Omar Saleh", "memberOf", "Hezbollah")},
        ),
        (  # the head of a part of an agency works for it (GUIDELINES: affiliatedWith)
            "Anna Berg, regional director of UNHCR, said the aid had arrived.",
            {("Anna Berg", "affiliatedWith", "UN refugee agency")},
        ),
        (
            "Tom Vale, Hezbollah's chief spokesman, said the talks had failed.",
            {("Tom Vale", "affiliatedWith", "Hezbollah")},
        ),
        # "chief executive" is one title: the head
        (
            "Ann Cole, BBC's chief executive, said the results were good.",
            {("Ann Cole", "leaderOf", "BBC")},
        ),
        (
            "Jo Pike, the UN's UK head of policy, said the plan was late.",
            {("Jo Pike", "affiliatedWith", "United Nations")},
        ),
        (
            "Rami Aziz, the chairman of Hezbollah's media committee, spoke on Monday.",
            {("Rami Aziz", "memberOf", "Hezbollah")},
        ),
        (
            "Iranian Major General Hossein Karimi visited the front on Tuesday.",
            {("Hossein Karimi", "affiliatedWith", "Iran")},
        ),
        (
            "Egyptian President Adel Mansour said the border would stay closed.",
            {("Adel Mansour", "leaderOf", "Egypt")},
        ),
        (
            "The Russian foreign minister, Sergei Ivanov, said the talks would resume.",
            {("Sergei Ivanov", "affiliatedWith", "Russia")},
        ),
        # 3. organisation + role + name
        (
            "PYD co-chair Saleh Muslim said the militia would not withdraw.",
            {("Saleh Muslim", "leaderOf", "Democratic Union Party")},
        ),
        (
            "Hezbollah commander Ali Fadel was killed in the strike.",
            {("Ali Fadel", "memberOf", "Hezbollah")},
        ),
        (
            "Rami Saad, the commander of the Wagner Group, arrived in Tripoli.",
            {("Rami Saad", "leaderOf", "Wagner Group")},
        ),
        (
            "Maya Haddad, a senior official in Hezbollah, denied the report.",
            {("Maya Haddad", "affiliatedWith", "Hezbollah")},
        ),
        (
            "UN Libya envoy Karl Berg warned of more fighting.",
            {("Karl Berg", "affiliatedWith", "United Nations")},
        ),
        (
            "UN refugee agency spokesman Ben Clarke said camps were full.",
            {("Ben Clarke", "affiliatedWith", "UN refugee agency")},
        ),
        (
            "Mark Howe, head of currency strategy at Lloyds Bank, said the pound would fall.",
            {("Mark Howe", "affiliatedWith", "Lloyds Bank")},
        ),
        (  # the group of the sentence before
            "Hezbollah denied the report on Monday. The group's spokesman Ali Fadel said the "
            "strike missed.",
            {("Ali Fadel", "affiliatedWith", "Hezbollah")},
        ),
        (
            "The BBC's Anna Price said the crowd was calm.",
            {("Anna Price", "affiliatedWith", "BBC")},
        ),
        (
            "Secretary of Defense John Miller met the generals on Friday.",
            {
                ("John Miller", "affiliatedWith", "United States"),
                ("John Miller", "affiliatedWith", "United States Department of Defense"),
            },
        ),
        # 4. leaders named by what they hold
        (
            "Libya, under the leadership of Muammar Gaddafi, armed several rebel groups.",
            {("Muammar Gaddafi", "leaderOf", "Libya")},
        ),
        (
            "Under the leadership of Hassan Nasrallah, Hezbollah expanded its arsenal.",
            {("Hassan Nasrallah", "leaderOf", "Hezbollah")},
        ),
        (
            "Hezbollah expanded its arsenal under Hassan Nasrallah's leadership.",
            {("Hassan Nasrallah", "leaderOf", "Hezbollah")},
        ),
        (
            "Fighters from the Mahdi Army, Sadr's militia, clashed with police.",
            {("Muqtada al-Sadr", "leaderOf", "Mahdi Army")},
        ),
    ],
)
def test_titles_find_expected_facts(run, text, expected):  # type: ignore[no-untyped-def]
    _, facts = run(text)
    assert expected <= facts, f"missing {expected - facts}; got {facts}"


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        # a foreign leader named in a story from Baghdad keeps his own country
        (
            "BAGHDAD (Reuters) - U.S. President Tom Walker spoke with Iraqi leaders on Monday. "
            "President Walker said the talks went well.",
            {("Tom Walker", "leaderOf", "Iraq")},
        ),
        # two presidents with no country: the dateline cannot tell which one is its own
        (
            "BEIRUT - President Omar Khalil met President Ivan Petrov on Monday.",
            {("Omar Khalil", "leaderOf", "Lebanon"), ("Ivan Petrov", "leaderOf", "Lebanon")},
        ),
        # an envoy works for the sender, not for the country he is sent to
        (
            "UN Libya envoy Karl Berg warned of more fighting.",
            {("Karl Berg", "affiliatedWith", "Libya")},
        ),
        # a dateline city the gazetteer cannot place gives no country
        (
            "ISTANBUL (Reuters) - Prime Minister Ahmet Davutoglu spoke on Monday.",
            {("Ahmet Davutoglu", "leaderOf", "Turkey")},
        ),
        # the country named most is not a minister's: a minister of a region or a party
        (
            "Artists compared the plan to Germany in the 1930s. Culture Minister Alan Hughes "
            "said the comparison with Germany was crass. Germany has since apologised.",
            {("Alan Hughes", "affiliatedWith", "Germany")},
        ),
        # the head of a desk at a bank does not lead the bank
        (
            "Mark Howe, head of currency strategy at Lloyds Bank, said the pound would fall.",
            {("Mark Howe", "leaderOf", "Lloyds Bank")},
        ),
        # a programme of the outlet, not its reporter (the model takes it for a person)
        (
            "Speaking to the BBC's Westminster Hour on Sunday, Mr Kennedy said the vote was close.",
            {("Westminster Hour", "affiliatedWith", "BBC")},
        ),
        # a negated rule
        (
            "Iraq was not under the rule of Saddam Hussein then.",
            {("Saddam Hussein", "leaderOf", "Iraq")},
        ),
        # "X's Britain" names an era or a book, not a head of government
        (
            "Gordon Brown's Britain is the subject of a new book.",
            {("Gordon Brown", "leaderOf", "United Kingdom")},
        ),
        # a question states nothing
        (
            "BAGHDAD (Reuters) - Will Prime Minister Haider Jabr resign?",
            {("Haider Jabr", "leaderOf", "Iraq")},
        ),
        # a regional director heads a part of the organisation, not the organisation
        (
            "Anna Berg, regional director of UNHCR, said the aid had arrived.",
            {("Anna Berg", "leaderOf", "UN refugee agency")},
        ),
        # the article's country is not the only one here: the title may be the other's
        (
            "Egypt wants more trade. Egypt sells cotton and Egypt buys wheat. The Egyptian "
            "president met Prime Minister Tom Hardy in Germany on Monday.",
            {("Tom Hardy", "leaderOf", "Egypt")},
        ),
        # an occupation with a country is a nationality
        (
            "Kyiv-based US lawyer Dan Ross said the case was weak.",
            {("Dan Ross", "affiliatedWith", "United States")},
        ),
        # another person's title joined by "and": not this person's
        (
            "The talks brought together President Salem Warfalli and the Egyptian leader, "
            "Adel Mansour.",
            {("Salem Warfalli", "leaderOf", "Egypt")},
        ),
        # a country that scopes a post at an organisation; the head of a function
        (
            "Jo Pike, the UN's UK head of policy, said the plan was late.",
            {
                ("Jo Pike", "affiliatedWith", "United Kingdom"),
                ("Jo Pike", "leaderOf", "United Kingdom"),
                ("Jo Pike", "leaderOf", "United Nations"),
            },
        ),
        # the chair of a committee of the organisation does not lead the organisation
        (
            "Rami Aziz, the chairman of Hezbollah's media committee, spoke on Monday.",
            {("Rami Aziz", "leaderOf", "Hezbollah")},
        ),
        # a capital before a city office: the city's mayor, not the state's official
        (
            "Kyiv mayor Vitali Bondar said the shelling had stopped.",
            {
                ("Vitali Bondar", "affiliatedWith", "Ukraine"),
                ("Vitali Bondar", "leaderOf", "Ukraine"),
            },
        ),
        # "chief spokesman": the spokesman title decides, not "chief"
        (
            "Tom Vale, Hezbollah's chief spokesman, said the talks had failed.",
            {("Tom Vale", "leaderOf", "Hezbollah")},
        ),
        # a militant's demonym is a nationality, not an office of the state
        (
            "Veteran Egyptian militant Karim Haddad was killed in the raid.",
            {("Karim Haddad", "affiliatedWith", "Egypt")},
        ),
        # beside the organisation he serves, the demonym is a nationality
        (
            "The raid killed Omar Saleh, an Iraqi commander in Hezbollah.",
            {("Omar Saleh", "affiliatedWith", "Iraq")},
        ),
        # another state speaks just before: not the dateline's (nor America's) secretary
        (
            'TRIPOLI - Britain said it had backed the raid. "We welcome this strike," '
            "Defense Secretary John Hale said in a statement.",
            {
                ("John Hale", "affiliatedWith", "Libya"),
                ("John Hale", "affiliatedWith", "United States"),
                ("John Hale", "affiliatedWith", "United States Department of Defense"),
            },
        ),
        # another state acts in the sentence: not the dateline's president
        (
            "TRIPOLI - The raid came days after a warning by President Tom Barker that "
            "the United States would act.",
            {("Tom Barker", "leaderOf", "Libya")},
        ),
    ],
)
def test_titles_skip_look_alikes(run, text, forbidden):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    labels = {e.label for e in doc._.actor_entities.values()}
    named = {s for s, _, _ in forbidden}
    assert named <= labels, f"the test reads nothing: {named - labels} not found in {labels}"
    assert not forbidden & facts, f"unexpected {forbidden & facts}"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # an analyst who once served: the past office says nothing now
        (
            "Emre Kaya, a security analyst and retired Turkish army officer, said the plan "
            "would fail.",
            "Emre Kaya",
        ),
        # Britain's Attorney General is not the US Justice Department
        ("The Attorney General Lord Hale said the law was clear.", "Hale"),
        # British by its spelling: not the Pentagon
        ("Defence Secretary John Reid announced the merger on Monday.", "John Reid"),
        # a portfolio the model took for an organisation
        ("Trade and Industry Secretary Jane Ford said exports had risen.", "Jane Ford"),
        # a British Secretary of State is not the US State Department
        ("Secretary of State for Defence John Reid met the army chiefs on Monday.", "John Reid"),
    ],
)
def test_titles_give_no_office(run, text, person):  # type: ignore[no-untyped-def]
    doc, facts = run(text)
    assert doc._.actor_entities, "the sentence names no actor: the test reads nothing"
    mine = {f for f in facts if person in f[0]}
    assert not {f for f in mine if f[1] in {"affiliatedWith", "memberOf", "leaderOf"}}, mine


def test_a_former_office_is_kept_but_less_sure(run):  # type: ignore[no-untyped-def]
    """The graph has no time: a past office stays a fact of the record, marked as less sure."""
    doc, facts = run("Former Wagner press chief Mark Lowe now works in radio.")
    assert ("Mark Lowe", "memberOf", "Wagner Group") in facts
    assert ("Mark Lowe", "leaderOf", "Wagner Group") not in facts  # a press chief is no head
    assert all(f.confidence < 0.7 for f in doc._.facts), doc._.facts


def test_context_facts_are_less_sure_than_stated_ones(run):  # type: ignore[no-untyped-def]
    doc, _ = run(
        "BAGHDAD (Reuters) - Prime Minister Haider Jabr said on Monday that the talks had failed."
    )
    by_extractor = {f.extractor: f.confidence for f in doc._.facts}
    assert by_extractor["context_title"] < 0.9
    fronted, _ = run("In Britain, Home Secretary Helen Marsh said the plan was legal.")
    assert _extractors(fronted, "Helen Marsh") == {
        ("affiliatedWith", "United Kingdom"): "fronted_title"
    }


@pytest.mark.parametrize(
    ("text", "places", "country"),
    [
        (
            "KYIV/ODESA, Ukraine (Reuters) - Defence Minister Oleh Marchenko visited the port "
            "on Friday.",
            ("KYIV", "ODESA"),
            "gaz:ukraine",
        ),
        (  # the day between the region and the agency
            "ODESA, Ukraine, March 3 (Reuters) - Defence Minister Oleh Marchenko visited the "
            "port on Friday.",
            ("ODESA",),
            "gaz:ukraine",
        ),
        (
            "TRIPOLI - President Salem Warfalli met tribal elders on Sunday.",
            ("TRIPOLI",),
            "gaz:libya",
        ),
        (
            "Iraq votes on budget\nBAGHDAD Foreign Minister Ibrahim Saleh flew to Cairo on "
            "Tuesday.",
            ("BAGHDAD",),
            "gaz:iraq",
        ),
        (
            "ISTANBUL (Reuters) - Prime Minister Ahmet Davutoglu spoke on Monday.",
            ("ISTANBUL",),
            None,
        ),
        # a headline that opens with an acronym is no dateline
        ("US says Iran was behind the attack on the oil plant.", (), None),
    ],
)
def test_dateline(run, gaz, text, places, country):  # type: ignore[no-untyped-def]
    doc, _ = run(text)
    ctx = doc_context(doc, gaz)
    assert ctx.dateline_places == places
    got = ctx.dateline_country.kb_id_ if ctx.dateline_country is not None else None
    assert got == country
    assert doc_context(doc, gaz) is ctx  # computed once per Doc


def test_dominant_country(run, gaz):  # type: ignore[no-untyped-def]
    doc, _ = run(
        "Israel struck Gaza again on Monday. Israel said the raids would go on. "
        "Prime Minister Benjamin Netanyahu said Israel would not stop."
    )
    ctx = doc_context(doc, gaz)
    assert ctx.dateline_country is None
    assert ctx.dominant_country is not None and ctx.dominant_country.kb_id_ == "gaz:israel"
    assert ctx.country is ctx.dominant_country


HEADLINED = (
    "Egypt and rebels agree to a truce\n"
    "Libya and Yemen backed the deal, Libya said, and Yemen agreed. "
    "Prime Minister Ahmed Nazif said the truce would hold."
)


def test_headline_country(run, gaz):  # type: ignore[no-untyped-def]
    """No dateline, no country named far more than others: a head of state with no
    country of his own leads the one country the headline names."""
    doc, facts = run(HEADLINED)
    ctx = doc_context(doc, gaz)
    assert ctx.dateline_country is None and ctx.dominant_country is None
    assert ctx.headline_country is not None and ctx.headline_country.kb_id_ == "gaz:egypt"
    assert ("Ahmed Nazif", "leaderOf", "Egypt") in facts
    one_line, _ = run(HEADLINED.replace("\n", " "))
    assert doc_context(one_line, gaz).headline_country is None
