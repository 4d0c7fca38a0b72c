"""A plain exact-phrase matcher (the WCopyfind kind): the baseline ``compare_speed`` times Reader against.

    .venv/bin/python -m benchmarks.phrase_matcher A B [--words 6]

Reads two UTF-8 files, cuts them into lowercased ``\\w+`` words with character offsets, indexes
every window of ``--words`` consecutive words of A in a dict, scans B's windows against it, and
merges hits on the same diagonal (A and B both one word further) into passages. Prints JSON:
``{"a_words", "b_words", "passages": [{"a": [start, end], "b": [start, end], "words": n}, ...]}``
with character spans into the files' text, in B order.

Written plainly but not slowly (one regex pass per text, one dict of windows, linear scan of B,
no quadratic loops): an honest floor for "find the shared phrases of two texts" in CPython,
start-up included. No stemming, no sentences, no paraphrase: that is what Reader adds on top.
Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

WORD_RE = re.compile(r"\w+")


def words(text: str) -> tuple[list[str], list[int], list[int]]:
    """Lowercased words of ``text`` with their start and end character offsets."""
    found = [(m.group().lower(), m.start(), m.end()) for m in WORD_RE.finditer(text)]
    if not found:
        return [], [], []
    w, s, e = zip(*found)
    return list(w), list(s), list(e)


def match(text_a: str, text_b: str, n: int = 6) -> dict:
    wa, sa, ea = words(text_a)
    wb, sb, eb = words(text_b)
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(wa) - n + 1):
        index.setdefault(tuple(wa[i:i + n]), []).append(i)

    passages = []
    active: dict[int, tuple[int, int]] = {}  # A window hit at the previous B window -> (a0, b0) of its run

    def close(runs: dict[int, tuple[int, int]], j_end: int) -> None:
        # A run whose last hit was A window ``i`` (at B window ``j_end - 1``) covers words
        # [a0, i + n) of A and [b0, j_end - 1 + n) of B.
        for i, (a0, b0) in runs.items():
            a1, b1 = i + n, j_end - 1 + n
            passages.append({"a": [sa[a0], ea[a1 - 1]], "b": [sb[b0], eb[b1 - 1]], "words": b1 - b0})

    for j in range(len(wb) - n + 1):
        hits = index.get(tuple(wb[j:j + n]))
        if hits is None:
            if active:
                close(active, j)
                active = {}
            continue
        current = {}
        for i in hits:
            run = active.pop(i - 1, None)
            current[i] = run if run is not None else (i, j)
        if active:  # runs that did not go on at this window
            close(active, j)
        active = current
    close(active, len(wb) - n + 1)
    passages.sort(key=lambda p: (p["b"][0], p["a"][0]))
    return {"a_words": len(wa), "b_words": len(wb), "passages": passages}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--words", type=int, default=6, help="phrase length in words (default 6)")
    args = parser.parse_args(argv)
    with open(args.a, encoding="utf-8", newline="") as fa, open(args.b, encoding="utf-8", newline="") as fb:
        text_a, text_b = fa.read(), fb.read()
    result = match(text_a, text_b, args.words)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
