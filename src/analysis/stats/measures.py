"""Keyness and association statistics on vectors of counts (no tables, no loops over terms).

Every function takes numpy arrays of counts (one element per term or per
n-gram) and returns arrays of the same length, so a whole vocabulary is scored
in one vectorised call. :mod:`analysis.stats` builds the counts from the
``tokens`` table and calls these.

Notation for keyness (one 2x2 table per term ``w``)::

                  target      reference
    w             a           b            a + b
    other terms   c           d            c + d
                  a + c       b + d        N = a + b + c + d

``a`` and ``b`` are the counts of ``w`` in the target and reference groups,
``a + c`` and ``b + d`` the total counts (of all terms kept) in each group.
Expected counts are ``E_ij = row_i * col_j / N``. Scores are *signed*:
positive when ``w`` is relatively more frequent in the target
(``a / (a + c) > b / (b + d)``, i.e. ``a d > b c``), negative otherwise.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

__all__ = [
    "chi2_yates",
    "log_likelihood",
    "pmi",
    "log_odds_dirichlet",
    "z_pvalue",
    "bigram_likelihood_ratio",
    "bigram_pmi",
    "trigram_likelihood_ratio",
    "trigram_pmi",
    "lambda_z",
]

FloatArray = np.ndarray


def _f(x) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _table(a, b, n_target, n_reference) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    a, b = _f(a), _f(b)
    return a, b, _f(n_target) - a, _f(n_reference) - b


def _sign(a, b, c, d) -> FloatArray:
    return np.where(a * d >= b * c, 1.0, -1.0)


def _signed(sign: FloatArray, value: FloatArray) -> FloatArray:
    """``sign * value`` without negative zeros."""
    return sign * value + 0.0


def chi2_yates(a, b, n_target, n_reference, *, yates: bool = True) -> tuple[FloatArray, FloatArray]:
    r"""Signed Pearson chi-squared with Yates' continuity correction, and its p-value.

    Parameters
    ----------
    a, b : array_like
        Counts of each term in the target and the reference.
    n_target, n_reference : array_like or float
        Total counts of all terms in the target and the reference.
    yates : bool, keyword-only
        Apply the continuity correction (default). Without it the statistic
        is :math:`N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d))`.

    Returns
    -------
    score : ndarray
        :math:`\operatorname{sign}(ad - bc)\,\chi^2_Y` with

        .. math:: \chi^2_Y = \frac{N\,\max(0,\ |ad - bc| - N/2)^2}{(a+b)(c+d)(a+c)(b+d)}

        which is exactly what ``scipy.stats.chi2_contingency(table, correction=True)``
        computes for a 2x2 table (scipy moves each cell half a count towards
        its expected value, or all the way when it is closer than that).
        quanteda differs only where :math:`|a - E_{11}| < 1/2`: it then
        reports the uncorrected statistic, scipy and this function 0.
    p : ndarray
        Upper tail of the chi-squared distribution with 1 degree of freedom.
    """
    a, b, c, d = _table(a, b, n_target, n_reference)
    n = a + b + c + d
    excess = np.abs(a * d - b * c)
    if yates:
        excess = np.maximum(excess - n / 2.0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = n * excess**2 / ((a + b) * (c + d) * (a + c) * (b + d))
    chi2 = np.nan_to_num(chi2, nan=0.0, posinf=0.0)
    return _signed(_sign(a, b, c, d), chi2), stats.chi2.sf(chi2, 1)


def _xlogx_over(o: FloatArray, e: FloatArray) -> FloatArray:
    """``o * ln(o / e)`` with the limit 0 at ``o = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = o * np.log(o / e)
    return np.where(o > 0, out, 0.0)


def log_likelihood(a, b, n_target, n_reference, *, williams: bool = False) -> tuple[FloatArray, FloatArray]:
    r"""Signed log-likelihood ratio :math:`G^2` (Dunning 1993), and its p-value.

    .. math:: G^2 = 2 \sum_{ij} O_{ij} \ln \frac{O_{ij}}{E_{ij}}, \qquad
              E_{ij} = \frac{R_i C_j}{N}

    over the four cells of the 2x2 table (a cell with :math:`O = 0` adds 0),
    by default without correction (AntConc's and Rayson's "LL"), signed by
    :math:`ad - bc`. With ``williams=True`` it is divided by Williams' (1976)

    .. math:: q = 1 + \frac{(N/R_1 + N/R_2 - 1)(N/C_1 + N/C_2 - 1)}{6N}

    (quanteda's ``correction = "williams"``). The p-value is the upper
    chi-squared tail with 1 degree of freedom.
    """
    a, b, c, d = _table(a, b, n_target, n_reference)
    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (
            _xlogx_over(a, r1 * c1 / n)
            + _xlogx_over(b, r1 * c2 / n)
            + _xlogx_over(c, r2 * c1 / n)
            + _xlogx_over(d, r2 * c2 / n)
        )
    g2 = np.maximum(np.nan_to_num(g2, nan=0.0), 0.0)
    if williams:
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1.0 + (n / r1 + n / r2 - 1.0) * (n / c1 + n / c2 - 1.0) / (6.0 * n)
        g2 = np.where(np.isfinite(q), g2 / q, g2)
    return _signed(_sign(a, b, c, d), g2), stats.chi2.sf(g2, 1)


def pmi(a, b, n_target, n_reference) -> FloatArray:
    r"""Pointwise mutual information of a term and the target group, in bits.

    .. math:: \mathrm{PMI} = \log_2 \frac{P(w, \text{target})}{P(w)\,P(\text{target})}
              = \log_2 \frac{a N}{(a + b)(a + c)}

    :math:`-\infty` when the term is absent from the target. No p-value.
    """
    a, b, c, d = _table(a, b, n_target, n_reference)
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(a * n) - np.log2((a + b) * (a + c))


def log_odds_dirichlet(y_i, n_i, y_j, n_j, alpha_w, alpha_0) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).

    Parameters
    ----------
    y_i, y_j : array_like
        Counts of each term in group *i* (target) and *j* (reference).
    n_i, n_j : float
        Total counts in each group.
    alpha_w : array_like
        Prior count of each term (the "pseudo-counts").
    alpha_0 : float
        Sum of the prior counts over the vocabulary.

    Returns
    -------
    delta : ndarray
        Their eq. (16):

        .. math:: \hat\delta_w^{(i-j)} =
            \ln\frac{y_w^i + \alpha_w}{n^i + \alpha_0 - y_w^i - \alpha_w}
            - \ln\frac{y_w^j + \alpha_w}{n^j + \alpha_0 - y_w^j - \alpha_w}
    variance : ndarray
        Their eq. (18): :math:`\sigma^2(\hat\delta_w) \approx 1/(y_w^i + \alpha_w) + 1/(y_w^j + \alpha_w)`.
    z : ndarray
        :math:`\hat\delta_w / \sqrt{\sigma^2(\hat\delta_w)}`, their eq. (19).
    """
    y_i, y_j, alpha_w = _f(y_i), _f(y_j), _f(alpha_w)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
            (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
        )
        variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w)
        z = delta / np.sqrt(variance)
    return delta, variance, z


def z_pvalue(z) -> FloatArray:
    """Two-sided normal p-value of a z-score."""
    return 2.0 * special.ndtr(-np.abs(_f(z)))


# --- collocation association measures (nltk's definitions, vectorised) -------------------


def _expected_cells(cells: list[FloatArray]) -> list[FloatArray]:
    """Expected counts of a 2**n contingency table under independence (nltk's generic formula).

    Cell ``x`` has bit ``k`` set when position ``k`` is *not* the n-gram's word.
    ``E_x = prod_k (sum of the cells agreeing with x on bit k) / N**(n - 1)``.
    """
    size = len(cells)
    n = size.bit_length() - 1
    total = sum(cells)
    out = []
    for i in range(size):
        prod = np.ones_like(total)
        for k in range(n):
            bit = 1 << k
            prod = prod * sum(cells[x] for x in range(size) if (x & bit) == (i & bit))
        out.append(prod / total ** (n - 1))
    return out


def _g2_cells(cells: list[FloatArray]) -> FloatArray:
    expected = _expected_cells(cells)
    return 2.0 * sum(_xlogx_over(o, e) for o, e in zip(cells, expected))


def bigram_likelihood_ratio(n_ii, n_ix, n_xi, n_xx) -> FloatArray:
    r"""Likelihood ratio :math:`G^2` of a bigram, as nltk's ``BigramAssocMeasures.likelihood_ratio``.

    ``n_ii`` counts the bigram (w1, w2), ``n_ix`` and ``n_xi`` the words w1 and
    w2, ``n_xx`` all words. The table is ``(n_ii, n_xi - n_ii, n_ix - n_ii,
    rest)`` and :math:`G^2 = 2 \sum O \ln(O / E)` (Manning and Schuetze 5.3.4).
    """
    n_ii, n_ix, n_xi, n_xx = map(_f, (n_ii, n_ix, n_xi, n_xx))
    n_oi, n_io = n_xi - n_ii, n_ix - n_ii
    return _g2_cells([n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io])


def bigram_pmi(n_ii, n_ix, n_xi, n_xx) -> FloatArray:
    r"""PMI of a bigram in bits, as nltk: :math:`\log_2 (n_{ii} n_{xx}) - \log_2 (n_{ix} n_{xi})`."""
    n_ii, n_ix, n_xi, n_xx = map(_f, (n_ii, n_ix, n_xi, n_xx))
    return np.log2(n_ii * n_xx) - np.log2(n_ix * n_xi)


def trigram_likelihood_ratio(n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_xxx) -> FloatArray:
    r"""Likelihood ratio of a trigram, as nltk's ``TrigramAssocMeasures.likelihood_ratio``.

    ``n_iix`` and ``n_xii`` count the bigrams (w1, w2) and (w2, w3), ``n_ixi``
    the pairs (w1, *, w3), ``n_ixx``, ``n_xix``, ``n_xxi`` the words and
    ``n_xxx`` all words. The 2x2x2 table is rebuilt from these marginals and
    :math:`G^2 = 2 \sum O \ln(O / E)` with
    :math:`E = \prod_k (\text{marginal on axis } k) / N^2`.
    """
    n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_xxx = map(
        _f, (n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_xxx)
    )
    n_oii = n_xii - n_iii
    n_ioi = n_ixi - n_iii
    n_iio = n_iix - n_iii
    n_ooi = n_xxi - n_iii - n_oii - n_ioi
    n_oio = n_xix - n_iii - n_oii - n_iio
    n_ioo = n_ixx - n_iii - n_ioi - n_iio
    n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo
    return _g2_cells([n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo])


def trigram_pmi(n_iii, n_ixx, n_xix, n_xxi, n_xxx) -> FloatArray:
    r"""PMI of a trigram in bits, as nltk: :math:`\log_2 (n_{iii} N^2) - \log_2 (n_{ixx} n_{xix} n_{xxi})`."""
    n_iii, n_ixx, n_xix, n_xxi, n_xxx = map(_f, (n_iii, n_ixx, n_xix, n_xxi, n_xxx))
    return np.log2(n_iii * n_xxx**2) - np.log2(n_ixx * n_xix * n_xxi)


def lambda_z(n11, n12, n21, n22, *, smoothing: float = 0.5) -> tuple[FloatArray, FloatArray]:
    r"""Blaheta and Johnson's (2001) log odds ratio :math:`\lambda` of a bigram and its z, as quanteda.

    The 2x2 table counts bigram *positions*: ``n11`` (w1 w2), ``n12`` (w1
    followed by another word), ``n21`` (another word followed by w2), ``n22``
    (neither). With ``smoothing`` added to every cell:

    .. math:: \lambda = \ln n_{11} + \ln n_{22} - \ln n_{12} - \ln n_{21},\qquad
              z = \lambda \Big/ \sqrt{\textstyle\sum_{ij} 1/n_{ij}}
    """
    cells = [_f(x) + smoothing for x in (n11, n12, n21, n22)]
    lam = np.log(cells[0]) + np.log(cells[3]) - np.log(cells[1]) - np.log(cells[2])
    sigma = np.sqrt(sum(1.0 / c for c in cells))
    return lam, lam / sigma
