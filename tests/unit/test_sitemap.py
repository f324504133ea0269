"""The sitemap's split into files within sitemaps.org's bounds (50,000 addresses, 50 MB each)."""

from __future__ import annotations

from gkml.build.sitemap import MAX_BYTES, MAX_URLS, split_locations

SITE_URL = "https://yjt.ah.gov.cn/gkml/"


def test_sixty_thousand_documents_make_two_files_of_at_most_fifty_thousand() -> None:
    locations = [f"{SITE_URL}doc/002986620-2020-{n:05d}/" for n in range(60_000)]
    chunks = split_locations(locations)
    assert [len(chunk) for chunk in chunks] == [MAX_URLS, 10_000]
    assert [loc for chunk in chunks for loc in chunk] == locations


def test_long_addresses_split_by_size_before_count() -> None:
    """A keyword page's address is its term percent-encoded: 9 bytes a Chinese character."""
    locations = [f"{SITE_URL}keyword/{'%E5%AE%89' * 150}{n}/" for n in range(50_000)]
    chunks = split_locations(locations)
    assert len(chunks) > 1 and all(len(chunk) < MAX_URLS for chunk in chunks)
    for chunk in chunks:  # the file as the template writes it: declaration, <urlset>, then an entry each
        size = 100 + sum(len(f"\n    <url>\n         <loc>{loc}</loc>\n         <lastmod>2026-01-01</lastmod>\n    </url>")
                         for loc in chunk)
        assert size <= MAX_BYTES
    assert [loc for chunk in chunks for loc in chunk] == locations


def test_a_site_within_the_bounds_is_one_file() -> None:
    assert split_locations([]) == [[]]
    assert split_locations([SITE_URL]) == [[SITE_URL]]
