"""Can Qt open a window here? Asked before any Qt GUI class is loaded, answered in one line.

Qt aborts the whole process (exit 134, a core dump and a wall of plugin names) when its X11
platform plugin cannot be loaded, and it cannot be loaded when any system library it links
against is missing: a stock Debian desktop with ``libxcb-cursor0`` still lacked
``libxcb-icccm4`` and ``libxcb-keysyms1``. So the check asks the plugin itself: ``ldd`` lists
every shared library ``libqxcb.so`` and the ``libQt6XcbQpa`` it loads need, and the missing
ones are turned into Debian/Ubuntu package names for a single ``apt-get install`` line. Where
``ldd`` is absent, the plugin is loaded in a child process (``ctypes``), which names the first
missing library; a crash there cannot take Reader down.

``display_problem(environ, platform)`` is the whole check: None when a window can open (or
this is not Linux, or another platform is asked for), else the one-line reason. Imports no
PySide6 module beyond ``PySide6`` itself (for the plugin's path); must not import reader.storage.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable

#: Seconds allowed for ``ldd`` or the child process that loads the plugin; both take ~50 ms,
#: so only a hung machine reaches this, and the window is then tried anyway.
PROBE_TIMEOUT = 10.0

#: Libraries whose Debian package name does not follow the soname rule (``package_for``).
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
}

#: What the README asks for on Debian/Ubuntu: every library of the X11 plugin that a minimal
#: installation may lack (``libxcb1``, ``libx11-6`` and the C libraries come with any desktop).
README_PACKAGES = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
    "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libx11-xcb1",
    "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3", "libglib2.0-0",
)

_LDD_MISSING = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_DLOPEN_MISSING = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def package_for(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` ("libxcb-icccm.so.4" -> "libxcb-icccm4").

    Debian names a library package after the soname: the name, then the major version, with a
    hyphen between when the name ends in a digit ("libxkbcommon-x11.so.0" -> "libxkbcommon-x11-0").
    """
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(.+?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not match:
        return soname
    name, major = match[1].lower(), match[2]
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def xcb_plugin_files() -> list[pathlib.Path]:
    """The X11 platform plugin of the installed PySide6 and the Qt library it loads."""
    import PySide6  # the package only: no Qt library is loaded by this

    qt = pathlib.Path(PySide6.__file__).parent / "Qt"
    found = [qt / "plugins" / "platforms" / "libqxcb.so"]
    found += sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]
    return [path for path in found if path.exists()]


def missing_by_ldd(files: Iterable[pathlib.Path]) -> list[str] | None:
    """Sonames ``ldd`` reports "not found" for any of ``files``; None when ldd cannot be run."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    missing: list[str] = []
    for path in files:
        try:
            result = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=PROBE_TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None
        missing += [name for name in _LDD_MISSING.findall(result.stdout) if name not in missing]
    return missing


def missing_by_loading(path: pathlib.Path) -> list[str]:
    """Load ``path`` in a child process; the library its loader could not find, if any."""
    code = "import ctypes, sys\ntry:\n    ctypes.CDLL(sys.argv[1])\nexcept OSError as e:\n    print(e)"
    try:
        result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                                timeout=PROBE_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return []
    return _DLOPEN_MISSING.findall(result.stdout + result.stderr)[:1]


def missing_libraries(files: list[pathlib.Path] | None = None) -> list[str]:
    """Every system library the X11 plugin needs and cannot find (sonames, in ldd's order)."""
    files = xcb_plugin_files() if files is None else files
    missing = missing_by_ldd(files)
    if missing is None:  # no ldd: the loader names the first missing library, which is enough to act on
        missing = [name for path in files for name in missing_by_loading(path)]
    return list(dict.fromkeys(missing))


def install_line(sonames: Iterable[str]) -> str:
    packages = list(dict.fromkeys(package_for(name) for name in sonames))
    return "sudo apt-get install " + " ".join(packages)


def display_problem(environ=os.environ, platform: str = sys.platform,
                    find_missing: Callable[[], list[str]] = missing_libraries) -> str | None:
    """Why Qt could not open a window here, in one line, or None."""
    if not platform.startswith("linux"):
        return None
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked and not asked.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: Qt reports its own problems with those without aborting
    if not asked and not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return ("no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                "run Reader in a desktop session, or use `reader compare A B` for a text report")
    if not asked and environ.get("WAYLAND_DISPLAY"):
        return None  # Qt uses its Wayland plugin there
    missing = find_missing()
    if not missing:
        return None
    return (f"Qt cannot open a window on X11: missing system libraries {', '.join(missing)}. "
            f"Install them with: {install_line(missing)}")
