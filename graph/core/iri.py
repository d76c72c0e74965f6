"""The one place where IRIs are minted.

Every IRI comes from a normalised key, never from raw text, so the same input
always gives the same IRI and no article text can break out of an IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/actorgraph/id/"

_SLUG_BAD = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 60) -> str:
    """A lowercase ASCII slug: ``Kata'ib Hizbollah`` -> ``kataib-hizbollah``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("'", "").replace("’", "")
    text = _SLUG_BAD.sub("-", text).strip("-")
    return text[:max_len].strip("-") or "x"


def _digest(*parts: str, n: int = 10) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:n]


def check_base(base: str) -> str:
    """Validate a base IRI given by the user; it must end with ``/`` or ``#``."""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]$", base):
        raise ValueError(
            f"base IRI {base!r} must be an absolute IRI ending in '/' or '#', e.g. {DEFAULT_BASE}"
        )
    return base


def entity_iri(base: str, key: str) -> URIRef:
    """IRI of an entity from its resolution key (see ``LocalEntity.key``).

    Gazetteer entries keep their readable id (``entity/kataib-hezbollah``); other
    entities get a slug of their normalised name plus a short hash of the full key,
    so two keys that slug alike still get two IRIs.
    """
    kind, _, rest = key.partition(":")
    if kind == "gaz":
        return URIRef(f"{base}entity/{slug(rest)}")
    name = rest.rsplit(":", 1)[-1]
    return URIRef(f"{base}entity/{slug(name)}-{_digest(key, n=8)}")


def article_iri(base: str, sha256: str) -> URIRef:
    """IRI of an article, from its content hash (renaming a file keeps its IRI)."""
    return URIRef(f"{base}article/{sha256[:16]}")


def fact_iri(base: str, subject: str, relation: str, obj: str) -> URIRef:
    """IRI of a reified fact, from its subject and object IRIs and relation."""
    return URIRef(f"{base}fact/{_digest(subject, relation, obj, n=16)}")


def evidence_iri(
    base: str, fact: str, article_sha: str, start: int, end: int, extractor: str
) -> URIRef:
    """IRI of one piece of evidence for a fact."""
    return URIRef(
        f"{base}evidence/{_digest(fact, article_sha, str(start), str(end), extractor, n=16)}"
    )
