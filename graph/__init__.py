"""Article files -> one RDF graph of actors and facts, and its uses: a package per stage."""
