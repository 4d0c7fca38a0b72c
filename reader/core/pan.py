"""Reading a PAN 2013 text-alignment corpus folder (such as ``shared/pan13-train``).

Contract: the same gold as ``shared/eval/pan_to_gold.py``. A corpus folder holds ``src/``, ``susp/``
and subsets (folders whose name starts with two digits, e.g. ``02-no-obfuscation``), each with a
``pairs`` file (one ``susp src`` line per pair) and one XML per pair whose
``<feature name="plagiarism">`` elements are the reuse cases. A gold pair names its documents
relative to the corpus folder: ``a = "src/<src>"``, ``b = "susp/<susp>"``; so the engine reads the
source as side A and the suspicious document as side B.
Errors (a missing folder, an unknown or ambiguous subset, a malformed line or XML) raise
``PanError``, a ``ValueError`` whose message is one line naming the file. Must not import Qt.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from reader.core.evaluate import Case, GoldPair, normalize
from reader.core.inputfiles import excerpt, one_line, read_text_file


class PanError(ValueError):
    """A PAN corpus folder, subset or file that cannot be read; one-line message naming it."""


def pan_names(susp: str, src: str) -> tuple[str, str]:
    """Side A and side B names, relative to the corpus folder, of a ``susp src`` pair."""
    return f"src/{src}", f"susp/{susp}"


def list_subsets(root: str | Path) -> list[str]:
    root = Path(root)
    if not root.is_dir():
        raise PanError(f"{root}: {'no such folder' if not root.exists() else 'is not a folder'}")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name[:2].isdigit())


def resolve_subsets(root: str | Path, names: list[str] | None = None) -> list[str]:
    """Subset folder names for ``names`` (each a full name or a unique prefix such as ``02``).

    No names means every subset of the corpus.
    """
    available = list_subsets(root)
    if not available:
        raise PanError(f"{root}: no PAN subsets (folders named like 02-no-obfuscation) in this folder")
    if not names:
        return available
    chosen: list[str] = []
    for name in names:
        if name in available:
            found = name
        else:
            candidates = [s for s in available if s.startswith(name)]
            if len(candidates) != 1:
                problem = "matches several subsets" if candidates else "is no subset"
                raise PanError(f"{root}: '{name}' {problem} (subsets: {', '.join(available)})")
            found = candidates[0]
        if found not in chosen:
            chosen.append(found)
    return chosen


def read_pairs_file(path: str | Path) -> list[tuple[int, str, str]]:
    """``(line number, susp, src)`` for each non-blank line of a PAN ``pairs`` file."""
    path = Path(path)
    try:
        text = read_text_file(path, "a pairs file")
    except ValueError as exc:
        raise PanError(str(exc)) from None
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 2:
            raise PanError(one_line(f"{path}: line {number}: expected 'suspicious-file source-file', "
                                    f"got {excerpt(line)}"))
        out.append((number, fields[0], fields[1]))
    return out


def _int_attr(element: ET.Element, name: str) -> int:
    """The integer attribute ``name``: TypeError when it is missing, ValueError when not an integer
    (what ``int(element.get(name))`` raises)."""
    value = element.get(name)
    if value is None:
        raise TypeError(f"no attribute {name!r}")
    return int(value)


def read_cases(xml_path: str | Path) -> tuple[Case, ...]:
    """The reuse cases of one pair's XML, source side as A, suspicious side as B."""
    try:
        root = ET.parse(xml_path).getroot()
    except FileNotFoundError:
        raise PanError(f"{xml_path}: no such file (every line of 'pairs' needs its XML)") from None
    except (ET.ParseError, OSError) as exc:
        raise PanError(f"{xml_path}: not readable XML: {exc}") from None
    cases = []
    for f in root.iter("feature"):
        if f.get("name") != "plagiarism":
            continue
        try:
            so, sl = _int_attr(f, "source_offset"), _int_attr(f, "source_length")
            to, tl = _int_attr(f, "this_offset"), _int_attr(f, "this_length")
        except (TypeError, ValueError):
            raise PanError(f"{xml_path}: a plagiarism feature lacks integer offsets or lengths") from None
        case = Case(normalize([(so, so + sl)]), normalize([(to, to + tl)]), f.get("obfuscation") or f.get("type"))
        if not case.a and not case.b:
            raise PanError(f"{xml_path}: a plagiarism feature covers no characters")
        cases.append(case)
    return tuple(cases)


def read_gold(root: str | Path, subsets: list[str] | None = None) -> list[GoldPair]:
    """Gold pairs of the named subsets (all by default, see ``resolve_subsets``), in file order."""
    root = Path(root)
    pairs = []
    for subset in resolve_subsets(root, subsets):
        for _, susp, src in read_pairs_file(root / subset / "pairs"):
            xml = root / subset / f"{susp[:-4]}-{src[:-4]}.xml"
            a, b = pan_names(susp, src)
            pairs.append(GoldPair(a, b, read_cases(xml), subset))
    return pairs
