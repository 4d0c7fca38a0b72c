"""OffsetMap: Python offsets ↔ Qt positions, checked against a real QTextDocument."""

import pytest

from reader.ui.reading.offsets import OffsetMap

TEXTS = [
    "plain ascii text\nwith two lines",
    "Windows\r\nline\r\nendings\r\n",
    "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP",
    "mixed 😀\r\nboth 🎉 kinds\r\n\r\nend",
    "lone\rcarriage return and é accents",
]


def test_plain_text_is_the_identity():
    m = OffsetMap("hello\nworld")
    assert [m.to_qt(i) for i in range(12)] == list(range(12))
    assert [m.from_qt(i) for i in range(12)] == list(range(12))


def test_crlf_takes_one_position_and_astral_two():
    m = OffsetMap("a\r\nb😀c")
    # a=0 \r=1 \n=2 b=3 😀=4 c=5 end=6 ; Qt: a=0 sep=1 b=2 😀=3,4 c=5 end=6
    assert [m.to_qt(i) for i in range(7)] == [0, 1, 1, 2, 3, 5, 6]
    assert m.qt_length == 6
    assert m.from_qt(5) == 5 and m.from_qt(2) == 3 and m.from_qt(6) == 6


def test_out_of_range_is_clamped():
    m = OffsetMap("ab😀")
    assert m.to_qt(-5) == 0 and m.to_qt(99) == 4
    assert m.from_qt(-1) == 0 and m.from_qt(99) == 3


@pytest.mark.parametrize("text", TEXTS)
def test_matches_qt_document(qapp, text):
    from PySide6.QtGui import QTextCursor, QTextDocument

    document = QTextDocument()
    document.setPlainText(text)
    m = OffsetMap(text)
    assert m.qt_length == document.characterCount() - 1
    for i, ch in enumerate(text):
        if ch in "\r\n":
            continue
        q = m.to_qt(i)
        cursor = QTextCursor(document)
        cursor.setPosition(q)
        cursor.setPosition(q + (2 if ord(ch) > 0xFFFF else 1), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == ch, (i, ch)
        assert m.from_qt(q) == i


def test_long_lines_are_cut_for_display_and_offsets_follow():
    import random

    from reader.ui.reading.offsets import DISPLAY_LINE_CHARS, display_text

    rnd = random.Random(3)
    for _ in range(200):
        text = "".join(rnd.choice(["a", "b c", "\n", "\r\n", "😀", "x" * rnd.randint(0, 2500), "word " * 300])
                       for _ in range(rnd.randint(0, 20)))
        shown = display_text(text)
        assert all(len(line) <= DISPLAY_LINE_CHARS + 1 for line in shown.split("\n"))  # + a "\r"
        qt = []  # what Qt counts: UTF-16 units, "\r\n" as one separator
        for ch in shown.replace("\r\n", "\n"):
            qt += [ch, ""] if ord(ch) > 0xFFFF else [ch]
        offsets = OffsetMap(text)
        assert offsets.qt_length == len(qt)
        for i, ch in enumerate(text):
            if ch not in "\r\n":
                assert qt[offsets.to_qt(i)] == ch and offsets.from_qt(offsets.to_qt(i)) == i
