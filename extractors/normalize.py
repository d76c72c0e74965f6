"""Name normalisation: one key for the many spellings of one name.

``fold("Kata’ib Hizbollah") == fold("Kataib Hezbollah") == "kataib hezbollah"``
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "ʼ": "'"})

# Transliteration variants of Arabic/Persian name parts common in English news.
# Each pattern maps every spelling seen in the wild to one folded form.
_TRANSLIT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pat})\b"), rep)
    for pat, rep in (
        (r"hizb[ou]ll?ah|hizball?ah|hezb[ou]ll?ah|hezball?ah", "hezbollah"),
        (r"kata[ei]?b|ketaib|kataeb|kateb", "kataib"),
        (r"asa[ei]b|asaeb", "asaib"),
        (r"moh[ae]ndes|muhandis|mohandis|muhandes", "muhandis"),
        (r"qa[ei]da|qaida", "qaeda"),
        (r"moqtada|muqtada|moktada|muqtadah", "muqtada"),
        (r"qass?[ei]m|qasim|ghasem", "qasem"),
        (r"s[ou]leimani|suleymani", "soleimani"),
        (r"mo?hamm?[ae]d|muhamm?[ae]d", "mohammed"),
        (r"abd[ue]l|abd al", "abdul"),
        (r"shaabi|sha'abi|shaabi", "shaabi"),
        (r"mobili[sz]ation", "mobilization"),
        (r"organi[sz]ation", "organization"),
        (r"defen[cs]e", "defense"),
        (r"nujab[aa]h?", "nujaba"),
        (r"da[e']?esh|daish", "daesh"),
        (r"hashd|hashid|hachd|hached|hashed", "hashd"),
        (r"irbil|arbil", "erbil"),
        (r"bagdad", "baghdad"),
        (r"shabaa?b", "shabab"),
        (r"[gkq]h?add?h?af[iy]", "gaddafi"),
    )
)

_ARTICLE = re.compile(r"^(?:the|a|an) ")
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ABBREV_DOT = re.compile(r"(?<=\b[A-Za-z])\.")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold a name to its matching key: case, accents, quotes, dots, variants.

    Keeps word boundaries (``al-Sadr`` -> ``al sadr``) so multi-word matching
    stays token-aligned. Drops a leading article and a trailing possessive.
    """
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _ABBREV_DOT.sub("", text)  # U.S. -> US
    text = text.lower()
    text = _POSSESSIVE.sub("", text.strip())
    text = text.replace("'", "")  # kata'ib -> kataib
    text = _NON_ALNUM.sub(" ", text).strip()
    text = _ARTICLE.sub("", text)
    for pat, rep in _TRANSLIT:
        text = pat.sub(rep, text)
    return text


def strip_possessive(text: str) -> str:
    """``Iran’s`` -> ``Iran``; other text unchanged."""
    return re.sub(r"\s*['’]s?$", "", text) if re.search(r"\w['’]s?$", text) else text


def is_acronym(text: str) -> bool:
    """Short all-capitals names (``KH``, ``U.S.``, ``IS``) that must match case-sensitively."""
    letters = text.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 5 and letters.isupper() and letters.isalpha()


def acronym_of(words: list[str]) -> str:
    """Initials of the capitalised words: ``Popular Mobilization Forces`` -> ``PMF``."""
    return "".join(w[0] for w in words if w[:1].isupper())


#: words of names every state gives its own bodies: "Foreign Ministry", "Parliament",
#: "the National Assembly", "Republican Guard", "Ministry of Foreign Affairs"
_STATE_BODY_WORDS = frozenset(
    "the of and for foreign defence defense interior home health finance justice information "
    "affairs security economy trade education energy oil culture ministry department council "
    "committee agency office parliament police army military government cabinet court senate "
    "assembly national federal supreme general intelligence armed forces force air navy "
    "presidency presidential republican guard house representatives state public central "
    "bank high commission ministries".split()
)


def is_generic_name(name: str) -> bool:
    """A name any state's body may bear ("Foreign Ministry", "foreign ministry",
    "Parliament"): it never identifies one actor across articles."""
    words = _plain_words(name)
    return bool(words) and all(w in _STATE_BODY_WORDS for w in words)


#: titles and honorifics that may stand before a person's one name: "Sir John", "Mr Brown"
_HONORIFIC_WORDS = frozenset(
    "mr mrs ms miss dr sir dame lord lady gen general col lt maj capt sgt adm sheikh "
    "ayatollah president minister secretary senator sen gov rep prof".split()
)


def bare_name(name: str) -> bool:
    """A person's name of one word once titles are set aside ("Brown", "Mr Brown", "Sir
    John"): it may name someone else in another article."""
    words = [w for w in _plain_words(name) if w not in _HONORIFIC_WORDS]
    return len(words) < 2


_WORD = re.compile(r"[a-z0-9]+")


def _plain_words(name: str) -> list[str]:
    """Lowercase words of a name, without ``fold``'s cache (the merge calls these on every
    name of every article: a cache there would grow with the vocabulary)."""
    return _WORD.findall(name.lower())
