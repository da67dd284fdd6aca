"""Open the report rendered from the hostile corpus in headless Chromium and check that nothing
from the articles runs.

By default the script first renders the chain on tests/data/hostile/ (quotelens.fuzz.
hostile_report_config; every output in a temporary folder), then opens every .html page of
the reports folder (or of --reports-dir, when given) in headless Chromium, driven over the
DevTools protocol (tornado's websocket client, which Jupyter installs). Before any page script
runs, alert/confirm/prompt/print/open/fetch/XMLHttpRequest/eval are replaced by recorders, so
a payload that executes leaves a trace. For each page it records:

- JavaScript dialogs opened (Page.javascriptDialogOpening) and calls to the recorders;
- console messages and uncaught exceptions (Runtime.consoleAPICalled, Runtime.exceptionThrown,
  Log.entryAdded);
- requests for anything but file:, data:, about: or blob: URLs (Network.requestWillBeSent);
- in the live DOM: <script>, <iframe>, <object>, <embed> elements, on* attributes and
  javascript: links.

A positive control page (an <img onerror=alert()> and a <script> written here) is opened
first: the check must see it fire, or the script reports that the harness itself is broken.
Prints one line per page and a summary; exits 1 when a report page shows any of the above.

    .venv/bin/python scripts/check_hostile_html.py            # render the hostile report, then check it
    .venv/bin/python scripts/check_hostile_html.py --reports-dir data/processed/smoke/reports

Chromium comes from Debian (`apt-get install -y chromium`); --chromium gives another binary.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tornado.websocket import websocket_connect

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--no-default-browser-check", "--disable-sync",
    "--disable-extensions", "--enable-logging=stderr", "--v=0",
    # Nothing may leave the machine: a proxy that does not exist, and no host name resolves.
    "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0", "--remote-allow-origins=*",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:")
# Runs in every page before its own scripts: anything that executes leaves a record.
RECORDER = """
(() => {
  const seen = [];
  Object.defineProperty(window, '__quotelensCalls', {value: seen});
  const record = (name) => function (...args) { seen.push(name + '(' + args.map(String).join(', ').slice(0, 80) + ')'); };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open', 'fetch', 'eval']) {
    try { window[name] = record(name); } catch (e) {}
  }
  try { window.XMLHttpRequest = function () { seen.push('XMLHttpRequest()'); }; } catch (e) {}
})();
"""
DOM_PROBE = """
JSON.stringify({
  calls: window.__quotelensCalls || [],
  scripts: document.scripts.length,
  frames: document.querySelectorAll('iframe, frame, object, embed').length,
  handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => /^on/i.test(a.name))).length,
  jsLinks: Array.from(document.querySelectorAll('[href], [src], [action]')).filter(e =>
      /^\\s*(javascript|vbscript):/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')).length,
  text: document.body ? document.body.innerText.length : 0
})
"""
CONTROL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title></head>
<body><p>positive control</p><img src="x" onerror="alert('control-onerror')">
<script>console.log('control-script-ran')</script></body></html>
"""


class Browser:
    """A headless Chromium and one DevTools websocket to it."""

    def __init__(self, binary: str, profile: str):
        self.proc = subprocess.Popen([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.stderr_lines: list[str] = []
        self.ws = None
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.events: list[dict] = []

    def endpoint(self, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.stderr_lines.append(line)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                return m.group(1)
        raise RuntimeError("Chromium did not start:\n" + "".join(self.stderr_lines[-20:]))

    async def connect(self) -> None:
        self.ws = await websocket_connect(self.endpoint(), max_message_size=256 * 1024 * 1024)
        asyncio.ensure_future(self._reader())

    async def _reader(self) -> None:
        while True:
            message = await self.ws.read_message()
            if message is None:
                return
            data = json.loads(message)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        future = asyncio.get_event_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.write_message(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        self.proc.kill()
        self.proc.wait(timeout=30)


async def open_page(browser: Browser, path: Path, settle: float) -> dict:
    """Load `path` in a fresh tab and return what ran in it."""
    target = (await browser.call("Target.createTarget", {"url": "about:blank"}))["targetId"]
    session = (await browser.call("Target.attachToTarget", {"targetId": target, "flatten": True}))["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        await browser.call(f"{domain}.enable", session=session)
    await browser.call("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER}, session=session)
    start = len(browser.events)
    await browser.call("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session for e in browser.events[start:]):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(settle)  # onerror handlers and timers fire after the load event
    probe = await browser.call("Runtime.evaluate", {"expression": DOM_PROBE, "returnByValue": True}, session=session)
    dom = json.loads(probe["result"]["value"])
    found = {"dialogs": [], "console": [], "exceptions": [], "requests": [], "dom": dom}
    for event in browser.events[start:]:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Page.javascriptDialogOpening":
            found["dialogs"].append(f"{params.get('type')}: {params.get('message')}")
            await browser.call("Page.handleJavaScriptDialog", {"accept": False}, session=session)
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            found["console"].append(f"{params.get('type')}: {text[:120]}")
        elif method == "Runtime.exceptionThrown":
            found["exceptions"].append(params.get("exceptionDetails", {}).get("text", "")[:120])
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            found["console"].append(f"{entry.get('level')}: {entry.get('text', '')[:120]}")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith(LOCAL_SCHEMES):
                found["requests"].append(url[:120])
    await browser.call("Target.closeTarget", {"targetId": target})
    return found


def executed(found: dict) -> list[str]:
    """What in a page's record shows that something ran or reached out."""
    dom = found["dom"]
    out = [f"dialog {d}" for d in found["dialogs"]] + [f"call {c}" for c in dom["calls"]]
    out += [f"request {r}" for r in found["requests"]] + [f"exception {e}" for e in found["exceptions"]]
    out += [f"console {c}" for c in found["console"]]
    for key in ("scripts", "frames", "handlers", "jsLinks"):
        if dom[key]:
            out.append(f"{dom[key]} {key} in the DOM")
    return out


async def check(pages: list[Path], binary: str, settle: float) -> tuple[list[str], bool]:
    lines: list[str] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="quotelens-chromium-") as profile:
        browser = Browser(binary, profile)
        try:
            await browser.connect()
            control = Path(profile) / "control.html"
            control.write_text(CONTROL_PAGE, encoding="utf-8")
            found = await open_page(browser, control, settle)
            seen = executed(found)
            fired = any("control-onerror" in s for s in seen) and any("control-script-ran" in s for s in seen)
            lines.append(f"positive control: {'caught' if fired else 'NOT CAUGHT'} ({'; '.join(seen)})")
            if not fired:
                failed = True
                lines.append("the harness did not see a payload that must run: the results below mean nothing")
            for page in pages:
                found = await open_page(browser, page, settle)
                seen = executed(found)
                failed = failed or bool(seen)
                status = "ran: " + "; ".join(seen[:6]) if seen else "inert"
                lines.append(f"{page.name:28s} {status} (text {found['dom']['text']:,} characters)")
        finally:
            browser.close()
    return lines, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports-dir", help="check the pages of this folder instead of rendering the hostile corpus")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds to wait after each page's load event")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="quotelens-hostile-") as tmp:
        if args.reports_dir:
            reports = Path(args.reports_dir)
        else:
            from quotelens import fuzz
            from quotelens.report.runner import run_report

            out = Path(tmp) / "out"
            print("rendering the hostile corpus (tests/data/hostile) ...", flush=True)
            run_report(fuzz.hostile_report_config(out), stream=sys.stdout)
            reports = out / "reports"
        pages = sorted(reports.glob("*.html"))
        if not pages:
            print(f"{reports}: no .html pages", file=sys.stderr)
            return 2
        version = subprocess.run([args.chromium, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{version}; {len(pages)} pages in {reports}", flush=True)
        lines, failed = asyncio.run(check(pages, args.chromium, args.settle))
    for line in lines:
        print(line)
    ran = sum(1 for line in lines[1:] if " ran: " in line)
    print(f"summary: {len(pages)} pages, {ran} where something ran; {'FAILED' if failed else 'all inert'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
