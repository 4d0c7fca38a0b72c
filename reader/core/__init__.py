"""Pure text-reuse logic: documents, text, alignment, corpus, evaluation. Must not import Qt."""
