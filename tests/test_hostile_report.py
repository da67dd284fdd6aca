"""Safe sharing and interrupted runs, on the whole notebook chain.

The corpus in tests/data/hostile/ carries markup in every field a report shows: <script> and
<img onerror> in quotes, titles and outlet names, markdown links to javascript: URLs, a
javascript: URL column, HTML entities, a fenced code block, mathtext ("$\\frac{1}{0}$", a lone
"$") and a registry (actors.yaml) whose speaker names and sides hold markup and dollars.

One module fixture runs the chain (configs/smoke.yaml with the hostile corpus and registry,
every output in a temporary folder) and
1. checks every rendered page for executable content from the corpus (quotelens.report.html_audit);
2. starts `quotelens report` again in a subprocess, SIGKILLs it (and its kernel) once the first
   notebook has finished, and checks that every previous output is still there, unchanged and
   readable, with no temporary file left (a stale one planted beforehand is removed by the
   next run);
3. reruns the notebooks the killed run started (01_articles, finished, and 02_statements, cut
   short) and checks that every output is byte-identical to the first run's, the stale
   temporaries gone. That a rerun of the whole chain gives the same bytes is
   test_end_to_end.py's test_two_runs_are_byte_identical (the smoke report, run twice): a
   second whole hostile chain cost about as much as the first (a third of this file's time).
scripts/check_hostile_html.py opens the same pages in headless Chromium.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import psutil
import pytest

from quotelens import config as qconfig
from quotelens import fuzz
from quotelens.report import runner as report
from quotelens.report.html_audit import executable_content

# Strings of the corpus that must never reach a page as markup (only as escaped text).
STYLE_MARKERS = ("display:none}",)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------------------------
# Figures: text from articles is never mathtext


def test_figure_labels_with_dollars_and_markup_render_literally(tmp_path):
    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from quotelens.compare.comparisons import plain_label
    from quotelens.figures import save_figure

    names = [r"Abu $\frac{$ Omar", "paid $5 to $10", "<script>alert(1)</script>"]
    fig, (ax1, ax2) = plt.subplots(2, 1)
    ax1.barh(names, [1, 2, 3], label="$x^")  # categorical axis
    ax1.set_title(r"speakers $\alpha$")
    ax1.legend()
    ax2.barh([0, 1], [1, 2])
    ax2.set_yticks([0, 1], [plain_label("already $escaped$"), names[0]])  # fixed labels
    # Unescaped, "$\frac{$" makes matplotlib raise ValueError while drawing.
    save_figure(fig, pd.DataFrame({"n": [1, 2, 3]}), "labels", tmp_path)
    shown = {t.get_text() for ax in (ax1, ax2) for t in ax.get_yticklabels()}
    shown |= {ax1.get_title(), ax1.get_legend().get_texts()[0].get_text()}
    rendered = set()
    for ax in (ax1, ax2):
        for t in ax.get_yticklabels() + [ax.title]:
            text, is_math = t._preprocess_math(t.get_text())
            assert is_math is False
            rendered.add(text)
    assert set(names) | {"already $escaped$", r"speakers $\alpha$"} <= rendered, shown
    plt.close(fig)


# --------------------------------------------------------------------------------------------
# The chain on the hostile corpus


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, target_model_fitted):
    """The chain run once. Notebook 05 needs the target model: on a fresh clone (CI) it is
    fitted once per test run (conftest.target_model_fitted), not here and in smoke_report at
    the same time."""
    base = tmp_path_factory.mktemp("hostile")
    out = base / "out"
    cfg = fuzz.hostile_report_config(out)
    log = io.StringIO()
    try:
        result = report.run_report(cfg, stream=log)
    finally:
        print(log.getvalue())
    return {"out": out, "config": cfg, "first": snapshot(out), "result": result}


@pytest.mark.e2e
def test_the_chain_runs_on_the_hostile_corpus(hostile):
    assert hostile["result"].ran == [n for n in report.NOTEBOOK_ORDER if n in report.load_config(hostile["config"]).notebooks]
    statements = pd.read_parquet(hostile["out"] / "processed" / "statements.parquet")
    # the markup is in the data (kept exactly), so the pages below really had it to render
    assert statements["quote"].str.contains("<script>", regex=False).any()
    assert statements["speaker"].str.contains("onerror=", regex=False).any()


@pytest.mark.e2e
def test_rendered_pages_hold_no_executable_content(hostile):
    pages = sorted(name for name in hostile["first"] if name.endswith(".html"))
    assert len(pages) == 2 * 7 + 1
    found = {}
    for name in pages:
        problems = executable_content(hostile["first"][name].decode("utf-8"), STYLE_MARKERS)
        if problems:
            found[name] = problems[:5]
    assert found == {}


@pytest.mark.e2e
def test_hostile_text_is_shown_as_text(hostile):
    page = hostile["first"]["reports/02_statements.nocode.html"].decode("utf-8")
    assert "&lt;script&gt;alert('quote')&lt;/script&gt;" in page or "&lt;script&gt;alert(&#x27;quote&#x27;)" in page
    assert "onerror=alert(" in page  # as text, inside an escaped tag
    assert "<script" not in page.lower()


@pytest.mark.e2e
def test_executed_notebooks_carry_no_raw_html_from_the_corpus(hostile):
    """The .ipynb files are shared too: their HTML outputs hold corpus markup only escaped."""
    for name, data in hostile["first"].items():
        if not name.endswith(".ipynb"):
            continue
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if html:
                    html = html if isinstance(html, str) else "".join(html)
                    assert executable_content(html, STYLE_MARKERS) == [], (name, html[:200])


# --------------------------------------------------------------------------------------------
# Interrupted and repeated runs


def _valid(path: Path) -> None:
    """Raise if the file at `path` is not a complete, readable file of its kind."""
    suffix = path.suffix
    if suffix == ".parquet":
        pd.read_parquet(path)
    elif suffix == ".csv":
        pd.read_csv(path)
    elif suffix == ".ipynb":
        nbformat.validate(nbformat.read(str(path), as_version=4))
    elif suffix == ".html":
        text = path.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), path
    elif suffix == ".png":
        import matplotlib.image

        assert matplotlib.image.imread(str(path)).size > 0
    elif suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))


#: The notebooks the `interrupted` run starts: it is killed once the first has finished.
KILLED_RUN_STARTED = ["01_articles", "02_statements"]


def _kill_tree(proc: subprocess.Popen) -> None:
    """SIGKILL the runner, then the kernels it started (found by its id before the kill)."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for child in children:
        try:
            child.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(children, timeout=30)


@pytest.fixture(scope="module")
def interrupted(hostile):
    """Plant a stale temporary file (as a killed run leaves), then start a second run and kill
    it once its first notebook has finished."""
    out = hostile["out"]
    stale = out / "reports" / ".quotelens-4242-01_articles.html.abc123.tmp"
    stale.write_text("half a page", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("quotelens")), "report", "--config", str(hostile["config"])]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=str(qconfig.PROJ_ROOT))
    lines = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.lstrip().startswith("[1/") and line.rstrip().endswith(" s"):
                break  # 01_articles is finished; 02_statements has started
        finished_first = bool(lines) and lines[-1].lstrip().startswith("[1/")
        _kill_tree(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert finished_first, "".join(lines)
    return {"after_kill": snapshot(out), "stale": stale, "log": "".join(lines), "returncode": proc.returncode}


@pytest.mark.e2e
def test_killed_run_leaves_previous_outputs_intact_and_valid(hostile, interrupted):
    assert interrupted["returncode"] == -signal.SIGKILL
    first, after = hostile["first"], interrupted["after_kill"]
    # The planted leftover was removed when the run started; a temporary file the kill itself
    # cut short may remain (the next run removes it: see the rerun test).
    assert "reports/.quotelens-4242-01_articles.html.abc123.tmp" not in after
    kept = {name: data for name, data in after.items() if not name.endswith(".tmp")}
    assert set(kept) == set(first)
    changed = sorted(name for name in kept if kept[name] != first[name])
    assert changed == []  # what the killed run rewrote, it rewrote atomically and identically
    for name in kept:
        _valid(hostile["out"] / name)


@pytest.mark.e2e
def test_rerun_is_byte_identical_and_removes_stale_temporaries(hostile, interrupted):
    stale = hostile["out"] / "figures" / ".quotelens-4242-01_articles_per_month.png.k1ll3d.tmp"
    stale.write_bytes(b"\x89PNG half")
    # A user's own dot-file in the same folder is not the tool's to delete (issue 16 item 3).
    users = hostile["out"] / "figures" / ".my-notes.tmp"
    users.write_text("keep me", encoding="utf-8")
    log = io.StringIO()
    # the notebooks the killed run started; every other output is compared as it stands
    report.run_report(hostile["config"], only=KILLED_RUN_STARTED, stream=log)
    second = snapshot(hostile["out"])
    assert not stale.exists()
    assert users.read_text(encoding="utf-8") == "keep me"
    users.unlink()
    second.pop("figures/.my-notes.tmp", None)
    assert not [name for name in second if name.endswith(".tmp")]
    assert re.findall(r"\] (\S+)", log.getvalue()) == KILLED_RUN_STARTED, log.getvalue()
    assert second.keys() == hostile["first"].keys()
    assert [name for name in second if second[name] != hostile["first"][name]] == []
