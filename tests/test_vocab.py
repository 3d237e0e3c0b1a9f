"""The shared names agree with the lexicons and the design card."""

from __future__ import annotations

import math

import yaml

from analysis import config, vocab


def test_marker_categories_are_the_lexicon_categories_in_order():
    lexicon = yaml.safe_load(config.MARKERS_LEXICON.read_text(encoding="utf-8"))
    assert tuple(lexicon["categories"]) == vocab.MARKER_CATEGORIES


def test_every_category_has_a_tone_weight_and_hard_soft_split_the_weighted_ones():
    assert set(vocab.TONE_WEIGHTS) == set(vocab.MARKER_CATEGORIES)
    assert not set(vocab.HARD_CATEGORIES) & set(vocab.SOFT_CATEGORIES)
    assert all(vocab.TONE_WEIGHTS[c] <= 0 for c in vocab.HARD_CATEGORIES)
    assert all(vocab.TONE_WEIGHTS[c] > 0 for c in vocab.SOFT_CATEGORIES)
    assert vocab.FLIP_WHEN_NEGATED <= set(vocab.MARKER_CATEGORIES)


def test_speaker_labels_and_side_names():
    assert vocab.NOT_PRINCIPALS == {"narrator", "both sides", ""}
    assert vocab.side_name("CN") == "China" and vocab.side_name("US") == "United States"
    assert vocab.side_name("XX") == "XX"
    assert vocab.side_name(None) == "unknown" and vocab.side_name(math.nan) == "unknown"
