"""The layers import one way: core <- storage <- ui, and commands on top of them all.

reader.core and reader.storage must never import Qt (they run without a display); core imports
nothing of storage, ui or commands; storage nothing of ui or commands; ui nothing of commands.
"""

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


LAYERS = {  # package -> the reader packages it must not import
    "reader.core": ("reader.storage", "reader.ui", "reader.commands"),
    "reader.storage": ("reader.ui", "reader.commands"),
    "reader.ui": ("reader.commands",),
}


def test_imports_run_one_way_between_layers():
    """Read from the source (static): a lazy import inside a function counts too."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    bad = []
    for package, forbidden in LAYERS.items():
        for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                bad += [f"{path.relative_to(root)}: {n}" for n in names
                        if any(n == f or n.startswith(f + ".") for f in forbidden)]
    assert bad == []
