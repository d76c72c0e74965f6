"""Word lists the extractors use: cues for types, titles and relation verbs.

These are general English cue words, not facts about any actor.
"""

from __future__ import annotations

# --- entity typing -----------------------------------------------------------

#: head words of organisation names -> ontology class (checked on the last word first)
ORG_HEAD_TYPES: dict[str, str] = {
    **dict.fromkeys(
        "militia militias brigade brigades battalion battalions front hezbollah hizbollah "
        "mujahideen resistance insurgency jihad taliban shabaab haram cartel cartels".split(),
        "ArmedGroup",
    ),
    **dict.fromkeys(
        "army navy corps guard guards force forces command military marines police "
        "gendarmerie peshmerga".split(),
        "MilitaryForce",
    ),
    **dict.fromkeys(
        "ministry department parliament council government cabinet office agency "
        "commission senate congress court presidency administration embassy "
        "directorate authority".split(),
        "GovernmentBody",
    ),
    **dict.fromkeys("party alliance bloc movement coalition list union".split(), "PoliticalGroup"),
    **dict.fromkeys("clan clans".split(), "ArmedGroup"),
    **dict.fromkeys("intelligence".split(), "GovernmentBody"),
    **dict.fromkeys(
        "airport airbase barracks palace hospital prison mosque refinery oilfield gate "
        "crossing consulate embassy hotel mall market stadium church shrine dam".split(),
        "Facility",
    ),
    **dict.fromkeys(
        "news times post journal tv television radio press herald tribune gazette "
        "telegraph channel broadcasting media network".split(),
        "MediaOrganization",
    ),
    **dict.fromkeys(
        "university institute institution center centre foundation group company "
        "corporation bank association society committee school college".split(),
        "Organization",
    ),
}

#: common nouns that, in apposition or as a compound head, say what an actor is
DESCRIPTOR_TYPES: dict[str, str] = {
    **dict.fromkeys(
        "militia group faction organization organisation movement paramilitary insurgents "
        "rebels umbrella network cell".split(),
        "ArmedGroup",
    ),
    **dict.fromkeys("party bloc".split(), "PoliticalGroup"),
    "force": "MilitaryForce",  # "the MISCA force", "the Licorne force"
    **dict.fromkeys(
        "agency outlet newspaper broadcaster channel media".split(), "MediaOrganization"
    ),
    **dict.fromkeys("ministry department".split(), "GovernmentBody"),
    **dict.fromkeys("base airport embassy compound camp airbase".split(), "Facility"),
    **dict.fromkeys(
        "city town village province region district state territory county governorate".split(),
        "Place",
    ),
}

#: nouns for the fighters of an armed group: "killed an Islamic State militant", "Wagner
#: fighters": the group they belong to acts or is acted on through them
FIGHTER_NOUNS = frozenset(
    "fighter fighters militant militants militiamen gunman gunmen jihadist jihadists "
    "insurgent guerrilla guerrillas operative operatives mercenary mercenaries raiders "
    "attackers".split()
)

#: a leader's people: "Hifter's forces", "Hemedti's fighters", "Saleh's loyalists"
LED_NOUNS = frozenset(
    "forces force fighters troops militia militias men loyalists army gunmen".split()
)
#: the armed men a person may have: "Gbagbo's troops", "Machar's rebels", "forces loyal to X"
FOLLOWER_NOUNS = frozenset(
    "forces fighters troops militia militias loyalists gunmen militiamen rebels guerrillas "
    "soldiers".split()
)
#: "one of X", "hundreds of X fighters": a share of an actor's people
QUANTITY_WORDS = frozenset(
    "one some many several most all each none hundreds thousands dozens scores".split()
)
#: people a group or state sends: "fighters from the Qassam Brigades", "troops from Eritrea"
SENT_NOUNS = FIGHTER_NOUNS | frozenset({"troops", "soldiers", "forces", "contingents", "rebels"})
#: the people who speak and act for someone: "Traore's camp", "Hadi's aides"
PROXY_NOUNS = frozenset({"camp", "aides", "entourage", "spokesman", "spokeswoman"})

#: people who speak for a body: "UN experts", "AU monitors"
VOICE_NOUNS = frozenset({"experts", "investigators", "monitors", "inspectors"})

#: "60 km north of Aden": a bearing from a place, not the place
BEARINGS = frozenset(
    "north south east west northeast northwest southeast southwest outskirts".split()
)

#: nouns for a state's armed forces: "US troops", "Iraqi units", "American planes"
FORCE_NOUNS = frozenset(
    "troops forces force soldiers military army personnel servicemen servicemembers "
    "jets planes warplanes aircraft drones units navy marines advisers advisors "
    "contingent special invaders paratroopers commandos battalion battalions brigade "
    "brigades regiment".split()
)

#: nouns that name the place their "of" names: "the town of Baidoa", "the province of Idlib"
#: (not "capital": "the capital of Iraq" is not Iraq)
OF_PLACE_NOUNS = frozenset(
    "town towns city cities village villages province provinces region district suburb "
    "port governorate county island municipality oblast settlement enclave "
    # and the parts of a place: "pounded parts of Idlib", "an assault on the outskirts of Y"
    "parts swathes swaths outskirts".split()
)

#: the parts of a place a town lies on: "Nyanya, on the outskirts of Abuja", "Guerguerat,
#: on the southern tip of Western Sahara"
EDGE_NOUNS = frozenset({"outskirts", "tip", "edge", "coast", "shore", "shores", "fringes"})

#: a country's missions abroad: "the US embassy" -> a facility of its own
FACILITY_NOUNS = frozenset({"embassy", "consulate"})

#: nouns naming an attack; "slammed the attack" points back to the last attacker
EVENT_NOUNS = frozenset(
    "attack attacks strike strikes airstrike airstrikes raid raids bombing bombings assault "
    "aggression operation offensive killing retaliation".split()
)

#: verbs that introduce reported speech: "we" inside the quote is the speaker
SPEECH_VERBS = frozenset("say tell state add announce declare warn write insist claim".split())

#: words before a name that are not part of it ("Mr Blair", "Gen. Lloyd Austin")
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady gen gen. general col col. "
    "lt lt. maj maj. capt capt. sgt sgt. adm adm. sheikh shaikh ayatollah grand "
    "captain lieutenant sergeant brigadier admiral corporal colonel "
    # abbreviated offices: "Sec Pompeo", "Sen. Kennedy", "Gov. Cuomo"
    "sec sec. sen sen. rep rep. gov gov. pres pres. amb amb.".split()
)

#: capitalised words the model takes for organisations but that never name an actor
NOT_ACTORS = frozenset("utc gmt est edt pst pdt cet bst ast".split())

#: nouns that stand for a state itself: "the US administration", "Iraqi officials"
STATE_NOUNS = frozenset(
    "government administration regime officials authorities leadership state "
    "diplomats policymakers".split()
)

#: generic nouns that corefer with the nearest actor of a compatible type
ANAPHOR_NOUNS: dict[str, frozenset[str]] = {
    "group": frozenset({"ArmedGroup", "Organization", "PoliticalGroup"}),
    "militia": frozenset({"ArmedGroup"}),
    "organization": frozenset(
        {"ArmedGroup", "Organization", "PoliticalGroup", "InternationalOrganization"}
    ),
    "organisation": frozenset(
        {"ArmedGroup", "Organization", "PoliticalGroup", "InternationalOrganization"}
    ),
    "movement": frozenset({"ArmedGroup", "PoliticalGroup"}),
    "country": frozenset({"Country"}),
    "coalition": frozenset({"Coalition"}),
    "alliance": frozenset({"PoliticalGroup", "Coalition", "InternationalOrganization"}),
    "ministry": frozenset({"GovernmentBody"}),
}

# --- titles --------------------------------------------------------------------

#: title words -> relation between the person and the organisation/state they go with
TITLE_RELATIONS: dict[str, str] = {
    **dict.fromkeys(
        "leader head chief president premier chairman chairwoman chairperson king emir "
        "sultan founder commander-in-chief director secretary-general ruler boss owner speaker "
        "publisher ceo chancellor rector dean commandant "
        "prime_minister supreme_leader top_commander chief_executive".split(),
        "leaderOf",
    ),
    **dict.fromkeys(
        "commander commanders member members fighter fighters militant militants "
        "operative operatives colonel general lieutenant soldier soldiers".split(),
        "memberOf",
    ),
    **dict.fromkeys(
        "spokesman spokeswoman spokesperson minister secretary ambassador envoy official "
        "adviser advisor aide analyst scholar researcher fellow professor expert "
        "correspondent reporter editor diplomat lawmaker senator deputy representative "
        "mp governor mayor officer lecturer economist attorney lawyer counsel manager "
        "engineer employee worker executive staffer candidate nominee judge justice "
        "commissioner inspector coach teacher scientist ecologist physicist chemist "
        "biologist historian writer columnist producer consultant negotiator "
        "vice_president".split(),
        "affiliatedWith",
    ),
}

#: words before a title that make its holder a deputy, not the head ("deputy leader")
DEPUTY_WORDS = frozenset({"deputy", "vice", "assistant", "associate"})

#: nouns naming who killed someone: "Kennedy's assassin X", "Lincoln assassin X"
KILLER_NOUNS = frozenset({"assassin", "killer", "murderer", "assassins", "killers"})

#: multi-word titles, matched on lemmas joined by "_"
MULTIWORD_TITLES = {
    ("prime", "minister"): "prime_minister",
    ("supreme", "leader"): "supreme_leader",
    ("top", "commander"): "top_commander",
    ("chief", "executive"): "chief_executive",
    ("vice", "president"): "vice_president",
    ("secretary", "general"): "secretary-general",  # "UN Secretary General X": the head
    ("foreign", "minister"): "minister",
    ("defense", "minister"): "minister",
    ("defence", "minister"): "minister",
}

# --- relation verbs and nouns ------------------------------------------------

#: verb lemma -> relation (subject = agent, object = patient unless noted in REVERSED)
VERB_RELATIONS: dict[str, str] = {
    **dict.fromkeys(
        "attack strike bomb hit target shell raid assault ambush kill bombard invade "
        "storm shoot massacre abduct kidnap wound injure hammer pummel strafe "
        # removing a ruler by force (the shared gold: "toppled by the U.S.-led invasion")
        "topple oust overthrow depose unseat".split(),
        "attacked",
    ),
    **dict.fromkeys("threaten warn menace".split(), "threatened"),
    **dict.fromkeys("accuse blame charge implicate fault".split(), "accused"),
    **dict.fromkeys(
        "condemn denounce slam criticize criticise decry censure deplore".split(), "condemned"
    ),
    **dict.fromkeys(
        "sanction designate blacklist proscribe embargo penalize penalise suspend".split(),
        "sanctioned",
    ),
    **dict.fromkeys("train mentor advise instruct".split(), "trained"),
    **dict.fromkeys(
        "fight combat battle defeat counter resist repel repulse rout".split(), "fightsAgainst"
    ),
    **dict.fromkeys(
        "back support fund finance arm sponsor equip bankroll aid assist bolster".split(),
        "backedBy",
    ),
    **dict.fromkeys("ally cooperate partner collaborate".split(), "alliedWith"),
    **dict.fromkeys("oppose confront".split(), "opposes"),
    **dict.fromkeys("lead head command chair rule govern".split(), "leaderOf"),
    **dict.fromkeys("join".split(), "memberOf"),
    **dict.fromkeys("host house".split(), "presentIn"),
    **dict.fromkeys("deploy station base send dispatch".split(), "presentIn"),
}

#: relations whose grammatical subject is the relation's object
#: ("Iran backs KH" -> KH backedBy Iran;
#: "Taji hosts US troops" -> troops presentIn Taji)
REVERSED_VERBS = frozenset(
    "back support fund finance arm sponsor equip bankroll host house".split()
)

#: relations where the verb's object is a place: "deploy troops to Iraq"
PLACE_VERBS = frozenset("deploy station base send dispatch".split())

#: "vow revenge", "hold responsible", "label terrorist": verb + word -> relation
LIGHT_VERB_PHRASES: dict[tuple[str, str], str] = {
    ("vow", "revenge"): "threatened",
    ("vow", "retaliation"): "threatened",
    ("promise", "revenge"): "threatened",
    ("hold", "responsible"): "accused",
    ("hold", "accountable"): "accused",
    ("declare", "guilty"): "accused",
    ("label", "terrorist"): "sanctioned",
    ("label", "terrorists"): "sanctioned",
    ("list", "terrorist"): "sanctioned",
    ("impose", "sanction"): "sanctioned",
    ("impose", "sanctions"): "sanctioned",
    ("put", "notice"): "threatened",
    ("launch", "attack"): "attacked",
    ("launch", "strike"): "attacked",
    ("launch", "strikes"): "attacked",
    ("carry", "attack"): "attacked",
    ("conduct", "strike"): "attacked",
    ("conduct", "strikes"): "attacked",
    ("identify", "responsible"): "accused",
    ("name", "responsible"): "accused",
}

#: nouns that name a relation between two actors joined by "between X and Y"
SYMMETRIC_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "tension tensions rivalry hostility hostilities conflict confrontation feud "
        "dispute challenges standoff enmity war".split(),
        "opposes",
    ),
    **dict.fromkeys("alliance partnership cooperation pact".split(), "alliedWith"),
}

#: nominalised actions: "X's campaign against Y", "the war against Y", "strikes on Y"
ACTION_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "campaign war fight offensive battle struggle coalition insurgency insurgencies rebellion "
        "uprising".split(),
        "fightsAgainst",
    ),
    **dict.fromkeys(
        "attack attacks strike strikes airstrike airstrikes raid raids".split(), "attacked"
    ),
    **dict.fromkeys("threat threats".split(), "threatened"),
    **dict.fromkeys("sanctions".split(), "sanctioned"),
}

#: hyphenated modifiers: "Iran-backed", "Iranian-supported" -> backedBy
BACKING_PARTICIPLES = frozenset(
    "backed supported funded sponsored linked aligned allied affiliated armed trained loyal".split()
)

#: "anti-ISIS", "counter-ISIS" -> fightsAgainst
AGAINST_PREFIXES = frozenset({"anti", "counter"})

#: offices whose holder works for a known body: "Secretary of State X" -> State Department.
#: Keys are folded word sequences; values are gazetteer names looked up at run time.
OFFICE_BODIES: dict[str, str] = {
    "secretary of state": "State Department",
    "secretary of defense": "Pentagon",
    "defense secretary": "Pentagon",
    "secretary of the treasury": "US Treasury",
    "treasury secretary": "US Treasury",
    "secretary of homeland security": "Department of Homeland Security",
    "attorney general": "Department of Justice",
    "national security adviser": "National Security Council",
}

#: "NATO allies like Denmark", "members such as Jordan"
MEMBER_NOUNS = frozenset(
    "ally allies member members partner partners signatory signatories".split()
)
EXAMPLE_PREPS = frozenset({"like", "including", "as"})

#: "linking them to the IRGC", "closely tied to Iran" -> backedBy
TIE_VERBS = frozenset("link tie connect align".split())

#: "a base ..., home to American troops" -> presentIn
HOME_NOUNS = frozenset({"home"})

#: nouns of accusation whose content clause names the accused: "Washington's charge that KH ..."
ACCUSATION_NOUNS = frozenset(
    "charge charges accusation accusations allegation allegations claim".split()
)

#: verbs of speech that introduce a hypothetical or reported future
HEDGE_MODALS = frozenset({"could", "would", "should"})
WEAK_MODALS = frozenset({"may", "might", "can"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATING_VERBS = frozenset({"deny", "reject", "refute", "dismiss"})


#: past tenses the model's lemmatizer leaves as they are
LEMMA_FIXES = {"retook": "retake", "overran": "overrun", "outflanked": "outflank"}
