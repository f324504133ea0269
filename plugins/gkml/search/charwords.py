"""The character words of a bundle: written by gkml, not indexed by Pagefind.

Each document holds a word per distinct character (search.text: a one-character query
is that word). They are a third of a shard's postings, each with one location and no
meta, and Pagefind would index them only to hand them back: so a record page carries
them beside the text Pagefind reads (search.records.char_words_of), and once a
shard's runs are read, `add` posts them after each page's own words, where Pagefind would have (the
bundle's bytes are those of Pagefind indexing them). A reader's fragment no longer
carries them.
"""

from __future__ import annotations

from collections.abc import Mapping

from gkml.search.bundle import Bundle
from gkml.search.pffiles import BundleFormatError
from gkml.search.postings import BODY_WEIGHT, Packed
from gkml.search.text import CHAR, TITLE_CHAR


def add(bundle: Bundle, words_of: Mapping[str, str]) -> None:
    """Post each page's character words (`words_of`: page URL -> its words, space separated)
    after its own words, as Pagefind does a stream's last words: the word count it gave the
    page is the first one's location, and the stream's closing separator one more word."""
    if any(words_of.values()) and any(isinstance(word, str) and word[:1] in (CHAR, TITLE_CHAR)
                                      for word in bundle.postings):
        raise BundleFormatError("Pagefind indexed character words too")
    unposted = {url for url, words in words_of.items() if words}
    for number, page in enumerate(bundle.pages):
        words = words_of.get(page.url)
        if not words:
            continue
        unposted.discard(page.url)
        first = page.word_count
        split = words.split(" ")
        for k, word in enumerate(split):
            found = bundle.postings.get(word)
            if found is None:
                found = bundle.postings[word] = Packed()
            found.add(number, (BODY_WEIGHT, first + k))
        page.word_count = first + len(split) + 1
    if unposted:  # a record's address is not its page's: its one-character queries would find nothing
        raise BundleFormatError(f"no page of the bundle at {min(unposted)!r} for its character words")
