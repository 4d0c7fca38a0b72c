"""The start-up check: every missing library of Qt's X11 plugin, named with its apt-get line."""

import shutil
import subprocess

import pytest

from reader.ui import platform_check
from reader.ui.platform_check import display_problem, missing_by_loading, missing_libraries, package_for

LDD_MISSING_TWO = """\
\tlinux-vdso.so.1 (0x00007ffd1)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f2)
"""


def test_debian_package_names_follow_the_soname():
    assert package_for("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert package_for("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert package_for("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert package_for("libX11-xcb.so.1") == "libx11-xcb1"
    assert package_for("libdbus-1.so.3") == "libdbus-1-3"
    assert package_for("libglib-2.0.so.0") == "libglib2.0-0"


def test_every_library_ldd_misses_is_named_in_one_apt_get_line(monkeypatch, tmp_path):
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(platform_check.shutil, "which", lambda name: "/usr/bin/ldd")
    monkeypatch.setattr(platform_check.subprocess, "run",
                        lambda *a, **k: subprocess.CompletedProcess(a, 0, LDD_MISSING_TWO, ""))
    problem = display_problem({"DISPLAY": ":0"}, "linux", find_missing=lambda: missing_libraries([plugin]))
    assert problem.count("\n") == 0
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in problem
    assert problem.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")


def test_the_installed_plugin_has_every_library_here():
    # This machine runs the window under Xvfb; the check must not cry wolf on it.
    assert platform_check.xcb_plugin_files(), "PySide6 ships no libqxcb.so?"
    assert missing_libraries() == []
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux") is None


def test_a_platform_other_than_x11_is_not_checked():
    assert display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux",
                           find_missing=lambda: ["libxcb-icccm.so.4"]) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux",
                           find_missing=lambda: ["libxcb-icccm.so.4"]) is not None


@pytest.fixture
def library_with_a_missing_dependency(tmp_path):
    """A real shared library linked against one that has since been deleted."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to build the test libraries")
    gone = tmp_path / "libreadergone.so.7"
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "needs.c").write_text("int gone(void);\nint needs(void) { return gone(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-Wl,-soname,libreadergone.so.7", "-o", str(gone),
                    str(tmp_path / "gone.c")], check=True)
    needs = tmp_path / "libreaderneeds.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(needs), str(tmp_path / "needs.c"), str(gone)], check=True)
    gone.unlink()
    return needs


def test_a_really_missing_library_is_found_by_ldd_and_by_loading(library_with_a_missing_dependency):
    assert missing_libraries([library_with_a_missing_dependency]) == ["libreadergone.so.7"]
    assert missing_by_loading(library_with_a_missing_dependency) == ["libreadergone.so.7"]
    problem = display_problem({"DISPLAY": ":0"}, "linux",
                              find_missing=lambda: missing_libraries([library_with_a_missing_dependency]))
    assert problem.endswith("sudo apt-get install libreadergone7")


def test_the_window_command_exits_2_with_the_line_before_qt_can_abort(monkeypatch, capsys):
    from reader.ui import app

    monkeypatch.setattr(app, "display_problem", lambda: "Qt cannot open a window on X11: missing system "
                                                        "libraries libxcb-icccm.so.4. Install them with: "
                                                        "sudo apt-get install libxcb-icccm4")
    assert app.run_app(type("Args", (), {"files": []})()) == 2
    assert capsys.readouterr().err == ("reader: error: Qt cannot open a window on X11: missing system libraries "
                                       "libxcb-icccm.so.4. Install them with: sudo apt-get install libxcb-icccm4\n")


def test_the_readme_lists_the_packages_and_they_bring_every_library_qt_loads():
    """On Debian/Ubuntu: every system library that Qt's X11 plugin and the Qt libraries Reader
    loads link against comes from a package the README's apt-get line installs (directly or as
    a dependency), so a fresh machine with only those packages opens the window."""
    import pathlib

    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    line = " ".join(readme.split("sudo apt-get install", 1)[1].split("\n\n", 1)[0].replace("\\", " ").split())
    assert line.split() == list(platform_check.README_PACKAGES)
    if not (shutil.which("dpkg") and shutil.which("apt-cache") and shutil.which("ldd")):
        pytest.skip("needs Debian's dpkg and apt-cache")
    import PySide6

    qt = pathlib.Path(PySide6.__file__).parent / "Qt"
    files = [*platform_check.xcb_plugin_files(), *(qt / "lib").glob("libQt6Gui.so.6"),
             *(qt / "lib").glob("libQt6Widgets.so.6"), *(qt / "lib").glob("libQt6DBus.so.6"),
             *(qt / "plugins" / "imageformats").glob("libqsvg.so")]
    libraries = set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        libraries |= {parts[2] for parts in (row.split() for row in out.splitlines())
                      if len(parts) > 2 and parts[1] == "=>" and "PySide6" not in parts[2]}
    packages = set()
    for library in libraries:
        owner = subprocess.run(["dpkg", "-S", str(pathlib.Path(library).resolve())], capture_output=True, text=True)
        if owner.returncode == 0:
            packages.add(owner.stdout.split(":")[0])
    closure = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
                              "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
                              *platform_check.README_PACKAGES], capture_output=True, text=True).stdout
    installed_with_them = {row for row in closure.splitlines() if row and not row.startswith(" ")}
    assert packages and packages <= installed_with_them, sorted(packages - installed_with_them)
