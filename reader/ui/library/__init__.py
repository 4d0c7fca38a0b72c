"""Library: the stored documents in the window.

The controller that adds the Library dock and menu to the window; the dock itself (search,
compare two documents, a document's likely sources and copies); the dialog that edits a
document's title, source, URL and date; file imports off the GUI thread; and the one-thread
``BackgroundRunner`` that library (and corpus) work runs on.
"""
