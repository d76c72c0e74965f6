"""``python -m actorgraph.graph.cli``: the ``actorgraph`` command."""

from .main import main

main()
