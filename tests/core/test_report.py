"""The report's content model and its HTML: escaping, links, marks (no Qt)."""

from __future__ import annotations

from dataclasses import replace

from reader.core.config import AlignConfig
from reader.core.documents import document_from_text
from reader.core.facts import compare_facts
from reader.core.matches import Alignment, Match, Summary
from reader.core.report import ReportNote, build_report
from reader.core.report_html import render_html
from reader.core.verdict import judge

TEXT_A = "The storm killed 1,200 people in Haiti <script>x</script> on Monday."
TEXT_B = "The storm killed more than 1,400 people in Haiti on Monday, officials said."


def _report(url_a=None, notes=()):
    a = replace(document_from_text(TEXT_A, title="A & <b>"), url=url_a)
    b = document_from_text(TEXT_B, title="B")
    alignment = Alignment((Match(0, len(TEXT_A), 0, len(TEXT_B), "paraphrase", 0.61),), Summary(0.9, 0.8, 1, 3, 12, 12))
    verdict = judge(alignment, TEXT_A, TEXT_B, relation="derived", source="a", basis="dates")
    return build_report(a, b, alignment, verdict, compare_facts(alignment, TEXT_A, TEXT_B), AlignConfig(), notes,
                        created="2026-11-30T10:00:00Z")


def test_the_model_carries_verdict_coverage_facts_and_settings():
    report = _report()
    assert report.verdict.startswith("B ") and report.coverage == (
        "A shares 90% of its text with B.", "B shares 80% of its text with A.")
    assert report.facts_total == 1 and report.passages[0].facts[0].describe() == "number changed: 1,200 → 1,400"
    assert ("Shortest passage", "40 characters") in report.settings
    assert report.documents[0].sha256 == document_from_text(TEXT_A).content_hash


def test_html_escapes_every_text_and_links_only_web_sources():
    page = render_html(_report(url_a="javascript:alert(1)"))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "A &amp; &lt;b&gt;" in page
    assert "href=" not in page  # a javascript: "URL" is shown as text, never linked
    page = render_html(_report(url_a="https://example.org/story"))
    assert page.count("href=") == 1 and 'href="https://example.org/story"' in page


def test_facts_are_boxed_inside_their_numbered_passage_on_both_sides():
    page = render_html(_report())
    assert '<span class="fact">1,200</span>' in page and '<span class="fact">1,400</span>' in page
    assert page.count('<span class="p k-paraphrase"><span class="n">1</span>') == 2


def test_notes_are_listed_with_their_verdict_and_quotes():
    note = ReportNote("A and B", "killed 1,200", "more than 1,400", "Toll inflated", ("toll",),
                      "Copied without credit", "Dana", "2026-11-29T08:00:00Z")
    page = render_html(_report(notes=(note,)))
    assert "Copied without credit" in page and "Toll inflated" in page and "by Dana" in page
    assert "No notes were written on this pair." in render_html(_report())


def test_qt_flavour_has_the_same_content_without_grid_or_media_queries():
    report = _report()
    qt = render_html(report, for_qt=True)
    assert "@media" not in qt and "display: grid" not in qt
    for needle in (report.verdict, "number changed: 1,200 → 1,400", report.documents[1].sha256):
        assert needle in qt
