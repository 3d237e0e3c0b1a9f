"""Themes the lexicon misses: NMF topics on sentence TF-IDF, and uncovered frequent terms.

- :class:`SentenceNMF` is a scikit-learn estimator (``__init__`` only stores
  parameters, ``fit`` returns ``self``, learned attributes end in ``_``, a
  fixed ``random_state``): TF-IDF of sentences, then non-negative matrix
  factorisation; :meth:`SentenceNMF.top_terms` and
  :meth:`SentenceNMF.representative_sentences` describe each discovered topic.
- :func:`discover_topics` runs it on a ``sentences`` table in one call.
- :func:`uncovered_terms` lists frequent words and n-grams that no lexicon
  entry covers, to grow the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from analysis.annotate.lexicon import (
    Entry,
    MarkerLexicon,
    Matcher,
    TopicLexicon,
    compile_matcher,
)

__all__ = ["SentenceNMF", "discover_topics", "uncovered_terms"]

#: Words, hyphenated words and dotted abbreviations (U.S.), two characters or more.
TOKEN_PATTERN = r"(?u)\b(?:[A-Za-z]\.){2,}|\b\w[\w\-]*\w\b"


class SentenceNMF(TransformerMixin, BaseEstimator):
    """NMF topic model on sentence TF-IDF.

    Parameters
    ----------
    n_topics : int, default 10
    max_features : int, default 5000
        Vocabulary size of the TF-IDF.
    min_df : int or float, default 2
    max_df : float, default 0.5
    ngram_range : tuple, default (1, 2)
    stop_words : str, list or None, default "english"
    random_state : int, default 0
        Fixes the NMF initialisation, so repeated fits agree.
    max_iter : int, default 400
    init : str, default "nndsvda"

    Attributes
    ----------
    vectorizer_ : TfidfVectorizer
    nmf_ : NMF
    components_ : ndarray of shape (n_topics, n_features)
        Topic-term weights.
    feature_names_ : ndarray of str
    sentence_topics_ : ndarray of shape (n_sentences, n_topics)
        Topic weights of the training sentences.
    reconstruction_err_ : float
    """

    def __init__(
        self,
        n_topics: int = 10,
        *,
        max_features: int = 5000,
        min_df: int | float = 2,
        max_df: float = 0.5,
        ngram_range: tuple[int, int] = (1, 2),
        stop_words: str | list[str] | None = "english",
        random_state: int = 0,
        max_iter: int = 400,
        init: str = "nndsvda",
    ):
        self.n_topics = n_topics
        self.max_features = max_features
        self.min_df = min_df
        self.max_df = max_df
        self.ngram_range = ngram_range
        self.stop_words = stop_words
        self.random_state = random_state
        self.max_iter = max_iter
        self.init = init

    def fit(self, X: Iterable[str], y=None) -> SentenceNMF:
        """Learn the vocabulary, the TF-IDF weights and the topics from sentence texts.

        Parameters
        ----------
        X : iterable of str
            Sentence texts.
        y : ignored

        Returns
        -------
        self
        """
        texts = list(X)
        self.vectorizer_ = TfidfVectorizer(
            max_features=self.max_features,
            min_df=self.min_df,
            max_df=self.max_df,
            ngram_range=self.ngram_range,
            stop_words=self.stop_words,
            token_pattern=TOKEN_PATTERN,
            sublinear_tf=True,
        )
        tfidf = self.vectorizer_.fit_transform(texts)
        n_components = min(self.n_topics, tfidf.shape[0], tfidf.shape[1])
        if n_components < 1:
            raise ValueError("no vocabulary left to model; lower min_df or give more sentences")
        self.nmf_ = NMF(n_components=n_components, init=self.init, random_state=self.random_state, max_iter=self.max_iter)
        self.sentence_topics_ = self.nmf_.fit_transform(tfidf)
        self.components_ = self.nmf_.components_
        self.feature_names_ = self.vectorizer_.get_feature_names_out()
        self.reconstruction_err_ = float(self.nmf_.reconstruction_err_)
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Topic weights of new sentences, shape (n_sentences, n_topics)."""
        check_is_fitted(self, "nmf_")
        return self.nmf_.transform(self.vectorizer_.transform(list(X)))

    def top_terms(self, *, n: int = 10) -> pd.DataFrame:
        """The ``n`` heaviest terms of each topic.

        Returns
        -------
        DataFrame
            Columns ``topic`` (0-based), ``rank`` (1 = heaviest), ``term``, ``weight``.
        """
        check_is_fitted(self, "components_")
        rows = []
        for k, weights in enumerate(self.components_):
            order = np.argsort(-weights, kind="stable")[:n]
            rows += [(k, r + 1, self.feature_names_[i], float(weights[i])) for r, i in enumerate(order) if weights[i] > 0]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    def labels(self, *, n: int = 3) -> list[str]:
        """A short label per topic: its ``n`` top terms joined by " / "."""
        terms = self.top_terms(n=n)
        return [" / ".join(g["term"]) for _, g in terms.groupby("topic", sort=True)]

    def representative_sentences(
        self, sentences: Sequence[str] | pd.DataFrame, *, n: int = 3, text_column: str = "text"
    ) -> pd.DataFrame:
        """The ``n`` sentences weighing most on each topic.

        Parameters
        ----------
        sentences : sequence of str or DataFrame
            Sentence texts, or a ``sentences`` table (its ``doc_id`` and
            ``sent_id`` are carried over).
        n : int, default 3
        text_column : str, default "text"

        Returns
        -------
        DataFrame
            Columns ``topic``, ``rank``, ``weight``, ``text`` (and ``doc_id``,
            ``sent_id`` when a table was given).
        """
        check_is_fitted(self, "nmf_")
        frame = sentences if isinstance(sentences, pd.DataFrame) else pd.DataFrame({text_column: list(sentences)})
        texts = frame[text_column].fillna("").astype(str).tolist()
        weights = self.transform(texts)
        rows = []
        for k in range(weights.shape[1]):
            order = np.argsort(-weights[:, k], kind="stable")[:n]
            for r, i in enumerate(order):
                if weights[i, k] <= 0:
                    break
                row = {"topic": k, "rank": r + 1, "weight": float(weights[i, k]), "text": texts[i]}
                for col in ("doc_id", "sent_id"):
                    if col in frame.columns:
                        row[col] = frame[col].iloc[i]
                rows.append(row)
        return pd.DataFrame(rows, columns=["topic", "rank", "weight", "text", *[c for c in ("doc_id", "sent_id") if c in frame.columns]])


def discover_topics(
    sentences: pd.DataFrame,
    *,
    n_topics: int = 10,
    n_terms: int = 10,
    n_sentences: int = 3,
    text_column: str = "text",
    random_state: int = 0,
    **params,
) -> tuple[SentenceNMF, pd.DataFrame, pd.DataFrame]:
    """Fit :class:`SentenceNMF` on a ``sentences`` table and describe the topics.

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table (or any frame with a text column).
    n_topics, n_terms, n_sentences : int
        Topics to find; top terms and representative sentences to list per topic.
    text_column : str, default "text"
    random_state : int, default 0
    **params
        Other :class:`SentenceNMF` parameters (``min_df``, ``ngram_range``, ...).

    Returns
    -------
    model : SentenceNMF
    terms : DataFrame
        From :meth:`SentenceNMF.top_terms`, plus ``label``.
    examples : DataFrame
        From :meth:`SentenceNMF.representative_sentences`, plus ``label``.
    """
    frame = sentences[sentences[text_column].fillna("").str.strip().ne("")]
    model = SentenceNMF(n_topics, random_state=random_state, **params).fit(frame[text_column])
    labels = dict(enumerate(model.labels()))
    terms = model.top_terms(n=n_terms)
    terms["label"] = terms["topic"].map(labels)
    examples = model.representative_sentences(frame, n=n_sentences, text_column=text_column)
    examples["label"] = examples["topic"].map(labels)
    return model, terms, examples


def _folded(lexicon: TopicLexicon | MarkerLexicon, *, side: str | None) -> Matcher:
    """The lexicon's entries matching any casing (n-gram vocabularies are lower case), minus those for other sides only."""
    limited = getattr(lexicon, "sides", {}) if side else {}
    return compile_matcher([Entry(e.term, e.labels, e.target, "fold") for e in lexicon.matcher.entries
                            if not any((label, e.term) in limited and side not in limited[label, e.term] for label in e.labels)])


def uncovered_terms(
    texts: Iterable[str] | pd.DataFrame,
    *,
    lexicons: Sequence[TopicLexicon | MarkerLexicon],
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = 5,
    top: int | None = 100,
    stop_words: str | list[str] | None = "english",
    text_column: str = "text",
    side: str | None = None,
) -> pd.DataFrame:
    """Frequent words and n-grams that no lexicon entry covers.

    An n-gram is covered when some entry of one of ``lexicons`` matches inside
    it ("taiwan strait issue" is covered by "Taiwan Strait"); matching ignores
    case here, since the n-grams are lower case.

    Parameters
    ----------
    texts : iterable of str or DataFrame
        Sentence or document texts (a table's ``text_column`` is used).
    lexicons : sequence of TopicLexicon or MarkerLexicon
    ngram_range : tuple, default (1, 3)
    min_count : int, default 5
        Minimum total frequency.
    top : int or None, default 100
        Keep the most frequent ``top`` (None keeps all).
    stop_words : str, list or None, default "english"
        Words no term may begin or end with ("english": scikit-learn's list). They
        stay inside n-grams, so "rule of law" is counted as written (and found
        covered by a "rule of law" entry), while "of the" and "the" are not terms.
    text_column : str, default "text"
    side : str or None, default None
        The issuing side of the texts (ISO 3166 alpha-2): a topic entry the lexicon gives other sides only
        (``sides: [UA]``) covers nothing here, as it counts for nothing in their readouts. None: every entry covers.

    Returns
    -------
    DataFrame
        Columns ``term``, ``n`` (occurrences), ``n_texts`` (texts containing
        it), ``n_words``, sorted by ``n`` descending then ``term``.
    """
    if isinstance(texts, pd.DataFrame):
        texts = texts[text_column].fillna("").astype(str).tolist()
    else:
        texts = list(texts)
    stops = frozenset(ENGLISH_STOP_WORDS if stop_words == "english" else (stop_words or ()))
    vec = CountVectorizer(ngram_range=ngram_range, token_pattern=TOKEN_PATTERN, lowercase=True)
    try:
        counts = vec.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return pd.DataFrame(columns=["term", "n", "n_texts", "n_words"])
    totals = np.asarray(counts.sum(axis=0)).ravel()
    in_texts = np.asarray((counts > 0).sum(axis=0)).ravel()
    names = vec.get_feature_names_out()
    keep = np.flatnonzero(totals >= min_count)
    matchers = [_folded(lex, side=side) for lex in lexicons]
    rows = []
    for i in keep:
        term = names[i]
        words = term.split(" ")
        if words[0] in stops or words[-1] in stops or any(m.find(term) for m in matchers):
            continue
        rows.append((term, int(totals[i]), int(in_texts[i]), term.count(" ") + 1))
    out = pd.DataFrame(rows, columns=["term", "n", "n_texts", "n_words"])
    out = out.sort_values(["n", "term"], ascending=[False, True]).reset_index(drop=True)
    return out if top is None else out.head(top)
