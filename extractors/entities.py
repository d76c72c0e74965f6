"""Entity components: the gazetteer ruler and the typer.

``actor_ruler`` runs after the model's ``ner``: gazetteer names and aliases
(matched with spelling variants folded) replace overlapping model entities; the
demonyms it finds go to ``doc.spans["demonyms"]``.

``actor_typer`` gives every entity an ontology class as its label and a
resolution key as its ``kb_id``, correcting the model's common mistakes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .gazetteer import Gazetteer, Match, load_gazetteer
from .lexicon import DESCRIPTOR_TYPES, HONORIFICS, NOT_ACTORS, ORG_HEAD_TYPES, TITLE_RELATIONS
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


class ActorRuler:
    """Matches gazetteer names in the text and merges them with the model's entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _candidates(self, doc: Doc) -> Iterable[tuple[Span, str]]:
        """Longest gazetteer matches, left to right, never across sentences.

        Names must start with a capital or a name particle ("al-"); a lowercase
        phrase matches only when it has several words ("international coalition").
        """
        gaz = self.gazetteer
        cache: dict[str, str] = {}
        toks = list(doc)  # made once: doc[i] makes a new Token on every access
        folded = [cache.get(t.text) or cache.setdefault(t.text, fold(t.text)) for t in toks]
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if tok.is_punct or tok.is_space or not folded[i]:
                i += 1
                continue
            # only spans whose first word starts some name are looked up
            most = gaz.longest_from(folded[i].split(" ", 1)[0])
            if most == 0 and not gaz.is_known_acronym(tok.text):
                lost = _lost_apostrophe(tok, folded[i], gaz)
                if lost is not None:
                    yield lost, "name"
                i += 1
                continue
            capital = tok.text[:1].isupper() or tok.lower_ in _NAME_PARTICLES
            best: tuple[Span, str] | None = None
            words = 0
            for j in range(i + 1, n + 1):
                words += len(folded[j - 1].split())
                if j - i > 1 and (words > max(most, 1) or toks[j - 1].is_sent_start):
                    break
                if j - i == 1 and not capital:
                    continue
                span = doc[i:j]
                if span[-1].is_punct or span[-1].is_space or _is_possessive(span[-1]):
                    continue  # a name never ends on punctuation or a line break
                key = " ".join(f for f in folded[i:j] if f)
                matches = gaz.lookup_folded(key, span.text)
                match = _choose(matches, span) if matches else None
                if match is not None:
                    best = (
                        Span(doc, i, j, label=match.entry.type, kb_id=match.entry.key),
                        match.kind,
                    )
            if best is None:
                lost = _lost_apostrophe(tok, folded[i], gaz)
                if lost is not None:
                    yield lost, "name"
                i += 1
                continue
            yield from self._split_possessor(best)
            i = best[0].end

    def _split_possessor(self, found: tuple[Span, str]) -> Iterable[tuple[Span, str]]:
        """ "Iran's Foreign Ministry" is two mentions: Iran, and the ministry it owns."""
        span, kind = found
        for t in span[:-1]:
            if _is_possessive(t) and t.i > span.start:
                owner = self.gazetteer.lookup(span.doc[span.start : t.i].text)
                if owner is not None and owner.entry.type == "Country":
                    yield (
                        Span(span.doc, span.start, t.i, label="Country", kb_id=owner.entry.key),
                        "name",
                    )
                    yield (
                        Span(span.doc, t.i + 1, span.end, label=span.label_, kb_id=span.kb_id_),
                        kind,
                    )
                    return
        yield found

    def __call__(self, doc: Doc) -> Doc:
        names: list[Span] = []
        demonyms: list[Span] = []
        for span, kind in self._candidates(doc):
            (demonyms if kind == "demonym" else names).append(span)
        known = self.gazetteer.lookup
        model_ents = [t for e in doc.ents if (t := _trim(e, known)) is not None]
        names = [n for n in names if not _inside_longer_name(n, model_ents, self.gazetteer)]
        taken = {t.i for s in names for t in s}
        kept = [e for e in model_ents if not any(t.i in taken for t in e)]
        # a gazetteer demonym inside a model NORP entity stays a demonym, not an entity;
        # so does a demonym the model took for a name of any kind ("were Ukrainian" GPE)
        demonym_tokens = {t.i for s in demonyms for t in s}
        kept = [
            e
            for e in kept
            if not (e.label_ == "NORP" and demonym_tokens & {t.i for t in e})
            and not {t.i for t in e} <= demonym_tokens
        ]
        doc.ents = filter_spans(names + kept)
        doc.spans["demonyms"] = demonyms
        return doc


#: words that may extend a known name without making it another actor's name
_NAME_EXTENSION_OK = frozenset(
    "the a an of and al el s 's ’s group militia movement forces force army brigade "
    "brigades fighters rebels militants organisation organization party".split()
)


def _other_given_name(name: Span, model_ents: list[Span], gazetteer: Gazetteer) -> bool:
    """ "Abdelrahim Hamdan Dagalo" is not "Mohamed Hamdan Dagalo", whose known alias
    "Hamdan Dagalo" it contains: a capitalised given name before the match that is no
    title and no word of the known person's own names makes another person."""
    entry = gazetteer.entries.get(name.kb_id_.removeprefix("gaz:"))
    if entry is None:
        return False
    own = {fold(w) for n in (entry.name, *entry.aliases) for w in n.split()}

    def name_word(t: Token) -> bool:
        return (
            t.text[:1].isupper()
            and t.pos_ == "PROPN"
            and t.lower_.rstrip(".") not in HONORIFICS
            and t.lower_ not in TITLE_RELATIONS
        )

    doc = name.doc
    start = min([e.start for e in model_ents if e.start <= name.start < e.end], default=name.start)
    while start > 0 and doc[start - 1].dep_ == "compound" and name_word(doc[start - 1]):
        start -= 1  # "Abdelrahim Hamdan Dagalo" with only "Hamdan Dagalo" tagged PERSON
    before = [t for t in doc[start : name.start] if not t.is_punct]
    return (
        bool(before)
        and all(name_word(t) for t in before)
        and any(fold(t.text) not in own for t in before)
    )


#: lowercase words that join the parts of one name: "Mocimboa da Praia", "Lula da Silva"
_LINKING_PARTICLES = frozenset("da de do dos das del della di du des".split())


def _inside_longer_name(name: Span, model_ents: list[Span], gazetteer: Gazetteer) -> bool:
    """Whether a gazetteer match is only a word of a longer name the model found.

    "Jaish al-Fatah" is a Syrian rebel coalition, not the Iraqi "al-Fatah" alliance;
    "Liberal Democrats" are not the US "Democrats". The longer name wins when one of its
    other words is a capitalised name word, none is a lowercase word ("Hamas militants")
    and none is another known name ("UN Middle East envoy"). Demonyms, titles and
    generic nouns decide nothing ("Lebanese Hezbollah" stays Hezbollah).
    """
    doc = name.doc
    if (
        name.start >= 2
        and doc[name.start - 1].lower_ in _LINKING_PARTICLES
        and doc[name.start - 2].is_title
        and doc[name.start - 2].pos_ == "PROPN"
    ):
        return True  # "Mocimboa da Praia" is not Praia, "Norte de Santander" not Santander
    if name.label_ == "Person":  # "PM Abadi", "Sheikh Nasrallah": titles around a person
        return _other_given_name(name, model_ents, gazetteer)
    for ent in model_ents:
        if not (ent.start <= name.start and name.end <= ent.end) or len(ent) == len(name):
            continue
        if ent.label_ in {"GPE", "LOC", "DATE", "TIME"} or (
            ent.label_ == "NORP" and name.label_ in {"Country", "Place"}
        ):
            return False  # "Bolshevik Russia" is still Russia; "Monday US forces" US forces
        if _names_something(ent, name, gazetteer):
            return False
        qualifies = False
        # a name made of common words only ("Democratic Party", "National Front") is
        # another actor's once a qualifier comes before it ("Kurdish Democratic Party")
        generic = all(fold(t.text) in _GENERIC_NAME_WORDS for t in name if not t.is_punct)
        for t in ent:
            if name.start <= t.i < name.end or t.is_punct:
                continue
            low = t.lower_
            if low in _CALENDAR_WORDS or low in HONORIFICS or low in TITLE_RELATIONS:
                return False  # "NAO head Sir John Bourn": a title and a person, no name
            neutral = low in _NAME_EXTENSION_OK or (
                not (generic and t.i < name.start and t.text[:1].isupper())
                and (
                    fold(t.text) in _ETHNO_RELIGIOUS
                    or gazetteer.lookup(t.text) is not None  # a demonym
                )
            )
            if neutral:
                continue
            if not t.text[:1].isupper():
                return False
            qualifies = True
        return qualifies
    # the same where the model found no name: "Jaish al-Fatah", "Liberal Democrats" (a
    # capitalised name word glued before an organisation's name by the parse)
    if name.label_ in {"Country", "Place", "Facility"} or name.start == 0:
        return False
    prev = name.doc[name.start - 1]
    glued = name[0].lower_ in {"al", "el"} or (
        prev.dep_ == "compound" and name.start <= prev.head.i < name.end
    )
    return (
        glued
        and prev.text[:1].isupper()
        and not prev.is_sent_start
        and prev.pos_ == "PROPN"
        and prev.lower_ not in HONORIFICS
        and prev.lower_ not in TITLE_RELATIONS
        and prev.lower_ not in _NAME_EXTENSION_OK
        and prev.lower_ not in _CALENDAR_WORDS
        and prev.ent_type_ in {"", "ORG", "PERSON", "FAC", "NORP"}
        and fold(prev.text) not in _ETHNO_RELIGIOUS
        and gazetteer.lookup(prev.text) is None
    )


_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split()
)


def _names_something(ent: Span, name: Span, gazetteer: Gazetteer) -> bool:
    """Whether the words of ``ent`` outside ``name`` hold another known name (not a
    demonym: "Syrian National Coalition" is no known name plus "National Coalition")."""
    doc = ent.doc
    for lo, hi in ((ent.start, name.start), (name.end, ent.end)):
        for i in range(lo, hi):
            for j in range(i + 1, min(hi, i + 5) + 1):
                match = gazetteer.lookup(doc[i:j].text)
                if match is not None and match.kind != "demonym":
                    return True
    return False


def _lost_apostrophe(tok: Token, folded: str, gaz: Gazetteer) -> Span | None:
    """ "Syrias army": a country's possessive whose apostrophe the page lost."""
    if not tok.text[:1].isupper() or not folded.endswith("s") or len(folded) < 5:
        return None
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":  # "the Americas"
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    matches = [m for m in gaz.lookup_all(tok.text[:-1]) if m.kind == "name"]
    if len(matches) != 1 or matches[0].entry.type != "Country":
        return None
    entry = matches[0].entry
    return Span(tok.doc, tok.i, tok.i + 1, label=entry.type, kb_id=entry.key)


def _is_possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.text in {"'s", "’s", "'", "’"}


def political_context(span: Span) -> bool:
    """Whether a place name is used for a state: it acts, speaks, owns or is opposed.

    "Washington refuses", "Tehran's response", "between Washington and Tehran"
    are political; "north of Baghdad", "a base in Kirkuk" are not.
    """
    root = span.root
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ in {"poss", "compound", "nmod"} and _names_a_site(root.head):
        return False  # "Baghdad's Green Zone", "the Baghdad suburb of X", "a Tunis museum"
    if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in {
        "between",
        "with",
        "against",
        "by",
        "from",
        "to",
        "for",
    }:
        # "ties to Moscow", "headaches for Washington"; not "flew to Moscow"
        return root.head.lower_ not in {"to", "for"} or root.head.head.pos_ == "NOUN"
    if root.dep_ in {"compound", "amod"} and root.head.pos_ == "NOUN":
        return root.head.lower_ not in DESCRIPTOR_TYPES or root.head.lower_ in {
            "government",
            "ministry",
        }
    # "accused Tehran" is the state; "visited Cairo", "shelled Aleppo" the city
    return root.dep_ == "dobj" and root.head.lemma_.lower() not in _PLACE_VERBS


#: nouns for sites in a city: "a Tunis museum", "Baghdad's airport", "the Sousse beach resort"
_SITE_NOUNS = frozenset(
    "suburb district neighbourhood neighborhood outskirts quarter zone street square market "
    "museum hotel resort airport port harbour harbor hospital mosque church shrine university "
    "stadium mall prison station bridge park beach compound".split()
)


def _names_a_site(head: Token) -> bool:
    """A noun for a site, or a place's or facility's own name ("Green Zone", "Tahrir Square")."""
    if head.pos_ == "NOUN":
        return head.lower_ in _SITE_NOUNS
    if head.pos_ == "PROPN":
        return head.ent_type_ in {"FAC", "LOC"} or head.lower_ in _SITE_NOUNS
    return False


#: verbs whose object is a place when it is a city: going, staying, fighting over it
_PLACE_VERBS = frozenset(
    "visit enter reach leave tour shell bomb strike hit target besiege surround capture "
    "seize retake recapture take control storm overrun evacuate flee fly travel return "
    "rock pound encircle liberate defend occupy invade raid".split()
)


def _choose(matches: list[Match], span: Span) -> Match | None:
    """Pick the entry a surface form names here; metonyms only where the context is political."""
    named = [m for m in matches if m.kind not in {"metonym", "demonym"}]
    metonyms = [m for m in matches if m.kind == "metonym"]
    demonyms = [m for m in matches if m.kind == "demonym"]
    if metonyms and political_context(span):
        return metonyms[0]
    if named:
        return named[0]
    if demonyms:
        return demonyms[0]
    return None


def _trim(ent: Span, known: Callable[[str], object]) -> Span | None:
    """Drop a leading article; split off a known possessor ("Denmark’s Task Force Dragon").

    A possessive inside a name stays ("Croatian People's Party"): only a possessor the
    gazetteer knows is split off.
    """
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in _ARTICLE_WORDS:
        start += 1
    for t in doc[start:end]:
        if _is_possessive(t) and t.i > start and known(doc[start : t.i].text):
            start = t.i + 1
    for t in doc[start:end]:  # "Popular Mobilization Forces (PMF": the acronym is its own
        if t.text in {"(", "["} and t.i > start:
            end = t.i
            break
        if t.text == "," and t.i > start and ent.label_ != "GPE":
            end = t.i  # "Gwoza, Bama and": a list the model ran together, one name each
            break
    while end > start and (
        doc[end - 1].is_punct
        or _is_possessive(doc[end - 1])
        or doc[end - 1].lower_ in {"and", "or"}
    ):
        end -= 1  # "the Kosovo Liberation Army's commander": the name ends before "'s"
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)


#: lines of page furniture, not of the story: credits, bylines, tags, links
_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:(?:additional\s+)?(?:reporting|editing|writing|written|compiled|translated|"
    r"produced|research|graphics?|photos?|pictures?|video|images?)\s+by\b|by\s+[A-Z][\w.'’-]+"
    r"(?:\s+[A-Z][\w.'’-]+){0,3}\s*$|(?:labels|tags|topics|filed under|related(?:\s+\w+)?|"
    r"read more|more on this story|see also|also read|read also|share this|follow us|"
    r"advertisement|image (?:source|caption|copyright)|media caption|photo(?:graph)?|"
    r"picture|credit|copyright|source)\s*(?::|$))",
    re.IGNORECASE,
)
#: a credit inside a line: "(Reporting by A; Editing by B)"
_INLINE_CREDIT = re.compile(
    r"\((?:[^()]*?\b)?(?:reporting|editing|writing|compiled|additional reporting)\s+by\b[^()]*\)"
    r"|\([^()\n]{1,40}\bwith\s+(?:AFP|AP|Reuters|dpa)\)",  # "(FRANCE 24 with AFP)"
    re.IGNORECASE,
)
#: a tweet's signature line: "— Name (@handle) June 13, 2020"
_TWEET_SIGNATURE = re.compile(r"^\s*[—–-]+\s*[^\n]{1,60}\(@\w+\)")


#: "Associated Press writer X in Beijing contributed to this report."
_CONTRIBUTED_LINE = re.compile(
    r"^[^\n]{0,160}\bcontributed\b[^\n]{0,40}\b(?:report|reporting|story|article)\b"
    r"[^\n]{0,20}$",
    re.IGNORECASE,
)


def boilerplate_chars(text: str) -> list[tuple[int, int]]:
    """Character ranges of bylines, credit lines, tag lists and link captions."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if (
            _BOILERPLATE_LINE.match(line)
            or _TWEET_SIGNATURE.match(line)
            or _CONTRIBUTED_LINE.match(line.rstrip("\n"))
        ):
            out.append((pos, pos + len(line)))
        else:
            out += [(pos + m.start(), pos + m.end()) for m in _INLINE_CREDIT.finditer(line)]
        pos += len(line)
    return out


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
    "liberation independence resistance rebel rebels insurgent insurgents".split()
)


class ActorTyper:
    """Gives every entity the gazetteer did not name an ontology class and a key.

    Countries are all in the gazetteer, so a model GPE left here is a place.
    """

    def type_of(self, ent: Span) -> str | None:
        """Ontology class of a model entity, or None to drop it."""
        base = SPACY_TYPES.get(ent.label_)
        if base is None or base in {"NORP", "PRODUCT"}:
            return None
        words = [t.lower_ for t in ent if not t.is_punct]
        if not words or (len(words) == 1 and words[0] in NOT_ACTORS | _NOT_NAMES):
            return None
        if "@" in ent.text or "://" in ent.text:  # handles and links are not actors
            return None
        if _not_a_name(ent, words):
            return None
        if base in {"Person", "Organization"} and fold(ent[0].text) in _GROUP_NAME_WORDS:
            return "ArmedGroup"
        if base in {"Person", "Organization"} and _place_cue(ent):
            return "Place"
        if _dateline(ent):
            return "Place"  # "MARIUPOL, Ukraine (Reuters) -", "TRIPOLI -"
        if base in {"Organization", "Facility", "Place"} and (
            _person_apposition(ent) or _holds_office(ent)
        ):
            return "Person"  # "Noureddine Chouchane, a Tunisian", "its commander, X"
        if base == "Organization" and len(words) > 1 and words[0] in _PERSON_HONORIFICS:
            return "Person"  # "Mr Balls", "Dr Fox"
        head = words[-1]
        if len(words) > 2 and words[:2] in (["republic", "of"], ["kingdom", "of"], ["state", "of"]):
            return "Country"  # "Republic of Artsakh", "Kingdom of Bahrain"
        if (
            len(words) > 1
            and _INSURGENT_NAME_WORDS & set(words[:-1])
            and ORG_HEAD_TYPES.get(head) in {"MilitaryForce", "ArmedGroup"}
        ):
            return "ArmedGroup"
        # the model often tags militias PERSON and organisations GPE: name words win
        if base != "Person" or len(words) > 1:
            for w in (head, *reversed(words[:-1])):
                if w in ORG_HEAD_TYPES and (base != "Person" or w in _STRONG_ORG_WORDS):
                    return ORG_HEAD_TYPES[w]
        # descriptor right after the name: "the Kataib Hezbollah militia", "X, a militia"
        described = _descriptor_type(ent)
        if described and (base in {"Person", "Organization", "Place"}):
            return described
        if base == "Person" and len(words) == 1 and not ent[0].is_title:
            return None
        return base

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        furniture = boilerplate_chars(doc_text(doc))

        def in_furniture(span: Span) -> bool:
            return any(a <= span.start_char < b for a, b in furniture)

        if furniture and "demonyms" in doc.spans:
            doc.spans["demonyms"] = [d for d in doc.spans["demonyms"] if not in_furniture(d)]
        # a name said to be a place anywhere ("the town of Sderot") is a place everywhere
        places = {
            fold(e.text) for e in doc.ents if not e.kb_id_.startswith("gaz:") and _place_cue(e)
        }
        datelines = _dateline_spans(doc)
        dateline_tokens = {t.i for d in datelines for t in d}
        taken = {t.i for e in doc.ents for t in e} | dateline_tokens
        demonym_tokens = {t.i for d in doc.spans.get("demonyms", []) for t in d}
        for ent in doc.ents:
            if in_furniture(ent):
                continue
            if ent.kb_id_.startswith("gaz:"):
                ents.append(ent)
                datelines = [d for d in datelines if not (d.start < ent.end and ent.start < d.end)]
                continue
            if dateline_tokens & {t.i for t in ent}:
                # "GAROWE - Militants": the model ran the dateline into the sentence
                start = ent.start
                while start < ent.end and (start in dateline_tokens or doc[start].is_punct):
                    start += 1
                if ent.end - start < 2:
                    continue  # "GAROWE - Militants seized ...": one capitalised sentence word
                ent = Span(doc, start, ent.end, label=ent.label_)
            site = _named_site(ent)
            if site is not None:
                ents.append(site)
                continue
            etype = self.type_of(ent)
            if etype in {"Person", "Organization"} and fold(ent.text) in places:
                etype = "Place"
            if etype is None:
                continue
            start = ent.start
            if etype == "Person":  # "Mr Blair" is Blair; "Sir Digby Jones" is Digby Jones
                while start < ent.end - 1 and (
                    doc[start].lower_ in HONORIFICS
                    or fold(doc[start].text) in _ETHNO_RELIGIOUS
                    or start in demonym_tokens  # "Malian Tuareg Iyad Ag Ghaly"
                ):
                    start += 1
                start = _given_names_before(doc, start, ent.end, taken)
            span = doc[start : ent.end]
            ents.append(Span(doc, start, ent.end, label=etype, kb_id=name_key(etype, span.text)))
        ents += datelines
        doc.ents = filter_spans(ents + _titled_names(doc, ents) + _named_places(doc, ents))
        return doc


def _given_names_before(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """Where a person's name starts when the model left its first names out:
    "Abdelrahim Hamdan Dagalo" tagged PERSON from "Hamdan" on."""
    while (
        start > 0
        and (prev := doc[start - 1]).dep_ == "compound"
        and start <= prev.head.i < end
        and prev.pos_ == "PROPN"
        and prev.is_title
        and prev.i not in taken
        and prev.lower_.rstrip(".") not in HONORIFICS
        and prev.lower_ not in TITLE_RELATIONS
        and not prev.is_sent_start
    ):
        start -= 1
    return start


def _named_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """Places the model missed but the text names after a place noun: "the northern town
    of Kidal", "the towns of Shire, Axum and Adwa"."""
    taken = {t.i for e in ents for t in e}
    out = []
    for noun in doc:
        if noun.lower_ not in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS or noun.pos_ != "NOUN":
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for name in [pobj, *(c for c in pobj.subtree if c.dep_ == "conj")]:
                    if name.i in taken or name.pos_ != "PROPN" or not name.is_title:
                        continue
                    start = name.i
                    while (
                        start > 0
                        and doc[start - 1].dep_ == "compound"
                        and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title)
                    ):
                        start -= 1
                    if any(t.i in taken for t in doc[start : name.i + 1]):
                        continue
                    span = doc[start : name.i + 1]
                    out.append(
                        Span(
                            doc,
                            start,
                            name.i + 1,
                            label="Place",
                            kb_id=name_key("Place", span.text),
                        )
                    )
    return out


def _titled_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """People the model missed but the text names by title: "Vyacheslav Chornovil, leader
    of the Rukh", "the party's leader, Anna Kovac"."""
    taken = {t.i for e in ents for t in e}
    out = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.i in taken:
            continue
        pairs = [(tok.head, tok), (tok, tok.head)]  # (name head, title) either way round
        for name, title in pairs:
            if title.lower_ not in TITLE_RELATIONS or name.pos_ != "PROPN" or name.i in taken:
                continue
            start = name.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            words = doc[start : name.i + 1]
            if (
                len(words) >= 2
                and all(w.is_title for w in words)
                and not taken & {w.i for w in words}
            ):
                text = words.text
                out.append(
                    Span(doc, start, name.i + 1, label="Person", kb_id=name_key("Person", text))
                )
                taken |= {w.i for w in words}
    return out


#: name words strong enough to overrule a PERSON tag ("Kataib Hezbollah", "Quds Force")
_STRONG_ORG_WORDS = frozenset(
    "hezbollah hizbollah brigade brigades battalion battalions militia front army corps "
    "force forces ministry department party alliance movement organization organisation "
    "university institute agency council committee coalition guard guards".split()
)


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
    root = ent.root
    if len(words) == 1 and root.dep_ == "compound" and root.head.lower_ in _OFFICE_TITLES:
        return True  # "Defense Secretary Michael Fallon"
    return (
        len(words) == 1
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in _OFFICE_TITLES
    )


def _place_cue(ent: Span) -> bool:
    """ "the southern town of Sderot", "fighting in al-Qusayr", "Gezira state", "Bani, in
    northern Yemen", "X, the capital of Y", "in Omdurman and X": a name used as a place."""
    root = ent.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "the departments of Arauca and Norte de Santander"
    if (
        first.dep_ == "pobj"
        and first.head.lower_ in {"of", "for"}
        and first.head.head.lower_ in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS | _SIEGE_NOUNS
        and (first.head.lower_ == "of" or first.head.head.lower_ == "battle")
    ):
        return True  # "the town of X", "the siege of X", "the battle for X"
    if root.dep_ == "appos" and root.head.lower_ in _PLACE_NOUNS:
        return True
    node = root
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if (
        node.dep_ in {"compound", "nmod"}
        and node.head.i > node.i
        and (node.head.lower_ in _PLACE_NOUNS | _PLURAL_PLACE_NOUNS | {"state", "states"})
    ):
        return True  # "Gezira state", "the Menaka and Gao regions"
    if any(
        c.dep_ == "appos" and c.lower_ in _PLACE_NOUNS | _SEAT_NOUNS and c.i > root.i
        for c in root.children
    ):
        return True  # "Wad Madani, the capital of Gezira state"
    if _located_after(ent):
        return True  # "Bani, in northern Yemen"
    if ent.label_ in {"PERSON", "ORG"} and _listed_with_places(ent):
        return True  # "in Omdurman and Khartoum North", "towns including A, B and C"
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ == "department"
        and any(c.lower_ in _COMPASS and c.lower_ != "the" for c in root.head.head.children)
    ):
        return True  # "the southern department of Putumayo"
    if root.dep_ == "dobj" and root.head.lemma_ in {"flee", "leave", "enter", "reach"}:
        return len(ent) <= 3 and ent.label_ in {"PERSON", "ORG"}  # "since fleeing Kibumba"
    if root.dep_ != "pobj" or len(ent) > 3 or ent[0].lower_ in HONORIFICS:
        return False
    prep = root.head.lower_
    if prep in {"to", "into", "from"} and root.head.head.lemma_ in _MOVING_VERBS:
        return True  # "troops were deployed to Nagorno-Karabakh"
    if ent.label_ == "ORG":  # "in Hamas" is membership; "near Laiza" is a place
        return prep in {"near", "outside", "around", "towards", "toward"}
    return (  # a person is rarely "in" or "near" someone
        ent.label_ == "PERSON"
        and prep in _PLACE_PREPS
        and root.head.head.lemma_ not in {"believe", "trust", "confidence", "faith", "interest"}
    )


#: nouns for what a place is to an actor: "X, the headquarters of Y"
_SEAT_NOUNS = frozenset({"headquarters", "stronghold", "hub", "seat", "hometown"})
_PLURAL_PLACE_NOUNS = frozenset(
    "towns cities villages provinces districts regions areas states counties departments "
    "forests islands mountains hills".split()
)
#: events whose "of" names the place they befell: "the siege of X", "the fall of X"
_SIEGE_NOUNS = frozenset("siege fall shelling bombardment recapture liberation battle".split())
#: verbs of movement: where they go to or come from is a place ("deployed to X")
_MOVING_VERBS = frozenset(
    "deploy send travel flee move return go come march advance retreat withdraw enter "
    "leave reach evacuate airlift".split()
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "Place", "Country", "Facility"})
_COMPASS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west the".split()
)


def _place_tokens(doc: Doc) -> set[int]:
    """Tokens of the names the model or the gazetteer gives as places (once per Doc)."""
    key = "actorgraph.place_tokens"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = {t.i for e in doc.ents if e.label_ in _PLACE_LABELS for t in e}
    return found


def _located_after(ent: Span) -> bool:
    """ "Amdjarass, in eastern Chad": a comma, "in", compass words, then a place."""
    doc = ent.doc
    i = ent.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "in":
        return False
    i += 2
    while i < len(doc) and doc[i].lower_ in _COMPASS:
        i += 1
    return i < len(doc) and i in _place_tokens(doc)


def _listed_with_places(ent: Span) -> bool:
    """A name in a list of places under a place preposition or a plural place noun."""
    root = ent.root
    first = root
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first is root and not any(c.dep_ == "conj" for c in root.children):
        return False
    places = _place_tokens(ent.doc)
    members = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.head.i >= first.i)]
    if not any(m.i in places for m in members if m.i not in range(ent.start, ent.end)):
        return False
    head = first.head
    if first.dep_ == "pobj" and head.lower_ in _PLACE_PREPS | {"including", "of", "at"}:
        return head.lower_ != "including" or head.head.lower_ in _PLURAL_PLACE_NOUNS
    return False


#: nouns in apposition that only a person can be: "X, a Tunisian militant"
_PERSON_APPOSITIVES = frozenset(
    "militant commander fighter jihadist man woman citizen national spokesman spokeswoman "
    "official cleric preacher facilitator recruiter bomber gunman financier operative "
    "activist journalist businessman politician lawmaker diplomat lawyer son daughter "
    "brother father mother wife husband".split()
)


def _person_apposition(ent: Span) -> bool:
    """ "Noureddine Chouchane, a Tunisian": a demonym or a person noun in apposition."""
    if len(ent) < 2 or not all(t.is_title for t in ent):
        return False
    for child in ent.root.children:
        if child.dep_ != "appos" or not any(d.lower_ in {"a", "an"} for d in child.children):
            continue
        if child.lower_ in _PERSON_APPOSITIVES or (
            child.text[:1].isupper()
            and child.pos_ in {"PROPN", "NOUN", "ADJ"}
            and not child.text.endswith("s")
            and not any(c.dep_ in {"compound", "amod"} for c in child.children)
        ):
            return True
    return False


#: singular office nouns only a person holds: "its commander, X", "X became president"
_OFFICE_NOUNS = frozenset(
    w
    for w, rel in TITLE_RELATIONS.items()
    if "_" not in w and not w.endswith("s") and w not in {"head", "owner", "member", "publisher"}
)


def _holds_office(ent: Span) -> bool:
    """A name said to hold an office: "the group's commander, X", "X, its spokesman",
    "X became president of Y" (the model often tags such names ORG)."""
    if len(ent) < 2 or not all(t.is_title for t in ent):
        return False
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in _OFFICE_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lower_ in _OFFICE_NOUNS for c in root.children):
        return True
    verb = root.head
    return (
        root.dep_ == "nsubj"
        and verb.lemma_ in {"become", "remain"}
        and any(c.dep_ == "attr" and c.lower_ in _OFFICE_NOUNS for c in verb.children)
    )


#: lowercase nouns that make a name before them a site's name: "the Westgate mall"
_FACILITY_HEADS = frozenset(
    "mall hotel mosque hospital airport stadium prison church shrine museum".split()
)


#: sites only a town has: "the Hammamet beach resort" names the town, not a firm
_TOWN_SITE_NOUNS = frozenset(
    "resort beach suburb district neighbourhood neighborhood outskirts quarter".split()
)


def _named_site(ent: Span) -> Span | None:
    """A one-word name before a site noun: "the Westgate mall" is a facility named with its
    noun; "the Sousse beach resort", a town the model took for a nationality, is a place."""
    doc = ent.doc
    if len(ent) != 1 or not ent[0].text[:1].isupper() or ent[0].lower_ in _ETHNO_RELIGIOUS:
        return None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if (
        (
            ent.label_ in {"LOC", "FAC", "ORG"}
            or (ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ == "the")
        )
        and nxt is not None
        and nxt.lower_ in _FACILITY_HEADS
        and nxt.text.islower()
        and ent[0].head == nxt
    ):
        text = doc[ent.start : ent.end + 1].text
        return Span(doc, ent.start, ent.end + 1, label="Facility", kb_id=name_key("Facility", text))
    town_site = ent[0].head.lower_ in _TOWN_SITE_NOUNS and ent.label_ in {"ORG", "PERSON"}
    if (
        ((ent.label_ == "NORP" and ent[0].head.lower_ in _SITE_NOUNS) or town_site)
        and ent[0].tag_ == "NNP"
        and ent[0].dep_ == "compound"
        and not ent[0].lower_.endswith(("ese", "ian", "ish", "an", "i"))
    ):
        return Span(doc, ent.start, ent.end, label="Place", kb_id=name_key("Place", ent.text))
    return None


#: wire-service slugs that open a line like a dateline: "FACTBOX -", "UPDATE 2-"
_WIRE_SLUGS = frozenset(
    "factbox wrapup insight refile corrected correction timeline explainer graphic "
    "live urgent flash".split()
)
_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})"  # MARIUPOL, GAROWE, TEL AVIV
    r"(?=(?:,[ \t]*[A-Z][\w .'’-]{1,40}?)?[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*[-—–])",
    re.M,
)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once (``doc.text`` joins every token again on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


_TEXT_KEY = "actorgraph.text"


def _dateline_spans(doc: Doc) -> list[Span]:
    """Place names in capitals opening a line before a comma, a dash or "(": "BELEDWEYNE,
    Somalia (Reuters) -", "GAROWE -". The model often misses them or runs them on."""
    out = []
    for m in _DATELINE.finditer(doc_text(doc)):
        name = m.group(1)
        if sum(c.isalpha() for c in name) < 3:
            continue
        span = doc.char_span(m.start(1), m.end(1))
        if span is None or fold(name) in NOT_ACTORS | _NOT_NAMES | _WIRE_SLUGS:
            continue
        out.append(Span(doc, span.start, span.end, label="Place", kb_id=name_key("Place", name)))
    return out


def _dateline(ent: Span) -> bool:
    """A place name in capitals opening a line before a dateline's dash (see ``_DATELINE``)."""
    if not ent.text.isupper():
        return False  # the common case, without building the Doc's text
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    m = _DATELINE.match(text, line_start)
    return m is not None and m.start(1) == ent.start_char and m.end(1) == ent.end_char


def _descriptor_type(ent: Span) -> str | None:
    """Type said by a noun right after the name or in apposition to it."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in DESCRIPTOR_TYPES and nxt.pos_ == "NOUN":
        if nxt.lower_ == "media" and ent.label_ in {"GPE", "LOC", "NORP"}:
            return None  # "Gulf media": the press of a region, not an outlet
        return DESCRIPTOR_TYPES[nxt.lower_]
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lower_ in DESCRIPTOR_TYPES:
            return DESCRIPTOR_TYPES[child.lower_]
    if ent.root.dep_ in {"compound", "nmod"} and ent.root.head.lower_ in DESCRIPTOR_TYPES:
        return DESCRIPTOR_TYPES[ent.root.head.lower_]
    return None


@Language.factory(
    "actor_ruler",
    requires=["doc.ents", "token.is_sent_start"],
    assigns=["doc.ents", "doc.spans"],
    default_config={"gazetteer_paths": []},
)
def make_actor_ruler(nlp: Language, name: str, gazetteer_paths: list[str]) -> ActorRuler:
    return ActorRuler(load_gazetteer(gazetteer_paths))


@Language.factory(
    "actor_typer",
    requires=["doc.ents", "token.dep"],
    assigns=["doc.ents"],
)
def make_actor_typer(nlp: Language, name: str) -> ActorTyper:
    return ActorTyper()
