"""Word lists and small helpers for reading names: the words that start, join,
qualify or end a name, and the key a name is resolved by."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import ORG_HEAD_TYPES
from .normalize import fold

#: spaCy labels we keep, and the class they map to before any correction
SPACY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Facility",
    "NORP": "NORP",
    "PRODUCT": "PRODUCT",
}


_ARTICLE_WORDS = {"the", "a", "an"}


_NAME_PARTICLES = {
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "an",
    "bin",
    "ibn",
    "abu",
    "abd",
    "de",
    "van",
    "von",
}


def name_key(etype: str, text: str) -> str:
    """Resolution key of an entity the gazetteer does not know."""
    return f"name:{etype}:{fold(text)}"


#: words that may extend a known name without making it another actor's name
_NAME_EXTENSION_OK = frozenset(
    "the a an of and al el s 's ’s group militia movement forces force army brigade "
    "brigades fighters rebels militants organisation organization party".split()
)


#: lowercase words that join the parts of one name: "Mocimboa da Praia", "Lula da Silva"
_LINKING_PARTICLES = frozenset("da de do dos das del della di du des".split())


_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split()
)


def _is_possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.text in {"'s", "’s", "'", "’"}


#: nouns for sites in a city: "a Tunis museum", "Baghdad's airport", "the Sousse beach resort"
_SITE_NOUNS = frozenset(
    "suburb district neighbourhood neighborhood outskirts quarter zone street square market "
    "museum hotel resort airport port harbour harbor hospital mosque church shrine university "
    "stadium mall prison station bridge park beach compound".split()
)


#: verbs whose object is a place when it is a city: going, staying, fighting over it
_PLACE_VERBS = frozenset(
    "visit enter reach leave tour shell bomb strike hit target besiege surround capture "
    "seize retake recapture take control storm overrun evacuate flee fly travel return "
    "rock pound encircle liberate defend occupy invade raid attack".split()
)


#: ethnic and religious community words: never an actor on their own
_ETHNO_RELIGIOUS = frozenset(
    "shiite shiites shi ite shi ites shia shias shiia sunni sunnis alawite alawites druze "
    "kurd kurds kurdish arab arabs turkmen turkoman turkomans yazidi yazidis christian "
    "christians muslim muslims jewish jews islamist islamists jihadist jihadists salafist "
    "salafi salafists sufi baloch balochi pashtun pashtuns copt copts coptic maronite "
    "assyrian assyrians chaldean tajik hazara hazaras uighur uyghur uighurs uyghurs "
    "western westerners welsh scottish scots english irish tuareg tuaregs fulani fulanis "
    "hausa yoruba igbo rohingya masalit zaghawa oromo oromos tigrayan tigrayans".split()
)


#: generic heads: with only community words before them ("Shiite Militias") no name
_GENERIC_HEADS = frozenset(
    "axis militia militias group groups forces fighters rebels militants community "
    "communities leaders clerics tribes tribesmen areas world crescent parties factions "
    "volunteers population neighbourhoods neighborhoods".split()
)


#: words that say what kind a unit is, never which: "Special Operations", "Special Forces"
_UNIT_KIND_WORDS = frozenset("special operations operation forces force elite commando".split())


#: capitalised words the model takes for names that never name an actor here
_NOT_NAMES = frozenset(
    "labels tags writing editing reporting related fatwa breaking update exclusive "
    "analysis opinion comment photo image video advertisement getty read share "
    # languages: "said in Swahili", "a Pashto-language statement"
    "swahili arabic pashto dari farsi urdu amharic tigrinya lingala kinyarwanda".split()
)


#: a title word before "of": "Secretary of Defense" leaves no "Defense" actor
_OFFICE_TITLES = frozenset(
    "secretary minister undersecretary under-secretary commissioner envoy".split()
)


#: honorifics only people bear (not "General", which also starts organisations' names)
_PERSON_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady".split())


#: nouns saying a name is a place: "the town of Sderot", "in the district of X"
_PLACE_NOUNS = frozenset(
    "town city village province district region area governorate neighbourhood "
    "neighborhood suburb port capital county camp valley outskirts peninsula corridor "
    "island coast forest enclave".split()
)


_PLACE_PREPS = frozenset("in near outside around across into inside towards toward".split())

#: last words of the names of places and land features: "Kodori Gorge", "Litani River",
#: "Amhara region", "Kokang Self-Administered Zone"
_GEO_HEADS = frozenset(
    "gorge river valley lake mountains mountain hills island islands strait gulf bay desert "
    "plain plains peninsula canal pass coast region zone province district governorate "
    "county oblast state".split()
)


#: first words of Arabic, Persian and Urdu group names ("Jaish al-Adl", "Liwa Fatemiyoun")
_GROUP_NAME_WORDS = frozenset(
    "kataib saraya liwa jaish jabhat harakat asaib ansar jund faylaq lashkar tehrik "
    "tehreek ahrar tanzim jamaat jamaah jamaa hizb hezb".split()
)


#: the words of names that say what an organisation is, not whose: "Democratic Party"
_GENERIC_NAME_WORDS = frozenset(
    "democratic democrats democrat party national front liberal liberals conservative "
    "conservatives labour labor socialist socialists communist communists republican "
    "republicans union alliance movement congress progressive green greens freedom justice "
    "development unity independent reform people s peoples popular social".split()
)


#: words that make an "army" or "front" a rebel force, not a state's: "Kosovo Liberation
#: Army", "Kachin Independence Army", "National Resistance Front"
_INSURGENT_NAME_WORDS = frozenset(
    "liberation independence resistance rebel rebels insurgent insurgents salvation "
    "revolutionary mujahideen jihad".split()
)


#: name words strong enough to overrule a PERSON tag ("Kataib Hezbollah", "Quds Force")
_STRONG_ORG_WORDS = frozenset(
    "hezbollah hizbollah brigade brigades battalion battalions militia front army corps "
    "force forces ministry department party alliance movement organization organisation "
    "university institute agency council committee coalition guard guards cartel".split()
)


def _particle_names_after(doc: Doc, end: int, taken: set[int]) -> int:
    """Where a person's name ends when the model left out its particle part: "Abdel
    Fattah" + "el-Sissi", "Osama" + "bin Laden"."""
    while end + 1 < len(doc) and doc[end].lower_ in _NAME_PARTICLES and end not in taken:
        nxt = end + 2 if doc[end + 1].text == "-" else end + 1
        if nxt >= len(doc) or not doc[nxt].is_title or nxt in taken:
            break
        end = nxt + 1
    return end


#: head words of an organisation's name that may run on with "of"/"for": "Coalition of
#: Patriots for Change", "Front for Change and Concord", "Volunteers for the Defence of X"
_GROUP_HEADS = frozenset(
    "coalition union front movement alliance council group party congress committee forces "
    "army brigade brigades volunteers patriots organisation organization assembly league "
    "federation rally convention".split()
)


def _group_name_after(doc: Doc, start: int, end: int, known: set[int]) -> int:
    """Where an organisation's name ends when the model stopped at its head word: "the
    Coalition" + "of Patriots for Change". The name runs on through "of/for/to/and/the"
    and capitalised words; it stops at "in", punctuation, a lowercase word or a known name."""
    i = end
    linked = any(t.lower_ in {"of", "for", "to"} for t in doc[start:end])
    while i < len(doc) and doc[i].lower_ in {"of", "for", "to", "and"}:
        if doc[i].lower_ == "and" and not linked:
            break  # "the X Army and the Y Army": two names; "Front for Change and Concord" one
        linked = True
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the" and doc[i].lower_ != "and":
            j += 1
        k = j
        while (
            k < len(doc)
            and k not in known
            and (
                doc[k].is_title
                or (
                    doc[k].lower_ in {"and", "of"}
                    and k + 1 < len(doc)
                    and doc[k + 1].is_title
                    and k + 1 not in known
                )
            )
        ):
            k += 1
        if k == j or doc[k - 1].lower_ in {"and", "of"}:
            break
        i = end = k
    return end


def _acronym_name_after(doc: Doc, start: int, end: int) -> int:
    """Where a name ends when the text spells it out before its acronym and the model cut
    it short: "the Liberation Tigers" + "of Tamil Eelam (LTTE)". The capitalised words up
    to the bracket (joined by of/for/the/and) must give the acronym's letters."""
    i = end
    while (
        i < len(doc)
        and i - end <= 6
        and (doc[i].lower_ in {"of", "for", "the", "and"} or (doc[i].is_title and doc[i].is_alpha))
    ):
        i += 1
    if i == end or i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return end
    if doc[i - 1].lower_ in {"of", "for", "the", "and"}:
        return end
    letters = doc[i + 1].text.replace(".", "")
    if len(letters) < 3 or not letters.isupper() or not abbreviates(letters, doc[start:i]):
        return end
    return i


def abbreviates(letters: str, words: Span) -> bool:
    """Whether an acronym abbreviates the capitalised words of a name: their initials
    ("LTTE"), or, for a longer acronym, letters taken in order from the start of each word
    ("INTERFET": INTERnational Force for East Timor; "UNOSOM": UNited Nations Operation
    in SOMalia)."""
    parts = [t.text.upper() for t in words if t.is_title and t.is_alpha]
    initials = "".join(w[0] for w in parts)
    letters = letters.upper()
    if initials == letters:
        return True
    if len(letters) <= len(initials) or not initials or letters[0] != initials[0]:
        return False
    # each word gives a non-empty prefix of itself, in order, and together they spell it

    def spell(rest: str, k: int) -> bool:
        if not rest:
            return k == len(parts)
        if k == len(parts):
            return False
        word = parts[k]
        n = 1
        while n <= min(len(word), len(rest)) and word[:n] == rest[:n]:
            if spell(rest[n:], k + 1):
                return True
            n += 1
        return False

    return spell(letters, 0)


def _acronym_name_before(doc: Doc, acronym: int) -> int | None:
    """Where the name an acronym in brackets abbreviates starts, when the model tagged the
    acronym and not the name: "the Liberation Tigers of Tamil Eelam (LTTE)". The
    capitalised words before the bracket (joined by of/for/the/and) must give its letters."""
    tok = doc[acronym]
    letters = tok.text.replace(".", "")
    if (
        acronym < 2
        or acronym + 1 >= len(doc)
        or doc[acronym - 1].text != "("
        or doc[acronym + 1].text != ")"
        or not (3 <= len(letters) <= 8 and letters.isupper() and letters.isalpha())
    ):
        return None
    start = acronym - 1
    while start > 0 and acronym - start <= 10:
        prev = doc[start - 1]
        if not (prev.is_title and prev.is_alpha) and prev.lower_ not in {"of", "for", "and", "the"}:
            break
        start -= 1
        if doc[start].is_title and abbreviates(letters, doc[start : acronym - 1]):
            return start
    return None


def _not_a_name(ent: Span, words: list[str]) -> bool:
    """Lowercase phrases, community words, generic groups, and "Defense" of "Secretary of
    Defense" are no names."""
    if not any(t.text[:1].isupper() for t in ent) and not (
        len(words) > 1 and words[-1] in ORG_HEAD_TYPES
    ):
        return True  # "max deceit"
    folded = fold(ent.text).split()
    if all(w in _ETHNO_RELIGIOUS for w in folded):
        return True  # "Shi'ite", "Kurds"
    if all(w in _UNIT_KIND_WORDS for w in folded):
        return True  # "Special Operations forces": a kind of unit, not a named one
    if (
        len(folded) > 1
        and folded[-1] in _GENERIC_HEADS
        and all(w in _ETHNO_RELIGIOUS for w in folded[:-1])
    ):
        return True  # "Shiite Militias", "Shiite Axis"
    if (
        len(ent) == 1
        and ent[0].tag_ in {"NN", "NNS", "VBG", "VBN", "VBD", "JJ"}
        and not ent[0].text.isupper()  # an acronym is a name whatever its tag ("NAO")
    ):
        return True  # the tagger reads it as a common word: "Labels:", "Writing by"
    if ent[0].tag_ == "VBG" and len(ent) > 1:
        return True  # a clause, not a name: "Retaking Falluja would enable ..."
    if len(ent) > 2 and ent[0].lower_ in {"pro", "anti"} and ent[1].text == "-":
        return True  # "pro-Gaddafi troops": a side taken, not a name
    root = ent.root
    if len(words) == 1 and root.dep_ == "compound" and root.head.lower_ in _OFFICE_TITLES:
        return True  # "Defense Secretary Michael Fallon"
    return (
        len(words) == 1
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in _OFFICE_TITLES
    )


#: capitalised words that make a part of a place a place of its own name: "North Sinai"
_COMPASS_NAMES = frozenset(
    "North South East West Northern Southern Eastern Western Upper Lower".split()
)
