"""What a learner waits for in a real browser after moving a control, against a floor app.

Run from the repository root::

    python3 -m benchmarks.browser [--repeat N] [--only TEXT] [--markdown-out FILE]
                                  [--profile N] [--json-out FILE] [--server-flag OPTION]...

The script starts two Streamlit servers on free ports (the app, and the floor app
``benchmarks/floor_app.py``: one slider, one 400-point line), drives the system Chromium
with Playwright, and for every topic of every page in ``mathviz.roadmap.PILLARS`` moves
one control, the one ``benchmarks/run.py`` moves for that topic (``PAGES``): a slider is
focused and gets ArrowRight / ArrowLeft alternately, a number box gets the row's value or
its default, typed, then Enter. Each topic opens in a fresh tab; two uncounted moves warm
it up, then ``--repeat`` moves are counted, and the floor app (kept open in its own tab) is
moved as many times right before each topic, so a slow spell weighs on both sides.

What a move measures, all in the page's own clock (``performance.now``), from the key's
``keydown`` event (Enter for a number box):

- ``move (ms)``: until the page is done: the app's ``[data-testid='stApp']`` is back to
  ``data-test-script-state='notRunning'`` and the last change of a chart's SVG (or
  canvas) has been painted (a ``MutationObserver`` notes the change, then a
  ``requestAnimationFrame`` plus a posted task note the frame after it).
- ``to rerun``: key → script state ``running`` (the browser sends the widget state, the
  server starts the rerun and says so).
- ``rerun``: ``running`` → ``notRunning`` as the browser sees it (script, messages,
  and the browser's handling of each message until the last one).
- ``paint after``: ``notRunning`` → the frame after the last chart change (0 when every
  chart was drawn before the script finished).
- ``key→send``: key → the widget state leaves the page (``WebSocket.send``).
- ``server``: send → the rerun's last message (``script_finished``) reaches the browser
  (CDP frame times, aligned to the page's clock on the frame sent): script and network.
- ``behind``: that arrival → ``notRunning``: how far the page's main thread lags behind
  the wire (rendering elements, drawing charts).
- ``kB/move``: bytes received over the websocket per move (Chrome DevTools Protocol
  ``Network.webSocketFrameReceived``); a message the browser already holds comes as a
  short ``ref_hash``, so moving back and forth sends less than a new setting would.
  ``elements``: Streamlit elements sent per move (``delta`` messages, held ones included).
- ``rows redrawn``: data rows of the Vega charts' datasets that changed since the last
  move (Vega re-encodes these); ``re-embeds``: charts whose spec changed, which Streamlit
  draws anew from scratch (all their rows count).
- ``server CPU``: CPU time of the app's server process per move (``/proc/<pid>/stat``,
  all threads, mean, 10 ms ticks). ``browser CPU``: the same for every Chromium process
  (page, GPU, network…), from the key to the end of the quiet wait (``QUIET_MS``), so a
  floor of some 10-30 ms is idle upkeep. These two are the work a move costs, and stay
  meaningful on a busy machine, where times stretch. ``main thread``: the page's
  main-thread task time per move (CDP ``Performance.getMetrics`` ``TaskDuration``, wall
  time of its tasks, median).
- ``widgets`` / ``charts`` / ``DOM nodes``: what the page holds after the moves (charts:
  Vega-Lite charts, ``+ N stage`` for custom components; nodes include shadow roots).
- ``scope``: ``fragment`` when the browser asked for a fragment rerun, else ``full``.
- ``ratio``: ``move`` divided by the floor's median measured right before the topic; the
  floor row shows the median over all its measurements. A ratio over 1.5 (the goal) is
  noted, never asserted.

``--profile N`` then records a CPU profile of the page (CDP ``Profiler``) over a few more
moves of the N slowest topics and prints where the main thread went, by script chunk
(``embed`` is Vega, ``react-dom`` React, ``katex`` formulas) and by function, plus the
messages of one move by element type.

``--server-flag`` passes a ``streamlit run`` option to both servers, as the repository's
``.streamlit/config.toml`` would (both read it): a way to try a setting before committing it.

Numbers are reported, never asserted: the script exits 0 unless it cannot start at all.
Both servers and the browser are stopped on the way out, even on error. Take final numbers
on a quiet machine: other work on the cores shows up in every column.
"""

from __future__ import annotations

import argparse
import base64
import collections
import contextlib
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.run import FLOOR, PAGES
from mathviz.roadmap import PILLARS
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' Chromium

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "streamlit_app.py"
FLOOR_APP = "benchmarks/floor_app.py"
VIEWPORT = {"width": 1280, "height": 900}
WARMUP = 2
TARGET_RATIO = 1.5  # the goal for every topic; only noted, never asserted
QUIET_MS = 300  # a move is over once nothing in a chart changed for this long
TIMEOUT_MS = 30_000
NO_RERUN_MS = 3_000  # a move after which nothing ran for this long did not start a rerun
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = "[data-testid='stVegaLiteChart']"
COMPONENT = "[data-testid^='stBidiComponent']"  # a custom component, such as mathviz's stage
PICTURE = f"{CHART} svg, {CHART} canvas, {COMPONENT}"
WIDGETS = (
    "stSlider",
    "stNumberInput",
    "stButton",
    "stDownloadButton",
    "stSelectbox",
    "stRadio",
    "stCheckbox",
    "stTextInput",
    "stSelectSlider",
    "stToggle",
    "stPageLink",
)
COLUMNS = ["topic", "move (ms)", "ratio", "to rerun", "rerun", "paint after", "key→send"]
COLUMNS += [
    "server",
    "behind",
    "kB/move",
    "elements",
    "rows redrawn",
    "re-embeds",
    "server CPU",
    "browser CPU",
    "main thread",
    "widgets",
    "charts",
    "DOM nodes",
]
COLUMNS += ["scope", "notes"]

# Everything the page notes, in its own clock; read and emptied by Python around each move.
INSTRUMENT = """
(() => {
  if (window.__mv) return;
  const CHART = "[data-testid='stVegaLiteChart']";
  const COMPONENT = "[data-testid^='stBidiComponent']";
  const LISTS = ['keys', 'states', 'chart', 'paints', 'dom', 'recv', 'sent', 'longtasks'];
  const M = {};
  window.__mv = M;
  M.reset = () => { for (const k of LISTS) M[k] = []; };
  M.reset();
  const now = () => performance.now();
  addEventListener('keydown', e => M.keys.push(e.timeStamp), true);
  let pending = false;
  const framed = () => {  // note the end of the frame that shows a chart's change
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { pending = false; M.paints.push(now()); };
      channel.port2.postMessage(0);
    });
  };
  const inChart = node => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return false;
    const root = el.getRootNode();
    if (root instanceof ShadowRoot) return !!root.host.closest(COMPONENT);  // the stage
    return !!(el.closest(CHART) && !el.closest("[data-testid='stElementToolbar']"));
  };
  const observer = new MutationObserver(records => {
    const t = now();
    let chart = false, dom = false;
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state') {
        M.states.push([t, r.target.getAttribute('data-test-script-state')]);
        continue;
      }
      dom = true;
      if (!chart && inChart(r.target)) chart = true;
    }
    if (dom) M.dom.push(t);
    if (chart) { M.chart.push(t); framed(); }
  });
  const watched = {subtree: true, childList: true, attributes: true, characterData: true};
  observer.observe(document, watched);
  const attach = Element.prototype.attachShadow;  // a custom component draws in a shadow root
  Element.prototype.attachShadow = function (...args) {
    const root = attach.apply(this, args);
    observer.observe(root, watched);
    return root;
  };
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    if (this.canvas.closest && this.canvas.closest(CHART)) { M.chart.push(now()); framed(); }
    return clear.apply(this, args);
  };
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) M.longtasks.push([e.startTime, e.duration]);
    }).observe({type: 'longtask'});
  } catch (e) {}
  const size = d => d.byteLength ?? d.size ?? d.length ?? 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => M.recv.push([now(), size(ev.data)]));
    }
    send(data) { M.sent.push([now(), size(data)]); return super.send(data); }
  };
  M.settled = (quiet, timeout, noRerun) => new Promise(resolve => {
    const start = now();
    const tick = () => {
      const t = now();
      const app = document.querySelector("[data-testid='stApp']");
      const state = app && app.getAttribute('data-test-script-state');
      const ran = M.states.some(s => s[1] === 'running');
      const last = Math.max(M.chart.at(-1) ?? 0, M.paints.at(-1) ?? 0,
                            M.states.at(-1)?.[0] ?? 0, M.recv.at(-1)?.[0] ?? 0);
      const done = ran && state === 'notRunning' && t - last >= quiet;
      const idle = !ran && M.recv.length === 0 && t - start >= noRerun;
      if (done || idle || t - start >= timeout) {
        const copy = {};
        for (const k of LISTS) copy[k] = M[k].slice();
        copy.timedOut = !done && !idle;
        resolve(copy);
      } else {
        setTimeout(tick, 20);
      }
    };
    tick();
  });
  M.census = widgets => {
    const main = document.querySelector("[data-testid='stMain']") || document;
    const count = ids => ids.reduce(
      (n, id) => n + main.querySelectorAll(`[data-testid='${id}']`).length, 0);
    let nodes = 0;
    const walk = root => {
      for (const el of root.querySelectorAll('*')) {
        nodes += 1;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return {widgets: count(widgets), vega: main.querySelectorAll(CHART).length,
            components: main.querySelectorAll(COMPONENT).length, nodes};
  };
})();
"""


# ----------------------------------------------------------------------------- pure helpers


@dataclass(frozen=True)
class Case:
    """One row: a topic's link and the control a move changes."""

    label: str
    url: str  # path and query, from the server's root
    kind: str  # slider, select_slider or number_input
    key: str
    value: object = None  # a number box alternates between this and its default


def topic_url(page: str, query: dict[str, str]) -> str:
    """The URL path and query of a page script (``pages/x.py`` → ``/x?...``)."""
    path = "/" if page == ENTRY else "/" + page.removeprefix("pages/").removesuffix(".py")
    return path + ("?" + urllib.parse.urlencode(query) if query else "")


def cases(only: str = "") -> list[Case]:
    """Every built topic of ``PILLARS`` whose label contains ``only``, with run.py's control."""
    found = []
    for pillar in PILLARS:
        if not pillar.built:
            continue
        for topic in pillar.topics:
            if only.lower() not in topic.label.lower():
                continue
            page, query, kind, key, value = PAGES.get(
                topic.label, (pillar.page, {"topic": topic.label}, "slider", "", None)
            )
            found.append(Case(topic.label, topic_url(page, query), kind, key, value))
    return found


def floor_case() -> Case:
    _, query, kind, key, value = PAGES[FLOOR]
    return Case(FLOOR, topic_url(ENTRY, query), kind, key, value)


def median(values: Sequence[float | None]) -> float | None:
    """The median of the values that are not None; None when there are none."""
    kept = [v for v in values if v is not None]
    return statistics.median(kept) if kept else None


def _mean(values: Sequence[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else None


def ratio(value: float | None, unit: float | None) -> float | None:
    """``value / unit``, or None when either is missing or the unit is not positive."""
    if value is None or unit is None or unit <= 0:
        return None
    return value / unit


# A move's steps (ms): the table's columns, then the server's share and the browser's lag.
SPLIT = ("total", "to_rerun", "rerun", "paint_after", "to_send", "server", "behind")


def _first(times: Sequence[float], after: float) -> float | None:
    return next((t for t in sorted(times) if t >= after), None)


def split(record: dict) -> dict:
    """A move's timings (ms) from what the page noted; None where a step never happened.

    ``record`` holds lists of page times: ``keys`` (keydown), ``states`` ([time, state]),
    ``chart`` (a chart changed), ``paints`` (the frame after a change was shown),
    ``sent`` / ``recv`` ([time, bytes]) on the websocket.
    """
    keys = record.get("keys") or []
    result: dict = dict.fromkeys(SPLIT)
    result["ran"] = False
    if not keys:
        return result
    t0 = keys[-1]  # a number box: the Enter that commits it
    running = _first([t for t, s in record.get("states", []) if s == "running"], t0)
    sent = _first([t for t, _ in record.get("sent", [])], t0)
    result["to_send"] = None if sent is None else sent - t0
    finished = _wire_finish(record, sent)
    if finished is not None and sent is not None:
        result["server"] = finished - sent
    if running is None:
        return result
    done = _first([t for t, s in record.get("states", []) if s == "notRunning"], running)
    result |= {"ran": True, "to_rerun": running - t0}
    if done is None:
        return result
    shown = [t for t in record.get("paints", []) + record.get("chart", []) if t >= t0]
    end = max([done, *shown])
    result |= {"total": end - t0, "rerun": done - running, "paint_after": end - done}
    if finished is not None:
        result["behind"] = done - finished
    return result


def _wire_finish(record: dict, sent: float | None) -> float | None:
    """When the last message of the rerun reached the browser, in the page's clock.

    CDP stamps frames with its own clock; the frame the page sent first is stamped in both,
    which gives the offset. The last message is ``script_finished`` (else the last frame).
    """
    wire_sent, wire_recv = record.get("wire_sent") or [], record.get("wire_recv") or []
    if sent is None or not wire_sent or not wire_recv:
        return None
    offset = sent - wire_sent[0]
    kinds = record.get("wire_kinds") or []
    ends = [t for t, kind in zip(wire_recv, kinds, strict=False) if kind == "script_finished"]
    return (ends[-1] if ends else wire_recv[-1]) + offset


def fmt(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def cell(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= 160 else text[:157] + "..."


def markdown(rows: Sequence[Sequence[str]], columns: Sequence[str] = COLUMNS) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def summarise(moves: Sequence[dict]) -> dict:
    """Medians (CPU: means) over a topic's counted moves; each move as ``measure_move`` gives."""
    splits = [m["split"] for m in moves]
    pick = {name: median([s[name] for s in splits]) for name in splits[0]} if splits else {}
    pick.pop("ran", None)
    return pick | {
        "kb": median([m["bytes"] / 1000 for m in moves]),
        "msgs": median([m["messages"] for m in moves]),
        "elements": median([m["elements"] for m in moves]),
        "rows": median([m.get("rows") for m in moves]),
        "reembeds": median([m.get("reembeds") for m in moves]),
        "server_cpu": _mean([m.get("server_cpu") for m in moves]),
        "browser_cpu": _mean([m.get("browser_cpu") for m in moves]),
        "main_thread": median([m.get("main_thread") for m in moves]),
        "no_rerun": sum(not s["ran"] for s in splits),
        "timed_out": sum(bool(m.get("timed_out")) for m in moves),
        "scope": ", ".join(sorted({m["scope"] for m in moves if m.get("scope")})),
    }


def row(label: str, result: dict, floor_total: float | None) -> list[str]:
    """One table row from ``summarise``'s result (with ``census`` and ``problems``)."""
    if "error" in result:
        return [label] + [""] * (len(COLUMNS) - 2) + [result["error"]]
    notes = list(result.get("problems", []))
    if result.get("no_rerun"):
        notes.append(f"{result['no_rerun']} moves started no rerun")
    if result.get("timed_out"):
        notes.append(f"{result['timed_out']} moves timed out")
    census = result.get("census", {})
    r = ratio(result.get("total"), floor_total)
    if r is not None and r > TARGET_RATIO:
        notes.append(f"over {TARGET_RATIO:g}× the floor")
    return [
        label,
        fmt(result.get("total")),
        "" if r is None else f"{r:.2f}",
        fmt(result.get("to_rerun")),
        fmt(result.get("rerun")),
        fmt(result.get("paint_after")),
        fmt(result.get("to_send")),
        fmt(result.get("server")),
        fmt(result.get("behind")),
        fmt(result.get("kb"), 1),
        fmt(result.get("elements")),
        fmt(result.get("rows")),
        fmt(result.get("reembeds")),
        fmt(result.get("server_cpu")),
        fmt(result.get("browser_cpu")),
        fmt(result.get("main_thread")),
        str(census.get("widgets", "")),
        _charts(census),
        str(census.get("nodes", "")),
        result.get("scope", ""),
        "; ".join(notes),
    ]


def _charts(census: dict) -> str:
    """Vega charts, plus custom components (the stage) as ``+ N stage``."""
    if "vega" not in census:
        return ""
    extra = census.get("components", 0)
    return str(census["vega"]) + (f" + {extra} stage" if extra else "")


def _delta_kind(message: ForwardMsg) -> str:
    delta = message.delta
    inner = delta.WhichOneof("type")
    if inner == "new_element":
        return "element:" + (delta.new_element.WhichOneof("type") or "?")
    return "block" if inner == "add_block" else f"delta:{inner}"


def _arrow_rows(data: bytes) -> int:
    """Rows of an Arrow IPC stream (0 when it cannot be read)."""
    try:
        return pa.ipc.open_stream(pa.py_buffer(data)).read_all().num_rows
    except (pa.ArrowInvalid, OSError):
        return 0


def chunk_name(url: str) -> str:
    """A script URL's chunk, without its hash: ``.../embed.CX5AQgxi.js`` → ``embed``."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if not name:
        return url or "(native)"
    return name.split(".", 1)[0]


# ---------------------------------------------------------------------- servers and browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A Streamlit server of ``script`` on a free port, its log in a temporary file."""

    script: str
    flags: tuple[str, ...] = ()  # more ``streamlit run`` options, such as ``--runner.x=y``
    process: subprocess.Popen | None = None
    base: str = ""
    log: Path | None = None
    _log_file: object = field(default=None, repr=False)

    def start(self, timeout: float = 90) -> Server:
        port = free_port()
        handle, name = tempfile.mkstemp(prefix="mathviz-browser-", suffix=".log")
        os.close(handle)
        self.log = Path(name)
        self._log_file = self.log.open("wb")
        command = [sys.executable, "-m", "streamlit", "run", self.script]
        command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
        command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
        # Others edit the working tree meanwhile: a file watcher would rerun pages mid-move.
        command += ["--server.fileWatcherType", "none", "--server.runOnSave", "false"]
        command += list(self.flags)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, stdout=self._log_file, stderr=subprocess.STDOUT
        )
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server of {self.script} exited; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as reply:  # noqa: S310
                    if reply.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"the server of {self.script} was not healthy within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process so far (all its threads)."""
        found = None if self.process is None else _stat(self.process.pid)
        return None if found is None else found[2]


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, user + system CPU seconds) of a process, from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat.rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return name, int(fields[1]), cpu


def chromium_cpu_seconds() -> float:
    """CPU time so far of every Chromium process this script started (browser, GPU, tabs…)."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _stat(int(entry))) is not None:
            stats[int(entry)] = found
    children = collections.defaultdict(list)
    for pid, (_, parent, _) in stats.items():
        children[parent].append(pid)
    total, todo = 0.0, [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            name, _, cpu = stats[child]
            if name.startswith(("chromium", "chrome")):
                total += cpu
            if not name.startswith("python"):  # not into the Streamlit servers
                todo.append(child)
    return total


@contextlib.contextmanager
def running(script: str, flags: Sequence[str] = ()) -> Iterator[Server]:
    server = Server(script, tuple(flags))
    try:
        yield server.start()
    finally:
        server.stop()
        if server.log is not None:
            server.log.unlink(missing_ok=True)


class Tab:
    """A page of one server with the instrument loaded and a CDP session listening."""

    def __init__(self, browser, server: Server, case: Case) -> None:
        self.server, self.case = server, case
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(INSTRUMENT)
        self.page = self.context.new_page()
        self.cdp = self.page.context.new_cdp_session(self.page)
        self.received: list[bytes] = []
        self.sent: list[bytes] = []
        # CDP's clock (ms), not the page's: ``split`` aligns the two on the frame sent.
        self.received_at: list[float] = []
        self.sent_at: list[float] = []
        self.cdp.on("Network.webSocketFrameReceived", self._on_received)
        self.cdp.on("Network.webSocketFrameSent", self._on_sent)
        self.cdp.send("Network.enable")
        self.cdp.send("Performance.enable")
        self.forward = 1  # ArrowRight next, then ArrowLeft
        self._by_hash: dict[str, ForwardMsg] = {}  # what the browser holds, for ref_hash
        self._charts: dict[tuple, tuple[int, dict[str, int]]] = {}  # delta path → digests
        self.page.goto(server.base + case.url, timeout=TIMEOUT_MS)
        self.page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
        with contextlib.suppress(Exception):  # a page without a picture is measured all the same
            self.page.wait_for_selector(PICTURE, timeout=10_000)
        self.page.wait_for_timeout(QUIET_MS)
        self.message_kinds()  # what the page holds: later moves may refer to it by hash
        self._forget_frames()
        self.default = None
        if case.kind == "number_input":
            self.default = self.page.locator(self._input()).input_value()
        elif case.kind in ("slider", "select_slider"):
            thumb = self.page.locator(self._input())
            if thumb.get_attribute("value") == thumb.get_attribute("max"):
                self.forward = 0

    @staticmethod
    def _payload(params: dict) -> bytes:
        response = params["response"]
        data = response.get("payloadData", "")
        return base64.b64decode(data) if response.get("opcode") == 2 else data.encode()

    def _on_received(self, params: dict) -> None:
        self.received.append(self._payload(params))
        self.received_at.append(params["timestamp"] * 1000)

    def _on_sent(self, params: dict) -> None:
        self.sent.append(self._payload(params))
        self.sent_at.append(params["timestamp"] * 1000)

    def _input(self) -> str:
        key = self.case.key
        if not key:  # no control named: the first slider of the open tab
            return "[role='tabpanel']:not([hidden]) input[type='range']"
        if self.case.kind == "number_input":
            return f".st-key-{key} input"
        return f".st-key-{key} input[type='range']"

    def _forget_frames(self) -> None:
        for frames in (self.received, self.sent, self.received_at, self.sent_at):
            frames.clear()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()

    def task_seconds(self) -> float:
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def _act(self, index: int) -> None:
        field_ = self.page.locator(self._input())
        if self.case.kind == "number_input":
            target = str(self.case.value) if index % 2 == 0 else str(self.default)
            field_.fill(target)
            self.page.evaluate("window.__mv.reset()")
            self._forget_frames()
            field_.press("Enter")
        else:
            field_.focus()
            self.page.evaluate("window.__mv.reset()")
            self._forget_frames()
            right = (index + self.forward) % 2 == 1
            self.page.keyboard.press("ArrowRight" if right else "ArrowLeft")

    def move(self, index: int) -> dict:
        """One move of the control; its timings, bytes and CPU."""
        self.page.bring_to_front()
        cpu0, task0 = self.server.cpu_seconds(), self.task_seconds()
        chromium0 = chromium_cpu_seconds()
        self._act(index)
        record = self.page.evaluate(f"window.__mv.settled({QUIET_MS}, {TIMEOUT_MS}, {NO_RERUN_MS})")
        chromium1 = chromium_cpu_seconds()
        cpu1, task1 = self.server.cpu_seconds(), self.task_seconds()
        kinds = self.message_kinds()
        record["wire_recv"] = list(self.received_at)
        record["wire_sent"] = list(self.sent_at)
        record["wire_kinds"] = kinds["kinds"]
        return {
            "split": split(record),
            "record": record,
            "bytes": sum(map(len, self.received)),
            "messages": len(self.received),
            "elements": kinds["elements"],
            "rows": kinds["rows"],
            "reembeds": kinds["reembeds"],
            "by_type": kinds["by_type"],
            "scope": self.scope(),
            "server_cpu": None if cpu0 is None or cpu1 is None else (cpu1 - cpu0) * 1000,
            "main_thread": (task1 - task0) * 1000,
            "browser_cpu": (chromium1 - chromium0) * 1000,
            "timed_out": record.get("timedOut", False),
        }

    def message_kinds(self) -> dict:
        """Elements sent, bytes by message or element type, and what the charts must redraw.

        A message the browser already holds comes as a ``ref_hash``: it is read as the
        message it stands for. A Vega chart whose spec changed since the last move is drawn
        anew (``reembeds``); otherwise only its changed datasets are (``rows``).
        """
        by_type: collections.Counter = collections.Counter()
        kinds = []
        elements = rows = reembeds = 0
        for payload in self.received:
            message = ForwardMsg()
            try:
                message.ParseFromString(payload)
            except Exception:  # a frame we cannot read is counted as such
                by_type["(unreadable)"] += len(payload)
                kinds.append("(unreadable)")
                continue
            kind = message.WhichOneof("type") or "(none)"
            by_type[kind if kind != "delta" else _delta_kind(message)] += len(payload)
            kinds.append(kind)
            if message.hash:
                self._by_hash[message.hash] = message
            held = self._by_hash.get(message.ref_hash) if kind == "ref_hash" else message
            if held is None or held.WhichOneof("type") != "delta":
                continue
            elements += 1
            delta = held.delta
            is_element = delta.WhichOneof("type") == "new_element"
            if is_element and delta.new_element.WhichOneof("type") == "vega_lite_chart":
                path = tuple(message.metadata.delta_path or held.metadata.delta_path)
                drawn, anew = self._chart_change(path, delta.new_element.vega_lite_chart)
                rows += drawn
                reembeds += anew
        return {
            "elements": elements,
            "by_type": dict(by_type),
            "kinds": kinds,
            "rows": rows,
            "reembeds": reembeds,
        }

    def _chart_change(self, path: tuple, chart) -> tuple[int, int]:
        """(rows to redraw, 1 if drawn anew) for a Vega chart at ``path``, against last time."""
        datasets = {"": chart.data.data} if chart.data.data else {}
        datasets |= {named.name: named.data.data for named in chart.datasets}
        now = {name: hash(data) for name, data in datasets.items()}
        before = self._charts.get(path)
        self._charts[path] = (hash(chart.spec), now)
        anew = before is None or before[0] != hash(chart.spec)
        changed = [n for n in datasets if anew or before[1].get(n) != now[n]]
        return sum(_arrow_rows(datasets[name]) for name in changed), int(anew)

    def scope(self) -> str:
        for payload in self.sent:
            message = BackMsg()
            with contextlib.suppress(Exception):
                message.ParseFromString(payload)
                if message.WhichOneof("type") == "rerun_script":
                    return "fragment" if message.rerun_script.fragment_id else "full"
        return ""

    def census(self) -> dict:
        return self.page.evaluate("w => window.__mv.census(w)", list(WIDGETS))


def measure_moves(tab: Tab, repeat: int, warmup: int = WARMUP) -> list[dict]:
    moves = []
    for i in range(warmup + repeat):
        result = tab.move(i)
        if i >= warmup:
            moves.append(result)
    return moves


def measure_topic(browser, server: Server, case: Case, repeat: int) -> tuple[dict, list[dict]]:
    tab = Tab(browser, server, case)
    try:
        problems = []
        if tab.page.locator("[data-testid='stException']").count():
            problems.append("exception on the page")
        if tab.page.locator(tab._input()).count() == 0:
            return {"error": f"no {case.kind} {case.key!r} on the page"}, []
        moves = measure_moves(tab, repeat)
        result = summarise(moves) | {"census": tab.census(), "problems": problems}
        return result, moves
    finally:
        tab.close()


def safe(call, *args) -> tuple[dict, list[dict]]:
    try:
        return call(*args)
    except Exception as error:  # one broken topic must not hide the others
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        message = " ".join(str(error).split())[:200]
        return {"error": f"error: {type(error).__name__}: {message} ({where})"}, []


PHASES = ("key→send", "send→running", "running→notRunning", "after")
TRACE_CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,v8"
KINDS = {
    "UpdateLayoutTree": "style",
    "RecalculateStyles": "style",
    "Layout": "layout",
    "Paint": "paint",
    "PrePaint": "paint",
    "Layerize": "paint",
    "Commit": "paint",
    "UpdateLayer": "paint",
    "MinorGC": "gc",
    "MajorGC": "gc",
    "FunctionCall": "script",
    "EvaluateScript": "script",
    "RunMicrotasks": "script",
    "TimerFire": "script",
    "EventDispatch": "script",
    "FireAnimationFrame": "script",
    "HandlePostMessage": "script",
}
KIND_ORDER = ("script", "style", "layout", "paint", "gc", "other")


def phase_bounds(record: dict) -> dict | None:
    """A move's phases as {name: (start, stop)} in the page's clock, and the offset to CDP's.

    The offset (page ms − CDP ms) comes from the frame sent, stamped in both clocks.
    """
    t = split(record)
    keys, sent = record.get("keys") or [], record.get("sent") or []
    wire = record.get("wire_sent") or []
    if not keys or not sent or not wire or t["total"] is None:
        return None
    t0 = keys[-1]
    sent_at = t0 + t["to_send"]
    running, done = t0 + t["to_rerun"], t0 + t["to_rerun"] + t["rerun"]
    end = t0 + t["total"]
    spans = (t0, sent_at, running, done, max(end, done))
    phases = {name: (spans[i], spans[i + 1]) for i, name in enumerate(PHASES)}
    return {"phases": phases, "offset": sent[0][0] - wire[0]}


def which_phase(t: float, phases: dict) -> str | None:
    return next((name for name, (a, b) in phases.items() if a <= t < b), None)


def trace_self_times(events: list[dict]) -> list[tuple[float, float, str]]:
    """(start ms, self ms, kind) of every complete event on the page's busiest main thread.

    Self time is an event's duration less that of the events nested in it; the kind is one
    of ``KIND_ORDER`` (``other`` for the scheduler's own tasks and what is not named).
    """
    threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    spans: dict = collections.defaultdict(list)
    for e in events:
        if (e.get("pid"), e.get("tid")) in threads and e.get("ph") == "X" and "dur" in e:
            spans[(e["pid"], e["tid"])].append((e["ts"], e["dur"], e["name"]))
    if not spans:
        return []
    mine = sorted(max(spans.values(), key=len), key=lambda s: (s[0], -s[1]))
    result, stack = [], []  # stack of [start, end, name, child time]

    def close(item: list) -> None:
        start, stop, name, children = item
        kind = KINDS.get(name, "gc" if name.startswith("V8.GC") else "other")
        result.append((start / 1000, max(stop - start - children, 0) / 1000, kind))

    for ts, dur, name in mine:
        while stack and stack[-1][1] <= ts:
            close(stack.pop())
        if stack:
            stack[-1][3] += dur
        stack.append([ts, ts + dur, name, 0.0])
    while stack:
        close(stack.pop())
    return result


def profile_samples(profile: dict) -> list[tuple[float, float, str]]:
    """(time ms in CDP's clock, ms, chunk) of every sample of a CDP CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    t = profile["startTime"]
    result = []
    for sample, delta in zip(
        profile.get("samples", []), profile.get("timeDeltas", []), strict=False
    ):
        t += delta
        frame = nodes[sample]["callFrame"]
        url = frame.get("url", "")
        chunk = chunk_name(url) if url else (frame.get("functionName") or "(anonymous)")
        result.append((t / 1000, delta / 1000, chunk))
    return result


def by_phase(moves: list[dict], timed: list[tuple[float, float, str]]) -> dict:
    """{phase: Counter(label → ms per move)} for (CDP time, ms, label) items over the moves."""
    table: dict = {name: collections.Counter() for name in PHASES}
    counted = 0
    for move in moves:
        bounds = phase_bounds(move["record"])
        if bounds is None:
            continue
        counted += 1
        for t, ms, label in timed:
            name = which_phase(t + bounds["offset"], bounds["phases"])
            if name is not None:
                table[name][label] += ms
    for counter in table.values():
        for label in counter:
            counter[label] /= max(counted, 1)
    return table


IDLE_CHUNKS = ("(idle)", "(program)", "(garbage collector)")


def profile_topic(browser, server: Server, case: Case, moves: int = 4) -> str:
    """Where the page's main thread goes during each phase of a move, and what is sent."""
    tab = Tab(browser, server, case)
    events: list[dict] = []
    try:
        measure_moves(tab, 0)  # warm up
        tab.cdp.on("Tracing.dataCollected", lambda params: events.extend(params["value"]))
        complete: list[bool] = []
        tab.cdp.on("Tracing.tracingComplete", lambda _: complete.append(True))
        tab.cdp.send("Profiler.enable")
        tab.cdp.send("Profiler.setSamplingInterval", {"interval": 250})
        tab.cdp.send("Tracing.start", {"categories": TRACE_CATEGORIES})
        tab.cdp.send("Profiler.start")
        results = [tab.move(i) for i in range(moves)]
        profile = tab.cdp.send("Profiler.stop")["profile"]
        tab.cdp.send("Tracing.end")
        deadline = time.monotonic() + 30
        while not complete and time.monotonic() < deadline:
            tab.page.wait_for_timeout(100)
    finally:
        tab.close()
    summary = summarise(results)
    lines = [f"### {case.label}", ""]
    lines.append(
        f"{moves} traced moves (tracing and sampling slow the page): median move "
        f"{fmt(summary['total'])} ms, server CPU {fmt(summary['server_cpu'])} ms, "
        f"Chromium CPU {fmt(summary['browser_cpu'])} ms, page main thread "
        f"{fmt(summary['main_thread'])} ms per move."
    )
    lines.append("")
    kinds = by_phase(results, trace_self_times(events))
    chunks = by_phase(results, profile_samples(profile))
    windows = collections.defaultdict(list)
    for move in results:
        bounds = phase_bounds(move["record"])
        for name, (a, b) in (bounds or {"phases": {}})["phases"].items():
            windows[name].append(b - a)
    columns = ["phase", "window", "main thread busy", *KIND_ORDER, "JavaScript by chunk"]
    rows = []
    for name in PHASES:
        busy = sum(kinds[name].values())
        top = [
            f"{chunk} {ms:.0f}"
            for chunk, ms in chunks[name].most_common()
            if chunk not in IDLE_CHUNKS and ms >= 1
        ][:6]
        rows.append(
            [name, fmt(median(windows[name])), fmt(busy)]
            + [fmt(kinds[name].get(kind, 0.0)) for kind in KIND_ORDER]
            + [", ".join(top)]
        )
    lines.append("Main thread per move (ms; trace self time by kind, samples by script chunk):")
    lines.append("")
    lines.append(markdown(rows, columns))
    last = results[-1]
    lines.append("")
    lines.append(
        "One move's messages by type (bytes): "
        + ", ".join(
            f"{kind} {size}"
            for kind, size in sorted(last["by_type"].items(), key=lambda kv: -kv[1])
        )
    )
    return "\n".join(lines)


def code_version() -> str:
    """The commit measured, and how many files of the working tree differ from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH, read-only
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "commit unknown"
    return f"commit {commit}" + (f" + {len(changed)} changed files" if changed else "")


def pooled_floor(floors: dict[str, dict], census: dict | None = None) -> dict:
    """The floor row: medians over every floor measurement of the run."""
    values = list(floors.values())
    pooled = {
        name: median([f.get(name) for f in values])
        for name in (
            *SPLIT,
            *("kb", "msgs", "elements", "rows", "reembeds"),
            *("server_cpu", "browser_cpu", "main_thread"),
        )
    }
    pooled["scope"] = ", ".join(sorted({f["scope"] for f in values if f.get("scope")}))
    pooled["census"] = census or {}
    return pooled


@dataclass
class Run:
    """What one run measured: per topic, its result, the floor before it and every move."""

    results: dict[str, dict] = field(default_factory=dict)
    floors: dict[str, dict] = field(default_factory=dict)
    moves: dict[str, list] = field(default_factory=dict)
    floor_census: dict = field(default_factory=dict)
    profiles: list[str] = field(default_factory=list)


def measure_all(todo: list[Case], repeat: int, profile: int, flags: Sequence[str] = ()) -> Run:
    """Start both servers and Chromium, measure every case (then profile), stop them all."""
    run = Run()
    with (
        running(ENTRY, flags) as app,
        running(FLOOR_APP, flags) as floor_server,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            floor_tab = Tab(browser, floor_server, floor_case())
            try:
                for case in todo:
                    # The floor right before each topic: a slow spell weighs on both sides.
                    floor_moves = measure_moves(floor_tab, repeat, warmup=1)
                    run.floors[case.label] = summarise(floor_moves)
                    run.moves[f"{FLOOR} before {case.label}"] = floor_moves
                    result, run.moves[case.label] = safe(measure_topic, browser, app, case, repeat)
                    run.results[case.label] = result
                    floor_total = run.floors[case.label]["total"]
                    print(
                        f"  {case.label}: {fmt(result.get('total'))} ms "
                        f"(floor {fmt(floor_total)} ms) {result.get('error', '')}",
                        flush=True,
                    )
                run.floor_census = floor_tab.census()
            finally:
                floor_tab.close()
            if profile:
                ranked = sorted(
                    (c for c in todo if run.results[c.label].get("total") is not None),
                    key=lambda c: -run.results[c.label]["total"],
                )
                chosen = [(floor_server, floor_case())]
                chosen += [(app, case) for case in ranked[:profile]]
                for server, case in chosen:
                    try:
                        run.profiles.append(profile_topic(browser, server, case))
                    except Exception as error:  # one failed profile must not hide the others
                        run.profiles.append(f"### {case.label}\n\nprofile failed: {error}")
        finally:
            browser.close()
    return run


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through every ``finally``: servers and browser stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="counted moves (default 10)")
    parser.add_argument("--only", default="", help="only topics whose label contains this")
    parser.add_argument("--markdown-out", type=Path, help="also write the table to this file")
    parser.add_argument("--json-out", type=Path, help="also write every move's raw record here")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="profile the N slowest topics"
    )
    parser.add_argument(
        "--server-flag",
        action="append",
        default=[],
        metavar="OPTION",
        help="a streamlit run option for both servers, as a config file would set it "
        "(repeatable), e.g. --server-flag=--runner.postScriptGC=false",
    )
    args = parser.parse_args(argv)
    repeat = max(args.repeat, 1)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    header = (
        f"{dt.datetime.now().isoformat(timespec='seconds')} · Python {platform.python_version()}"
        f" · {os.cpu_count()} CPUs · load {os.getloadavg()[0]:.2f} at start · repeat {repeat}"
        f" · {code_version()}"
        + (f" · servers with {' '.join(args.server_flag)}" if args.server_flag else "")
    )
    print(header, flush=True)
    todo = cases(args.only)
    run = measure_all(todo, repeat, args.profile, args.server_flag)
    floor = pooled_floor(run.floors, run.floor_census)
    rows = [row(FLOOR, floor, floor["total"])]
    rows += [
        row(case.label, run.results[case.label], run.floors[case.label].get("total"))
        for case in todo
    ]
    table = markdown(rows)
    footer = f"load {os.getloadavg()[0]:.2f} at the end"
    print(table)
    print(footer)
    if run.profiles:
        print()
        print("\n\n".join(run.profiles))
    if args.markdown_out:
        text = f"{header}\n\n{table}\n\n{footer}\n"
        text += "".join(f"\n{profile}\n" for profile in run.profiles)
        args.markdown_out.write_text(text, encoding="utf-8")
    if args.json_out:
        dump = {"floors": run.floors, "results": run.results, "moves": run.moves}
        args.json_out.write_text(json.dumps(dump, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
