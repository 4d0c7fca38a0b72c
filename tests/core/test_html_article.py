"""reader.core.html_article: the article of a page (trafilatura), its metadata, and hostile pages."""

import datetime

import pytest

from reader.core.documents import DocumentError, document_from_html, load_document
from reader.core.html_article import EXTRACTORS, MAX_PAGE_CHARS, MAX_START_TAGS, PageError, read_html
from reader.core.page_dates import plausible_date, publication_day
from tests.web_server import STORY

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Meta removes accounts | CNN Business</title>
<meta property="og:title" content="Meta removes Khamenei&#8217;s accounts">
<meta property="og:site_name" content="CNN">
<link rel="canonical" href="https://edition.example.com/2024/02/09/tech/meta-khamenei">
<meta property="article:published_time" content="2024-02-09T22:31:00-05:00">
<meta name="author" content="Rosa Rahimi">
<script>var ads = "<p>not text</p>"; document.write("injected");</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<main><article>
  <h1>Meta removes Khamenei&#8217;s accounts</h1>
  <p>{STORY[0]}</p>
  <aside><p>Related: Ten other stories you may like to read this week</p></aside>
  <p>{STORY[1]}</p>
  <p>{STORY[2]}</p>
</article>
<section class="comments" id="comments"><h3>Comments</h3><p>Great article, thanks for writing it, I agree with everything.</p></section>
</main>
<footer>© 2024 Cable News Network. All rights reserved. Terms of use. Privacy policy.</footer>
</body></html>"""


def test_article_text_keeps_the_headline_first_and_the_story_without_furniture():
    article = read_html(PAGE)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Meta removes Khamenei’s accounts"
    assert paragraphs[1:] == STORY
    assert "Home" not in article.text and "Great article" not in article.text and "injected" not in article.text
    assert article.extractor == "trafilatura"


def test_metadata_title_author_site_canonical_url_and_date():
    article = read_html(PAGE, url="https://edition.example.com/some/path?utm=x")
    assert article.title == "Meta removes Khamenei’s accounts"
    assert article.author == "Rosa Rahimi"
    assert article.site == "CNN"
    assert article.url == "https://edition.example.com/2024/02/09/tech/meta-khamenei"
    # 22:31 in New York is 03:31 UTC the next day: the page's own day is kept.
    assert article.published == "2024-02-09"


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1900-01-01"])
def test_placeholder_dates_are_dropped(stamp):
    # The canonical URL holds the day too (htmldate reads it, rightly): this page has no other date.
    page = PAGE.replace("2024-02-09T22:31:00-05:00", stamp).replace("/2024/02/09/", "/")
    assert read_html(page).published is None


def test_plausible_date():
    today = datetime.date(2026, 11, 30)
    assert plausible_date("2024-02-09T22:31:00-05:00", today) == "2024-02-09"
    assert plausible_date("2026-12-01", today) == "2026-12-01"  # a page east of this clock
    assert plausible_date("2027-01-01", today) is None
    assert plausible_date("1994-12-31", today) is None
    assert plausible_date("2024-02-30", today) is None
    assert plausible_date("Friday", today) is None
    assert plausible_date(None, today) is None


def test_a_page_trafilatura_finds_no_article_in_is_read_by_the_fallback_and_says_so():
    # trafilatura takes the only text for a comment section, which it leaves out.
    article = read_html('<html><body><div class="comments"><p>Only a line of text.</p></div></body></html>')
    assert article.text == "Only a line of text."
    assert article.extractor == EXTRACTORS[1]


def test_a_page_built_by_javascript_is_named_as_such():
    page = ('<html><head><title>App</title><script src="/app.js"></script></head><body>'
            '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>')
    with pytest.raises(PageError, match="needs JavaScript to show its text"):
        read_html(page)


def test_no_text_at_all_is_an_error():
    with pytest.raises(PageError, match="^no article text found in the HTML$"):
        read_html("<html><head><title>x</title></head><body><img src=a.png></body></html>")


# -- hostile pages: one line or read, never a traceback, never minutes ------------------------------

def _one_line_or_read(markup):
    try:
        return read_html(markup)
    except PageError as exc:
        assert "\n" not in str(exc)
        return None


def test_json_ld_nested_100000_deep_is_read_without_its_metadata():
    ld = '{"a":' * 100_000 + "1" + "}" * 100_000
    page = PAGE.replace("</head>", f'<script type="application/ld+json">{ld}</script></head>')
    article = _one_line_or_read(page)
    assert article is not None and article.text.split("\n\n")[1:] == STORY


@pytest.mark.parametrize("opening", ["<div>", "<span>", "<blockquote>"])
def test_elements_nested_100000_deep_give_one_line(opening):
    closing = opening.replace("<", "</")
    page = "<html><body>" + opening * 100_000 + f"<p>{STORY[0]}</p>" + closing * 100_000 + "</body></html>"
    with pytest.raises(PageError, match="too large|no article text"):
        read_html(page)


def test_a_truncated_page_is_read_up_to_where_it_stops():
    article = read_html(PAGE[: PAGE.index(STORY[2]) + 40])
    assert STORY[0] in article.text and STORY[1] in article.text


def test_binary_bytes_served_as_html_give_one_line():
    noise = bytes(range(256)) * 400
    with pytest.raises(DocumentError, match=r"^page\.html: binary"):
        document_from_html(noise, "page.html")


def test_a_page_over_the_character_limit_is_refused_before_parsing():
    with pytest.raises(PageError, match="page is too large to read .* million characters"):
        read_html("<p>" + "x" * (MAX_PAGE_CHARS + 1))


def test_a_page_of_too_many_elements_is_refused_before_parsing():
    page = "<html><body>" + "<div><p>a few words</p></div>" * (MAX_START_TAGS // 2 + 1) + "</body></html>"
    with pytest.raises(PageError, match="page is too large to read .* HTML elements"):
        read_html(page)


def test_html_file_metadata_reaches_the_document(tmp_path):
    path = tmp_path / "meta.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = load_document(path)
    assert (doc.title, doc.author, doc.site, doc.published, doc.extractor, doc.format) == (
        "Meta removes Khamenei’s accounts", "Rosa Rahimi", "CNN", "2024-02-09", "trafilatura", "html")
    assert doc.url == "https://edition.example.com/2024/02/09/tech/meta-khamenei"
    assert doc.source == "meta.html" and doc.captured is None and doc.page is None
    assert doc.text.startswith("Meta removes Khamenei’s accounts\n\nMeta has removed")


def test_a_stated_first_of_january_is_kept():
    page = PAGE.replace("2024-02-09T22:31:00-05:00", "2024-01-01T09:00:00+01:00").replace("/2024/02/09/", "/")
    assert read_html(page).published == "2024-01-01"


def test_scripts_and_styles_do_not_count_against_the_size_limit_and_never_reach_the_text():
    script = "<script>var data = '" + "x" * MAX_PAGE_CHARS + "';</script><style>p{}</style>"
    article = read_html(PAGE.replace("</head>", script + "</head>"))
    assert article.text.split("\n\n")[1:] == STORY and "var data" not in article.text


@pytest.mark.parametrize("opening", ["<script>", "<style>"])
def test_thousands_of_unclosed_scripts_are_one_pass(opening):
    # A scan per opening tag to the page's end would be quadratic here (hours); one pass is not.
    # As in a browser, a script never closed runs to the end of the page.
    assert read_html("<p>The text.</p>" + opening * 20_000 + "x" * 1_000_000).text.startswith("The text.")


def test_thousands_of_unfinished_script_tags_give_one_line_or_are_read():
    article = _one_line_or_read("<p>The text.</p>" + "<script " * 20_000 + "x" * 1_000_000)
    assert article is None or article.text.startswith("The text.")


def test_a_big_page_read_without_second_opinions_still_finds_the_story():
    from reader.core.html_article import FAST_FROM_TAGS

    menu = "<ul>" + "<li><a href='/x'>Section</a></li>" * FAST_FROM_TAGS + "</ul>"
    article = read_html(PAGE.replace("<main>", f"<nav>{menu}</nav><main>"))
    assert article.text.split("\n\n")[1:] == STORY and "Section" not in article.text


# -- the page's own time zone -------------------------------------------------------------------

def test_a_utc_stamp_is_moved_into_the_zone_of_the_pages_dateline():
    # Hearst pages write article:published_time in UTC and show readers the Eastern time.
    page = PAGE.replace("2024-02-09T22:31:00-05:00", "2019-11-20T04:26:47Z").replace("/2024/02/09/", "/").replace(
        "<h1>", '<p class="dateline">Updated 11:26 pm EST, Tuesday, November 19, 2019</p><h1>')
    assert read_html(page).published == "2019-11-19"


def test_a_utc_stamp_without_a_zone_of_its_own_keeps_the_utc_day():
    page = PAGE.replace("2024-02-09T22:31:00-05:00", "2019-11-20T04:26:47Z").replace("/2024/02/09/", "/")
    assert read_html(page).published == "2019-11-20"


def test_publication_day():
    today = datetime.date(2026, 11, 30)
    assert publication_day("2019-11-20T04:26:47+0000", "<p>at 10:01 pm PST, Tuesday, November 19</p>", None, today) == "2019-11-19"
    # Daylight saving time comes from the zone: 03:30 UTC on 1 July is 23:30 the day before in New York.
    assert publication_day("2019-07-01T03:30:00+0000", "<p>Posted 11:30 p.m. ET Jun 30, 2019</p>", None, today) == "2019-06-30"
    # A time in the story, far from any date, is not the page's dateline.
    story = "<p>" + "The match starts at 8:00 pm ET and goes on. " + "Words. " * 20 + "</p>"
    assert publication_day("2019-11-20T04:26:47+0000", story, None, today) == "2019-11-20"
    # The same moment written with an offset elsewhere names the zone; another moment does not.
    same = '<script type="application/ld+json">{"datePublished": "2019-11-19T22:26:47-06:00"}</script>'
    assert publication_day("2019-11-20T04:26:47+0000", same, None, today) == "2019-11-19"
    other = '<time datetime="2019-11-21T11:35:33-06:00">a comment</time>'
    assert publication_day("2019-11-20T04:26:47+0000", other, None, today) == "2019-11-20"
    # A stamp with its own offset, or no time at all, is read as written.
    assert publication_day("2019-11-19T22:31:00-0500", "<p>10:31 pm PST, Nov 19</p>", None, today) == "2019-11-19"
    assert publication_day("2019-11-20T00:00:00", "<p>10:31 pm PST, Nov 19</p>", None, today) == "2019-11-20"
    assert publication_day("0001-01-01T00:00:00+0000", "", None, today) is None
    assert publication_day(None, "", None, today) is None
