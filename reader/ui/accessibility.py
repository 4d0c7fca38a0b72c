"""What assistive technology hears: names and descriptions of the window's parts, passages announced.

``name_window_parts(window)`` gives the panes, the link map, the lists, the filters and the
icon-only buttons an accessible name and description (Qt gives a widget none by itself, and a
screen reader then says only "text" or "table"). ``describe_passage(alignment, i)`` is the one
sentence a passage is announced with — number, kind, score, shared words — used by the status
bar too; ``announce(widget, text)`` puts it in the widget's accessible description and tells
assistive technology it changed. Widgets are looked up by the attributes ``MainWindow`` and its
controllers already expose; a part that is absent (no database: no library) is skipped.
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from reader.ui.reading import kind_style


def describe_passage(alignment, index: int) -> str:
    m = alignment.matches[index]
    return (f"Passage {index + 1} of {len(alignment.matches)}: {kind_style.LABELS.get(m.kind, m.kind).lower()}, "
            f"score {m.score:.2f}, {m.shared_words} shared words")


def announce(widget: QWidget, text: str) -> None:
    """Set ``widget``'s accessible description to ``text`` and tell assistive technology."""
    widget.setAccessibleDescription(text)
    if QAccessible.isActive():  # building the event costs nothing when no reader listens, but skip it
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))


def _name(widget: QWidget | None, name: str, description: str = "") -> None:
    if widget is not None:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)


def name_panes(window) -> None:
    """The panes by side and title (called whenever a document changes)."""
    for side, pane in window.panes.items():
        document = pane.document
        title = document.title if document is not None else "no document"
        _name(pane.view, f"Document {side.upper()}: {title}",
              "Shared passages are marked by kind: verbatim, edited, paraphrase, quote. "
              "F7 and Shift+F7 select the next and previous passage.")


def describe_link_map(window, alignment) -> None:
    count = len(alignment.matches) if alignment is not None else 0
    announce(window.link_map, f"{count} bands link the passages of A to their counterparts in B; "
                              "select a passage to follow its band" if count else "No passages to link")


def name_window_parts(window) -> None:
    name_panes(window)
    _name(window.link_map, "Links between A and B")
    describe_link_map(window, None)
    _name(window.summary_bar.message, "Verdict and shares")
    _name(window.legend, "Legend", "Verbatim: solid underline; edited: dashed; paraphrase: wavy; quote: dotted. "
                                   "Strong tint: identical words; pale tint: changed words.")
    passages = window.passage_dock
    _name(passages.table, "Passages", "Every shared passage with its kind, score and excerpts; "
                                      "Enter or a click selects it in both panes")
    for kind, box in passages.filters.items():
        _name(box, f"Show {kind_style.LABELS[kind].lower()} passages", kind_style.describe(kind))
    panel = window.settings_panel
    _name(panel.min_chars, "Shortest passage shown")
    _name(panel.looseness, "How loose a paraphrase may be")
    library = getattr(window.library, "dock", None)
    if library is not None:
        _name(library.search, "Search the library")
        _name(library.documents, "Library documents", "Stored documents with their file or site and date")
        _name(library.ranking, "Likely sources and copies of the selected document")
    annotations = getattr(window.annotations, "sidebar", None)
    if annotations is not None:
        _name(getattr(annotations, "list", None), "Annotations")
        for attribute, name in (("document_combo", "Show the annotations of"), ("tag_combo", "Filter by tag"),
                                ("colour_combo", "Filter by colour"), ("verdict_combo", "Filter by verdict"),
                                ("search_edit", "Search the annotations")):
            _name(getattr(annotations, attribute, None), name)
    # Icon-only buttons say what they do, not nothing.
    for button in window.findChildren(QAbstractButton):
        if not button.accessibleName() and not button.text() and button.toolTip():
            button.setAccessibleName(button.toolTip())
