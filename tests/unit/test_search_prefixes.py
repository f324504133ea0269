"""Which chunks continue a one-character query's tokens (search.prefixes)."""

from __future__ import annotations

from gkml.search.prefixes import prefix, probes


def test_the_prefix_of_a_token_is_what_a_one_character_query_types() -> None:
    assert prefix("安全") == "安"
    assert prefix("ｘ00ff0c安") == "ｘ00ff0c"  # an escaped punctuation unit is one character
    assert prefix("ｆ皖政") == "ｆ皖"  # a 文号 field token
    assert prefix("ｗ皖政〔2010〕1号") is None  # whole-number tokens: never a prefix search
    assert prefix("ｘ00ff") == "ｘ00ff"  # a boundary Pagefind shortened


def test_only_chunks_that_continue_a_prefix_are_listed() -> None:
    chunks = [["a", "安b", "h1"], ["安c", "安d", "h2"], ["安e", "度", "h3"], ["法", "法x", "h4"],
              ["ｘ00ff", "ｘ00ff0c安", "h5"], ["ｘ00ff0c文", "ｘ00ff0d", "h6"]]
    assert probes(chunks) == {"安": ["安c", "安e"], "ｘ00ff0c": ["ｘ00ff0c文"]}
    assert probes(chunks[:1]) == {}
