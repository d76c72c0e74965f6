"""Article files -> a build folder: read, NLP (here, workers or Dask), cache, merge, write."""

from .options import BuildOptions, BuildSummary
from .run import build, build_files
from .write import write_outputs

__all__ = ["BuildOptions", "BuildSummary", "build", "build_files", "write_outputs"]
