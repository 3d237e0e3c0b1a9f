"""The checks of ``make test-lab`` catch what they are for: unrun cells, errors, stderr, charts not shown, broken links.

These run in ``make test`` (no browser needed); ``make test-lab`` itself runs the notebooks in JupyterLab.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from lab.checks import ends_with_chart, notebook_problems, page_problems, report_problems, shown_images

PNG = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}


def _chart_cell(n: int, outputs) -> nbformat.NotebookNode:
    cell = new_code_cell('x = 1\nplots.chart("a-chart", plots.plot_x, data, folder=FIGURES, source=SOURCE)',
                         execution_count=n)
    cell.outputs = outputs
    return cell


def _good() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# 07 A test"), new_code_cell("1 + 1", execution_count=1),
                _chart_cell(2, [new_output("display_data", data=PNG)]),
                _chart_cell(3, [new_output("execute_result", data={"text/markdown": "One year only: no trend."},
                                           execution_count=3)])]
    return nb


def test_a_notebook_run_clean_has_no_problem():
    nb = _good()
    assert notebook_problems(nb, exported_charts=1) == []
    assert shown_images(nb) == 1


def test_an_unrun_cell_an_error_and_stderr_are_each_named():
    nb = _good()
    nb.cells[1].execution_count = None
    nb.cells.append(new_code_cell("boom()", execution_count=4,
                                  outputs=[new_output("error", ename="NameError", evalue="name 'boom' is not defined",
                                                      traceback=[])]))
    nb.cells.append(new_code_cell("warn()", execution_count=5,
                                  outputs=[new_output("stream", name="stderr", text="DeprecationWarning: old\n")]))
    problems = notebook_problems(nb)
    assert any("cell 2" in p and "not run" in p for p in problems)
    assert any("cell 5" in p and "NameError" in p for p in problems)
    assert any("cell 6" in p and "stderr" in p and "DeprecationWarning" in p for p in problems)
    assert len(problems) == 3


def test_a_chart_cell_without_image_or_note_fails_and_a_missing_image_is_counted():
    nb = _good()
    nb.cells[2].outputs = []
    problems = notebook_problems(nb, exported_charts=1)
    assert any("cell 3" in p and "neither shows its chart" in p for p in problems)
    assert any("1 charts were exported but the notebook shows only 0 images" in p for p in problems)


def test_only_a_trailing_chart_call_must_show_its_output():
    assert ends_with_chart('plots.chart("x", f, d, source=S)')
    assert not ends_with_chart('for p in pairs:\n    plots.chart(f"{p}-x", f, d, source=S)')
    assert not ends_with_chart('result = plots.chart("x", f, d, source=S)\nresult')
    assert not ends_with_chart("%matplotlib inline")
    nb = _good()
    nb.cells.append(new_code_cell('for p in []:\n    plots.chart(f"{p}-x", f, d, source=S)', execution_count=4))
    assert notebook_problems(nb, exported_charts=1) == []


def test_page_problems_name_prompts_stderr_broken_images_and_dialogs():
    assert page_problems({"prompts": ["[1]:", "[2]:"], "stderr": [], "images": [{"ok": True}], "dialogs": []}) == []
    traceback = "-----\nKeyError    Traceback (most recent call last)\nCell In[3]\n----> 1 d['x']\nKeyError: 'x'"
    problems = page_problems({"prompts": ["[1]:", "[ ]:", "[*]:"], "stderr": [traceback, "/a.py:129: UserWarning: odd\n  f()"],
                              "images": [{"ok": True}, {"ok": False}], "dialogs": ["Select Kernel"]})
    assert problems[0].startswith("code cells [2, 3] (counting code cells only) show no execution count")
    assert problems[1].endswith("KeyError: 'x'") and problems[2].endswith("/a.py:129: UserWarning: odd")
    assert "images [2]" in problems[3] and "Select Kernel" in problems[4]


def test_report_problems_check_every_src_and_href(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.svg").write_text("<svg/>")
    base = tmp_path.as_uri()
    images = [{"src": "data:image/png;base64,xx", "ok": True}]
    links = [{"raw": "#nb01", "url": f"{base}/index.html#nb01"},
             {"raw": "figures/a.svg", "url": f"{base}/figures/a.svg"}]
    assert report_problems(images=images, links=links, ids=["nb01"], expected_images=1) == []
    problems = report_problems(
        images=images + [{"src": f"{base}/gone.png", "ok": False}],
        links=links + [{"raw": "figures/b.csv", "url": f"{base}/figures/b.csv"}, {"raw": "#nowhere", "url": "x"},
                       {"raw": "https://example.org/", "url": "https://example.org/"}, {"raw": None, "url": ""}],
        ids=["nb01"], console=["Uncaught TypeError: x is undefined"], failed=["file:///gone.png: net::ERR_FILE_NOT_FOUND"],
        expected_images=1)
    assert any(p.startswith("console error: Uncaught TypeError") for p in problems)
    assert any(p.startswith("request failed: file:///gone.png") for p in problems)
    assert any("image did not load" in p for p in problems)
    assert any("figures/b.csv points to a missing file" in p for p in problems)
    assert any("#nowhere points to no element" in p for p in problems)
    assert any("https://example.org/ leaves the offline page" in p for p in problems)
    assert "a link without href" in problems
    assert any("shows 2 images, the run exported 1" in p for p in problems)
