"""The passages of every seed pair, compared with a reference file kept in the repository.

An engine change shows up here as a diff in review: if the change is meant, regenerate the file
on purpose and commit it with the change,

    .venv/bin/python -m tests.core.test_seed_reference --write

and read the diff of ``tests/data/seed_passages.json`` as a user would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.core.align import align

ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE = ROOT / "tests" / "data" / "seed_passages.json"


def current() -> dict[str, list[list]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in seeds}
    out = {}
    for a in texts:
        for b in texts:
            if a != b:
                result = align(texts[a], texts[b])
                out[f"{a}-{b}"] = [[m.a_start, m.a_end, m.b_start, m.b_end, m.kind, m.score] for m in result.matches]
    return out


def test_seed_passages_match_the_reference_file():
    expected = json.loads(REFERENCE.read_text(encoding="utf-8"))
    got = current()
    changed = sorted(k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
    assert not changed, (f"passages changed for {changed}; if meant, regenerate with "
                         "`.venv/bin/python -m tests.core.test_seed_reference --write` and review the diff")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    data = current()
    REFERENCE.write_text("{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in data.items()) + "\n}\n",
                         encoding="utf-8")
    print(f"{sum(map(len, data.values()))} passages of {len(data)} pairs -> {REFERENCE}")
