"""Themes: the desktop's own colours, or a light, dark or high-contrast palette chosen in View ▸ Theme.

Every colour the window paints derives from the application palette: the stylesheet uses Qt's
``palette(role)`` in place of colours, the passage tints mix each kind's colour into the
palette's text background (``mix`` and ``background``), and the charts of the corpus overview
take their greys from the palette too. So a dark desktop theme gives dark tints under light
text, never light text on near-white tints.

``apply_theme(name)`` sets the palette ("system" puts back the one Qt started with) and the
Fusion style for the palettes of our own (the platform styles may ignore a palette), then
re-applies the stylesheet so ``palette(…)`` is resolved again. ``$READER_THEME`` picks the
theme at start-up (``reader screenshot --theme`` sets it). Must not import reader.storage.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK, HIGH_CONTRAST = "system", "light", "dark", "high-contrast"
THEMES = (SYSTEM, LIGHT, DARK, HIGH_CONTRAST)
LABELS = {SYSTEM: "&System", LIGHT: "&Light", DARK: "&Dark", HIGH_CONTRAST: "&High Contrast"}
THEME_ENV = "READER_THEME"

#: Lightness (0-255) under which a background counts as dark: the middle of the scale.
DARK_BELOW = 128

# role -> colour for each palette of our own. Dark: the greys of common dark desktop themes
# (text 87% white on #1f2329); high contrast: pure black and white with yellow selection,
# as the Windows and GNOME high-contrast themes do.
_PALETTES = {
    LIGHT: {"Window": "#eff0f2", "WindowText": "#1f2933", "Base": "#ffffff", "AlternateBase": "#f4f5f7",
            "Text": "#1f2933", "Button": "#eff0f2", "ButtonText": "#1f2933", "Highlight": "#2f6fd0",
            "HighlightedText": "#ffffff", "ToolTipBase": "#ffffdc", "ToolTipText": "#1f2933",
            "PlaceholderText": "#66707a", "Link": "#1f5fbf", "Light": "#ffffff", "Midlight": "#e4e7eb",
            "Mid": "#c5cad1", "Dark": "#9aa1aa", "Shadow": "#5c636b", "BrightText": "#ffffff"},
    DARK: {"Window": "#2a2e35", "WindowText": "#e3e5e8", "Base": "#1f2329", "AlternateBase": "#262a31",
           "Text": "#e3e5e8", "Button": "#33383f", "ButtonText": "#e3e5e8", "Highlight": "#4c8fe8",
           "HighlightedText": "#0b0d10", "ToolTipBase": "#33383f", "ToolTipText": "#e3e5e8",
           "PlaceholderText": "#9aa1aa", "Link": "#7fb2ff", "Light": "#4a5058", "Midlight": "#3b4048",
           "Mid": "#4f555e", "Dark": "#15181c", "Shadow": "#000000", "BrightText": "#ffffff"},
    HIGH_CONTRAST: {"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#141414",
                    "Text": "#ffffff", "Button": "#000000", "ButtonText": "#ffffff", "Highlight": "#ffff00",
                    "HighlightedText": "#000000", "ToolTipBase": "#000000", "ToolTipText": "#ffffff",
                    "PlaceholderText": "#d0d0d0", "Link": "#00ffff", "Light": "#ffffff", "Midlight": "#c0c0c0",
                    "Mid": "#a0a0a0", "Dark": "#808080", "Shadow": "#ffffff", "BrightText": "#ffff00"},
}
#: Disabled text in our palettes: readable, but plainly greyed.
_DISABLED_TEXT = {LIGHT: "#9aa1aa", DARK: "#6b727b", HIGH_CONTRAST: "#8c8c8c"}

_started_with: dict = {}


def palette_for(name: str) -> QPalette:
    """The palette of theme ``name`` (one of ours; "system" is the one Qt started with)."""
    if name not in _PALETTES:
        return QPalette(_started_with.get("palette", QGuiApplication.palette()))
    palette = QPalette()
    for role, colour in _PALETTES[name].items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[name]))
    return palette


def apply_theme(name: str) -> str:
    """Use theme ``name`` in the whole application (an unknown name means "system"); returns it."""
    app = QApplication.instance()
    name = name if name in THEMES else SYSTEM
    if not _started_with:
        _started_with.update(palette=QPalette(app.palette()), style=app.style().name(), applied=SYSTEM)
    if name == _started_with["applied"]:
        return name  # already in use: a new window must not restyle the whole application
    _started_with["applied"] = name
    if name == SYSTEM:
        app.setStyle(_started_with["style"])
    else:
        app.setStyle("Fusion")  # the one style that draws every control from the palette
    app.setPalette(palette_for(name))
    app.setStyleSheet(app.styleSheet())  # re-resolve the stylesheet's palette(…) colours
    return name


def startup_theme(saved: str | None) -> str:
    """``$READER_THEME`` if set, else the saved choice, else "system"."""
    return os.environ.get(THEME_ENV) or saved or SYSTEM


def background(palette: QPalette | None = None) -> QColor:
    """The colour text is read on: what passage tints are mixed into."""
    return (palette or QApplication.palette()).color(QPalette.ColorRole.Base)


def is_dark(palette: QPalette | None = None) -> bool:
    return background(palette).lightness() < DARK_BELOW


def mix(colour: QColor, into: QColor, amount: float) -> QColor:
    """``colour`` mixed into ``into``: ``amount`` 0 gives ``into``, 1 gives ``colour``."""
    return QColor(round(into.red() + (colour.red() - into.red()) * amount),
                  round(into.green() + (colour.green() - into.green()) * amount),
                  round(into.blue() + (colour.blue() - into.blue()) * amount))


def readable_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (for figures printed on a chart cell)."""
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")
