"""Picture of the corpus overview on a library of the five seeds and synthetic articles.

    python scripts/overview_screenshot.py OUT.png [--documents 30] [--tab graph|matrix|pairs] [--theme dark]

Builds a throw-away library (the seeds plus ``documents - 5`` articles of
``benchmarks.synthetic_corpus`` with planted copies), opens the window on it with fresh
settings, runs the corpus scan and saves a picture of the overview dialog. For checking by eye
that the derivation graph stays readable at thirty documents. Never touches the user's data.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--tab", choices=("graph", "matrix", "pairs"), default="graph")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1200x860")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-overview-") as folder:
        os.environ["READER_SETTINGS_DIR"] = folder
        os.environ["READER_THEME"] = args.theme
        if not os.environ.get("DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from benchmarks.synthetic_corpus import generate_corpus
        from reader import seeds_folder
        from reader.storage.database import open_database
        from reader.storage.library import import_files
        from reader.ui.app import create_window, ensure_application
        from reader.ui.snapshot import wait_until

        app = ensure_application()
        corpus = generate_corpus(max(0, args.documents - 5), seed=7, copy_fraction=0.45)
        paths = sorted(seeds_folder().glob("*.txt")) + corpus.write(pathlib.Path(folder) / "articles")
        db_path = os.path.join(folder, "library.db")
        import_files(db_path, paths)
        database = open_database(db_path)
        window = create_window([], database=database)
        window.show()
        window.library.show_overview()
        dialog = window.library.overview
        width, height = (int(v) for v in args.size.split("x"))
        dialog.resize(width, height)
        started = time.monotonic()
        if not wait_until(lambda: dialog.result is not None, 300):
            print("the scan did not finish", file=sys.stderr)
            return 1
        dialog.tabs.setCurrentIndex(("graph", "matrix", "pairs").index(args.tab))
        wait_until(lambda: False, 0.5)
        dialog.grab().save(args.out)
        print(f"{args.out}: {len(dialog.result.keys)} documents, {len(dialog.graph.edges)} arrows, "
              f"{len(dialog.graph.links)} other lines; scan {time.monotonic() - started:.1f} s")
        dialog.close()
        window.library.shutdown()
        window.close()
        app.processEvents()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
