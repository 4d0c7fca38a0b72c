"""reader.core and reader.storage must never import Qt: they run without a display."""

import subprocess
import sys


def test_core_and_storage_import_no_pyside6():
    code = (
        "import sys, pkgutil, importlib, reader.core, reader.storage\n"
        "for pkg in (reader.core, reader.storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith('PySide6') or n.startswith('shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
