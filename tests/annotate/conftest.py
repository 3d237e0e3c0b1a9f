"""Shared by the annotate tests: the actor gazetteer and the two lexicons, loaded once per module."""

from __future__ import annotations

import pytest

from analysis.annotate.actors import load_gazetteer
from analysis.annotate.lexicon import load_marker_lexicon, load_topic_lexicon


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def topics():
    return load_topic_lexicon()


@pytest.fixture(scope="module")
def markers():
    return load_marker_lexicon()
