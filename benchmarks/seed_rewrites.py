"""How much of the hand-made sentence gold for the seed articles the reuse engine finds.

    .venv/bin/python -m benchmarks.seed_rewrites [--json] [--verbose]

The gold (``benchmarks/data/seed_alignment.json``; its ``about`` states the judgement rules)
lists, for six ordered seed pairs (A = source, B = later text), every sentence of B with its
character span, the A sentences it restates (``sources``) and its ``relation``: ``restates``,
``quote`` (only a quotation both attribute to someone is shared) or ``new``. The spans are
checked first (in range, non-empty, on the excerpts the gold quotes, B sentences in order);
a bad span stops the run. Then ``reader.core.align.align(A, B)`` runs on each pair and, per
pair and overall, this reports:

* restated: B sentences marked ``restates``; linked: those that a match (of any kind) links,
  i.e. its B side overlaps at least ``LINK_COVERAGE`` of the sentence's characters and its A
  side overlaps one of the sentence's gold sources; recall = linked / restated.
* wrong: matches of a non-quote kind whose B side lies mostly (over half of its characters) on
  sentences marked ``new`` or ``quote``, or whose A side overlaps none of the gold sources of
  the ``restates`` sentences its B side touches (none touched: no source, so wrong too).
* reused: B sentences that non-quote matches cover (``LINK_COVERAGE``): on the independent
  pairs (000, 001, 002 between themselves) this is what the engine calls reuse between
  reports that share at most a quotation.

``--json`` prints the figures as JSON; ``--verbose`` lists each missed restated sentence (with
its gold sources) and each wrong link. Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reader.core.align import align
from reader.core.matches import QUOTE, Match

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "data" / "seed_alignment.json"
SEEDS = ROOT / "seeds"
#: Share of a B sentence's characters a match must cover to link it. Half: the link must carry
#: the sentence as a whole, not a shared phrase inside it (a name, a quoted policy title, a
#: copied clause) nor a neighbour's passage spilling over its edge; more would fail the matches
#: the engine trims to their shared words, which rarely reach a reworded sentence's edges.
LINK_COVERAGE = 0.5
RELATIONS = ("restates", "quote", "new")
#: Pairs of independent reports (by file-name prefix): any non-quote reuse there is suspect.
INDEPENDENT = {"000", "001", "002"}
EXCERPT = 60


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def short(text: str, span) -> str:
    return " ".join(text[span[0]:span[1]].split())[:EXCERPT]


def check_gold(gold: dict, texts: dict[str, str]) -> list[str]:
    """Problems with the gold's spans and labels (empty when it is sound)."""
    problems = []

    def check_span(where: str, text: str, span, excerpt: str) -> None:
        start, end = span
        if not (0 <= start < end <= len(text)):
            problems.append(f"{where}: span {span} empty or out of range (text has {len(text)} chars)")
        elif text[start:end] != text[start:end].strip():
            problems.append(f"{where}: span {span} starts or ends with whitespace")
        elif (start and not text[start - 1].isspace()) or (end < len(text) and not text[end].isspace()):
            problems.append(f"{where}: span {span} cuts a word")
        elif not text[start:end].startswith(excerpt):
            problems.append(f"{where}: span {span} reads {text[start:end][:EXCERPT]!r}, not {excerpt!r}")

    for pair in gold["pairs"]:
        a_text, b_text = texts[pair["a"]], texts[pair["b"]]
        previous_end = 0
        for k, sentence in enumerate(pair["sentences"]):
            where = f"{pair['a'][:3]}->{pair['b'][:3]} sentence {k}"
            check_span(where, b_text, sentence["b_span"], sentence["b_text"])
            if sentence["b_span"][0] < previous_end:
                problems.append(f"{where}: overlaps or precedes the previous sentence")
            previous_end = sentence["b_span"][1]
            if sentence["relation"] not in RELATIONS:
                problems.append(f"{where}: unknown relation {sentence['relation']!r}")
            if (sentence["relation"] == "new") != (not sentence["sources"]):
                problems.append(f"{where}: a 'new' sentence has no sources, the others have some")
            if len(sentence["a_text"]) != len(sentence["sources"]):
                problems.append(f"{where}: one a_text excerpt per source expected")
            for span, excerpt in zip(sentence["sources"], sentence["a_text"]):
                check_span(where + " source", a_text, span, excerpt)
    return problems


def score_pair(pair: dict, a_text: str, b_text: str, matches: tuple[Match, ...]) -> dict:
    sentences = pair["sentences"]
    restated = [s for s in sentences if s["relation"] == "restates"]
    missed, wrong = [], []
    linked = 0
    for s in restated:
        need = LINK_COVERAGE * (s["b_span"][1] - s["b_span"][0])
        if any(overlap(m.b_span, s["b_span"]) >= need and any(overlap(m.a_span, src) for src in s["sources"])
               for m in matches):
            linked += 1
        else:
            missed.append({"b": short(b_text, s["b_span"]), "sources": [short(a_text, src) for src in s["sources"]]})
    for m in matches:
        if m.kind == QUOTE:
            continue
        touched = [s for s in restated if overlap(m.b_span, s["b_span"])]
        on_others = sum(overlap(m.b_span, s["b_span"]) for s in sentences if s["relation"] != "restates")
        sources = [src for s in touched for src in s["sources"]]
        reason = None
        if 2 * on_others > m.b_end - m.b_start:
            reason = "B side mostly on sentences marked new or quote"
        elif not any(overlap(m.a_span, src) for src in sources):
            reason = "A side on none of the gold sources"
        if reason:
            wrong.append({"kind": m.kind, "reason": reason, "b": short(b_text, m.b_span), "a": short(a_text, m.a_span)})
    reused = sum(
        1 for s in sentences
        if any(m.kind != QUOTE and overlap(m.b_span, s["b_span"]) >= LINK_COVERAGE * (s["b_span"][1] - s["b_span"][0])
               for m in matches))
    counts = {rel: sum(1 for s in sentences if s["relation"] == rel) for rel in RELATIONS}
    return {"sentences": len(sentences), **counts, "linked": linked,
            "recall": round(linked / len(restated), 3) if restated else None,
            "matches": len(matches), "wrong": len(wrong), "reused": reused,
            "independent": pair["a"][:3] in INDEPENDENT and pair["b"][:3] in INDEPENDENT,
            "missed_list": missed, "wrong_list": wrong}


def run() -> dict:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = {name for pair in gold["pairs"] for name in (pair["a"], pair["b"])}
    texts = {name: (SEEDS / name).read_text(encoding="utf-8") for name in names}
    problems = check_gold(gold, texts)
    if problems:
        raise SystemExit("bad gold:\n  " + "\n  ".join(problems))
    pairs = {}
    for pair in gold["pairs"]:
        a_text, b_text = texts[pair["a"]], texts[pair["b"]]
        pairs[f"{pair['a'][:3]}->{pair['b'][:3]}"] = score_pair(pair, a_text, b_text, align(a_text, b_text).matches)
    totals = {key: sum(p[key] for p in pairs.values())
              for key in ("sentences", *RELATIONS, "linked", "matches", "wrong")}
    totals["recall"] = round(totals["linked"] / totals["restates"], 3) if totals["restates"] else None
    totals["reused_independent"] = sum(p["reused"] for p in pairs.values() if p["independent"])
    return {"link_coverage": LINK_COVERAGE, "pairs": pairs, "overall": totals}


def report(figures: dict, verbose: bool) -> None:
    print(f"{'pair':9} {'sents':>5} {'rest':>4} {'quote':>5} {'new':>4} {'linked':>6} {'recall':>6} "
          f"{'match':>5} {'wrong':>5} {'reused':>6}")
    rows = list(figures["pairs"].items()) + [("overall", figures["overall"])]
    for name, p in rows:
        recall = "-" if p["recall"] is None else f"{p['recall']:.0%}"
        reused = p.get("reused", p.get("reused_independent"))
        reused = f"{reused}" + ("*" if p.get("independent") else "")
        print(f"{name:9} {p['sentences']:5} {p['restates']:4} {p['quote']:5} {p['new']:4} {p['linked']:6} "
              f"{recall:>6} {p['matches']:5} {p['wrong']:5} {reused:>6}")
    print("reused: B sentences covered by non-quote matches; * = independent reports "
          "(overall: independent pairs only)")
    if verbose:
        for name, p in figures["pairs"].items():
            for miss in p["missed_list"]:
                print(f"\n{name} missed: {miss['b']!r}")
                for src in miss["sources"]:
                    print(f"    source: {src!r}")
            for link in p["wrong_list"]:
                print(f"\n{name} wrong {link['kind']} link ({link['reason']}):")
                print(f"    B: {link['b']!r}\n    A: {link['a']!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list missed restated sentences and wrong links")
    args = parser.parse_args(argv)
    figures = run()
    if args.json:
        if not args.verbose:
            for p in figures["pairs"].values():
                del p["missed_list"], p["wrong_list"]
        print(json.dumps(figures, indent=2))
    else:
        report(figures, args.verbose)


if __name__ == "__main__":
    main()
