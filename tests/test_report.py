"""The report page: charts found by their notebook cell, captioned, linked, and written deterministically."""

from __future__ import annotations

import json

import nbformat

from analysis.report import notebook_charts, notebook_title, write_index

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4"
                    "480000000049454e44ae426082")


def _notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 07 Test: which charts?\n\nPurpose."),
        nbformat.v4.new_code_cell('plots.chart("plain-chart", plots.plot_x, data, source=SOURCE)'),
        nbformat.v4.new_markdown_cell("The plain chart shows things.\n\nMore detail."),
        nbformat.v4.new_code_cell('for p in focus:\n    plots.chart(f"{p.name}-who-gets-the-words", plots.plot_y, d)'),
        nbformat.v4.new_markdown_cell("Who gets the words in each account."),
        nbformat.v4.new_code_cell('plots.chart("dispersion-of-" + "-and-".join(TERMS), plots.plot_z, d)'),
    ]
    nbformat.write(nb, path)
    return path


def test_charts_are_matched_to_their_cells_and_captions(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    for stem in ("plain-chart", "focus-2021-12-07-who-gets-the-words", "focus-2021-12-30-1-who-gets-the-words",
                 "dispersion-of-taiwan", "unrelated"):
        (figures / f"{stem}.png").write_bytes(PNG)
        (figures / f"{stem}.json").write_text(json.dumps({"title": f"Title of {stem}"}))
    book = _notebook(tmp_path / "07-test.ipynb")
    charts = notebook_charts(book, figures)
    assert [c.name for c in charts] == ["plain-chart", "focus-2021-12-07-who-gets-the-words",
                                        "focus-2021-12-30-1-who-gets-the-words", "dispersion-of-taiwan"]
    assert charts[0].caption == "The plain chart shows things." and charts[0].title == "Title of plain-chart"
    assert charts[1].caption == "Who gets the words in each account."
    assert notebook_title(book) == "07 Test: which charts?"


def test_the_index_links_relative_files_and_escapes_text(tmp_path):
    figures = tmp_path / "reports" / "figures"
    figures.mkdir(parents=True)
    (figures / "plain-chart.png").write_bytes(PNG)
    book = _notebook(tmp_path / "07-test.ipynb")
    charts = notebook_charts(book, figures)
    out = write_index(charts, figures=figures, output=tmp_path / "reports" / "index.html",
                      corpus="2 documents: <Kremlin> (2)", notebooks_html={"07-test": "notebooks/07-test.html"},
                      titles={"07-test": notebook_title(book)})
    page = out.read_text(encoding="utf-8")
    assert 'href="figures/plain-chart.svg"' in page and 'href="figures/plain-chart.csv"' in page
    assert "data:image/png;base64," in page and "&lt;Kremlin&gt;" in page and "<Kremlin>" not in page
    again = write_index(charts, figures=figures, output=tmp_path / "reports" / "index2.html",
                        corpus="2 documents: <Kremlin> (2)", notebooks_html={"07-test": "notebooks/07-test.html"},
                        titles={"07-test": notebook_title(book)})
    assert again.read_bytes() == out.read_bytes()
