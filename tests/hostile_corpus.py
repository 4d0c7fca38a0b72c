"""A corpus of hostile input files: what a careless or malicious sender could hand Reader.

``make_corpus(folder) -> list[Hostile]`` writes every case into ``folder`` and says what each is
for: ``document`` (an article to open: compare, sources, scan, library import, the window),
``pairs`` (a pair list for batch, a PAN ``pairs`` file for eval), ``json`` (a detections file, an
annotation import) or ``database`` (a ``--db`` path). ``benchmarks/hostile_inputs.py`` runs every
command that reads files on each; ``tests/core/test_hostile_inputs.py`` loads them in-process.
Cases that cannot be made here (FIFOs on Windows) are left out. Run as a script to write the
corpus into a folder: ``python -m tests.hostile_corpus OUT_DIR``.
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

DOCUMENT, PAIRS, JSON, DATABASE = "document", "pairs", "json", "database"
#: Nesting depth of the deeply nested cases: far past Python's recursion limit (1,000).
DEEP = 100_000
#: An article sentence used to pad valid files.
SENTENCE = "The minister said on Tuesday that the plan would cut the cost of energy for most homes. "


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str
    path: Path
    #: For ``document`` cases: whether Reader should read it (True) or refuse it (False);
    #: None when either is fine.
    readable: bool | None = False


def pdf_from_objects(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given objects and a correct cross-reference table (``trailer_extra``: more
    trailer entries, such as ``/Info``). Shared with ``tests/core/test_office_documents.py``."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets.get(number, 0)
    out += (b"trailer\n<< /Size %d /Root %d 0 R" % (size, root) + trailer_extra
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    return bytes(out)


def _pdf_page(content: bytes, stream_dict: bytes = b"") -> bytes:
    return pdf_from_objects({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                 4: b"<< /Length %d %s >>\nstream\n" % (len(content), stream_dict) + content + b"\nendstream",
                 5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})


def _text_stream(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"


def _docx(document_xml: bytes, core_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx package around ``document_xml`` (the minimum python-docx opens)."""
    ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
          b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
          b'main+xml"/>' + (b'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
                            b'package.core-properties+xml"/>' if core_xml is not None else b"") + b"</Types>")
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="word/document.xml"/>'
            + (b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
               b'metadata/core-properties" Target="docProps/core.xml"/>' if core_xml is not None else b"")
            + b"</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", ct)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document_xml)
        if core_xml is not None:
            archive.writestr("docProps/core.xml", core_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(paragraphs: list[str]) -> bytes:
    runs = b"".join(b"<w:p><w:r><w:t>" + p.encode() + b"</w:t></w:r></w:p>" for p in paragraphs)
    return b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b"><w:body>" + runs + b"</w:body></w:document>"


def _unsupported_zip_method(data: bytes) -> bytes:
    """``data`` (a zip) with every entry's compression method set to 99 (AES), which zipfile
    cannot read: it raises NotImplementedError."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = out.find(signature)
        while at != -1:
            out[at + offset:at + offset + 2] = (99).to_bytes(2, "little")
            at = out.find(signature, at + 4)
    return bytes(out)


def _zip_version_needed(data: bytes, version: int = 63) -> bytes:
    """``data`` with every entry claiming it needs zip version ``version`` to extract."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        at = out.find(signature)
        while at != -1:
            out[at + offset:at + offset + 2] = version.to_bytes(2, "little")
            out[at + offset + 2:at + offset + 4] = (1).to_bytes(2, "little")  # flag: encrypted
            at = out.find(signature, at + 4)
    return bytes(out)


def _documents(folder: Path) -> list[Hostile]:
    cases: list[Hostile] = []

    def add(name: str, data: bytes | str, readable: bool | None = False) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Hostile(name, DOCUMENT, path, readable))

    article = SENTENCE * 40
    add("empty.txt", b"")
    add("whitespace.txt", " \n\t\n " * 1000)
    add("binary.txt", bytes(range(256)) * 400)
    add("nul-heavy.txt", ("word \x00\x00\x00 " * 5000).encode())
    add("utf16-no-bom.txt", article.encode("utf-16-le"), None)
    add("bad-utf16-bom.txt", b"\xff\xfe" + b"\x00\xd8" * 3 + b"a")
    add("latin1.txt", ("Caf\xe9 " + article).encode("latin-1"), True)
    add("too-large.txt", b"a " * (11 * 1024 * 1024))
    add("line-1mb-no-spaces.txt", "a" * 1_000_000, True)
    add("line-1mb-words.txt", article.replace(". ", "; ") * (1_000_000 // len(article)), True)
    add("repetitive-2mb.txt", SENTENCE * (2_000_000 // len(SENTENCE)), None)
    add("control-chars.txt", "\x1b[2J\x1b[31mTitle\r\x0b\x0c\x1c\x1d\x85\u2028 " + article, True)
    add("title-markup.md", "# <img src=file:///etc/passwd> <b>bold</b>\n\n" + article, True)
    add("heading-1mb.md", "# " + "x" * 1_000_000 + "\n\n" + article, True)
    add("unsupported.doc", article)
    add("no-extension", article)
    add(("long-name-" + "x" * 230) + ".txt", article, True)
    add("newline\nin name.bin", article)
    # HTML: the extractor is another branch's; these are here so that every command meets them.
    deep_ld = '{"@graph":' * DEEP + "1" + "}" * DEEP
    add("jsonld-deep.html", f'<html><head><script type="application/ld+json">{deep_ld}</script></head>'
                            f"<body><p>{article}</p></body></html>", None)
    ld_array = json.dumps([{"@type": "Thing", "name": f"n{k}"} for k in range(40_000)])
    add("jsonld-array.html", f'<html><head><script type="application/ld+json">{ld_array}</script></head>'
                             f"<body><p>{article}</p></body></html>", None)
    add("deep-divs.html", "<html><body>" + "<div>" * DEEP + f"<p>{article}</p>" + "</div>" * DEEP + "</body></html>",
        None)
    add("title-img.html", f"<html><head><title><img src='file:///etc/passwd'>x</title></head>"
                          f"<body><article><p>{article}</p></article></body></html>", True)
    add("bogus-charset.html", b'<meta charset="rot13"><p>' + article.encode() + b"\xff</p>", None)
    add("no-text.html", "<html><body><script>var x = 1;</script></body></html>")
    # .docx
    add("not-a-zip.docx", b"PK\x03\x04" + bytes(range(256)) * 10)
    add("truncated.docx", _docx(_body([article]))[:300])
    add("zip-method-99.docx", _unsupported_zip_method(_docx(_body([article]))))
    add("zip-version-63.docx", _zip_version_needed(_docx(_body([article]))))
    add("damaged-core.docx", _docx(_body([article]), core_xml=b"<cp:coreProperties><not xml"), None)
    add("core-wrong-root.docx", _docx(_body([article]), core_xml=b'<?xml version="1.0"?><x/>'), None)
    add("ole-encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    add("no-document-part.docx", _zip_without_document(article))
    add("xml-bomb.docx", _docx(_body([SENTENCE * 20] * 110_000)))  # ~200 MB of XML in a small zip
    nested = b"<w:p>" * 5000 + b"<w:r><w:t>deep</w:t></w:r>" + b"</w:p>" * 5000
    add("deep-xml.docx", _docx(b'<?xml version="1.0"?><w:document ' + _W + b"><w:body>" + nested
                               + b"</w:body></w:document>"), None)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololololololol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (k, (b"&lol%d;" % (k - 1) if k else b"&lol;") * 10)
                         for k in range(9))
              + b']><w:document ' + _W + b"><w:body><w:p><w:r><w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>")
    add("billion-laughs.docx", _docx(laughs), None)
    add("valid.docx", _docx(_body([SENTENCE] * 200)), True)
    # .pdf
    add("random.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40)
    add("truncated.pdf", _pdf_page(_text_stream(SENTENCE))[:200])
    add("unknown-filter.pdf", _pdf_page(b"garbage", b"/Filter /NoSuchDecode"))
    add("jbig2-filter.pdf", _pdf_page(b"garbage", b"/Filter /JBIG2Decode"))
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (a) Tj ET " + b" " * 150_000_000, 9)
    add("flate-bomb.pdf", _pdf_page(bomb, b"/Filter /FlateDecode"), None)
    add("deep-array.pdf", pdf_from_objects({1: b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * DEEP + b"]" * DEEP + b" >>",
                                2: b"<< /Type /Pages /Kids [] /Count 0 >>"}))
    add("page-loop.pdf", pdf_from_objects({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                               2: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}))
    add("no-text.pdf", _pdf_page(b"0 0 m 100 100 l S"))
    add("huge-count.pdf", pdf_from_objects({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                2: b"<< /Type /Pages /Kids [3 0 R] /Count 999999999999 >>",
                                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>"}))
    add("valid.pdf", _pdf_page(_text_stream(SENTENCE)), True)
    # Not files at all.
    (folder / "folder.txt").mkdir()
    cases.append(Hostile("folder.txt", DOCUMENT, folder / "folder.txt"))
    for name, target in (("dev-zero.txt", "/dev/zero"), ("dev-null.txt", "/dev/null"),
                         ("dev-urandom.pdf", "/dev/urandom"), ("loop.txt", "loop.txt"),
                         ("dangling.txt", "does-not-exist.txt")):
        if name == "dev-zero.txt" and not os.path.exists(target):
            continue
        (folder / name).symlink_to(target)
        cases.append(Hostile(name, DOCUMENT, folder / name))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        cases.append(Hostile("fifo.txt", DOCUMENT, folder / "fifo.txt"))
    return cases


def _zip_without_document(article: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/other.xml", article)
    return buffer.getvalue()


def _pairs(folder: Path) -> list[Hostile]:
    cases: list[Hostile] = []

    def add(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Hostile(name, PAIRS, path, None))

    add("pairs-empty", b"")
    add("pairs-binary", bytes(range(256)) * 100)
    add("pairs-line-10mb", "a " * 10 + "b" * (10 * 1024 * 1024))
    add("pairs-line-26mb", "b" * (26 * 1024 * 1024))
    add("pairs-three-fields", "a.txt b.txt c.txt\n")
    add("pairs-missing-files", "".join(f"nowhere-{k}.txt gone-{k}.txt\n" for k in range(100_000)))
    add("pairs-escape-root", "../../../../../../etc/passwd ../../../../../../etc/hostname\n")
    add("pairs-devices", "/dev/zero /dev/zero\n")
    add("pairs-latin1", "caf\xe9.txt b.txt\n".encode("latin-1"))
    for name, target in (("pairs-dev-zero", "/dev/zero"),):
        if os.path.exists(target):
            (folder / name).symlink_to(target)
            cases.append(Hostile(name, PAIRS, folder / name))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pairs-fifo")
        cases.append(Hostile("pairs-fifo", PAIRS, folder / "pairs-fifo"))
    return cases


def _annotation(start, end, exact="the plan would cut", **extra) -> dict:
    item = {"id": "urn:uuid:00000000-0000-4000-8000-000000000001", "type": "Annotation",
            "target": [{"source": "urn:sha256:0", "selector": [
                {"type": "TextQuoteSelector", "exact": exact},
                {"type": "TextPositionSelector", "start": start, "end": end}]}]}
    item.update(extra)
    return item


def _json(folder: Path) -> list[Hostile]:
    cases: list[Hostile] = []

    def add(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Hostile(name, JSON, path, None))

    add("deep-list.json", "[" * DEEP + "]" * DEEP)
    add("deep-object.json", '{"a":' * DEEP + "1" + "}" * DEEP)
    add("huge-offset.json", json.dumps({"pairs": [{"a": "src/a.txt", "b": "susp/b.txt",
                                                   "matches": [{"a": [10**30, 10**30 + 5], "b": [0, 5]}]}],
                                        "type": "AnnotationPage", "items": [_annotation(10**30, 10**30 + 5)]}))
    add("huge-int-digits.json", '{"pairs": [{"a": "x", "b": "y", "matches": [{"a": [' + "9" * 5000 + ', 1]}]}]}')
    add("nan-offsets.json", '{"pairs": [{"a": "x", "b": "y", "matches": [{"a": [NaN, Infinity], "b": [0, 1]}]}]}')
    add("not-an-object.json", "42")
    add("binary.json", bytes(range(256)) * 50)
    add("long-note.json", json.dumps([_annotation(0, 18, body=[{"type": "TextualBody", "value": "n" * 5_000_000}])]))
    add("annotation-bad-types.json", json.dumps([_annotation("0", None, exact=["x"], target=7)]))
    add("annotation-dev-zero-path.json", json.dumps([_annotation(0, 18, target=[{
        "source": "file:///dev/zero", "reader:document": {"path": "/dev/zero", "title": "zero"},
        "selector": [{"type": "TextQuoteSelector", "exact": "abc"}]}])]))
    add("annotation-next-chain.json", '{"type":"AnnotationCollection","first":' + '{"type":"AnnotationPage",'
        '"items":[],"next":' * 2000 + "null" + "}" * 2000 + "}")
    add("annotation-formula.json", json.dumps([_annotation(0, 18, body="=HYPERLINK(\"http://x\",\"y\")")]))
    for name, target in (("dev-zero.json", "/dev/zero"),):
        if os.path.exists(target):
            (folder / name).symlink_to(target)
            cases.append(Hostile(name, JSON, folder / name))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.json")
        cases.append(Hostile("fifo.json", JSON, folder / "fifo.json"))
    return cases


def _databases(folder: Path) -> list[Hostile]:
    cases: list[Hostile] = []

    def add(name: str, data: bytes | str | None) -> None:
        path = folder / name
        if data is not None:
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Hostile(name, DATABASE, path, None))

    add("text-as.db", "these are my notes, not a database\n" * 100)
    add("truncated.db", b"SQLite format 3\x00" + bytes(range(256)) * 20)
    (folder / "folder.db").mkdir()
    cases.append(Hostile("folder.db", DATABASE, folder / "folder.db"))
    (folder / "a-file").write_text("x")
    cases.append(Hostile("under-a-file.db", DATABASE, folder / "a-file" / "reader.db"))
    locked = folder / "locked"
    locked.mkdir()
    os.chmod(locked, 0)  # only a non-root user is kept out
    cases.append(Hostile("in-locked-folder.db", DATABASE, locked / "sub" / "reader.db"))
    for name, target in (("dev-zero.db", "/dev/zero"),):
        if os.path.exists(target):
            (folder / name).symlink_to(target)
            cases.append(Hostile(name, DATABASE, folder / name))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.db")
        cases.append(Hostile("fifo.db", DATABASE, folder / "fifo.db"))
    return cases


def make_corpus(folder: str | os.PathLike) -> list[Hostile]:
    """Write every hostile case under ``folder`` (which must be empty or new) and list them."""
    root = Path(folder)
    parts = {}
    for kind, maker in ((DOCUMENT, _documents), (PAIRS, _pairs), (JSON, _json), (DATABASE, _databases)):
        sub = root / kind
        sub.mkdir(parents=True, exist_ok=True)
        parts[kind] = maker(sub)
    return [case for cases in parts.values() for case in cases]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.hostile_corpus OUT_DIR")
    made = make_corpus(sys.argv[1])
    for case in made:
        print(f"{case.kind:9} {case.name[:70]}")
    print(f"{len(made)} hostile inputs in {sys.argv[1]}")
