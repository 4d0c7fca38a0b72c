"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that begins with ``=``, ``+``, ``-`` or
``@`` (and, in some of them, a tab or carriage return before one), so a note such as
``=HYPERLINK("http://…")`` written raw would run when the export is opened (CSV injection,
OWASP). ``safe_cell(value)`` prefixes such text with an apostrophe, which spreadsheets hide and
read as "this is text"; numbers stay numbers. Every CSV Reader writes goes through it.
Must not import Qt.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, with an apostrophe in front when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
