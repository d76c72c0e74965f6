"""Name links inside one article (a mixin of :class:`~.resolve.ActorResolver`): acronyms
and "also known as" forms the text defines ("Popular Mobilization Forces (PMF)"), bare
surnames and first names of a person named in full ("Getachew" for "Getachew Reda"), and
one name being one actor whatever type the model gave each mention."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .coreference import _MODIFIER_DEPS, _with
from .gazetteer import Gazetteer
from .lexicon import DESCRIPTOR_TYPES, HONORIFICS, ORG_HEAD_TYPES
from .namewords import _GENERIC_NAME_WORDS, _INSURGENT_NAME_WORDS, abbreviates, name_key
from .normalize import fold, is_acronym
from .unionfind import UnionFind

_Clusters = UnionFind[str]
_AKA_WORDS = {"also", "aka", "a.k.a.", "or", "known", "as", "formerly", "alias", "called"}

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _taken(doc: Doc, mentions: list[Span]) -> set[int]:
    """Tokens already inside a mention or a demonym."""
    taken = {t.i for m in mentions for t in m}
    taken.update(t.i for d in doc.spans.get("demonyms", []) for t in d)
    return taken


def _initial(word: str) -> bool:
    """ "V.", "M": a middle initial."""
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


#: labels that are no groups' (a short name of a group is none of these)
_NOT_GROUPS = frozenset({"Person", "Place", "Country", "Facility"})

#: words that say what kind of body a name is, not whose it is ("the Army", "the Front")
_KIND_WORDS = (
    frozenset(ORG_HEAD_TYPES)
    | frozenset(DESCRIPTOR_TYPES)
    | _GENERIC_NAME_WORDS
    | _INSURGENT_NAME_WORDS
    | frozenset("islamic state states republic army armed forces people peoples the".split())
)


def _possessive_mark(tok: Token) -> bool:
    """The "'s" of "Muammar Gaddafi's", which is no part of the name."""
    return tok.tag_ == "POS" or tok.text in {"'s", "’s"}


def _words(span: Span) -> int:
    """Words of a name, not counting glued punctuation ("al-Ata" is two)."""
    return sum(1 for t in span if not t.is_punct)


def _compatible(a: str, b: str) -> bool:
    people = {a == "Person", b == "Person"}
    return len(people) == 1 or a == b or "Organization" in {a, b}


#: kinds of region a place's name may carry: "Nangarhar province" is Nangarhar
_UNIT_WORDS = frozenset("province region state district governorate county territory".split())

#: words that join a body's name to the place it works in: "Mission in Somalia (ATMIS)"
_NAME_LINKS = frozenset({"in", "for", "of", "to"})


def _acronym_owner(doc: Doc, m: Span, acronym: str, ends: dict[int, Span]) -> Span:
    """The mention an acronym in brackets defines: the one right before it, unless that is
    a place too short for the acronym that ends a body's name ("the African Union Transition
    Mission in Somalia (ATMIS)" defines the mission, not Somalia)."""
    if m.label_ not in {"Place", "Country"} or len(acronym) <= len(m) + 1:
        return m
    link = m.start - 1
    while link > 0 and m.start - link <= 3 and doc[link].is_title:
        link -= 1  # "... in Central Africa (UPC)" where the place is only "Africa"
    body = ends.get(link) if link >= 0 and doc[link].lower_ in _NAME_LINKS else None
    if body is None or body.label_ in {"Place", "Country", "Person"}:
        return m
    if acronym[0].lower() != body[0].text[:1].lower():
        return m
    return body


_TRAILING = ".,:;?!\"'”’“)]}»"


def _surface(span: Span) -> str:
    """The name as written, without a possessive or glued punctuation ("ISIS." -> "ISIS").

    Forms that coordinate several names ("Iraqi and U.S. troops") are not names: "".
    """
    text = " ".join(span.text.split())
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if span.label_ == "Facility" and span[-1].lower_ in {"airport", "airfield"}:
        text = text.replace("'s ", " ").replace("’s ", " ")  # "Timbuktu's airport"
    text = text.rstrip(_TRAILING).lstrip("\"'“‘(")
    if any(
        t.lower_ in {"and", "or", "&"} and t.head.dep_ in _MODIFIER_DEPS and t.head.i >= span.start
        for t in span
    ):
        return ""  # "Iraqi and U.S. troops"; not "People's Front for Democracy and Justice"
    return text


class NameLinks:
    """The resolver's name-linking methods."""

    gazetteer: Gazetteer

    _derived_labels: dict[str, str]

    def _defined_aliases(self, doc: Doc, mentions: list[Span], clusters: _Clusters) -> list[Span]:
        """``Name (ACR)``, ``Name (also, Other)``, ``Name, also known as Other``."""
        starts = {m.start: m for m in mentions}
        ends = {m.end: m for m in mentions}
        added: list[Span] = []
        redefined: dict[str, Span] = {}
        relabel: dict[str, str] = {}
        acronyms: dict[str, Span] = {}
        for m in mentions:
            i = m.end
            if i >= len(doc) or doc[i].text not in {"(", ","}:
                continue
            opener = doc[i].text
            j = i + 1
            saw_aka = False
            while j < len(doc) and (doc[j].lower_ in _AKA_WORDS or doc[j].text == ","):
                saw_aka = saw_aka or doc[j].lower_ in _AKA_WORDS
                j += 1
            if opener == "," and not saw_aka:
                continue
            if opener == "," and m.root.dep_ == "pobj" and m.root.head.lower_ == "of":
                continue  # "the main camp of Kony, known as Camp Swahili": the camp's name
            if (
                opener == ","
                and m.root.dep_ == "pobj"
                and m.root.head.lower_ == "in"
                and m.label_ in {"Place", "Country"}
            ):
                continue  # "the UN mission in Congo, known as MONUSCO": the mission's name
            other = starts.get(j)
            if (
                other is not None
                and other.end < len(doc)
                and doc[other.end].text in {")", ",", "."}
            ):
                named = _acronym_owner(doc, m, other.text, ends) if opener == "(" else m
                if (
                    opener == "("
                    and is_acronym(other.text)
                    and other.kb_id_.startswith("gaz:")
                    and not named.kb_id_.startswith("gaz:")
                    and named.label_ not in {"Place", "Country", "Person"}
                    and not self._names_entry(named, other.kb_id_)
                ):
                    # "the Coalition of Patriots for Change (CPC)": the article defines its
                    # acronym; the gazetteer's CPC (China's party) is another actor
                    redefined[other.text] = named
                    continue
                defined = (
                    opener == "("
                    and is_acronym(other.text)
                    and (named is not m or abbreviates(other.text, named))
                )  # "the Kosovo Force (KFOR)": whatever type the model gave each
                if defined or _compatible(named.label_, other.label_):
                    # "the Union for Peace in Central Africa (UPC)": the model's type for
                    # the acronym ("UPC" a place) gives way to the name it abbreviates
                    clusters.union(named.kb_id_, other.kb_id_)
                    if defined:
                        relabel[other.text] = named.label_
                continue
            tok = doc[j] if j < len(doc) else None
            closes = j + 1 < len(doc) and doc[j + 1].text == ")"
            if tok is not None and opener == "(" and closes and is_acronym(tok.text):
                acronyms[tok.text] = _acronym_owner(doc, m, tok.text, ends)
        if acronyms:
            for tok in doc:
                owner = acronyms.get(tok.text)
                if owner is None or any(x.start <= tok.i < x.end for x in mentions):
                    continue
                added.append(Span(doc, tok.i, tok.i + 1, label=owner.label_, kb_id=owner.kb_id_))
            for m in mentions:  # the model may have tagged the acronym itself
                owner = acronyms.get(m.text)
                if owner is not None and m.kb_id_ != owner.kb_id_:
                    clusters.union(owner.kb_id_, m.kb_id_)
        for k, m in enumerate(mentions):
            name = redefined.get(m.text)
            if name is not None:
                mentions[k] = _with(m, kb_id=name.kb_id_, label=name.label_)
            elif m.text in relabel and not m.kb_id_.startswith("gaz:"):
                mentions[k] = _with(m, label=relabel[m.text])
        return added

    def _names_entry(self, name: Span, key: str) -> bool:
        """Whether a name holds the words of a gazetteer entry's name ("Syrian Kurdish
        Democratic Union Party" holds "Democratic Union Party")."""
        entry = self.gazetteer.entries.get(key.removeprefix("gaz:"))
        if entry is None:
            return False
        words = set(fold(name.text).split())
        return any(set(fold(n).split()) <= words for n in (entry.name, *entry.aliases))

    def _missed_surnames(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """ "Joseph Kony" ... "Kony, head of the LRA": a bare surname of a person named in
        full that the model did not tag is a mention of that person too (``_surnames``
        joins it). Only a capitalised proper noun outside every mention, that names
        nothing the gazetteer knows."""
        surnames = {
            m[-1].text
            for m in mentions
            if m.label_ == "Person"
            and len(m) >= 2
            and m[-1].is_title
            and len(m[-1].text) > 2
            and fold(m[-1].text) not in _NAME_SUFFIXES
        }
        if not surnames:
            return []
        taken = _taken(doc, mentions)
        out = []
        for tok in doc:
            if (
                tok.text in surnames
                and tok.i not in taken
                and tok.pos_ == "PROPN"
                and self.gazetteer.lookup(tok.text) is None
                and not (
                    tok.i > 0
                    and doc[tok.i - 1].pos_ == "PROPN"
                    and doc[tok.i - 1].is_title
                    and doc[tok.i - 1].lower_.rstrip(".") not in HONORIFICS  # "Mr Mende"
                )
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")
            ):
                out.append(
                    Span(doc, tok.i, tok.i + 1, label="Person", kb_id=name_key("Person", tok.text))
                )
        return out

    def _missed_repeats(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """A name the model tagged once and missed elsewhere in the article ("the
        Interahamwe ... the Interahamwe"): the same words, capitalised and outside every
        mention, are a mention of the same actor."""
        names: dict[tuple[str, ...], Span] = {}
        for m in mentions:
            words = tuple(t.text for t in m)
            if m.label_ != "Person" and m[0].is_title and len(m.text) > 3 and len(words) <= 4:
                names.setdefault(words, m)
        if not names:
            return []
        taken = _taken(doc, mentions)
        firsts: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(names, key=len, reverse=True):
            firsts.setdefault(words[0], []).append(words)
        texts = [t.text for t in doc]
        out = []
        i, n = 0, len(texts)
        while i < n:
            cands = firsts.get(texts[i])
            if cands is None or i in taken:
                i += 1
                continue
            found = None
            for words in cands:
                j = i + len(words)
                if (
                    j <= n
                    and tuple(texts[i:j]) == words
                    and not any(k in taken for k in range(i, j))
                    and (j == n or doc[j].pos_ != "PROPN" or doc[j].is_sent_start)
                    and (i == 0 or doc[i - 1].pos_ != "PROPN" or doc[i].is_sent_start)
                ):
                    found = names[words]
                    break
            if found is None:
                i += 1
                continue
            out.append(Span(doc, i, i + len(found), label=found.label_, kb_id=found.kb_id_))
            i += len(found)
        return out

    def _surnames(self, mentions: list[Span], clusters: _Clusters) -> None:
        """A bare surname joins the person named in full in the same article."""
        full: dict[str, str] = {}
        prefixes: dict[str, set[str]] = {}
        bearers: dict[str, set[str]] = {}  # surname -> the people named in full with it
        times = Counter(m.kb_id_ for m in mentions)
        for m in mentions:
            words = [t.text for t in m if not t.is_punct and not _possessive_mark(t)]
            while len(words) > 2 and words[-1].rstrip(".").lower() in _NAME_SUFFIXES:
                words.pop()  # "Lloyd J. Austin III" -> Austin
            if m.label_ == "Person" and len(words) >= 2:
                full.setdefault(fold(words[-1]), m.kb_id_)
                if sum(w.lower().rstrip(".") not in HONORIFICS for w in words) >= 2:
                    bearers.setdefault(fold(words[-1]), set()).add(m.kb_id_)  # not "Col X"
                if len(words) >= 3 and not _initial(words[-2]):
                    # "Andres Manuel Lopez Obrador" ... "Lopez Obrador"
                    full.setdefault(fold(" ".join(words[-2:])), m.kb_id_)
                full.setdefault(fold(m[-1].text if m[-1].text != "-" else words[-1]), m.kb_id_)
                if len(words) >= 3 and fold(words[-2]) in {"al", "el"}:
                    full.setdefault(fold(" ".join(words[-2:])), m.kb_id_)
                # "Getachew Reda" ... "Getachew", "Hassan Sheikh Mohamud" ... "Hassan
                # Sheikh": names that go by their first words, when no one else shares them
                given = [w for w in words if w.lower().rstrip(".") not in HONORIFICS]
                for k in range(1, len(given)):
                    prefixes.setdefault(fold(" ".join(given[:k])), set()).add(m.kb_id_)
                # a kunya stands for its bearer: "Baha Abu al-Ata" ... "Abu al-Ata"
                for k, w in enumerate(words[1:-1], 1):
                    if fold(w) in {"abu", "umm"}:
                        full.setdefault(fold(" ".join(words[k:])), m.kb_id_)
                        break
        for m in mentions:
            # the model takes an unknown surname for a place
            # ("Ounissi denied ..."), or for a group ("Touadéra"); a name the gazetteer
            # knows keeps its entry
            unknown_word = m.kb_id_.startswith("name:") and len(m) == 1
            if (m.label_ not in {"Person", "Organization"} and not unknown_word) or _words(m) > 3:
                continue
            key = full.get(fold(m.text))
            named = bearers.get(fold(m.text), set())
            if len({clusters.find(k) for k in named}) == 1:
                key = min(named)  # "Ahmed Karim Hamdani (also, Abu Yasser al-Hamdani)": one man
            elif len(named) > 1:
                # "Gaddafi" for Muammar Gaddafi, named far more than his son Khamis Gaddafi;
                # none for "Khan" beside Imran Khan and Muhammad Ijaz Khan, named alike
                ranked = sorted(named, key=lambda k: times[k], reverse=True)
                if times[ranked[0]] < 2 * times[ranked[1]]:
                    continue
                key = ranked[0]
            if (
                key is None
                and (m.label_ == "Person" or unknown_word)  # "Prayuth" tagged GPE
                and m[0].lower_.rstrip(".") not in HONORIFICS
            ):
                owners = prefixes.get(fold(m.text), set()) - {m.kb_id_}
                key = next(iter(owners)) if len(owners) == 1 else None
            if key and key != m.kb_id_ and not (m.label_ == "Organization" and len(m) > 1):
                clusters.union(key, m.kb_id_)

    def _initialled_names(self, mentions: list[Span], clusters: _Clusters) -> None:
        """ "Vladimir V. Putin" and "Vladimir Putin", "Robert M. Gates" and "Robert Gates":
        a middle initial makes no other person."""
        plain: dict[str, str] = {}
        initialled: list[tuple[str, Span]] = []
        for m in mentions:
            if m.label_ != "Person":
                continue
            words = [t.text for t in m if not t.is_punct or t.text == "."]
            joined = " ".join(words).replace(" .", ".").split()
            kept = [w for w in joined if not _initial(w)]
            if len(kept) < 2:
                continue
            if len(kept) < len(joined) and not _initial(joined[0]):
                if m.kb_id_.startswith("name:"):  # a known name keeps its entry
                    initialled.append((fold(" ".join(kept)), m))
            else:
                plain.setdefault(fold(" ".join(kept)), m.kb_id_)
        for key, m in initialled:
            if key in plain and plain[key] != m.kb_id_:
                clusters.union(plain[key], m.kb_id_)

    def _short_group_names(self, mentions: list[Span], clusters: _Clusters) -> None:
        """ "the Tigers" for "the Liberation Tigers of Tamil Eelam", "Wagner" for "the Wagner
        Group": a one-word group name that is a word of exactly one longer group name in the
        article, and says whose the group is rather than what kind it is."""
        longer: dict[str, set[str]] = {}
        people = {fold(t.text) for m in mentions if m.label_ == "Person" for t in m}
        said = Counter(clusters.find(m.kb_id_) for m in mentions)
        for m in mentions:
            if m.label_ in _NOT_GROUPS or _words(m) < 2:
                continue
            for t in m:
                if t.is_title and not t.is_punct:
                    longer.setdefault(fold(t.text), set()).add(m.kb_id_)
        for m in mentions:
            if (
                _words(m) != 1
                or m.label_ in _NOT_GROUPS
                or not m.kb_id_.startswith("name:")
                or not m[0].is_title
            ):
                continue
            word = fold(m[0].text)
            owners = longer.get(word, set()) - {m.kb_id_}
            if len(owners) > 1:  # "the Tigers" beside "the Sea Tigers": the group named most
                ranked = sorted(owners, key=lambda k: said[clusters.find(k)], reverse=True)
                top, second = said[clusters.find(ranked[0])], said[clusters.find(ranked[1])]
                owners = {ranked[0]} if top >= 2 * second else owners
            if len(owners) == 1 and word not in _KIND_WORDS | people and len(word) > 2:
                # (not a person's name the model took for a group's: "Guzman")
                clusters.union(next(iter(owners)), m.kb_id_)

    def _same_names(self, mentions: list[Span], clusters: _Clusters) -> None:
        """One name is one actor in an article, whatever type the model gave each mention
        ("Edinburgh" tagged GPE twice and PERSON once); the type is voted later."""
        first: dict[str, str] = {}
        for m in mentions:
            if not m.kb_id_.startswith("name:") or m.kb_id_ in self._derived_labels:
                continue
            name = fold(_surface(m))
            if m.label_ == "Place" and len(name.split()) > 1 and name.split()[-1] in _UNIT_WORDS:
                name = name.rsplit(" ", 1)[0]  # "Nangarhar province" is Nangarhar
            if not name:
                continue
            if name in first:
                clusters.union(first[name], m.kb_id_)
            else:
                first[name] = m.kb_id_
