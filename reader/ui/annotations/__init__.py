"""Annotations: the reader's notes on passages of the open pair, stored in the database.

The controller that adds the Annotations dock, menu and marks to the window (its ``display``
mixin draws the marks and the sidebar rows and jumps to one); the dialog that
writes or edits one annotation; the sidebar that lists and filters them; the overlay that draws
them in the reading panes; the undoable add/edit/delete commands; and Export/Import of all
stored annotations.
"""
