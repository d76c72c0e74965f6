"""The command line -> the stages: ``actorgraph COMMAND`` parses options, calls them, reports."""

from .main import main

__all__ = ["main"]
