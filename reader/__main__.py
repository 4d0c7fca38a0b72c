"""``python -m reader`` is the same as the ``reader`` command."""

import sys

from reader.cli import main

# Guarded: Dask's worker processes (``scan --scheduler local``) are spawned, and a spawned
# process imports the main module again; unguarded, each would run the command once more.
if __name__ == "__main__":
    sys.exit(main())
