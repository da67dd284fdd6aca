"""The report runner (quotelens.report.runner): parameter checks, failures, --only, HTML and determinism.

The runner is exercised on tiny notebooks built here (named like the real ones, since the runner
only knows NOTEBOOK_ORDER) so these tests do not depend on the project's notebooks. Kernel runs
are shared through module-scoped fixtures: each costs a kernel start (about 2 s).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from quotelens import cli
from quotelens import config as qconfig
from quotelens.report import runner as report
from quotelens.report.runner import NotebookFailedError, ReportConfigError

TYPED_PARAMETERS = '''processed_dir: str = "data/processed/default"  # folder of intermediate tables
figures_dir: str = "figures"  # folder of figures
n_points: int = 3  # number of points to plot
scale: float = 1.0  # multiplier of y
label: str = "demo"  # a label for the title
flags: list[str] = []  # free-form flags
options: dict = {}  # free-form options
verbose: bool = False  # print more
hang: bool = False  # sleep in the middle (used to interrupt a run)
marker_path: str = ""  # file written just before hanging, holding the kernel pid'''

# The code cell of the working notebook: writes a table and a figure (PNG + CSV), and shows
# article-like text holding markup that must stay inert in the HTML.
WORKING_CODE = """import os, time
import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, display
from quotelens.config import resolve
from quotelens.figures import save_figure
from quotelens.tables import write_table
data = pd.DataFrame({"x": list(range(n_points)), "y": [scale * i for i in range(n_points)]})
write_table(data, resolve(processed_dir) / "tiny.csv")
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot(data.x, data.y)
ax.set_title(label)
png = save_figure(fig, data, "01_tiny", resolve(figures_dir))
display(Image(filename=str(png)))"""

HANG_CODE = """if hang:
    Path = __import__("pathlib").Path
    Path(marker_path).write_text(str(os.getpid()))
    time.sleep(120)"""

HOSTILE_TABLE = """pd.DataFrame({"quote": ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', "https://example.org/a"]})"""


def make_notebook(path: Path, cells: list[tuple]) -> Path:
    """Write a notebook of (kind, source[, tags]) cells with fixed cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source, *tags) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        cell["id"] = f"cell-{i}"
        if tags:
            cell.metadata["tags"] = tags[0]
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


SMALL_PARAMETERS = 'processed_dir: str = "data/processed/default"  # tables\nfigures_dir: str = "figures"  # figures'


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> Path:
    """01_articles works (typed parameters, a figure, hostile text); 02_statements fails in its
    cell at index 3; 03_sentiment is trivial."""
    folder = tmp_path_factory.mktemp("notebooks")
    make_notebook(folder / "01_articles.ipynb", [
        ("md", "# Tiny articles for the runner tests\n\nText with <script>alert('md')</script> and [a link](javascript:alert(1))."),
        ("code", TYPED_PARAMETERS, ["parameters"]),
        ("code", WORKING_CODE),
        ("code", HOSTILE_TABLE),
        ("code", HANG_CODE),
    ])
    make_notebook(folder / "02_statements.ipynb", [
        ("md", "# A notebook that fails"),
        ("code", SMALL_PARAMETERS, ["parameters"]),
        ("code", "x = 1"),
        ("code", "# deliberately failing cell\nraise ValueError('boom from the test notebook')"),
        ("code", "print('never reached')"),
    ])
    make_notebook(folder / "03_sentiment.ipynb", [
        ("md", "# Trivial third notebook"),
        ("code", SMALL_PARAMETERS, ["parameters"]),
        ("code", "print('three')"),
    ])
    return folder


def write_config(path: Path, notebooks: dict, **top) -> Path:
    data = {"name": "test", "processed_dir": "p", "figures_dir": "f", "reports_dir": "r", **top, "notebooks": notebooks}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------------------------
# Parameters, without any kernel


def test_parse_parameters_reads_types_defaults_and_help():
    params = report.parse_parameters(TYPED_PARAMETERS + "\nuntyped = 4  # comment with a = sign\n")
    assert params["n_points"].annotation == "int"
    assert params["flags"].annotation == "list[str]"
    assert params["processed_dir"].default == "'data/processed/default'"
    assert params["scale"].help == "multiplier of y"
    # An '=' inside a comment hides a cell from papermill's parser, not from ours.
    assert params["untyped"].annotation == "int"
    assert params["untyped"].help == "comment with a = sign"


@pytest.mark.parametrize(
    "annotation, value, ok",
    [
        ("int", 3, True),
        ("int", True, False),  # YAML true is not a number
        ("int", "3", False),
        ("float", 2, True),
        ("float", "2.0", False),
        ("bool", 1, False),
        ("str", 5, False),
        ("list[str]", ["a", "b"], True),
        ("list[str]", ["a", 2], False),
        ("list", "seeds", False),
        ("dict[str, int]", {"a": 1}, True),
        ("dict[str, int]", {"a": "1"}, False),
        ("str | None", None, True),
        ("str | None", 3, False),
        ("Optional[int]", None, True),
        ("SomethingCustom", object(), True),  # unknown annotations are not checked
    ],
)
def test_type_matches(annotation, value, ok):
    assert report.type_matches(annotation, value) is ok


def test_misspelled_parameter_is_rejected_before_anything_runs(notebooks, tmp_path):
    cfg = write_config(tmp_path / "c.yaml", {"01_articles": {"n_pionts": 4}, "03_sentiment": {}})
    out = tmp_path / "out"
    with pytest.raises(ReportConfigError) as err:
        report.run_report(cfg, output_root=out, notebooks_dir=notebooks)
    message = str(err.value)
    assert "unknown parameter 'n_pionts'" in message
    assert "did you mean 'n_points'" in message
    # The valid parameters are listed with their types.
    assert "n_points: int" in message and "flags: list[str]" in message and "verbose: bool" in message
    assert not out.exists()  # nothing ran, no folder was even created


def test_ill_typed_parameters_are_all_reported_together(notebooks, tmp_path):
    cfg = write_config(tmp_path / "c.yaml", {"01_articles": {"n_points": "five", "scale": True, "flags": "a"}})
    with pytest.raises(ReportConfigError) as err:
        report.run_report(cfg, output_root=tmp_path / "out", notebooks_dir=notebooks)
    message = str(err.value)
    assert "'n_points' expects int, got str 'five'" in message
    assert "'scale' expects float, got bool True" in message
    assert "'flags' expects list[str], got str 'a'" in message


def test_unquoted_yaml_date_is_rejected_with_a_hint(notebooks, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("processed_dir: p\nfigures_dir: f\nreports_dir: r\nnotebooks:\n  01_articles:\n    label: 2017-03-01\n")
    with pytest.raises(ReportConfigError, match="quote dates in YAML"):
        report.run_report(cfg, output_root=tmp_path / "out", notebooks_dir=notebooks)


def test_config_shape_errors_name_the_file(tmp_path):
    cfg = write_config(tmp_path / "shape.yaml", {"03_sentimnet": {}, "01_articles": {"figures_dir": "x"}}, reprots_dir="r")
    with pytest.raises(ReportConfigError) as err:
        report.load_config(cfg)
    message = str(err.value)
    assert "shape.yaml" in message
    assert "unknown notebook '03_sentimnet' (did you mean '03_sentiment'?)" in message
    assert "unknown key 'reprots_dir' (did you mean 'reports_dir'" in message
    assert "notebooks.01_articles.figures_dir: set figures_dir once at the top level" in message

    bad = tmp_path / "bad.yaml"
    bad.write_text("processed_dir: p\nnotebooks: [\n")
    with pytest.raises(ReportConfigError, match=r"bad\.yaml: line 3, column 1: not valid YAML: expected the node content"):
        report.load_config(bad)


def test_notebook_must_declare_the_common_parameters(tmp_path):
    folder = tmp_path / "nb"
    make_notebook(folder / "04_keywords.ipynb", [("code", 'figures_dir: str = "figures"  # figures', ["parameters"])])
    cfg = write_config(tmp_path / "c.yaml", {"04_keywords": {}})
    with pytest.raises(ReportConfigError, match="must declare processed_dir"):
        report.run_report(cfg, output_root=tmp_path / "out", notebooks_dir=folder)


def test_missing_notebook_is_skipped_unless_asked_for(notebooks, tmp_path):
    cfg = report.load_config(write_config(tmp_path / "c.yaml", {"03_sentiment": {}, "05_comparisons": {}}))
    runs, skipped = report.plan(cfg, notebooks_dir=notebooks)
    assert [r.name for r in runs] == ["03_sentiment"]
    assert skipped == [f"05_comparisons: {qconfig.relative(notebooks / '05_comparisons.ipynb')} does not exist yet; skipped"]
    with pytest.raises(ReportConfigError, match="05_comparisons.*does not exist"):
        report.plan(cfg, only=["05"], notebooks_dir=notebooks)
    with pytest.raises(ReportConfigError, match="--only 09: no such notebook"):
        report.plan(cfg, only=["09"], notebooks_dir=notebooks)


def test_plan_orders_notebooks_and_passes_portable_paths(notebooks, tmp_path):
    cfg = report.load_config(write_config(
        tmp_path / "c.yaml", {"03_sentiment": {}, "01_articles": {"n_points": 2}},
        processed_dir="data/processed/x", figures_dir="data/processed/x/figures",
    ))
    runs, _ = report.plan(cfg, notebooks_dir=notebooks)
    assert [r.name for r in runs] == ["01_articles", "03_sentiment"]
    # Inside the project the notebooks get relative paths, so reruns from another clone match.
    assert runs[0].parameters == {"processed_dir": "data/processed/x", "figures_dir": "data/processed/x/figures", "n_points": 2}


def test_index_lists_00_report_first_with_its_heading(tmp_path):
    for name, heading in [("01_articles", "Loading the corpus"), ("00_report", "Who said what: the report")]:
        make_notebook(tmp_path / f"{name}.ipynb", [("md", f"Intro line\n\n## {heading}\n\nmore"), ("code", "1")])
    report.write_index(tmp_path, ["01_articles", "00_report", "03_sentiment"], "smoke")
    text = (tmp_path / "index.html").read_text()
    items = re.findall(r"<li>.*</li>", text)
    assert len(items) == 2  # 03_sentiment has no executed notebook
    assert 'href="00_report.nocode.html"' in items[0] and "Who said what: the report" in items[0]
    assert 'href="01_articles.html"' in items[1] and 'href="01_articles.ipynb"' in items[1]


def test_cli_config_error_exits_non_zero(tmp_path):
    cfg = write_config(tmp_path / "c.yaml", {"07_nothing": {}})
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("quotelens")), "report", "--config", str(cfg)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert "unknown notebook '07_nothing'" in proc.stderr


# --------------------------------------------------------------------------------------------
# Running notebooks


@pytest.fixture(scope="module")
def good_runs(notebooks, tmp_path_factory):
    """01_articles and 03_sentiment run twice into the same folder; bytes of both runs."""
    base = tmp_path_factory.mktemp("good")
    cfg = write_config(base / "c.yaml", {"01_articles": {"n_points": 4, "label": "four points"}, "03_sentiment": {}})
    root = base / "out"
    logs, snapshots = [], []
    for _ in range(2):
        log_path = base / "log.txt"
        with open(log_path, "w") as log:
            report.run_report(cfg, output_root=root, notebooks_dir=notebooks, stream=log)
        logs.append(log_path.read_text())
        snapshots.append(snapshot(root))
    return {"root": root, "first": snapshots[0], "second": snapshots[1], "logs": logs, "config": cfg}


def test_run_writes_notebooks_html_index_and_figures(good_runs):
    files = set(good_runs["second"])
    for name in ("01_articles", "03_sentiment"):
        for suffix in (".ipynb", ".html", ".nocode.html"):
            assert f"reports/{name}{suffix}" in files
    assert {"reports/index.html", "figures/01_tiny.png", "figures/01_tiny.csv", "processed/tiny.csv"} <= files
    # No leftover temporary files from the atomic writes.
    assert not [f for f in files if f.endswith(".tmp")]


def test_progress_is_one_line_per_notebook_and_a_total(good_runs):
    lines = good_runs["logs"][0].splitlines()
    progress = [ln for ln in lines if re.match(r"\s+\[\d/2\]", ln)]
    assert len(progress) == 2
    assert re.match(r"\s+\[1/2\] 01_articles\s+\d+\.\d s$", progress[0])
    assert re.match(r"\s+total: 2 notebook\(s\) in \d+\.\d s", lines[-1])
    assert len(lines) == 4  # header, two notebooks, total: no per-cell output


def test_two_runs_are_byte_identical(good_runs):
    first, second = good_runs["first"], good_runs["second"]
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_executed_notebook_is_cleaned(good_runs):
    nb = json.loads(good_runs["second"]["reports/01_articles.ipynb"])
    assert set(nb["metadata"]["papermill"]) == {"exception", "parameters"}
    assert nb["metadata"]["papermill"]["parameters"]["n_points"] == 4
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and injected[0]["id"] == report.INJECTED_CELL_ID
    assert "n_points = 4" in "".join(injected[0]["source"])
    for cell in nb["cells"]:
        assert "papermill" not in cell["metadata"] and "execution" not in cell["metadata"]


def _attribute_urls(page: str) -> list[str]:
    return re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", page, flags=re.I)


def test_html_is_self_contained_and_inert(good_runs):
    for name in ("reports/01_articles.html", "reports/01_articles.nocode.html", "reports/index.html"):
        page = good_runs["second"][name].decode("utf-8")
        assert _attribute_urls(page) == [], name
        assert not re.search(r"<script|<link[^>]+href", page, flags=re.I), name
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", page, flags=re.I), name
    page = good_runs["second"]["reports/01_articles.html"].decode("utf-8")
    assert "<title>Tiny articles for the runner tests</title>" in page
    assert page.count('src="data:image/png;base64,') >= 1  # the figure is embedded
    # Hostile article text shows as text.
    assert "<td>&lt;script&gt;alert(\"x\")&lt;/script&gt;</td>" in page
    assert "<td>&lt;img src=x onerror=alert(1)&gt;</td>" in page


def test_nocode_html_hides_code_but_keeps_narrative_and_figures(good_runs):
    full = good_runs["second"]["reports/01_articles.html"].decode("utf-8")
    nocode = good_runs["second"]["reports/01_articles.nocode.html"].decode("utf-8")
    for code in ("save_figure", "write_table", "n_points"):
        assert code in full
        assert code not in nocode
    assert "Tiny articles for the runner tests" in nocode
    assert 'src="data:image/png;base64,' in nocode


def test_only_runs_the_named_notebook(notebooks, good_runs, tmp_path):
    out = tmp_path / "out"
    log = tmp_path / "log.txt"
    with open(log, "w") as stream:
        result = report.run_report(good_runs["config"], only=["03"], output_root=out, notebooks_dir=notebooks, stream=stream)
    assert result.ran == ["03_sentiment"]
    assert sorted(p.name for p in (out / "reports").iterdir()) == [
        "03_sentiment.html", "03_sentiment.ipynb", "03_sentiment.nocode.html", "index.html",
    ]
    assert not (out / "figures" / "01_tiny.png").exists()


def test_failure_names_notebook_and_cell_keeps_notebook_and_stops(notebooks, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    cfg = write_config(
        tmp_path / "c.yaml", {"02_statements": {}, "03_sentiment": {}},
        processed_dir=str(out / "p"), figures_dir=str(out / "f"), reports_dir=str(out / "r"),
    )
    monkeypatch.setattr(qconfig, "NOTEBOOKS_DIR", notebooks)
    rc = cli.main(["report", "--config", str(cfg)])
    captured = capsys.readouterr()
    assert rc == 1
    assert "notebook 02_statements failed in cell 4 (index 3, In [4])" in captured.err
    assert "# deliberately failing cell" in captured.err
    assert "ValueError: boom from the test notebook" in captured.err
    assert "FAILED" in captured.out
    # The executed notebook is kept, with the error, and rendered; the next notebook never ran.
    kept = nbformat.read(str(out / "r" / "02_statements.ipynb"), as_version=4)
    assert kept.metadata["papermill"]["exception"] is True
    assert any(o.get("ename") == "ValueError" for c in kept.cells for o in c.get("outputs", []))
    assert (out / "r" / "02_statements.html").is_file()
    assert not (out / "r" / "03_sentiment.ipynb").exists()
    assert "(failed)" in (out / "r" / "index.html").read_text()


def test_interrupted_run_leaves_previous_outputs_intact(notebooks, good_runs, tmp_path):
    """Kill the runner while 01_articles is half-way (hanging after its figure cell): every file
    of the previous run is still there, unchanged."""
    out = tmp_path / "out"
    for rel, data in good_runs["second"].items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    marker = tmp_path / "kernel.pid"
    cfg = write_config(tmp_path / "c.yaml", {"01_articles": {"n_points": 7, "hang": True, "marker_path": str(marker)}})
    code = (
        "import sys; from quotelens.report.runner import run_report; "
        f"run_report({str(cfg)!r}, output_root={str(out)!r}, notebooks_dir={str(notebooks)!r})"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), "the notebook never reached its hanging cell"
        kernel_pid = int(marker.read_text())
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    try:
        os.kill(kernel_pid, signal.SIGKILL)  # the orphaned kernel would exit on its own within ~1 s
    except ProcessLookupError:
        pass
    after = snapshot(out)
    # The new figure (n_points 7) was written atomically before the hang; everything else is old.
    changed = sorted(name for name in after if after[name] != good_runs["second"].get(name))
    assert set(changed) <= {"figures/01_tiny.png", "figures/01_tiny.csv", "processed/tiny.csv"}
    for name in ("reports/01_articles.ipynb", "reports/01_articles.html", "reports/index.html"):
        assert after[name] == good_runs["second"][name]
    assert not [name for name in after if name.endswith(".tmp")]


def test_clean_executed_merges_split_streams_and_fixes_papermill_cells():
    """The kernel may deliver one print as two stream outputs, at timing-dependent boundaries."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "input_path": "/abs/x.ipynb", "parameters": {"a": 1}, "exception": None}
    cell = nbformat.v4.new_code_cell("print('kept'); print('x')")
    cell.metadata["papermill"] = {"duration": 0.1}
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="kept 1"),
        nbformat.v4.new_output("stream", name="stdout", text="\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("stream", name="stdout", text="x\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "slider", report.WIDGET_VIEW_MIME: {"model_id": "f00"}}),
        nbformat.v4.new_output("display_data", data={report.WIDGET_VIEW_MIME: {"model_id": "ba7"}}),
    ]
    injected = nbformat.v4.new_code_cell("# Parameters\na = 1\n")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells = [injected, cell]
    report.clean_executed(nb)
    assert nb.metadata["papermill"] == {"exception": False, "parameters": {"a": 1}}
    assert nb.cells[0]["id"] == "injected-parameters"
    assert cell.metadata == {}
    assert [(o.output_type, o.get("name"), o.get("text")) for o in cell.outputs[:3]] == [
        ("stream", "stdout", "kept 1\n"), ("stream", "stderr", "warning\n"), ("stream", "stdout", "x\n"),
    ]
    # Widget views (random model ids) are dropped; their text fallback stays.
    assert len(cell.outputs) == 4 and cell.outputs[3].data == {"text/plain": "slider"}
