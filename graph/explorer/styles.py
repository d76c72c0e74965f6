"""How the page draws actors and relations: a colour and shape per type, a colour per family."""

from __future__ import annotations

from typing import Any

__all__ = ["FAMILY_COLORS", "RELATION_FAMILIES", "TYPE_STYLES"]

#: ontology class -> (fill colour, vis-network shape); label-outside shapes only,
#: so that the node size shows importance.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Country": ("#59a14f", "hexagon"),
    "ArmedGroup": ("#e15759", "triangle"),
    "MilitaryForce": ("#f28e2b", "triangleDown"),
    "GovernmentBody": ("#76b7b2", "square"),
    "PoliticalGroup": ("#b07aa1", "diamond"),
    "Coalition": ("#edc948", "star"),
    "InternationalOrganization": ("#9c755f", "hexagon"),
    "MediaOrganization": ("#ff9da7", "square"),
    "Organization": ("#a0a4ad", "diamond"),
    "Place": ("#8cd17d", "dot"),
    "Facility": ("#499894", "square"),
    "Weapon": ("#79706e", "triangle"),
}
_OTHER_TYPE_STYLE = ("#c0c4cc", "dot")
#: extra vis-network options of an ego page's central actor.
_CENTRE_STYLE: dict[str, Any] = {
    "borderWidth": 5,
    "borderWidthSelected": 6,
}

#: relation family -> relations, in display order.
RELATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "structure": ("partOf", "memberOf", "leaderOf", "affiliatedWith"),
    "alignment": ("backedBy", "alliedWith", "opposes", "fightsAgainst"),
    "actions": ("attacked", "threatened", "accused", "condemned", "sanctioned", "trained"),
    "geography": ("locatedIn", "presentIn"),
}
FAMILY_COLORS: dict[str, str] = {
    "structure": "#4c6ef5",
    "alignment": "#9c36b5",
    "actions": "#e03131",
    "geography": "#868e96",
    "other": "#495057",
}
_FAMILY_OF = {rel: fam for fam, rels in RELATION_FAMILIES.items() for rel in rels}
_RELATION_ORDER = {rel: i for i, rel in enumerate(_FAMILY_OF)}
_TYPE_ORDER = {name: i for i, name in enumerate(TYPE_STYLES)}


def _family(relation: str) -> str:
    """The relation family of ``relation`` (``other`` when not in the ontology)."""
    return _FAMILY_OF.get(relation, "other")


def _shade(color: str, factor: float) -> str:
    """``color`` (``#rrggbb``) darkened by ``factor`` (0..1)."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1.0 - factor)):02x}" for c in rgb)
