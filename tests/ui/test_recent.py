"""File ▸ Recent Pairs and Recent Documents: remembered, reopened, missing files greyed, cleared."""

import shutil

from reader.ui.recent import RECENT_LIMIT, RecentFiles


def _texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_pairs_and_documents_are_remembered_newest_first(make_window, seeds, tmp_path, qtbot):
    window = make_window([seeds(0), seeds(1)])
    window.open_path("b", str(seeds(2)))
    recent = window.recent
    assert recent.pairs()[:2] == [(str(seeds(0)), str(seeds(2))), (str(seeds(0)), str(seeds(1)))]
    assert recent.documents()[:3] == [str(seeds(0)), str(seeds(2)), str(seeds(1))]
    window.close()
    # A new window (same settings file) lists them in File ▸ Recent Pairs.
    again = make_window([seeds(3), seeds(4)])
    menus = again.recent_menus
    menus.fill_pairs()
    texts = _texts(menus.pairs_menu)
    assert seeds(3).name in texts[0] and seeds(4).name in texts[0]
    assert seeds(0).name in texts[1] and seeds(2).name in texts[1]
    assert texts[-1] == "&Clear List"


def test_a_recent_pair_reopens_and_a_missing_file_is_greyed_with_its_path(make_window, seeds, tmp_path,
                                                                          wait_aligned):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(seeds(2), a)
    shutil.copy(seeds(3), b)
    window = make_window([a, b])
    window.compare(None, None)
    window.recent_menus.fill_pairs()
    action = window.recent_menus.pairs_menu.actions()[0]
    assert action.isEnabled()
    action.trigger()
    wait_aligned(window)
    assert window.comparison.documents["a"].path == str(a)
    b.unlink()
    window.recent_menus.fill_pairs()
    action = window.recent_menus.pairs_menu.actions()[0]
    assert not action.isEnabled()
    assert f"(missing: {b})" in action.text()
    window.recent_menus.fill_documents()
    entries = {a.text(): a for a in window.recent_menus.documents_menu.actions()}
    missing = [t for t in entries if "missing" in t]
    assert missing == [f"b.txt (missing: {b})"] and not entries[missing[0]].isEnabled()


def test_recent_documents_open_on_the_chosen_side_and_lists_clear(make_window, seeds, wait_aligned):
    window = make_window([seeds(0), seeds(1)])
    window.recent_menus.fill_documents()
    first = window.recent_menus.documents_menu.actions()[0].menu()
    open_as_b = [a for a in first.actions() if a.text() == "Open as Document B"][0]
    open_as_b.trigger()
    wait_aligned(window)
    assert window.comparison.documents["b"].path == str(seeds(0))
    window.recent_menus.clear_pairs()
    window.recent_menus.clear_documents()
    assert window.recent.pairs() == [] and window.recent.documents() == []
    assert _texts(window.recent_menus.pairs_menu) == ["No recent pairs"]
    assert not window.recent_menus.pairs_menu.actions()[0].isEnabled()


def test_the_lists_are_bounded_and_a_damaged_value_reads_empty(tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat)
    recent = RecentFiles(settings)
    for n in range(RECENT_LIMIT + 5):
        recent.note(f"/x/{n}.txt", f"/y/{n}.txt")
    assert len(recent.pairs()) == RECENT_LIMIT and recent.pairs()[0] == ("/x/14.txt", "/y/14.txt")
    assert len(recent.documents()) == RECENT_LIMIT
    settings.setValue("recent/pairs", "{not json")
    assert recent.pairs() == []
