"""The build: inputs -> documents -> segmented, attributed, tagged -> tables.

Each document goes through pure steps (read, normalise, segment, attribute,
tag) in worker processes; the main process only reads bytes, removes
duplicates and streams the results to Parquet, so memory stays bounded by a
few batches whatever the corpus size.
"""

from __future__ import annotations

import errno
import functools
import itertools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis import config
from analysis._schedule import Carried, Ready, batches_by_size, in_order
from analysis.annotate.actors import load_gazetteer
from analysis.annotate.lexicon import load_marker_lexicon, load_topic_lexicon
from analysis.annotate.matcher import prepare_pair
from analysis.annotate.topic_context import topics_in_context
from analysis.annotate.parts import PART_CHARS, Part, part_text, renumber, split_document, trim_part, whole_document
from analysis.annotate.segment import STOP_WORDS, normalize_tokens, segment
from analysis.annotate.shares import speaker_shares
from analysis.annotate.speakers import SpeakerAnnotation, annotate_speakers
from analysis.annotate.tagging import tag_both
from analysis.ingest.decode import Unreadable
from analysis.ingest.readers import Document, read_input
from analysis.ingest.sources import RawInput, RawRejection, find_speaker_lists, is_archive, iter_inputs, list_files
from analysis.tables import SCHEMAS, TABLE_NAMES, BuildFolder, StreamingWriter, Tables, decode_table, encode_table, write_table

_STOP_SET = pa.array(sorted(STOP_WORDS))
_PER_DOC_TABLES = ("documents", "sentences", "tokens", "topics", "markers")
#: The sentences' columns the speakers table is computed from, at the end of a build.
_KEY_COLUMNS = ["doc_id", "sent_id", "speaker", "speaker_side", "n_tokens"]


@dataclass(frozen=True)
class BuildOptions:
    """What a build reads besides the inputs (all picklable, sent once to each worker)."""

    topics_lexicon: Path = config.TOPICS_LEXICON
    markers_lexicon: Path = config.MARKERS_LEXICON
    gazetteer: Path = config.ACTORS_GAZETTEER
    speaker_list: dict = field(default_factory=dict)
    attribute: bool = True
    tag: bool = True
    #: Documents longer than this are annotated in parts of about this many characters (:mod:`analysis.annotate.parts`).
    part_chars: int = PART_CHARS


class _Resources:
    """Compiled lexicons and gazetteer, loaded once per process."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.gazetteer = load_gazetteer(options.gazetteer)
        self.topics = load_topic_lexicon(options.topics_lexicon) if options.tag else None
        self.markers = load_marker_lexicon(options.markers_lexicon) if options.tag else None


_WORKER: _Resources | None = None


def check_resources(options: BuildOptions) -> _Resources:
    """Load the lexicons and the gazetteer once in this process, so a broken file stops the build before any worker.

    Raises
    ------
    ValueError
        Naming the file and what is wrong with it (not valid YAML, an entry of the wrong shape, empty).
    """
    for label, path in (("topic lexicon", options.topics_lexicon), ("marker lexicon", options.markers_lexicon),
                        ("actor gazetteer", options.gazetteer)):
        if not Path(path).is_file():
            raise ValueError(f"{label} {path}: no such file")
    try:
        return _Resources(options)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - YAML errors, entries of the wrong type: one plain message
        where = getattr(exc, "problem_mark", None)
        line = f", line {where.line + 1}" if where is not None else ""
        raise ValueError(f"a lexicon could not be read ({type(exc).__name__}{line}: {exc}); "
                         f"check {options.topics_lexicon}, {options.markers_lexicon} and {options.gazetteer}") from None


def _init_worker(options: BuildOptions) -> None:
    global _WORKER
    _WORKER = _Resources(options)


@dataclass
class BatchResult:
    """What a worker returns for one batch of inputs."""

    tables: dict[str, pa.Table]
    doc_ids: list[str]
    paths: list[str]
    rejections: list[tuple[str, str, str | None]]
    n_bytes: int
    #: Documents read but not annotated, because the batch's text budget was spent or they are longer than
    #: ``BuildOptions.part_chars``: the main process has them annotated in bounded groups or parts.
    deferred: list[Document] = field(default_factory=list)
    #: With ``process_batch(..., encode=True)``: each table as a Parquet file (``tables`` empty), speakers rows, row counts.
    encoded: dict[str, bytes] = field(default_factory=dict)
    shares: pa.Table | None = None
    counts: dict[str, int] = field(default_factory=dict)


def annotate(doc: Document, resources: _Resources) -> dict[str, dict[str, list | np.ndarray]]:
    """Segment, attribute and tag one document.

    Returns
    -------
    dict
        For each per-document table, its columns (lists or arrays) for this document.
    """
    text, doc_id, meta = doc.text, doc.doc_id, doc.meta
    seg = segment(text)
    sentences = seg.sentences
    n_sent = len(sentences)
    if resources.options.attribute:
        who = annotate_speakers(text, sentences, meta, gazetteer=resources.gazetteer)
    else:
        who = _unattributed(n_sent)
    toks = seg.tokens
    n_tok = len(toks)
    spans = np.array(sentences, dtype=np.int32).reshape(n_sent, 3)  # start, end, para_id
    tagging = resources.options.tag
    topic_rows, marker_rows = tag_both(text, sentences, topics=resources.topics, markers=resources.markers) if tagging else ([], [])
    if topic_rows:  # "Russia" in a Kremlin readout is no topic of it, nor "cooperation" with the IAEA a bilateral relationship
        topic_rows = topics_in_context(topic_rows, text, side=meta.get("side") or who.side,
                                       participant_sides=who.participant_sides, gazetteer=resources.gazetteer,
                                       event_sentence=who.event_sentence, sides=resources.topics.sides)
    return {
        "documents": {
            "doc_id": [doc_id],
            "path": [doc.path],
            "source": [meta.get("source") or who.source],
            "side": [meta.get("side") or who.side],
            "kind": [meta.get("kind")],
            "title": [meta.get("title")],
            "date": [meta.get("date")],
            "event_date": [meta.get("event_date")],
            "event_type": [meta.get("event_type")],
            "location": [meta.get("location")],
            "participants": [who.participants or list(meta.get("participants") or [])],
            "participant_sides": [list(who.participant_sides) if who.participants else [None] * len(meta.get("participants") or [])],
            "warnings": [list(meta.get("warnings") or [])],
            "n_paragraphs": [len(seg.paragraphs)],
            "n_sentences": [n_sent],
            "n_tokens": [n_tok],
            "sha256": [doc.sha256],
            "format": [meta.get("format")],
            "url": [meta.get("url")],
            "text": [text],
        },
        "sentences": {
            "doc_id": [doc_id] * n_sent,
            "sent_id": np.arange(n_sent, dtype=np.int32),
            "para_id": spans[:, 2],
            "start": spans[:, 0],
            "end": spans[:, 1],
            "text": [text[st:e] for st, e, _ in sentences],
            "speaker": who.speaker,
            "speaker_side": who.speaker_side,
            "attribution": who.attribution,
            "reporting_verb": who.reporting_verb,
            "n_tokens": np.bincount(toks.sent_id, minlength=n_sent).astype(np.int32),
            "other_speaker": who.other_speaker,
        },
        "tokens": {
            "doc_id": [doc_id],  # one entry per document; expanded when the batch is assembled
            "n": [n_tok],
            "sent_id": toks.sent_id,
            "token_id": np.arange(n_tok, dtype=np.int32),
            "start": toks.start,
            "end": toks.end,
            "text": toks.text,
        },
        "topics": _rows_columns("topics", doc_id, topic_rows),
        "markers": _rows_columns("markers", doc_id, marker_rows),
    }


def _rows_columns(name: str, doc_id: str, rows: list[tuple]) -> dict[str, list]:
    names = SCHEMAS[name].names
    columns = list(zip(*rows)) if rows else [() for _ in names[1:]]
    return {"doc_id": [doc_id] * len(rows), **{n: list(c) for n, c in zip(names[1:], columns)}}


def _merge(parts: list[dict[str, list | np.ndarray]]) -> dict[str, list | np.ndarray]:
    merged: dict[str, list | np.ndarray] = {}
    for key in parts[0]:
        values = [p[key] for p in parts]
        if isinstance(values[0], np.ndarray):
            merged[key] = np.concatenate(values)
        else:
            merged[key] = list(itertools.chain.from_iterable(values))
    return merged


def _assemble(name: str, parts: list[dict[str, list | np.ndarray]]) -> pa.Table:
    """One Arrow table of a batch from the documents' columns."""
    schema = SCHEMAS[name]
    if not parts:
        return schema.empty_table()
    cols = _merge(parts)
    if name != "tokens":
        return pa.table({n: pa.array(cols[n], type=schema.field(n).type) for n in schema.names}, schema=schema)
    tok_text = pa.array(cols["text"], pa.string())
    norm, is_stop = normalize_tokens(tok_text, stop_words=_STOP_SET)
    doc_codes = np.repeat(np.arange(len(cols["n"]), dtype=np.int32), cols["n"])
    return pa.table(
        {
            "doc_id": pa.DictionaryArray.from_arrays(pa.array(doc_codes), pa.array(cols["doc_id"], pa.string())),
            "sent_id": pa.array(cols["sent_id"]),
            "token_id": pa.array(cols["token_id"]),
            "start": pa.array(cols["start"]),
            "end": pa.array(cols["end"]),
            "text": tok_text,
            "norm": norm,
            "is_stop": is_stop,
        },
        schema=schema,
    )


def _unattributed(n: int):
    return SpeakerAnnotation(participants=[], participant_sides=[], source=None, side=None, speaker=[None] * n,
                             speaker_side=[None] * n, attribution=[None] * n, reporting_verb=[None] * n,
                             other_speaker=[None] * n)


def process_batch(raws: list[RawInput | Document], resources: _Resources | None = None, *,
                  max_chars: int = 2_000_000, encode: bool = False) -> BatchResult:
    """Read and annotate a batch of inputs (runs in a worker process).

    Documents beyond ``max_chars`` characters of annotated text, and documents longer than
    ``options.part_chars``, are returned unannotated in ``deferred`` (memory
    bounded per batch, whatever one input holds: a 100,000-row CSV, a 50 MB text).
    With ``encode``, the worker returns its tables as Parquet files (:func:`analysis.tables.encode_table`).
    """
    resources = resources or _WORKER
    pieces: dict[str, list[dict]] = {name: [] for name in _PER_DOC_TABLES}
    doc_ids: list[str] = []
    paths: list[str] = []
    rejections: list[tuple[str, str, str | None]] = []
    first_path: dict[str, str] = {}
    deferred: list[Document] = []
    annotated = 0
    for raw in raws:
        try:
            docs, row_errors = ([raw], []) if isinstance(raw, Document) else read_input(raw, speaker_list=resources.options.speaker_list)
        except Unreadable as exc:
            rejections.append((raw.path, str(exc), None))
            continue
        except Exception as exc:  # a reader bug must not stop the run; it is reported instead
            rejections.append((raw.path, f"could not be read ({type(exc).__name__}: {exc})", None))
            continue
        rejections.extend((p, r, None) for p, r in row_errors)
        for doc in docs:
            if doc.doc_id in first_path:
                rejections.append((doc.path, f"duplicate of {first_path[doc.doc_id]} (same body text)", doc.doc_id))
                continue
            if annotated >= max_chars or len(doc.text) > resources.options.part_chars:
                first_path[doc.doc_id] = doc.path
                deferred.append(doc)
                continue
            annotated += len(doc.text)
            try:
                tables = annotate(doc, resources)
            except Exception as exc:
                rejections.append((doc.path, f"could not be analysed ({type(exc).__name__}: {exc})", None))
                continue
            first_path[doc.doc_id] = doc.path
            doc_ids.append(doc.doc_id)
            paths.append(doc.path)
            for name in _PER_DOC_TABLES:
                pieces[name].append(tables[name])
    tables = {name: _assemble(name, parts) for name, parts in pieces.items()}
    n_bytes = sum(len(r.data) for r in raws if isinstance(r, RawInput))
    if not encode:
        return BatchResult(tables, doc_ids, paths, rejections, n_bytes, deferred)
    return BatchResult({}, doc_ids, paths, rejections, n_bytes, deferred,
                       encoded={name: encode_table(name, t) for name, t in tables.items()},
                       shares=speaker_shares(tables["sentences"]), counts={name: t.num_rows for name, t in tables.items()})


def process_part(doc: Document, part: Part, resources: _Resources | None = None) -> BatchResult:
    """Annotate one part of an oversized document (``doc`` holds the part's text; runs in a worker process).

    Returns its tables in the whole document's offsets (:func:`analysis.annotate.parts.trim_part`), or a
    rejection reason when the part cannot be analysed.
    """
    resources = resources or _WORKER
    try:
        columns = annotate(doc, resources)
    except Exception as exc:  # noqa: BLE001 - reported in the document's warnings, the other parts still count
        return BatchResult({n: _assemble(n, []) for n in _PER_DOC_TABLES}, [], [], [(doc.path, f"{type(exc).__name__}: {exc}", None)], 0)
    tables = trim_part({name: _assemble(name, [columns[name]]) for name in _PER_DOC_TABLES}, part)
    return BatchResult(tables, [], [], [], 0)


def _deferred_results(deferred: list[Document], seen: dict[str, str], *, submit: Callable, window: int,
                      max_chars: int, max_docs: int, part_chars: int, batch: Callable = process_batch) -> Iterator[BatchResult]:
    """Annotate a batch's deferred documents: in groups of about ``max_chars`` characters, an oversized one in parts."""
    groups: list[list[Document] | Document] = []
    for oversized, run in itertools.groupby(deferred, key=lambda d: len(d.text) > part_chars):
        groups.extend(run if oversized
                      else batches_by_size(run, size=lambda d: len(d.text), max_bytes=max_chars, max_docs=max_docs))
    i = 0
    while i < len(groups):  # runs of groups go through the pool together; an oversized document on its own
        if isinstance(groups[i], Document):
            yield from _part_results(groups[i], seen, submit=submit, window=window, part_chars=part_chars)
            i += 1
            continue
        j = i
        while j < len(groups) and not isinstance(groups[j], Document):
            j += 1
        for result in in_order(((batch, g) for g in groups[i:j]), submit, window):
            yield result
            yield from _deferred_results(result.deferred, seen, submit=submit, window=window, max_chars=max_chars,
                                         max_docs=max_docs, part_chars=part_chars, batch=batch)
        i = j


def _part_results(doc: Document, seen: dict[str, str], *, submit: Callable, window: int, part_chars: int) -> Iterator[BatchResult]:
    """One oversized document annotated in parts, yielded part by part; its ``documents`` row comes with the last."""
    if doc.doc_id in seen:  # the collector would see it only at the last part, after the others were written
        yield BatchResult({n: _assemble(n, []) for n in _PER_DOC_TABLES}, [], [],
                          [(doc.path, f"duplicate of {seen[doc.doc_id]} (same body text)", doc.doc_id)], 0)
        return
    seen[doc.doc_id] = doc.path
    parts = split_document(doc.text, part_chars=part_chars)
    tasks = ((process_part, Document(doc.doc_id, doc.path, part_text(doc.text, p), doc.meta), p) for p in parts)
    n_sentences = n_tokens = 0
    first, warnings = None, []
    for part, result in zip(parts, in_order(tasks, submit, window)):
        if result.rejections and part.index == 0:  # nothing of it written yet: the document is a rejection
            del seen[doc.doc_id]
            yield BatchResult(result.tables, [], [], [(doc.path, f"could not be analysed ({result.rejections[0][1]})", None)], 0)
            return
        if result.rejections:
            warnings.append(f"part {part.index + 1} of {len(parts)} (characters {part.start:,}-{part.end:,}) could not be "
                            f"analysed ({result.rejections[0][1]}): its sentences are missing")
        tables = renumber(result.tables, sentences=n_sentences, tokens=n_tokens)
        n_sentences += tables["sentences"].num_rows
        n_tokens += tables["tokens"].num_rows
        if part.index == 0:
            first = tables["documents"]
        last = part.index == len(parts) - 1
        tables["documents"] = (whole_document(first, text=doc.text, n_sentences=n_sentences, n_tokens=n_tokens, warnings=warnings)
                               if last else first.slice(0, 0))
        yield BatchResult(tables, [doc.doc_id] if last else [], [doc.path] if last else [], [], 0)


def _raw_size(item: RawInput | RawRejection) -> int:
    return len(item.data) if isinstance(item, RawInput) else 0


def iter_results(
    inputs: list[Path],
    *,
    options: BuildOptions | None = None,
    workers: int | None = None,
    batch_bytes: int = 2_000_000,
    batch_docs: int = 200,
    encode: bool = False,
) -> Iterator[tuple[BatchResult, list[RawRejection]]]:
    """Process the inputs batch by batch, in input order, with at most a few batches in flight.

    Yields each batch's result with the rejections found while walking its inputs (as Parquet files with ``encode``).
    """
    inputs = [Path(p) for p in inputs]
    if options is None:
        options = BuildOptions(speaker_list=find_speaker_lists(inputs))
    global _WORKER
    workers = workers or min(os.cpu_count() or 1, 8)
    resources = check_resources(options)  # a broken lexicon is one plain error here, not a broken worker pool
    batches = batches_by_size(iter_inputs(inputs), size=_raw_size, max_bytes=batch_bytes, max_docs=batch_docs)
    seen: dict[str, str] = {}  # oversized documents annotated so far (their duplicates are caught before any part is written)

    batch_fn = functools.partial(process_batch, max_chars=batch_bytes, encode=encode)

    def with_deferred(result: BatchResult, rejected: list[RawRejection], submit: Callable, window: int):
        yield result, rejected
        for extra in _deferred_results(result.deferred, seen, submit=submit, window=window, max_chars=batch_bytes,
                                       max_docs=batch_docs, part_chars=options.part_chars, batch=batch_fn):
            yield extra, []

    def split(batch: list) -> tuple:  # one task: the batch's readable inputs, and the rejections walked with them
        return (batch_fn, [b for b in batch if isinstance(b, RawInput)], [b for b in batch if isinstance(b, RawRejection)])

    first, second = next(batches, None), next(batches, None)
    one_batch = second is None
    tasks = map(split, itertools.chain((b for b in (first, second) if b is not None), batches))
    first = second = None  # the tasks hold them until they are submitted
    if workers <= 1 or one_batch:  # one batch (a file, a few readouts): no pool to start
        def run(fn, *args):
            return Ready(fn(*args, resources=resources))

        def run_batch(fn, raws, rejected):
            return Ready((fn(raws, resources), rejected))

        for result, rejected in in_order(tasks, run_batch, 1):
            yield from with_deferred(result, rejected, run, 1)
        return
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":  # forked workers share the lexicons compiled here
        prepare_pair(resources.topics.matcher, resources.markers.matcher)
        _WORKER, init = resources, {}
    else:
        init = {"initializer": _init_worker, "initargs": (options,)}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, **init) as pool:
        def submit_batch(fn, raws, rejected):  # the rejections ride along with their batch's future
            return Carried(pool.submit(fn, raws), rejected)

        # bounded: never more than 2 batches per worker in memory
        for result, rejected in in_order(tasks, submit_batch, 2 * workers):
            yield from with_deferred(result, rejected, pool.submit, 2 * workers)


@dataclass
class BuildSummary:
    """Counts reported at the end of a build."""

    documents: int = 0
    rejected: int = 0
    sentences: int = 0
    tokens: int = 0
    bytes: int = 0
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)

    def line(self) -> str:
        mb = self.bytes / 1e6
        return (
            f"{self.documents:,} documents read, {self.rejected:,} rejected, {self.sentences:,} sentences, "
            f"{self.tokens:,} tokens in {self.seconds:.1f} s ({mb / max(self.seconds, 1e-9):.1f} MB/s)"
        )


class _Collector:
    """Receives batch results in order, drops cross-batch duplicates, hands tables to a sink."""

    def __init__(self, sink):
        self.sink = sink
        self.seen: dict[str, str] = {}
        self.rejections: list[tuple[str, str, str | None]] = []
        self.sentence_keys: list[pa.Table] = []  # of documents whose speakers rows are computed at the end
        self.shares: list[pa.Table] = []  # speakers rows computed by the workers, batch by batch
        self.summary = BuildSummary()

    def add(self, result: BatchResult, walked: list[RawRejection]) -> None:
        self.rejections.extend((r.path, r.reason, None) for r in walked)
        self.rejections.extend(result.rejections)
        self.summary.bytes += result.n_bytes
        dupes = []
        for doc_id, path in zip(result.doc_ids, result.paths):
            if doc_id in self.seen:
                dupes.append(doc_id)
                self.rejections.append((path, f"duplicate of {self.seen[doc_id]} (same body text)", doc_id))
            else:
                self.seen[doc_id] = path
        if result.encoded and not dupes:  # the worker's files go to the sink as they are
            self.summary.sentences += result.counts["sentences"]
            self.summary.tokens += result.counts["tokens"]
            self.shares.append(result.shares)  # each document is whole in its batch
            self.sink(result.encoded)
            return
        tables = {n: decode_table(b) for n, b in result.encoded.items()} if result.encoded else result.tables
        if dupes:
            drop = pa.array(dupes)
            tables = {n: t.filter(pc.invert(pc.is_in(pc.cast(t["doc_id"], pa.string()), value_set=drop))) for n, t in tables.items()}
        self.summary.sentences += tables["sentences"].num_rows
        self.summary.tokens += tables["tokens"].num_rows
        self.sentence_keys.append(tables["sentences"].select(_KEY_COLUMNS))
        self.sink(tables)

    def finish(self) -> dict[str, pa.Table]:
        """The tables computed at the end: speakers (from all sentences) and rejections."""
        self.summary.documents = len(self.seen)
        self.summary.rejected = len(self.rejections)
        keys = pa.concat_tables(self.sentence_keys) if self.sentence_keys else SCHEMAS["sentences"].empty_table().select(_KEY_COLUMNS)
        # a document's rows come from one batch, or from the keys of its parts: joined, they are the whole table
        speakers = pa.concat_tables([*self.shares, speaker_shares(keys)]).sort_by([("doc_id", "ascending"), ("first_sent_id", "ascending")])
        speakers = speakers.select(SCHEMAS["speakers"].names).cast(SCHEMAS["speakers"])
        rows = sorted(self.rejections, key=lambda r: r[0])
        rejections = pa.table([pa.array([r[i] for r in rows], pa.string()) for i in range(3)], schema=SCHEMAS["rejections"])
        return {"speakers": speakers.combine_chunks(), "rejections": rejections}


def build(
    inputs: list[Path] | None = None,
    out: Path | None = None,
    *,
    options: BuildOptions | None = None,
    workers: int | None = None,
    progress: bool = True,
) -> BuildSummary:
    """Build the tables from ``inputs`` and write them as Parquet into ``out``.

    Parameters
    ----------
    inputs : list of path, optional
        Files, folders or archives; default ``config.DATA_RAW``.
    out : path, optional
        Output folder; default ``config.DATA_PROCESSED``. Never under ``data/raw``.
    options : BuildOptions, optional
        Lexicon and gazetteer paths.
    workers : int, optional
        Worker processes (default: the number of cores).
    progress : bool
        Show a progress bar (on stderr).

    Returns
    -------
    BuildSummary
    """
    from tqdm.auto import tqdm

    started = time.perf_counter()
    inputs = [Path(p) for p in (inputs or [config.DATA_RAW])]
    out = Path(out or config.DATA_PROCESSED)
    _refuse_raw_output(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "the output path is a file, not a folder", str(out))
    folder = BuildFolder(out)
    writers = {name: StreamingWriter(name, folder.path / f"{name}.parquet") for name in _PER_DOC_TABLES}
    collector = _Collector(lambda tables: [writers[n].write(t) for n, t in tables.items()])
    total = _count_bytes(inputs)  # None when archives hide the uncompressed size
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="build", disable=not progress or (total or 10**9) < 1_000_000)
    try:
        for result, walked in iter_results(inputs, options=options, workers=workers, encode=True):
            collector.add(result, walked)
            bar.update(result.n_bytes)
        final = collector.finish()
        staged = {name: w.close() for name, w in writers.items()}
        for name, table in final.items():
            staged[name] = write_table(table, folder.path / f"{name}.parquet")
        folder.commit()
    except BaseException:
        for w in writers.values():
            try:
                w.abort()
            except Exception:  # noqa: BLE001 - a full disk may fail one writer; the others are still removed
                pass
        folder.abort()
        raise
    finally:
        bar.close()
    files = {name: out / path.name for name, path in staged.items()}
    collector.summary.files = files
    collector.summary.seconds = time.perf_counter() - started
    return collector.summary


def build_tables(inputs: list[Path] | Path | str | None = None, *, options: BuildOptions | None = None, workers: int = 1):
    """Build the tables in memory (no files written).

    Parameters
    ----------
    inputs : path or list of paths, optional
        Files, folders or archives; default ``config.DATA_RAW``.

    Returns
    -------
    analysis.tables.Tables
    """
    if inputs is None:
        inputs = [config.DATA_RAW]
    elif isinstance(inputs, (str, os.PathLike)):
        inputs = [Path(inputs)]
    parts: dict[str, list[pa.Table]] = {name: [] for name in _PER_DOC_TABLES}
    collector = _Collector(lambda tables: [parts[n].append(t) for n, t in tables.items()])
    for result, walked in iter_results(list(inputs), options=options, workers=workers):
        collector.add(result, walked)
    final = collector.finish()
    frames = {}
    for name in TABLE_NAMES:
        if name in final:
            table = final[name]
        else:
            table = pa.concat_tables(parts[name]).unify_dictionaries() if parts[name] else SCHEMAS[name].empty_table()
        frames[name] = table.to_pandas()
    return Tables(**frames)


def _refuse_raw_output(out: Path) -> None:
    raw = config.PROJECT_ROOT / "data" / "raw"
    resolved = out.resolve()
    if resolved == raw.resolve() or raw.resolve() in resolved.parents:
        raise ValueError(f"refusing to write tables under {raw}: data/raw holds inputs only; choose another --out")


def _count_bytes(inputs: list[Path]) -> int | None:
    files = [f for root in inputs if root.exists() for f in list_files(root)]
    if any(is_archive(f) for f in files):
        return None
    return sum(f.stat().st_size for f in files)  # list_files gives regular files only
