"""The matcher: case rules, token boundaries, variants, leftmost-longest matches, the fast and plain scans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.annotate.matcher import Entry, compile_matcher


def spans(matcher, text):
    return [(text[s:e], matcher.entries[i].term) for s, e, i in matcher.find(text)]


def test_case_tells_the_country_from_the_pronoun():
    m = compile_matcher([Entry("US", ("c",)), Entry("U.S.", ("c",))])
    assert spans(m, "Let us say the US and the U.S. side agree.") == [("US", "US"), ("U.S.", "U.S.")]


def test_lower_case_entries_match_any_casing():
    m = compile_matcher([Entry("climate change", ("t",))])
    assert [s for s, _ in spans(m, "Climate Change and CLIMATE CHANGE and climate change")] == [
        "Climate Change",
        "CLIMATE CHANGE",
        "climate change",
    ]


def test_forced_exact_case_keeps_may_the_month_out():
    m = compile_matcher([Entry("may", ("hedge",), case="exact")])
    assert spans(m, "On May 18 they said it may help.") == [("may", "may")]


def test_token_boundaries():
    m = compile_matcher([Entry("Iran", ("t",))])
    assert spans(m, "Iranian officials") == []
    assert spans(m, "Iran's programme and U.S.-Iran talks") == [("Iran", "Iran"), ("Iran", "Iran")]


def test_hyphen_space_and_plural_variants():
    m = compile_matcher([Entry("one-China policy", ("t",)), Entry("mil-mil", ("t",)), Entry("exit ban", ("t",)), Entry("policy", ("p",))])
    text = "the one China policy, one-China policies, mil mil talks, mil-mil channels and exit bans"
    assert [s for s, _ in spans(m, text)] == ["one China policy", "one-China policies", "mil mil", "mil-mil", "exit bans"]


def test_plural_in_ies():
    m = compile_matcher([Entry("policy", ("t",))])
    assert spans(m, "policies and policy") == [("policies", "policy"), ("policy", "policy")]


def test_longest_match_wins_and_nothing_is_counted_twice():
    m = compile_matcher([Entry("Taiwan", ("a",)), Entry("Taiwan Strait", ("b",)), Entry("Strait", ("c",))])
    assert spans(m, "across the Taiwan Strait, Taiwan") == [("Taiwan Strait", "Taiwan Strait"), ("Taiwan", "Taiwan")]


def test_longest_match_across_case_rules():
    # "UN" and "UN Charter" are exact, "charter" folded: the longest valid entry wins at each start
    m = compile_matcher([Entry("UN", ("a",)), Entry("UN Charter", ("b",)), Entry("charter", ("c",))])
    assert spans(m, "upholding the UN Charter, un charter, the UN") == [
        ("UN Charter", "UN Charter"),
        ("charter", "charter"),
        ("UN", "UN"),
    ]


def test_casing_mismatch_falls_back_to_a_shorter_valid_entry():
    m = compile_matcher([Entry("US Congress", ("a",)), Entry("congress", ("b",))])
    # "us congress" fails "US Congress"'s case; "congress" inside it is still found
    assert spans(m, "us congress") == [("congress", "congress")]
    assert spans(m, "the US Congress") == [("US Congress", "US Congress")]


def test_wildcard_and_apostrophes():
    m = compile_matcher([Entry("sanction*", ("s",)), Entry("China's internal affairs", ("i",))])
    text = "sanctioned entities, sanctions; China\u2019s internal affairs"
    assert [s for s, _ in spans(m, text)] == ["sanctioned", "sanctions", "China\u2019s internal affairs"]


def test_matches_never_cross_a_paragraph_break():
    m = compile_matcher([Entry("climate change", ("t",))])
    assert spans(m, "climate\n\nchange") == []


def test_spans_point_into_text_with_non_ascii_before():
    m = compile_matcher([Entry("Taiwan", ("t",))])
    text = "İstanbul café — Taiwan"  # lower-casing "İ" changes the length: the case-insensitive path is used
    (start, end, _), = m.find(text)
    assert text[start:end] == "Taiwan"


def test_pos_and_endpos_restrict_the_search():
    m = compile_matcher([Entry("Iran", ("t",))])
    text = "Iran. Iran. Iran."
    assert [s for s, _e, _i in m.find(text, 6, 11)] == [6]


def test_entries_with_the_same_term_merge_their_labels():
    m = compile_matcher([Entry("overdose", ("public_health",)), Entry("overdose", ("counternarcotics",))])
    assert len(m.entries) == 1
    assert m.entries[0].labels == ("public_health", "counternarcotics")


_TEXTS = st.lists(st.sampled_from(["Taiwan", "Strait", "one-China", "policy", "US", "us", "UN", "Charter", "Iran", "Iranian", " ", ", ", "-", "\u201c", "(", "\u2014"]), max_size=30)


@settings(max_examples=150, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=5))
def test_fast_and_plain_scans_agree(words, cut):
    m = compile_matcher([Entry("Taiwan Strait", ("t",)), Entry("one-China policy", ("t",)), Entry("US", ("c",)), Entry("UN Charter", ("u",)), Entry("iran", ("i",)), Entry("policy", ("p",))])
    text = "".join(words)
    fast = m.find(text, min(cut, len(text)))
    plain = [h for h in m.find(text + " \u2022", min(cut, len(text))) if h[1] <= len(text)]  # "•" forces the plain scan
    assert fast == plain


_VARIANT_TEXTS = st.lists(st.sampled_from(["one", "China", "policy", "Xi", "s", "don", "t", " ", "-", "\u2010", "\u2011", "\u2013",
                                           "'", "\u2019", "Taiwan", "Strait", ", ", "\u00e9"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_VARIANT_TEXTS, st.integers(min_value=0, max_value=3))
def test_curly_apostrophes_and_odd_dashes_match_as_their_plain_forms(words, cut):
    """Scanning a text or its plain form (ASCII hyphens and apostrophes, same length) finds the same matches."""
    m = compile_matcher([Entry("one-China policy", ("t",)), Entry("Xi's", ("x",)), Entry("don't", ("d",)),
                         Entry("Taiwan Strait", ("s",)), Entry("china", ("c",))])
    text = "".join(words)
    plain = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-").replace("\u2019", "'")
    pos = min(cut, len(text))
    assert m.find(text, pos) == m.find(plain, pos)
    assert m.find(text + " \u2022", pos)[: len(m.find(text, pos))] == m.find(text, pos)  # plain and fast scans agree


_PAIR_WORDS = st.lists(st.sampled_from(["U.S.", "u.s.", "US", "us", "war", "crimes", "human", "rights", "council", "China",
                                        "Chinese", "cold", "Cold", "urge", " ", " ", "-", ", ", ".", "(", "'s", "\u2019s"]), max_size=40)


def _pair_matchers():
    first = compile_matcher([Entry("U.S.", ("a",)), Entry("war crimes", ("a",)), Entry("US", ("a",)), Entry("human rights", ("a",)),
                             Entry("China*", ("a",)), Entry("rights", ("a",)), Entry("Cold War", ("a",)), Entry("council China", ("a",))])
    second = compile_matcher([Entry("war", ("b",)), Entry("us", ("b",)), Entry("rights council", ("b",)), Entry("crimes", ("b",)),
                              Entry("urge", ("b",)), Entry("'s", ("b",)), Entry("cold war", ("b",), case="exact"),
                              Entry("China", ("b",), case="exact")])
    return first, second


@settings(max_examples=400, deadline=None)
@given(_PAIR_WORDS, st.integers(min_value=0, max_value=4))
def test_one_scan_for_two_matchers_finds_what_each_finds_alone(words, cut):
    """find_pair on the fast path (forced for short texts) equals each matcher's own find: keys of one inside, before,
    after and across the other's (a key ending in "." right before the other's), casing mismatches, wildcards."""
    from unittest import mock

    import analysis.annotate.matcher as matcher_module
    from analysis.annotate.matcher import find_pair, prepare_pair

    first, second = _pair_matchers()
    prepare_pair(first, second)
    text = "".join(words)
    pos = min(cut, len(text))
    with mock.patch.object(matcher_module, "_FAST_MIN", 0):
        assert find_pair(first, second, text, pos) == (first.find(text, pos), second.find(text, pos))
    assert find_pair(first, second, text, pos) == (first.find(text, pos), second.find(text, pos))


def test_one_scan_for_the_real_lexicons_on_the_white_house_corpus(topics, markers, wh_files):
    """Every White House readout long enough for the fast path: topic and marker matches as each lexicon finds them."""
    from analysis.annotate.matcher import find_pair, prepare_pair
    from analysis.ingest.readers import read_input
    from analysis.ingest.sources import RawInput

    prepare_pair(topics.matcher, markers.matcher)
    checked = 0
    for path in wh_files[::3]:
        for doc in read_input(RawInput(str(path), path.read_bytes()), speaker_list={})[0]:
            if len(doc.text) >= 2000:
                checked += 1
                assert find_pair(topics.matcher, markers.matcher, doc.text) == (topics.find(doc.text), markers.find(doc.text)), path
    assert checked > 100


@pytest.mark.parametrize("text", [
    "human rights council China",  # one matcher's match runs into the next stretch, the other's key starts after it
    "the U.S.'s war crimes",  # a key right after a stretch that ends in a period
    "cold war, Cold War and US us",  # casing: the longest key fails one matcher's rule
    "Chinese human rights",  # a wildcard stretch
])
def test_one_scan_for_two_matchers_on_the_cases_it_must_get_right(text):
    from unittest import mock

    import analysis.annotate.matcher as matcher_module
    from analysis.annotate.matcher import find_pair, prepare_pair

    first, second = _pair_matchers()
    prepare_pair(first, second)
    with mock.patch.object(matcher_module, "_FAST_MIN", 0):
        assert find_pair(first, second, text) == (first.find(text), second.find(text))
        assert all(find_pair(first, second, text, cut) == (first.find(text, cut), second.find(text, cut)) for cut in range(len(text)))
