"""reader.core.evaluate and reader.core.pan: PAN figures identical to the referee's, gold read as
the referee's converter reads it, and hand-made cases with exact expected numbers."""

import importlib.util
import json
import math
import pathlib
import random
import subprocess
import sys

import pytest

from reader.core.evaluate import (
    Case,
    DetectionPair,
    GoldPair,
    intersection_length,
    length,
    normalize,
    overlaps,
    parse_detections,
    parse_gold,
    score,
    union,
)
from reader.core.pan import PanError, read_gold, resolve_subsets

SHARED = pathlib.Path(__file__).resolve().parents[2] / ".." / "shared"
REFEREE = SHARED / "eval"
CORPUS = SHARED / "pan13-train"
needs_referee = pytest.mark.skipif(not (REFEREE / "score.py").is_file() or not CORPUS.is_dir(),
                                   reason="shared/eval or shared/pan13-train is absent")


def gold_pair(a, b, *cases):
    return GoldPair(a, b, tuple(Case(normalize(ca), normalize(cb)) for ca, cb in cases))


def det_pair(a, b, *dets):
    return DetectionPair(a, b, tuple((normalize([ra]), normalize([rb])) for ra, rb in dets))


# -- interval arithmetic ---------------------------------------------------------------------

def test_normalize_sorts_merges_and_drops_empty_spans():
    assert normalize([(10, 20), (0, 5), (5, 7), (15, 25), (30, 30), (40, 35)]) == ((0, 7), (10, 25))


def test_interval_operations_equal_set_operations():
    rng = random.Random(3)
    for _ in range(300):
        x = [(s, s + rng.randrange(0, 15)) for s in (rng.randrange(-5, 60) for _ in range(rng.randrange(0, 5)))]
        y = [(s, s + rng.randrange(0, 15)) for s in (rng.randrange(-5, 60) for _ in range(rng.randrange(0, 5)))]
        sx = set().union(*(range(s, e) for s, e in x))
        sy = set().union(*(range(s, e) for s, e in y))
        nx, ny = normalize(x), normalize(y)
        assert length(nx) == len(sx)
        assert overlaps(nx, ny) == bool(sx & sy)
        assert intersection_length(nx, ny) == len(sx & sy)
        assert length(union([nx, ny])) == len(sx | sy)


# -- hand-made cases with exact figures --------------------------------------------------------

def test_one_case_found_in_two_pieces_one_overreaching():
    gold = [gold_pair("src/s.txt", "susp/t.txt", ([(0, 100)], [(0, 100)]))]
    dets = [det_pair("src/s.txt", "susp/t.txt", ((0, 50), (0, 50)), ((50, 150), (50, 100)))]
    s = score(gold, dets)
    # recall: the case is fully covered; precision: 100/100 and (50+50)/(100+50).
    assert s.recall == 1.0
    assert s.precision == pytest.approx((1 + 100 / 150) / 2, abs=1e-15)
    assert s.granularity == 2.0
    f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
    assert s.plagdet == pytest.approx(f1 / math.log2(3), abs=1e-15)
    assert (s.micro_precision, s.micro_recall) == (200 / 250, 1.0)
    assert s.micro_f1 == pytest.approx(2 * 0.8 / 1.8, abs=1e-15)
    assert (s.cases, s.detections) == (1, 2)


def test_partial_detection_and_a_missed_case():
    gold = [gold_pair("s", "t", ([(0, 100)], [(200, 300)]), ([(500, 600)], [(700, 800)]))]
    dets = [det_pair("s", "t", ((50, 100), (200, 250)))]
    s = score(gold, dets)
    assert s.recall == (100 / 200 + 0.0) / 2
    assert s.precision == 1.0
    assert s.granularity == 1.0
    assert s.plagdet == pytest.approx(2 * 0.25 / 1.25, abs=1e-15)
    assert (s.cases, s.detections) == (2, 1)


def test_overlap_on_one_side_only_detects_nothing():
    gold = [gold_pair("s", "t", ([(0, 100)], [(0, 100)]))]
    s = score(gold, [det_pair("s", "t", ((0, 100), (500, 600)))])
    assert (s.recall, s.precision, s.granularity, s.plagdet) == (0.0, 0.0, 1.0, 0.0)
    assert s.micro_precision == 100 / 200  # the A side still overlaps character by character


def test_detections_in_a_pair_without_cases_lower_precision_and_unknown_pairs_are_ignored():
    gold = [gold_pair("s", "t", ([(0, 10)], [(0, 10)])), gold_pair("s2", "t2")]
    dets = [det_pair("s", "t", ((0, 10), (0, 10))), det_pair("s2", "t2", ((0, 5), (0, 5))),
            det_pair("x", "y", ((0, 5), (0, 5)))]
    s = score(gold, dets)
    assert (s.precision, s.recall, s.detections) == (0.5, 1.0, 2)


def test_pairs_match_by_base_name_in_either_direction_and_the_last_listing_wins():
    gold = [gold_pair("src/s.txt", "susp/t.txt", ([(0, 10)], [(20, 30)]))]
    swapped = [det_pair("elsewhere/t.txt", "s.txt", ((20, 30), (0, 10)))]
    assert score(gold, swapped).recall == 1.0
    twice = [det_pair("s.txt", "t.txt", ((0, 10), (20, 30))), det_pair("s.txt", "t.txt")]
    assert score(gold, twice).recall == 0.0
    # Listed both ways: the direct listing is used, the reversed one never overrides it.
    both = [det_pair("s.txt", "t.txt", ((0, 10), (20, 30))), det_pair("t.txt", "s.txt")]
    assert score(gold, both).recall == 1.0


def test_empty_detection_spans_count_as_detections_with_zero_precision():
    gold = [gold_pair("s", "t", ([(0, 10)], [(0, 10)]))]
    s = score(gold, [det_pair("s", "t", ((5, 5), (3, 3)))])
    assert (s.detections, s.precision, s.recall) == (1, 0.0, 0.0)


def test_nothing_to_score():
    s = score([], [])
    assert (s.precision, s.recall, s.granularity, s.plagdet, s.cases, s.detections) == (0.0, 0.0, 1.0, 0.0, 0, 0)


def test_referee_line_format():
    s = score([gold_pair("s", "t", ([(0, 10)], [(0, 10)]))], [det_pair("s", "t", ((0, 10), (0, 10)))])
    assert s.referee_line() == ("precision=1.000 recall=1.000 granularity=1.000 plagdet=1.000 "
                                "micro_precision=1.000 micro_recall=1.000 micro_f1=1.000 cases=1 detections=1")


# -- reading the JSON shapes -----------------------------------------------------------------

def test_parse_gold_and_detections():
    gold = parse_gold({"pairs": [{"a": "s", "b": "t", "subset": "02", "cases": [
        {"kind": "none", "a": [[5, 9], [0, 3]], "b": [[1, 2]]}]}]})
    assert gold == [GoldPair("s", "t", (Case(((0, 3), (5, 9)), ((1, 2),), "none"),), "02")]
    dets = parse_detections({"pairs": [{"a": "s", "b": "t", "matches": [{"a": [0, 3], "b": [1, 2], "kind": "x"}]}]})
    assert dets == [DetectionPair("s", "t", ((((0, 3),), ((1, 2),)),))]


@pytest.mark.parametrize("obj, message", [
    ([], 'expected a JSON object with a "pairs" list'),
    ({"pairs": [{"a": "s"}]}, 'pair 1 needs "a" and "b"'),
    ({"pairs": [{"a": "s", "b": "t", "matches": {}}]}, '"matches" must be a list'),
    ({"pairs": [{"a": "s", "b": "t", "matches": [{"a": [0, 1]}]}]}, 'needs "a" and "b" spans'),
    ({"pairs": [{"a": "s", "b": "t", "matches": [{"a": [0, 1], "b": [0, "9"]}]}]}, "two integers"),
    ({"pairs": [{"a": "s", "b": "t", "matches": [{"a": [0, 1, 2], "b": [0, 1]}]}]}, "two integers"),
])
def test_malformed_detections(obj, message):
    with pytest.raises(ValueError, match=message):
        parse_detections(obj, "det.json")


def test_malformed_gold():
    with pytest.raises(ValueError, match="covers no characters"):
        parse_gold({"pairs": [{"a": "s", "b": "t", "cases": [{"a": [[3, 3]], "b": []}]}]})
    with pytest.raises(ValueError, match='"cases" must be a list'):
        parse_gold({"pairs": [{"a": "s", "b": "t", "cases": 3}]})


# -- reading a PAN corpus ----------------------------------------------------------------------

def make_corpus(root, subsets):
    """A miniature PAN corpus: {subset: [(susp, src, [(so, sl, to, tl), ...]), ...]}."""
    for subset, pairs in subsets.items():
        (root / subset).mkdir(parents=True)
        (root / subset / "pairs").write_text("".join(f"{susp} {src}\n" for susp, src, _ in pairs))
        for susp, src, cases in pairs:
            features = "".join(
                f'<feature name="plagiarism" obfuscation="none" source_offset="{so}" source_length="{sl}" '
                f'this_offset="{to}" this_length="{tl}" />' for so, sl, to, tl in cases)
            xml = f'<document reference="{susp}"><feature name="about" />{features}</document>'
            (root / subset / f"{susp[:-4]}-{src[:-4]}.xml").write_text(xml)


def test_read_gold_from_a_small_corpus(tmp_path):
    make_corpus(tmp_path, {"01-none": [("suspicious-document1.txt", "source-document1.txt", [])],
                           "02-copy": [("suspicious-document2.txt", "source-document3.txt", [(5, 10, 20, 10)])]})
    (tmp_path / "src").mkdir()
    gold = read_gold(tmp_path)
    assert gold == [
        GoldPair("src/source-document1.txt", "susp/suspicious-document1.txt", (), "01-none"),
        GoldPair("src/source-document3.txt", "susp/suspicious-document2.txt",
                 (Case(((5, 15),), ((20, 30),), "none"),), "02-copy"),
    ]
    assert [p.subset for p in read_gold(tmp_path, ["02"])] == ["02-copy"]


def test_subset_names_and_prefixes(tmp_path):
    make_corpus(tmp_path, {"01-none": [], "02-copy": [], "02b-more": []})
    (tmp_path / "src").mkdir()
    assert resolve_subsets(tmp_path) == ["01-none", "02-copy", "02b-more"]
    assert resolve_subsets(tmp_path, ["01", "02-copy", "01-none"]) == ["01-none", "02-copy"]
    with pytest.raises(PanError, match="'02' matches several subsets"):
        resolve_subsets(tmp_path, ["02"])
    with pytest.raises(PanError, match="'07' is no subset"):
        resolve_subsets(tmp_path, ["07"])


@pytest.mark.parametrize("setup, message", [
    (lambda root: None, "no such folder"),
    (lambda root: root.mkdir(), "no PAN subsets"),
    (lambda root: make_corpus(root, {"01-x": [("a.txt", "b.txt", [])]}) or (root / "01-x" / "pairs").write_text("a.txt\n"),
     "line 1: expected 'suspicious-file source-file'"),
    (lambda root: make_corpus(root, {"01-x": [("a.txt", "b.txt", [])]}) or (root / "01-x" / "a-b.xml").unlink(),
     "a-b.xml: no such file"),
    (lambda root: make_corpus(root, {"01-x": [("a.txt", "b.txt", [])]}) or (root / "01-x" / "a-b.xml").write_text("<doc"),
     "not readable XML"),
    (lambda root: make_corpus(root, {"01-x": [("a.txt", "b.txt", [(1, 0, 2, 0)])]}), "covers no characters"),
])
def test_bad_corpus(tmp_path, setup, message):
    root = tmp_path / "corpus"
    setup(root)
    with pytest.raises(PanError, match=message) as info:
        read_gold(root)
    assert "\n" not in str(info.value)


# -- against the referee -----------------------------------------------------------------------

def load_referee():
    spec = importlib.util.spec_from_file_location("referee_score", REFEREE / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturbed_detections(gold_json, seed):
    """Detections derived from gold with every kind of error the scorer must weigh."""
    rng = random.Random(seed)
    pairs = []
    for p in gold_json["pairs"]:
        matches = []
        for c in p["cases"]:
            (a0, a1), (b0, b1) = c["a"][0], c["b"][0]
            roll = rng.random()
            if roll < 0.15:
                continue  # missed
            if roll < 0.35:  # split in two
                am, bm = (a0 + a1) // 2, (b0 + b1) // 2
                matches += [{"a": [a0, am], "b": [b0, bm]}, {"a": [am - 5, a1], "b": [bm, b1 + 40]}]
            else:  # shifted boundaries
                matches.append({"a": [max(0, a0 + rng.randint(-60, 60)), a1 + rng.randint(-60, 60)],
                                "b": [max(0, b0 + rng.randint(-60, 60)), b1 + rng.randint(-60, 60)]})
        if rng.random() < 0.2:  # a false positive
            start = rng.randrange(0, 3000)
            matches.append({"a": [start, start + rng.randrange(0, 400)], "b": [start, start + 300]})
        entry = {"a": p["a"], "b": p["b"], "matches": matches}
        if rng.random() < 0.1:  # listed the other way round
            entry = {"a": p["b"], "b": p["a"],
                     "matches": [{"a": m["b"], "b": m["a"]} for m in matches]}
        pairs.append(entry)
    return {"pairs": pairs}


@needs_referee
def test_gold_read_like_the_referees_converter():
    out = subprocess.run([sys.executable, str(REFEREE / "pan_to_gold.py"), str(CORPUS), "02-no-obfuscation",
                          "05-summary-obfuscation"], capture_output=True, text=True, check=True)
    assert read_gold(CORPUS, ["02", "05"]) == parse_gold(json.loads(out.stdout))


@needs_referee
def test_figures_equal_the_referees(tmp_path):
    gold_file = tmp_path / "gold.json"
    subsets = ["01-no-plagiarism", "05-summary-obfuscation"]
    with open(gold_file, "w") as f:
        subprocess.run([sys.executable, str(REFEREE / "pan_to_gold.py"), str(CORPUS), *subsets],
                       stdout=f, check=True)
    gold_json = json.loads(gold_file.read_text())
    gold = read_gold(CORPUS, subsets)
    referee = load_referee()
    for seed in (1, 2):
        det_json = perturbed_detections(gold_json, seed)
        det_file = tmp_path / f"det{seed}.json"
        det_file.write_text(json.dumps(det_json))
        ours = score(gold, parse_detections(det_json))
        printed = subprocess.run([sys.executable, str(REFEREE / "score.py"), str(gold_file), str(det_file)],
                                 capture_output=True, text=True, check=True).stdout.strip()
        assert ours.referee_line() == printed
        assert ours.as_dict() == referee.score(gold_json, det_json)  # every digit, not just three
        assert 0 < ours.recall < 1 and 0 < ours.precision < 1 and ours.granularity > 1
