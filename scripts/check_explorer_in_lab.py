"""Check the 06_explore widgets in a real JupyterLab 4, in headless Chromium.

Starts JupyterLab (on a copy of notebooks/06_explore.ipynb whose processed_dir points at
--processed-dir, in a temporary root), opens it in headless Chromium over the DevTools protocol
(the same client as check_report_in_browser.py, no network beyond the local server), runs all
cells, then works the widgets like a user: types a word into the search box, selects an actor,
and checks that the count, the statements table and the chart follow (the linked views).
Prints what it saw, saves screenshots, exits 1 when a step fails.

    .venv/bin/python scripts/check_explorer_in_lab.py --processed-dir data/processed/default
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from tornado.websocket import websocket_connect

from check_report_in_browser import PROJ_ROOT, DevTools, start_chromium

TOKEN = "quotelens-explorer-check"

STATE_JS = """(() => {
  const out = {app: typeof window.jupyterapp !== 'undefined'};
  if (!out.app) return JSON.stringify(out);
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  out.kernel = kernel ? kernel.status : null;
  out.selects = document.querySelectorAll('.widget-select-multiple select').length;
  out.search = document.querySelectorAll('.widget-text input').length;
  out.slider = document.querySelectorAll('.widget-slider, .jupyter-widget-slider, .widget-hslider').length;
  const count = Array.from(document.querySelectorAll('.widget-html-content')).map(e => e.innerText).find(t => t.includes('statements selected'));
  out.count = count || null;
  const outputs = document.querySelectorAll('.widget-output');
  out.table_rows = Array.from(outputs).map(o => o.querySelectorAll('table.dataframe tbody tr').length).reduce((a, b) => a + b, 0);
  out.chart_images = Array.from(outputs).map(o => o.querySelectorAll('img').length).reduce((a, b) => a + b, 0);
  out.errors = document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length;
  return JSON.stringify(out);
})()"""

SEARCH_JS = """(() => {
  const input = document.querySelector('.widget-text input');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(input, %s);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
  return 'ok';
})()"""

SELECT_ACTOR_JS = """(() => {
  const select = document.querySelectorAll('.widget-select-multiple select')[0];
  select.options[0].selected = true;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return select.options[0].text;
})()"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(root: Path, processed_dir: Path) -> None:
    """A copy of 06_explore in `root`, reading the given processed_dir (interactive is already
    True by default)."""
    nb = nbformat.read(PROJ_ROOT / "notebooks" / "06_explore.ipynb", as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace('"data/processed/default"', json.dumps(str(processed_dir)))
            cell.source = cell.source.replace('figures_dir: str = "figures"', f"figures_dir: str = {json.dumps(str(root / 'figures'))}")
    nbformat.write(nb, root / "06_explore.ipynb")


def start_lab(root: Path, port: int) -> subprocess.Popen:
    lab = subprocess.Popen(
        [str(PROJ_ROOT / ".venv" / "bin" / "jupyter"), "lab", "--allow-root", "--no-browser", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2) as r:
                if r.status == 200:
                    return lab
        except OSError:
            time.sleep(0.5)
    lab.terminate()
    raise RuntimeError("JupyterLab did not start")


async def drive(ws_url: str, url: str, shots: Path) -> tuple[list[str], list[str]]:
    ws = await websocket_connect(ws_url, max_message_size=256 * 1024 * 1024)
    cdp = DevTools(ws)
    log, problems = [], []

    async def evaluate(js: str):
        r = await cdp.send("Runtime.evaluate", {"expression": js, "returnByValue": True}, session=session)
        return r.get("result", {}).get("value")

    async def wait_state(pred, timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        state = {}
        while time.monotonic() < deadline:
            state = json.loads(await evaluate(STATE_JS))
            if pred(state):
                return state
            await cdp.drain(0.5)
        problems.append(f"timed out waiting for {what}; last state {state}")
        return state

    async def shot(name: str):
        import base64

        data = await cdp.send("Page.captureScreenshot", {"format": "png"}, session=session)
        shots.mkdir(parents=True, exist_ok=True)
        (shots / name).write_bytes(base64.b64decode(data["data"]))

    try:
        target = await cdp.send("Target.createTarget", {"url": "about:blank"})
        session = (await cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}))["sessionId"]
        for domain in ("Page", "Runtime"):
            await cdp.send(f"{domain}.enable", session=session)
        await cdp.send("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 2200, "deviceScaleFactor": 1, "mobile": False}, session=session)
        await cdp.send("Page.navigate", {"url": url}, session=session)
        state = await wait_state(lambda s: s.get("kernel") == "idle", 120, "JupyterLab and an idle kernel")
        log.append(f"JupyterLab loaded, kernel {state.get('kernel')}")
        await evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        state = await wait_state(lambda s: s.get("count") and s.get("chart_images", 0) > 0 and s.get("kernel") == "idle", 180, "the explorer widgets")
        log.append(f"after Run All: {state.get('selects')} multi-selects, {state.get('search')} search box, "
                   f"{state.get('slider')} month slider, count {state.get('count')!r}, table rows {state.get('table_rows')}, "
                   f"chart images {state.get('chart_images')}")
        if state.get("selects", 0) < 2 or not state.get("search"):
            problems.append("the actor/outlet pickers or the search box are missing")
        await shot("06_explore_lab_start.png")
        before = state.get("count")
        await evaluate(SEARCH_JS % json.dumps("ceasefire"))
        state = await wait_state(lambda s: s.get("count") and s.get("count") != before, 60, "the count to follow the search box")
        log.append(f"search 'ceasefire': count {state.get('count')!r}, table rows {state.get('table_rows')}, chart images {state.get('chart_images')}")
        await shot("06_explore_lab_search.png")
        before = state.get("count")
        actor = await evaluate(SELECT_ACTOR_JS)
        state = await wait_state(lambda s: s.get("count") and s.get("count") != before, 60, "the count to follow the actor picker")
        log.append(f"actor {actor!r} selected: count {state.get('count')!r}, table rows {state.get('table_rows')}, chart images {state.get('chart_images')}")
        await shot("06_explore_lab_actor.png")
        if state.get("errors"):
            problems.append(f"{state['errors']} error outputs in the notebook")
        await cdp.send("Target.closeTarget", {"targetId": target["targetId"]})
    finally:
        ws.close()
    return log, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processed-dir", default="data/processed/default", help="folder with articles and statements tables")
    parser.add_argument("--screenshots", default="build/screenshots", help="folder for the screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args(argv)
    processed = (PROJ_ROOT / args.processed_dir).resolve()
    shots = (PROJ_ROOT / args.screenshots).resolve()
    with tempfile.TemporaryDirectory(prefix="quotelens-lab-") as tmp, tempfile.TemporaryDirectory(prefix="quotelens-chromium-") as profile:
        root = Path(tmp)
        prepare(root, processed)
        port = free_port()
        lab = start_lab(root, port)
        browser = None
        try:
            browser, ws_url = start_chromium(args.chromium, Path(profile), allow_loopback=True)
            url = f"http://127.0.0.1:{port}/lab/tree/06_explore.ipynb?token={TOKEN}"
            log, problems = asyncio.run(drive(ws_url, url, shots))
        finally:
            if browser is not None:
                browser.terminate()
                browser.wait(timeout=10)
            lab.terminate()
            lab.wait(timeout=20)
    for line in log:
        print(line)
    for p in problems:
        print(f"FAIL: {p}")
    print("result: " + ("the explorer works in JupyterLab" if not problems else "FAILED"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
