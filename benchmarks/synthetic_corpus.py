"""A synthetic news corpus with planted copies of known spans, for the scale benchmark and tests.

``generate_corpus(n_docs, seed=...)`` is deterministic for a given seed and needs no network:
articles are sentences of pseudo-words drawn from a Zipf-like vocabulary, glued together with
real English function words so that the engine's stopword handling and sentence splitting see
something shaped like prose. A fraction of the articles are *copies*: rewrites of most of one *source*
(as seed 003 rewrites 002), or articles that take a run of sentences from one or two sources
(sometimes a source is itself a copy, as seed 004 borrows from 003), passed on verbatim,
lightly edited, or partly paraphrased.

Ground truth is kept per sentence: every sentence remembers the article it was first written
in. ``SyntheticCorpus.planted`` lists the (copy, source) pairs that were planted;
``SyntheticCorpus.related`` is every pair of articles that carry at least one sentence of the
same origin (planted pairs, plus two copies of the same source passage, plus chains), so an
honest false-positive count only charges pairs that share nothing by construction.

Benchmark-only code: ``reader`` never imports it.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

VERBATIM = "verbatim"
EDITED = "edited"
PARAPHRASE = "paraphrase"
MODES = (VERBATIM, EDITED, PARAPHRASE)
REWRITE = "rewrite"
PARTIAL = "partial"

_FUNCTION_WORDS = (
    "the the the the of of of to to and and a a in in is that for on was with as by it at from "
    "has have been which will said would its their this after were who also over more than about "
    "but not they had are when into against while before since under between during"
).split()
_ONSETS = "b c d f g h j k l m n p r s t v w z br dr gr kr pl st tr sh ch th".split()
_VOWELS = "a e i o u a e i o ai ou ea".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "rk", "st"]


@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    name: str
    text: str
    #: Publication date as ISO ``YYYY-MM-DD``, or ``None`` when the benchmark hides it.
    published: str | None


@dataclass(frozen=True, slots=True)
class PlantedCopy:
    copy: str  # name of the article that took the text
    source: str  # name of the article it took it from
    mode: str  # verbatim | edited | paraphrase
    sentences: int  # how many sentences were taken
    kind: str = PARTIAL  # rewrite (most of the source) | partial (a run of sentences)


@dataclass
class SyntheticCorpus:
    docs: list[SyntheticDoc]
    planted: list[PlantedCopy]
    #: Every unordered pair (as a sorted tuple of names) sharing a sentence of the same origin.
    related: set[tuple[str, str]] = field(default_factory=set)
    #: Pairs not related that carry the same quotation of their news event (and nothing else).
    quoting: set[tuple[str, str]] = field(default_factory=set)

    @property
    def planted_pairs(self) -> set[tuple[str, str]]:
        return {tuple(sorted((p.copy, p.source))) for p in self.planted}

    def write(self, folder: Path) -> list[Path]:
        """Write each article as ``NAME.txt`` into ``folder``; return the paths."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for doc in self.docs:
            path = folder / f"{doc.name}.txt"
            path.write_text(doc.text, encoding="utf-8")
            paths.append(path)
        return paths

    def rows(self) -> list[dict]:
        """The articles as corpus-file rows (``reader.core.corpus_files``): id, title, text, date."""
        return [_row(d) for d in self.docs]

    def write_jsonl(self, path: Path) -> Path:
        """Write the articles as JSON Lines, one row each."""
        import json

        with path.open("w", encoding="utf-8") as f:
            for row in self.rows():
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path

    def write_parquet(self, path: Path, row_group: int = 5_000) -> Path:
        """Write the articles as one Parquet file in row groups of ``row_group`` articles
        (a distributed scan reads one row group per partition). Needs pyarrow."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        docs = self.docs
        schema = pa.schema([("id", pa.string()), ("title", pa.string()), ("text", pa.string()),
                            ("date", pa.string())])
        with pq.ParquetWriter(path, schema) as writer:
            for start in range(0, len(docs), row_group):
                chunk = [_row(d) for d in docs[start:start + row_group]]
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema), row_group_size=row_group)
        return path


def _row(doc: SyntheticDoc) -> dict:
    return {"id": doc.name, "title": doc.text.split("\n", 1)[0], "text": doc.text, "date": doc.published}


class _Vocabulary:
    """Pseudo-words with Zipf-like frequencies and a fixed 'synonym' for each."""

    def __init__(self, rng: random.Random, size: int, exponent: float = 1.1, offset: int = 60) -> None:
        words: set[str] = set()
        while len(words) < size:
            syllables = rng.choice((1, 2, 2, 2, 3, 3))
            word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                           for _ in range(syllables))
            if 3 <= len(word) <= 12:
                words.add(word)
        self.words = sorted(words)
        rng.shuffle(self.words)
        # Zipf-Mandelbrot: the offset keeps the commonest content word near 1% of the text,
        # as in news, instead of the 10% a pure Zipf law would give it.
        weights = [1.0 / (rank + offset) ** exponent for rank in range(size)]
        self.cum_weights = list(itertools.accumulate(weights))
        # A synonym is another word of similar frequency, so a paraphrase keeps the texture.
        self.synonym = {}
        for i, w in enumerate(self.words):
            j = min(size - 1, max(0, i + rng.choice((-3, -2, -1, 1, 2, 3))))
            self.synonym[w] = self.words[j if j != i else (i + 1) % size]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


@dataclass(frozen=True, slots=True)
class _Topic:
    """One news event: its names and places, stock phrases, and a quotation many reports carry."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    quote: tuple[str, ...]


def _topic(rng: random.Random, vocab: _Vocabulary) -> _Topic:
    # Mid-frequency words: names of one event are rare in the corpus, frequent in its reports.
    pool = vocab.words[200:20_000] if len(vocab.words) > 20_000 else vocab.words
    words = tuple(rng.sample(pool, 24))
    phrases = tuple(tuple(rng.sample(words, rng.randint(3, 4))) for _ in range(5))
    said = rng.choice(words)
    inner = vocab.sample(rng, rng.randint(10, 16))
    quote = ("“" + inner[0], *inner[1:-1], inner[-1] + ",”", "said", said)
    return _Topic(words, phrases, quote)


def _sentence(rng: random.Random, vocab: _Vocabulary, topic: _Topic | None = None) -> list[str]:
    length = rng.randint(9, 20)
    content = vocab.sample(rng, length)
    if topic is not None:
        # Reports of one event keep naming the same people and places, in the same phrases.
        content = [rng.choice(topic.words) if rng.random() < 0.15 else w for w in content]
        if rng.random() < 0.2:
            at = rng.randint(0, len(content))
            content[at:at] = rng.choice(topic.phrases)
    words = []
    for w in content:
        words.append(w)
        if rng.random() < 0.6:
            words.append(rng.choice(_FUNCTION_WORDS))
    return words


def _render(words: list[str]) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _edit(rng: random.Random, vocab: _Vocabulary, words: list[str], rate: float) -> list[str]:
    """Light edit: substitute, drop or add about ``rate`` of the words."""
    out = []
    for w in words:
        r = rng.random()
        if r < rate * 0.5:
            out.append(vocab.synonym.get(w, w))
        elif r < rate * 0.75:
            continue
        elif r < rate:
            out.extend((w, rng.choice(_FUNCTION_WORDS)))
        else:
            out.append(w)
    return out or words


def _paraphrase(rng: random.Random, vocab: _Vocabulary, words: list[str]) -> list[str]:
    """Reword: synonyms for about a third of the words, then move a clause."""
    out = _edit(rng, vocab, words, 0.35)
    if len(out) > 8:
        cut = rng.randint(3, len(out) - 3)
        out = out[cut:] + out[:cut]  # "X, said Y" → "Y said X": same words, another order
    return out


def _borrow(rng: random.Random, vocab: _Vocabulary, sentence: tuple[list[str], int], mode: str):
    words, origin = sentence
    if mode == EDITED:
        words = _edit(rng, vocab, words, 0.12)
    elif mode == PARAPHRASE:
        words = _paraphrase(rng, vocab, words) if rng.random() < 0.7 else _edit(rng, vocab, words, 0.1)
    return words, origin


def generate_corpus(
    n_docs: int,
    *,
    seed: int = 1,
    copy_fraction: float = 0.1,
    vocabulary: int = 40_000,
    hide_dates: float = 0.3,
    rewrite_fraction: float = 0.3,
    topic_size: int = 20,
    quote_rate: float = 0.4,
    modes: tuple[str, ...] = MODES,
) -> SyntheticCorpus:
    """Generate ``n_docs`` news-length articles (about 400–800 words) with planted copies.

    ``copy_fraction`` of the articles are copies, in one mode drawn from ``modes``:
    ``rewrite_fraction`` of them rewrite 60–90% of one source's sentences (in order) and add a
    little of their own; the others take a run of 4–10 sentences from one source (a third of
    them from two) into an article of the usual length.
    ``hide_dates`` is the share of articles whose publication date is withheld. Articles come
    in news events of about ``topic_size`` reports that share names, stock phrases and — in
    ``quote_rate`` of them — the event's quotation, as seeds 000 and 001 share one with 002:
    unrelated reports of one event are near misses the scan must not call copies.
    """
    if n_docs < 2:
        raise ValueError("a corpus needs at least two articles")
    rng = random.Random(seed)
    vocab = _Vocabulary(rng, vocabulary)
    names = [f"doc{i:05d}" for i in range(n_docs)]
    n_copies = max(1, round(n_docs * copy_fraction))
    copy_ids = set(rng.sample(range(1, n_docs), min(n_copies, n_docs - 1)))

    # sentences[i] = list of (words, origin) where origin = index of the article that wrote it.
    sentences: list[list[tuple[list[str], int]]] = []
    dates: list[_dt.date] = []
    planted: list[PlantedCopy] = []
    start = _dt.date(2023, 1, 1)
    topics = [_topic(rng, vocab) for _ in range(max(1, n_docs // topic_size))]
    topic_of: list[int] = []
    for i in range(n_docs):
        n_sent = rng.randint(18, 30)
        topic_of.append(rng.randrange(len(topics)))
        topic = topics[topic_of[i]]
        own = [(_sentence(rng, vocab, topic), i) for _ in range(n_sent)]
        if rng.random() < quote_rate:
            # The event's quotation: shared material, not copying. A negative origin marks it
            # as nobody's text (-1 - topic), so it never makes two articles related.
            own.insert(rng.randint(0, n_sent), (list(topic.quote), -1 - topic_of[i]))
        date = start + _dt.timedelta(days=rng.randint(0, 400))
        if i in copy_ids:
            mode = rng.choice(modes)
            if rng.random() < rewrite_fraction:
                # A rewrite, like seed 003: most of one source in order, then a little of its own.
                src = rng.randrange(i)
                src_sents = sentences[src]
                take = max(4, round(len(src_sents) * rng.uniform(0.6, 0.9)))
                picked = sorted(rng.sample(range(len(src_sents)), take))
                borrowed = [_borrow(rng, vocab, src_sents[j], mode) for j in picked]
                own = borrowed + own[:rng.randint(0, take // 3)]
                planted.append(PlantedCopy(names[i], names[src], mode, take, REWRITE))
                date = max(date, dates[src] + _dt.timedelta(days=rng.randint(1, 5)))
            else:
                # Partial reuse: a run of sentences from one or two sources inside an article of
                # the usual length, like a report that lifts a few paragraphs from another.
                n_sources = 2 if rng.random() < 0.33 else 1
                sources = rng.sample(range(i), min(n_sources, i))
                budget = rng.randint(4, 10)
                own = own[:max(8, n_sent - budget)]
                for k, src in enumerate(sources):
                    take = budget if len(sources) == 1 else (budget // 2 + 1 if k == 0 else budget - budget // 2)
                    take = min(take, len(sentences[src]))
                    first = rng.randint(0, len(sentences[src]) - take)
                    borrowed = [_borrow(rng, vocab, s, mode) for s in sentences[src][first:first + take]]
                    at = rng.randint(0, len(own))
                    own[at:at] = borrowed
                    planted.append(PlantedCopy(names[i], names[src], mode, take, PARTIAL))
                    date = max(date, dates[src] + _dt.timedelta(days=rng.randint(1, 5)))
        sentences.append(own)
        dates.append(date)

    docs = []
    for i, sents in enumerate(sentences):
        paragraphs, current = [], []
        for words, _ in sents:
            current.append(_render(words))
            if len(current) >= rng.randint(2, 4):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        title = _render(vocab.sample(rng, rng.randint(4, 9)))[:-1]
        published = None if rng.random() < hide_dates else dates[i].isoformat()
        docs.append(SyntheticDoc(names[i], title + "\n\n" + "\n\n".join(paragraphs) + "\n", published))

    # Related = share at least one sentence origin (transitive copies included).
    holders: dict[int, list[int]] = {}
    for i, sents in enumerate(sentences):
        for origin in {o for _, o in sents if o >= 0}:
            holders.setdefault(origin, []).append(i)
    related = set()
    for docs_with_origin in holders.values():
        for a, b in itertools.combinations(sorted(docs_with_origin), 2):
            related.add(_pair(names[a], names[b]))
    quoters: dict[int, set[int]] = {}
    for i, sents in enumerate(sentences):
        for origin in {o for _, o in sents if o < 0}:
            quoters.setdefault(origin, set()).add(i)
    quoting = set()
    for docs_with_quote in quoters.values():
        for a, b in itertools.combinations(sorted(docs_with_quote), 2):
            if _pair(names[a], names[b]) not in related:
                quoting.add(_pair(names[a], names[b]))
    return SyntheticCorpus(docs, planted, related, quoting)


def _pair(a: str, b: str) -> tuple[str, str]:
    # Sorted by name, as ``planted_pairs`` and every scan result are: from 100,000 articles on,
    # "doc100000" sorts before "doc20000", so the order of creation is not the order of names.
    return (a, b) if a < b else (b, a)


def name_index(corpus: SyntheticCorpus) -> dict[str, int]:
    """Position of each article in ``corpus.docs`` by name (handy for id-based APIs)."""
    return {d.name: i for i, d in enumerate(corpus.docs)}

