"""Speed of ``analysis.stats`` frequency + keyness on the UN General Debate corpus.

Usage::

    python benchmarks/terms_speed.py                     # build tokens from ../shared/corpora/ungd
    python benchmarks/terms_speed.py TOKENS.parquet      # load tokens built earlier (or a `build --out` folder)
    python benchmarks/terms_speed.py --save TOKENS.parquet   # build, save, then time

The tokens table follows the project contract (doc_id, sent_id, token_id, start,
end, text, norm, is_stop). Until ``analysis.build_tables`` lands, tokens are built
here with the project's segmenter (``analysis.annotate.segment``) in two worker processes, reading the
speeches straight from the .tar.xz (nothing is copied). The grouping column
``year`` is merged in from the file names (``ISO3_SESSION_YEAR.txt``), as a
caller would merge it from ``documents``.

Timed, in one process on the same data:

* ``terms``: ``frequency(tokens)`` (whole corpus, with document frequencies)
  plus ``keyness(tokens, by="period", target="post-1990")`` (chi2 and lr),
  once with ``norm`` as a categorical (as read with ``read_dictionary``) and
  once as plain strings (the first call dictionary-encodes the column, later
  calls on the same table reuse the encoding);
* ``naive``: the same counts with ``collections.Counter`` over token norms per
  group (no stop-word handling, no document frequency, no statistics), the
  baseline a pure-Python analyst would write.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import tarfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis import stats as terms  # noqa: E402
from analysis.annotate.segment import STOP_WORDS, normalize_token, sentence_spans, token_spans  # noqa: E402

UNGD = ROOT.parent / "shared" / "corpora" / "ungd" / "ungdc-1946-2024-txt.tar.xz"
_NAME = re.compile(r"([A-Z]{2,3}[A-Z0-9]?)_(\d+)_(\d{4})\.txt$")


def _doc_tokens(item: tuple[str, str]) -> pa.Table:
    doc_id, text = item
    text = text.replace("\r\n", "\n")
    spans = token_spans(text, sentence_spans(text))
    if not spans:
        return pa.table({"doc_id": pa.array([], pa.string())})
    sent, start, end = (np.asarray(a, dtype=np.int32) for a in zip(*spans))
    words = [text[s:e] for s, e in zip(start.tolist(), end.tolist())]
    norm = [normalize_token(w) for w in words]
    return pa.table(
        {
            "doc_id": pa.array([doc_id] * len(words), pa.string()),
            "sent_id": sent,
            "token_id": np.arange(len(words), dtype=np.int32),
            "start": start,
            "end": end,
            "text": pa.array(words, pa.string()),
            "norm": pa.array(norm, pa.string()),
            "is_stop": pa.array([n in STOP_WORDS for n in norm], pa.bool_()),
        }
    )


def iter_speeches(archive: Path):
    """Yield ``(doc_id, text)`` for each speech in the UNGD archive, read in place."""
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            m = _NAME.search(member.name)
            if not member.isfile() or m is None or "/._" in member.name:
                continue
            data = tar.extractfile(member).read()
            yield Path(member.name).stem, data.decode("utf-8", errors="replace")


def build_tokens(archive: Path = UNGD, *, workers: int = 2) -> pa.Table:
    """Build the UNGD tokens table with the project's segmenter (``doc_id`` and ``norm`` dictionary-encoded)."""
    with ProcessPoolExecutor(workers) as pool:
        tables = [t for t in pool.map(_doc_tokens, iter_speeches(archive), chunksize=16) if t.num_rows]
    table = pa.concat_tables(tables).combine_chunks()
    for name in ("doc_id", "norm"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).dictionary_encode())
    return table


def load_tokens(path: Path) -> pd.DataFrame:
    """Read a tokens parquet (or ``tokens.parquet`` in a built folder), ``doc_id`` and ``norm`` as categoricals."""
    path = Path(path)
    if path.is_dir():
        path = path / "tokens.parquet"
    return pq.read_table(path, read_dictionary=["doc_id", "norm"]).to_pandas()


def add_year(tokens: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Merge ``year`` and ``period`` in, per document rather than per row.

    From ``documents.date`` when a documents table is given (a pipeline
    build, whose doc_ids are hashes), else from doc_ids named ``ISO3_SESSION_YEAR``.
    """
    doc = tokens["doc_id"].astype("category")
    names = [str(d) for d in doc.cat.categories]
    if documents is not None:
        year_of = dict(zip(documents["doc_id"].astype(str), pd.to_datetime(documents["date"]).dt.year))
        years = np.array([year_of.get(d, -1) for d in names])
    else:
        years = np.array([int(d.rsplit("_", 1)[-1]) for d in names])
    codes = doc.cat.codes.to_numpy()
    tokens["year"] = years[codes]
    tokens["period"] = pd.Categorical.from_codes((years >= 1991).astype(np.int8)[codes], ["1946-1990", "post-1990"])
    return tokens


def naive(tokens: pd.DataFrame, *, by: str) -> dict:
    """Baseline: a Counter of norms per group and for the whole corpus, via Python objects."""
    norms = tokens["norm"].astype(str).tolist()
    groups = tokens[by].astype(str).tolist()
    total: collections.Counter = collections.Counter(norms)
    per_group: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for g, w in zip(groups, norms):
        per_group[g][w] += 1
    return {"total": total, "groups": per_group}


def time_terms(tokens: pd.DataFrame, *, label: str) -> tuple[float, pd.DataFrame, pd.DataFrame]:
    """Time ``frequency`` (whole corpus) and ``keyness`` (chi2 and lr, post-1990 vs before); print the figures."""
    t0 = time.perf_counter()
    freq = terms.frequency(tokens)
    t_freq = time.perf_counter() - t0
    t0 = time.perf_counter()
    key_chi2 = terms.keyness(tokens, by="period", target="post-1990", measure="chi2")
    t_chi2 = time.perf_counter() - t0
    t0 = time.perf_counter()
    key_lr = terms.keyness(tokens, by="period", target="post-1990", measure="lr")
    t_lr = time.perf_counter() - t0
    total = t_freq + t_chi2 + t_lr
    print(f"[{label}]")
    print(f"  frequency: {t_freq:.2f} s ({len(freq):,} terms, with document frequencies)")
    print(f"  keyness chi2: {t_chi2:.2f} s; keyness lr: {t_lr:.2f} s ({len(key_chi2):,} terms)")
    print(f"  terms total (frequency + 2 x keyness): {total:.2f} s  [target < 20 s]")
    return total, key_chi2, key_lr


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tokens", nargs="?", type=Path, help="a built tokens parquet (else build from the corpus)")
    parser.add_argument("--save", type=Path, help="write the built tokens here")
    parser.add_argument("--no-naive", action="store_true", help="skip the Counter baseline")
    parser.add_argument("--no-strings", action="store_true", help="skip the second timing with norm as plain strings")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    documents = None
    if args.tokens is not None:
        tokens = load_tokens(args.tokens)
        how = f"loaded {args.tokens}"
        if args.tokens.is_dir() and (args.tokens / "documents.parquet").exists():
            documents = pq.read_table(args.tokens / "documents.parquet", columns=["doc_id", "date"]).to_pandas()
    else:
        if not UNGD.exists():
            sys.exit(f"UNGD corpus not found at {UNGD}; pass a tokens parquet instead")
        table = build_tokens()
        if args.save:
            args.save.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, args.save)
        tokens = table.to_pandas()
        how = "built from the corpus"
    tokens = add_year(tokens, documents)
    print(f"tokens: {len(tokens):,} rows, {tokens['doc_id'].nunique():,} documents ({how} in {time.perf_counter() - t0:.1f} s)")
    print(f"norm dtype: {tokens['norm'].dtype}")

    t_terms, key_chi2, key_lr = time_terms(tokens, label="norm as category")
    print("top post-1990 terms (chi2):", ", ".join(key_chi2["term"].head(15)))
    print("top post-1990 terms (lr):  ", ", ".join(key_lr["term"].head(15)))
    if not args.no_strings:
        as_strings = tokens.assign(norm=tokens["norm"].astype("str"))
        t_strings, _, _ = time_terms(as_strings, label="norm as plain strings (dictionary-encoded in the first call, then cached)")
        del as_strings

    if not args.no_naive:
        t0 = time.perf_counter()
        naive(tokens, by="period")
        t_naive = time.perf_counter() - t0
        print(f"naive Counter baseline: {t_naive:.2f} s")
        print(f"speed-up (naive / terms, norm as category): {t_naive / t_terms:.1f}x")
        if not args.no_strings:
            print(f"speed-up (naive / terms, norm as strings): {t_naive / t_strings:.1f}x")


if __name__ == "__main__":
    main()
