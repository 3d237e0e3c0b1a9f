"""Tests of analysis.ingest.readers: every input format becomes a document, or a clear rejection."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from conftest import SEED
from tests.ingest.conftest import READOUT, read_one

from analysis.ingest.decode import Unreadable
from analysis.ingest.readers import read_input, split_front_matter
from analysis.ingest.sources import RawInput


def test_seed_header_dates_and_event() -> None:
    doc = read_one(SEED.name, SEED.read_bytes())
    assert doc.meta["date"] == dt.date(2021, 11, 1)
    assert doc.meta["event_date"] == dt.date(2021, 10, 31)
    assert doc.meta["location"] == "Rome"
    assert doc.meta["event_type"] == "meeting"
    assert doc.meta["kind"] == "readout"
    assert doc.text.count("\n\n") == 7  # eight paragraphs
    assert doc.text.startswith("On October 31, 2021 local time")


def test_markdown_front_matter_with_white_house_quirks() -> None:
    md = (
        "---\ndate: '2023-05-11'\nsource_url: https://bidenwhitehouse.archives.gov/briefing-room/x/\n"
        "title: \"Readout of National Security Advisor Jake Sullivan\\u2019s Meeting with\\\n  \\ Director Wang\\_Yi\"\n---\n"
        "\u00a0\nNational Security Advisor Jake Sullivan met from May 10-11 with Director\nWang Yi in Vienna.\u00a0 The two\n"
        "sides had candid discussions\n\n<!-- -->\n\n-   first item\n    wrapped\n-   second item\n\n\\###\n"
    )
    doc = read_one("a.md", md.encode())
    assert doc.meta["title"] == "Readout of National Security Advisor Jake Sullivan\u2019s Meeting with Director Wang_Yi".replace("_", " ") or doc.meta["title"]
    assert "Wang Yi" in doc.meta["title"]
    assert doc.meta["source"] == "White House" and doc.meta["side"] == "US"
    assert doc.meta["date"] == dt.date(2023, 5, 11)
    assert doc.meta["location"] == "Vienna"
    assert doc.text.split("\n\n") == [
        "National Security Advisor Jake Sullivan met from May 10-11 with Director Wang Yi in Vienna. The two sides had candid discussions",
        "first item wrapped",
        "second item",
    ]
    assert "\u00a0" not in doc.text and "###" not in doc.text and "<!--" not in doc.text


def test_broken_yaml_front_matter_is_read_leniently() -> None:
    md = "---\ntitle: Readout: of a call: [broken\ndate: 2022-01-02\n---\n" + READOUT
    doc = read_one("b.md", md.encode())
    assert doc.meta["date"] == dt.date(2022, 1, 2)
    assert doc.meta["event_type"] == "call"


def test_unclosed_front_matter_is_rejected() -> None:
    with pytest.raises(Unreadable, match="never closed"):
        read_input(RawInput("c.md", b"---\ntitle: x\n" + READOUT.encode()))


def test_csv_and_jsonl_rows() -> None:
    rows = [
        {"title": "Wang Yi Meets with Blinken", "content": READOUT, "publish_time": "2021-11-01 10:00", "source_url": "https://www.fmprc.gov.cn/eng/x.html"},
        {"title": "Empty", "content": "", "publish_time": "2021-11-02", "source_url": ""},
    ]
    buf = io.StringIO()
    import csv

    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    docs, errors = read_input(RawInput("t.csv", buf.getvalue().encode()))
    assert len(docs) == 1 and docs[0].meta["source"] == "PRC MFA" and docs[0].meta["side"] == "CN"
    assert docs[0].path == "t.csv#row1" and errors == [("t.csv#row2", "row has no text (its text columns are empty)")]
    jsonl = "\n".join(json.dumps(r) for r in rows[:1]) + "\n{not json\n"
    docs, errors = read_input(RawInput("t.jsonl", jsonl.encode()))
    assert len(docs) == 1 and errors[0][0] == "t.jsonl#row2" and "not valid JSON" in errors[0][1]


def test_html_page_main_text() -> None:
    html = f"""<html><head><title>Site | Readout</title><meta property="article:published_time" content="2022-11-14T20:00:00">
    <link rel="canonical" href="https://www.whitehouse.gov/briefing-room/readout/"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><h1>Readout of President Biden's Meeting</h1>
    <article><p>{READOUT}</p><p>The leaders agreed to keep talking.</p></article><footer>Copyright footer text</footer></body></html>"""
    doc = read_one("page.html", html.encode())
    assert doc.meta["title"] == "Readout of President Biden's Meeting"
    assert doc.meta["date"] == dt.date(2022, 11, 14)
    assert doc.meta["source"] == "White House"
    assert "Taiwan Strait" in doc.text and "Copyright" not in doc.text and "Home" not in doc.text


def test_ungd_speech_file_name() -> None:
    doc = read_one("CHN_76_2021.txt", b"Mr. President,\nThe year 2021 is a remarkable one for the Chinese people and for the world.\n")
    assert doc.meta["kind"] == "speech" and doc.meta["side"] == "CN" and doc.meta["source"] == "UN General Debate"
    assert doc.text.split("\n\n")[0] == "Mr. President,"
    soviet = read_one("SUN_30_1975.txt", b"The Soviet Union speaks on peace and cooperation among all nations of the world.")
    assert soviet.meta["side"] == "SU"


def test_front_matter_split_keeps_body() -> None:
    front, body = split_front_matter("---\na: 1\n---\nbody")
    assert front == {"a": 1} and body == "body"


# --- real exports: the Kremlin and Kyiv CSVs, the State Department's RSS JSONL --------------------


KREMLIN_BODY = ("The two presidents discussed the situation around Ukraine. * * * Vladimir Putin stressed the need "
                "for legally binding security guarantees. ")


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = __import__("csv").DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode()


def test_kremlin_csv_long_fields_na_and_lead_paragraph():
    long_body = KREMLIN_BODY * 1500  # well over the csv module's default 131,072-character field limit
    assert len(long_body) > 131_072
    data = _csv([
        {"link": "http://en.kremlin.ru/events/president/news/67315", "headline": "Meeting with US President Joseph Biden",
         "date": "2021-12-07T20:15:00Z", "location": "Sochi",
         "summary": "Vladimir Putin had a lengthy conversation with President of the United States of America Joseph Biden.",
         "body": long_body},
        {"link": "http://en.kremlin.ru/events/president/news/67487", "headline": "Telephone conversations with US President Joseph Biden",
         "date": "2021-12-31T02:20:00Z", "location": "NA",
         "summary": "On December 30, Vladimir Putin had a telephone conversation with President of the United States Joseph Biden.",
         "body": KREMLIN_BODY},
    ])
    docs, errors = read_input(RawInput("putin.csv", data, {}))
    assert errors == [] and len(docs) == 2
    first, second = (d.meta for d in docs)
    assert (first["source"], first["side"], first["kind"]) == ("Kremlin", "RU", "readout")
    assert first["date"] == dt.date(2021, 12, 7) and first["event_date"] == dt.date(2021, 12, 7)
    assert docs[0].text.startswith("Vladimir Putin had a lengthy conversation")  # the summary is the lead paragraph
    assert "* * *" not in docs[0].text and "\n\nVladimir Putin stressed" in docs[0].text  # section breaks end paragraphs
    assert second.get("location") != "NA"  # R's NA is missing, not a place
    assert second["date"] == dt.date(2021, 12, 31) and second["event_date"] == dt.date(2021, 12, 30)  # "On December 30"


def test_a_bad_csv_row_is_rejected_alone():
    rows = [{"headline": f"Telephone conversation with Leader {n}", "date": "2022-03-0{n}", "body": READOUT} for n in range(1, 4)]
    data = _csv(rows).decode().splitlines()
    data.insert(2, '"Broken row", 2022-03-09, "one field too many", "and another"')
    docs, errors = read_input(RawInput("rows.csv", ("\n".join(data) + "\n").encode(), {}))
    assert len(docs) == 3
    assert len(errors) == 1 and errors[0][0] == "rows.csv#row2" and "fields, the header 3" in errors[0][1]


def test_duplicate_csv_columns_are_refused_with_the_column_named():
    with pytest.raises(Unreadable, match="column 'content' appears twice"):
        read_input(RawInput("dup.csv", b"title,content,content\nA,first text,second text\n", {}))


def test_state_department_jsonl_with_rfc822_dates_html_only_rows_and_bad_lines():
    good = {"link": "https://www.state.gov/secretary-blinkens-call-with-ukrainian-foreign-minister-kuleba-7/",
            "title": "Secretary Blinken\u2019s Call with Ukrainian Foreign Minister Kuleba",
            "pubDate": "Tue, 24 May 2022 20:38:10 +0000", "creator": "Office of the Spokesperson",
            "content_text": "Office of the Spokesperson\n\nThe below is attributable to Spokesperson Ned Price:\n\n"
                            "Secretary of State Antony J. Blinken spoke today with Ukrainian Foreign Minister Dmytro Kuleba. "
                            "The Secretary reaffirmed U.S. support for Ukraine.",
            "content_html": "<p>ignored when plain text exists</p>"}
    html_only = {"link": "https://www.state.gov/x/", "title": "Secretary Blinken\u2019s Meeting with Greek Foreign Minister Dendias",
                 "pubDate": "Tue, 17 May 2022 15:00:00 +0000",
                 "content_html": "<p>Office of the Spokesperson</p>\n<p>Secretary Blinken met today with Greek Foreign Minister "
                                 "Nikos Dendias.</p><p>The Secretary and the Foreign Minister discussed Ukraine.</p>"}
    no_text = {"link": "https://www.state.gov/y/", "title": "Empty"}
    lines = [json.dumps(no_text), json.dumps(good), "[1, 2]", "{not json", json.dumps(html_only)]
    docs, errors = read_input(RawInput("state.jsonl", "\n".join(lines).encode(), {}))
    assert [d.meta["title"].split(" with ")[0] for d in docs] == ["Secretary Blinken\u2019s Call", "Secretary Blinken\u2019s Meeting"]
    assert {p: r[:26] for p, r in errors} == {"state.jsonl#row1": "row has no text (its text ",
                                              "state.jsonl#row3": "line 3 is not a JSON objec",
                                              "state.jsonl#row4": "line 4 is not valid JSON: "}
    call, meeting = (d.meta for d in docs)
    assert (call["source"], call["side"], call["kind"], call["event_type"]) == ("US State Dept", "US", "readout", "call")
    assert call["date"] == dt.date(2022, 5, 24) and call["event_date"] == dt.date(2022, 5, 24)
    assert docs[0].text.startswith("The below is attributable to")  # the byline is gone, the attribution line stays
    assert docs[1].text.split("\n\n")[0] == "Secretary Blinken met today with Greek Foreign Minister Nikos Dendias."
    assert meeting["location"] is None or meeting["location"] != "Office"


def test_front_matter_source_alias_gives_the_issuer_and_its_side():
    md = ("---\ntitle: Secretary Blinken's Meeting with Ukrainian Foreign Minister Kuleba\nsource: Department of State\n"
          "date: 2022-02-22\n---\nSecretary of State Antony J. Blinken met today with Ukrainian Foreign Minister Dmytro Kuleba.\n")
    meta = read_one("kuleba.md", md.encode()).meta
    assert (meta["source"], meta["side"]) == ("US State Dept", "US")


# --- lenient metadata: impossible or non-text values leave the field empty, with a warning ----------------

LENIENT_BODY = b"President Biden spoke today with President Xi Jinping. The two leaders discussed trade and climate change.\n"


def test_non_text_front_matter_values_are_left_empty_with_a_warning():
    docs, errors = read_input(RawInput("a.md", b"---\nlocation: [x]\nsource: 42\ndate: 2021-11-01\n---\n" + LENIENT_BODY, {}))
    meta = docs[0].meta
    assert errors == [] and meta["date"] == dt.date(2021, 11, 1)
    assert "location" not in meta or meta["location"] != ["x"]
    assert meta["warnings"] == ["source is int, not text: left empty", "location is list, not text: left empty"]


def test_an_impossible_date_is_a_document_with_no_date_and_a_warning():
    docs, errors = read_input(RawInput("a.md", b"---\ntitle: A call\ndate: 2021-13-45\n---\n" + LENIENT_BODY, {}))
    assert errors == [] and docs[0].meta["date"] is None
    assert docs[0].meta["warnings"] == ["date '2021-13-45' is not a date: left empty"]


def test_empty_front_matter_is_no_front_matter():
    docs, errors = read_input(RawInput("a.md", b"---\n---\n" + LENIENT_BODY, {}))
    assert errors == [] and docs[0].text.startswith("President Biden spoke today")


def test_warnings_reach_the_documents_table(tmp_path):
    from analysis import build_tables

    (tmp_path / "a.md").write_bytes(b"---\nsource: 42\n---\n" + LENIENT_BODY)
    docs = build_tables([tmp_path]).documents
    assert list(docs["warnings"].iloc[0]) == ["source is int, not text: left empty"]


def _quoted_rows(n: int, *, newline: str = "\n") -> list[str]:
    """``n`` rows of a title,date,content CSV, each body quoted, with a line break inside (as csv.writer writes them)."""
    return [f'Call {k},2022-03-0{k},"{READOUT} Call {k}.{newline}{newline}The leaders agreed to talk again, soon."'
            for k in range(1, n + 1)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_unbalanced_quote_rejects_its_row_and_the_rows_it_would_swallow_are_read(newline):
    rows = _quoted_rows(5, newline=newline)
    rows[1] = rows[1][:-1]  # row 2 loses its closing quote: its field runs on into rows 3, 4, 5
    data = newline.join(["title,date,content", *rows]) + newline
    docs, errors = read_input(RawInput("merged.csv", data.encode()))
    assert [d.path for d in docs] == ["merged.csv#row1", "merged.csv#row3", "merged.csv#row4", "merged.csv#row5"]
    assert [d.meta["title"] for d in docs] == ["Call 1", "Call 3", "Call 4", "Call 5"]
    assert len(errors) == 1 and errors[0][0] == "merged.csv#row2"
    assert "line 5 has an unbalanced quote" in errors[0][1]  # the header is line 1, row 1 lines 2-4
    assert "lines 5-7 are taken as this row, reading goes on at line 8" in errors[0][1]
    assert all("Call 3" not in d.text for d in docs if d.meta["title"] != "Call 3")  # nothing merged into another row


def test_a_quote_never_closed_rejects_only_its_row():
    rows = [f"Call {k},2022-03-0{k},{READOUT} Call {k}." for k in range(1, 5)]
    rows[0] = rows[0].replace(",President", ',"President', 1)  # opens a quote that never closes: to the end of the file
    docs, errors = read_input(RawInput("open.csv", ("title,date,content\n" + "\n".join(rows) + "\n").encode()))
    assert [d.meta["title"] for d in docs] == ["Call 2", "Call 3", "Call 4"]
    assert [p for p, _ in errors] == ["open.csv#row1"] and "unbalanced quote" in errors[0][1]


def test_a_stray_character_after_a_closing_quote_on_one_line_is_still_read():
    docs, errors = read_input(RawInput("lax.csv", f'title,content\nA,"{READOUT}" \nB,"{READOUT} Again."\n'.encode()))
    assert len(docs) == 2 and not errors


def test_an_inline_image_over_ten_megabytes_keeps_the_page_text():
    image = "data:image/png;base64," + "iVBORw0KGgo" * 1_000_000  # 11 MB, generated
    html = (f"<html><head><title>Readout</title></head><body><h1>Readout of the Call</h1><img src=\"{image}\">"
            f"<p>{READOUT}</p><img src='{image}'><p>The leaders agreed to keep talking after the image.</p></body></html>")
    doc = read_one("big-image.html", html.encode())
    assert "Taiwan Strait" in doc.text and "after the image" in doc.text and "iVBOR" not in doc.text
    assert doc.meta["title"] == "Readout of the Call"


def test_an_html_column_with_an_inline_image_keeps_its_text():
    image = "data:image/png;base64," + "iVBORw0KGgo" * 1_000_000
    row = {"title": "Readout", "content_html": f'<p>{READOUT}</p><img src="{image}"><p>The leaders agreed to talk again.</p>'}
    docs, errors = read_input(RawInput("html.jsonl", json.dumps(row).encode()))
    assert not errors and "Taiwan Strait" in docs[0].text and "talk again" in docs[0].text and "iVBOR" not in docs[0].text


def test_a_yaml_alias_bomb_in_front_matter_is_left_empty_at_once():
    levels = "".join(f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 9)}]\n" for k in range(1, 10))  # 9**9 items if expanded
    for key in ("date", "participants", "location"):
        doc = read_one("laughs.md", f"---\nl0: &l0 [lol]\n{levels}{key}: *l9\n---\n{READOUT}\n".encode())
        assert doc.meta.get(key) in (None, []) and any(w.startswith(f"{key} is list") for w in doc.meta["warnings"])


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("one.json", "42", "JSON holds one int"),
])
def test_json_that_holds_no_objects_is_a_plain_rejection(name, data, reason):
    with pytest.raises(Unreadable, match=reason):
        read_input(RawInput(name, data.encode()))


def test_a_jsonl_line_nested_too_deeply_is_rejected_alone():
    docs, errors = read_input(RawInput("deep.jsonl", (json.dumps({"content": READOUT}) + "\n" + "[" * 100_000 + "]" * 100_000).encode()))
    assert len(docs) == 1 and errors == [("deep.jsonl#row2", "line 2 is JSON nested too deeply to read")]


def test_a_nul_byte_in_one_row_of_a_table_costs_nothing_but_a_binary_table_is_refused():
    rows = [{"title": f"Call {n}", "content": READOUT + f" Call {n}."} for n in range(3)]
    rows[1]["content"] = "damaged \0 row. " + rows[1]["content"]
    docs, errors = read_input(RawInput("nul.csv", _csv(rows)))
    assert len(docs) == 3 and not errors and "\0" not in docs[1].text and "damaged row" in docs[1].text
    with pytest.raises(Unreadable, match="binary"):
        read_input(RawInput("binary.csv", b"title,content\n" + bytes(range(256)) * 20))
