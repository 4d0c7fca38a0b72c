"""SQLite storage (sqlite-utils): documents, annotations, search. Must not import Qt."""
