"""Shared by the chart tests: the Agg backend, every figure closed after each test, a small counts table."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _counts():
    return pd.DataFrame({"source": ["White House", "PRC MFA"], "documents": [91, 1]})
