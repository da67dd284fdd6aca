"""Open the rendered report in a real browser (headless Chromium) and check it.

For each page (default: every .html page of the reports folder, index.html first) this script

1. parses the HTML and lists every resource it would load (src, srcset, stylesheet and icon
   links, CSS url() and @import): each must be an embedded data: URI or a file that exists
   beside the page; every relative link (<a href>) must point to an existing file, and every
   "#anchor" to an element id on its page;
2. opens the page in headless Chromium driven over the DevTools protocol, with a proxy to
   nowhere and every host name unresolvable, and records every request the page makes (any
   request that is not file:, data:, about: or blob: fails the check), failed loads, console
   errors, uncaught exceptions and JavaScript dialogs (an alert() means article text ran as
   code);
3. checks in the live page that every <img> has loaded (complete, natural width > 0);
4. reads the page's rendered text as a reader sees it (document.body.innerText, with code
   cells' source and code spans set aside: code may spell markup on purpose) and fails on
   any markup shown as text, such as "<style scoped> .dataframe ..." or "</div>", or an
   entity left encoded ("&lt;"): quotelens.report.html_audit.markup_in_text;
5. measures the page: its size, the CSS inlined in it (at most MAX_CSS_BYTES) and whether an
   embedded image appears more than once in it (a figure is embedded once per page);
6. saves a screenshot of the top of the page (1280 x 1600 CSS pixels) to --screenshots, and
   with --text-dir the text a reader sees (step 4) as <page>.txt, to read the page as text.

The whole reports folder must stay within --max-folder-mb (6 MB by default, the limit for
the default report). Prints one block per page and a summary; exits 1 when a check fails.
With --record FILE the same text is written to FILE (docs/browser_check.md keeps the last
recorded run). A report of a corpus whose texts hold markup (tests/data/hostile) shows it as
text on purpose: check that one with scripts/check_hostile_html.py.

Chromium: Debian's package (`apt-get install -y chromium`); its path can be given with
--chromium. The DevTools client is tornado's websocket client (tornado ships with Jupyter).

    .venv/bin/python scripts/check_report_in_browser.py --reports-dir reports
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tornado.websocket import websocket_connect

from quotelens.report.html_audit import CODE_INPUT_CLASS, CODE_TAG, markup_in_text
from quotelens.report.page_style import MAX_PAGE_CSS_BYTES as MAX_CSS_BYTES

PROJ_ROOT = Path(__file__).resolve().parents[1]
FIRST_PAGE = "index.html"
MAX_FOLDER_MB = 6.0
LOCAL_SCHEMES = ("file", "data", "about", "blob")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-sync",
    "--disable-extensions",
    # Any request that escapes the page goes to a proxy that does not exist, and no host name
    # resolves: the page cannot reach the network even if it tries, and the attempt is logged.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
]
VIEWPORT = (1280, 1600)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)
_DATA_IMAGE = re.compile(r"""src=["'](data:image/[^"']+)["']""", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", re.I)


# ---------------------------------------------------------------------------------------------
# Static checks: what the HTML refers to


@dataclass
class Refs:
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag.attr, url)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _RefParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs = Refs()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.refs.ids.add(a[key])
        if tag == "a" and a.get("href") is not None:
            self.refs.links.append(a["href"])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            # Stylesheets, icons and preloads are fetched by the browser; other rel values
            # (canonical, alternate) are only links.
            if any(r in rel for r in ("stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest")):
                self.refs.resources.append(("link.href", a["href"]))
            else:
                self.refs.links.append(a["href"])
        for attr in ("src", "data", "poster", "background"):
            if a.get(attr):
                self.refs.resources.append((f"{tag}.{attr}", a[attr]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.refs.resources.append((f"{tag}.srcset", part.strip().split()[0]))
        if a.get("style"):
            self._css(a["style"], f"{tag}.style")
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data, "style")

    def _css(self, css: str, where: str) -> None:
        for m in _CSS_URL.finditer(css):
            self.refs.resources.append((where, m.group(1) or m.group(2)))


def parse_refs(page: Path) -> Refs:
    parser = _RefParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def _is_external(url: str) -> bool:
    scheme = urlsplit(url).scheme.lower()
    return url.startswith("//") or (scheme not in ("", *LOCAL_SCHEMES) and scheme != "mailto")


def static_problems(page: Path) -> tuple[list[str], dict]:
    """Problems found by reading the HTML, and counts for the report."""
    refs = parse_refs(page)
    problems = []
    embedded = 0
    for where, url in refs.resources:
        if url.startswith("data:"):
            embedded += 1
        elif _is_external(url):
            problems.append(f"external resource ({where}): {url[:120]}")
        elif not (page.parent / unquote(urlsplit(url).path)).exists():
            problems.append(f"missing local resource ({where}): {url[:120]}")
    external_links = 0
    for href in refs.links:
        parts = urlsplit(href)
        if href.startswith("#"):
            if href[1:] and unquote(href[1:]) not in refs.ids:
                problems.append(f"anchor without target: {href[:120]}")
        elif parts.scheme in ("http", "https") or href.startswith("//"):
            external_links += 1  # a link is only followed when clicked; counted, not requested
        elif parts.scheme in ("", "file") and parts.path:
            if not (page.parent / unquote(parts.path)).exists():
                problems.append(f"broken link: {href[:120]}")
        elif parts.scheme == "javascript":
            problems.append(f"javascript: link: {href[:120]}")
    text = page.read_text(encoding="utf-8")
    css_bytes = sum(len(css.encode("utf-8")) for css in _STYLE_ELEMENT.findall(text))
    if css_bytes > MAX_CSS_BYTES:
        problems.append(f"{css_bytes} bytes of inlined CSS (at most {MAX_CSS_BYTES})")
    images = _DATA_IMAGE.findall(text)
    repeated = len(images) - len(set(images))
    if repeated:
        problems.append(f"{repeated} embedded image(s) repeated in the page (each figure once per page)")
    counts = {
        "resources": len(refs.resources),
        "embedded": embedded,
        "links": len(refs.links),
        "external_links": external_links,
        "page_bytes": len(text.encode("utf-8")),
        "css_bytes": css_bytes,
        "images": len(images),
    }
    return problems, counts


# ---------------------------------------------------------------------------------------------
# Live checks: the page in Chromium


class DevTools:
    """A minimal Chrome DevTools Protocol client over one browser websocket (flat sessions)."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.dialogs = 0
        self.events: list[dict] = []

    async def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30.0) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        await self.ws.write_message(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            reply = await self._read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    async def _read(self, deadline: float) -> dict:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from Chromium")
        raw = await asyncio.wait_for(self.ws.read_message(), timeout=remaining)
        if raw is None:
            raise RuntimeError("Chromium closed the DevTools connection")
        message = json.loads(raw)
        if message.get("method") == "Page.javascriptDialogOpening":
            # A dialog blocks the page until answered: dismiss it (the event is kept and
            # reported as a failure). Its own id range, so no pending reply is confused.
            self.dialogs += 1
            await self.ws.write_message(json.dumps({
                "id": 1_000_000 + self.dialogs, "method": "Page.handleJavaScriptDialog",
                "params": {"accept": False}, "sessionId": message.get("sessionId"),
            }))
        return message

    async def wait_for(self, method: str, session: str, timeout: float) -> bool:
        """Read events until `method` arrives for `session` (True) or the timeout passes."""
        if any(e.get("method") == method and e.get("sessionId") == session for e in self.events):
            return True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = await self._read(deadline)
            except (TimeoutError, asyncio.TimeoutError):
                return False
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return True
        return False

    async def drain(self, seconds: float) -> None:
        """Collect events for a while (late image decodes, console messages)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.events.append(await self._read(deadline))
            except (TimeoutError, asyncio.TimeoutError):
                return


_IMAGES_JS = """JSON.stringify({
  title: document.title,
  images: Array.from(document.images).map(i => ({src: i.currentSrc.slice(0, 60), ok: i.complete && i.naturalWidth > 0,
                                                 width: i.naturalWidth, height: i.naturalHeight})),
  scripts: document.scripts.length,
  text_chars: document.body ? document.body.innerText.length : 0,
  reader_text: (() => {
    if (!document.body) return "";
    // What a reader sees, without code (hidden for the reading, then shown again).
    const code = Array.from(document.querySelectorAll(".%s, %s"));
    const saved = code.map(e => e.style.display);
    code.forEach(e => { e.style.display = "none"; });
    const text = document.body.innerText;
    code.forEach((e, i) => { e.style.display = saved[i]; });
    return text;
  })()
})""" % (CODE_INPUT_CLASS, CODE_TAG)


async def check_live(ws_url: str, page: Path, screenshot: Path) -> tuple[list[str], dict]:
    ws = await websocket_connect(ws_url, max_message_size=256 * 1024 * 1024)
    cdp = DevTools(ws)
    try:
        target = await cdp.send("Target.createTarget", {"url": "about:blank"})
        session = (await cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}))["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            await cdp.send(f"{domain}.enable", session=session)
        await cdp.send("Emulation.setDeviceMetricsOverride",
                       {"width": VIEWPORT[0], "height": VIEWPORT[1], "deviceScaleFactor": 1, "mobile": False}, session=session)
        cdp.events.clear()
        await cdp.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        loaded = await cdp.wait_for("Page.loadEventFired", session, timeout=60)
        await cdp.drain(1.0)
        result = await cdp.send("Runtime.evaluate", {"expression": _IMAGES_JS, "returnByValue": True}, session=session)
        state = json.loads(result["result"]["value"])
        shot = await cdp.send("Page.captureScreenshot", {"format": "png"}, session=session)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        await cdp.send("Target.closeTarget", {"targetId": target["targetId"]})
    finally:
        ws.close()

    problems = [] if loaded else ["the page did not finish loading within 60 s"]
    requests, console = [], []
    for e in cdp.events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            requests.append(url)
            if urlsplit(url).scheme.lower() not in LOCAL_SCHEMES:
                problems.append(f"network request: {url[:120]}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"failed load: {params.get('errorText')} ({params.get('type')})")
        elif method == "Runtime.exceptionThrown":
            detail = params.get("exceptionDetails", {})
            problems.append(f"uncaught exception: {detail.get('exception', {}).get('description', detail.get('text'))}"[:200])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))[:200])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            console.append(params["entry"].get("text", "")[:200])
        elif method == "Page.javascriptDialogOpening":
            problems.append(f"JavaScript dialog opened ({params.get('type')}): {params.get('message', '')[:80]}")
    problems += [f"console error: {c}" for c in console]
    broken = [i for i in state["images"] if not i["ok"]]
    problems += [f"image did not load: {i['src']}" for i in broken]
    markup = markup_in_text(state["reader_text"])
    problems += [f"markup shown as text: {m}" for m in markup]
    counts = {
        "requests": len(requests),
        "images": len(state["images"]),
        "images_loaded": len(state["images"]) - len(broken),
        "text_chars": state["text_chars"],
        "title": state["title"],
        "markup_in_text": len(markup),
        "reader_text": state["reader_text"],
    }
    return problems, counts


def start_chromium(binary: str, profile: Path, allow_loopback: bool = False) -> tuple[subprocess.Popen, str]:
    """Start headless Chromium; return the process and its DevTools websocket URL. With
    allow_loopback, 127.0.0.1 stays reachable (for a local JupyterLab) while every other host
    still resolves to nothing."""
    flags = list(CHROMIUM_FLAGS)
    if allow_loopback:
        flags = [f for f in flags if not f.startswith("--host-resolver-rules")]
        flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    proc = subprocess.Popen(
        [binary, *flags, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"DevTools listening on (ws://\S+)", line)
        if m:
            return proc, m.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"{binary} did not start its DevTools endpoint")


def report_pages(reports_dir: Path) -> list[str]:
    """Every .html page of the folder, index.html first, then by name."""
    names = sorted(p.name for p in reports_dir.glob("*.html"))
    return sorted(names, key=lambda n: (n != FIRST_PAGE, n))


def folder_bytes(reports_dir: Path) -> int:
    return sum(p.stat().st_size for p in reports_dir.rglob("*") if p.is_file())


def run(reports_dir: Path, pages: list[str], screenshots: Path, binary: str, max_folder_mb: float = MAX_FOLDER_MB,
        text_dir: Path | None = None) -> tuple[str, bool]:
    lines = []
    ok = True
    # Chromium may still write to its profile while it exits: a leftover file is no failure of the report
    with tempfile.TemporaryDirectory(prefix="quotelens-chromium-", ignore_cleanup_errors=True) as profile:
        proc, ws_url = start_chromium(binary, Path(profile))
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        lines.append(f"browser: {version} (headless, proxy to nowhere, no DNS)")
        lines.append(f"reports: {reports_dir.relative_to(PROJ_ROOT) if reports_dir.is_relative_to(PROJ_ROOT) else reports_dir}")
        size_mb = folder_bytes(reports_dir) / 1e6
        lines.append(f"folder size: {size_mb:.2f} MB in {sum(1 for p in reports_dir.rglob('*') if p.is_file())} files (at most {max_folder_mb:g} MB)")
        if size_mb > max_folder_mb:
            lines.append(f"FAIL: the reports folder is {size_mb:.2f} MB, over {max_folder_mb:g} MB")
            ok = False
        try:
            for name in pages:
                page = reports_dir / name
                lines.append("")
                lines.append(f"## {name}")
                if not page.is_file():
                    lines.append("FAIL: page not found")
                    ok = False
                    continue
                static, scounts = static_problems(page)
                shot = screenshots / (page.stem + ".png")
                live, lcounts = asyncio.run(check_live(ws_url, page, shot))
                problems = static + live
                lines.append(
                    f"page: {scounts['page_bytes'] / 1000:.0f} KB, {scounts['css_bytes']} bytes of CSS, "
                    f"{scounts['images']} embedded images (each once)"
                )
                lines.append(
                    f"resources in the HTML: {scounts['resources']} ({scounts['embedded']} embedded data: URIs); "
                    f"links: {scounts['links']} ({scounts['external_links']} to other sites, not followed)"
                )
                lines.append(
                    f"in Chromium: {lcounts['requests']} requests (all must be file:/data:), "
                    f"images loaded {lcounts['images_loaded']}/{lcounts['images']}, "
                    f"{lcounts['text_chars']} characters of text, {lcounts['markup_in_text']} pieces of markup shown as text, "
                    f"title {lcounts['title']!r}"
                )
                lines.append(f"screenshot: {shot.relative_to(PROJ_ROOT) if shot.is_relative_to(PROJ_ROOT) else shot}")
                if text_dir is not None:  # the text a reader sees, to read the page as text
                    text_dir.mkdir(parents=True, exist_ok=True)
                    (text_dir / (page.stem + ".txt")).write_text(lcounts["reader_text"], encoding="utf-8")
                if problems:
                    ok = False
                    lines += [f"FAIL: {p}" for p in problems]
                else:
                    lines.append("OK: no network request, every image loaded, every link and anchor resolves, no markup shown as text")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    lines.append("")
    lines.append("result: " + ("all checks passed" if ok else "FAILED"))
    return "\n".join(lines) + "\n", ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports-dir", default="reports", help="folder with index.html and the notebooks' HTML")
    parser.add_argument("--page", action="append", help="page to check (repeatable; default: every .html page of the folder)")
    parser.add_argument("--max-folder-mb", type=float, default=MAX_FOLDER_MB, help="largest allowed size of the reports folder (MB)")
    parser.add_argument("--screenshots", default="build/screenshots", help="folder for the PNG screenshots (git-ignored build/ by default)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium", help="Chromium binary")
    parser.add_argument("--record", default=None, help="also write the report to this file (e.g. docs/browser_check.md)")
    parser.add_argument("--text-dir", default=None,
                        help="also save the text a reader sees on each page (code aside) as DIR/<page>.txt, to read it")
    args = parser.parse_args(argv)
    reports_dir = (PROJ_ROOT / args.reports_dir).resolve()
    screenshots = (PROJ_ROOT / args.screenshots).resolve()
    if not shutil.which(args.chromium):
        print(f"{args.chromium}: not found; install it with `apt-get install -y chromium`", file=sys.stderr)
        return 2
    text_dir = (PROJ_ROOT / args.text_dir).resolve() if args.text_dir else None
    text, ok = run(reports_dir, args.page or report_pages(reports_dir), screenshots, args.chromium, args.max_folder_mb, text_dir)
    print(text, end="")
    if args.record:
        record = PROJ_ROOT / args.record
        record.parent.mkdir(parents=True, exist_ok=True)
        header = (
            "# Browser check of the rendered report\n\n"
            "Output of `scripts/check_report_in_browser.py` (headless Chromium over the DevTools protocol).\n\n```\n"
        )
        record.write_text(header + text + "```\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
