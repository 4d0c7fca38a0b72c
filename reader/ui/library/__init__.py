"""Library: the stored documents in the window.

The controller that adds the Library dock and menu to the window; the dock itself (search,
compare two documents, a document's likely sources and copies); the dialog that edits a
document's title, source, URL and date; and file imports off the GUI thread. Library and
corpus work runs on the window-wide ``reader.ui.tasks.TaskRunner`` (one private thread each).
"""
