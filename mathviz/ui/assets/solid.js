// The solid: a surface in 3-D, drawn on a 2-D canvas, turned by dragging, all in the browser.
//
// Python sends a scene (mathviz.charts.three_d): the box the surface lives in, its sheets
// (grids of heights, painted band by band or in one translucent colour), lines (polylines
// in x, y, z), points, and the camera to start from. Every frame is painted back to front
// (the painter's algorithm): the box's far walls with their grid, then every quad, line
// segment and point sorted by depth, then the tick labels. A move of the point sends a new
// scene and one frame is painted; turning the view paints frames without the server.
//
// What is painted is kept on the element (root.solid): the scene, the camera and how many
// frames were painted, so a test can read what the learner sees without decoding pixels.

const DEG = Math.PI / 180;

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

function rgb(hex) {
  const h = hex.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

function shaded(hex, k, alpha = 1) {
  const [r, g, b] = rgb(hex).map((c) => Math.round(clamp(c * k, 0, 255)));
  return alpha < 1 ? `rgba(${r},${g},${b},${alpha})` : `rgb(${r},${g},${b})`;
}

// Round numbers for the ticks: about `count` of them, steps of 1, 2, 2.5 or 5 × 10ⁿ.
function niceTicks(lo, hi, count) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count + 0.5);
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

function tickText(v) {
  const text = Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(1)
    : String(parseFloat(v.toPrecision(4)));
  return text.replace("-", "\u2212");
}

// ---------------------------------------------------------------- the camera

function camera(view, data, width, height, font) {
  const a = view.azimuth * DEG;
  const e = view.elevation * DEG;
  const eye = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
  const right = [-Math.sin(a), Math.cos(a), 0];
  const up = [-Math.sin(e) * Math.cos(a), -Math.sin(e) * Math.sin(a), Math.cos(e)];
  const [ax, ay, az] = data.aspect;
  const box = data.box;
  const centre = [0, 1, 2].map((i) => (box[i][0] + box[i][1]) / 2);
  const spans = [0, 1, 2].map((i) => box[i][1] - box[i][0] || 1);
  const sizes = [ax, ay, az];
  const radius = 0.5 * Math.hypot(ax, ay, az);
  const distance = 6 * radius; // a mild perspective: near things a little larger
  const orient = (v) => {
    const az0 = v.azimuth * DEG;
    const el0 = v.elevation * DEG;
    return {
      eye: [Math.cos(el0) * Math.cos(az0), Math.cos(el0) * Math.sin(az0), Math.sin(el0)],
      right: [-Math.sin(az0), Math.cos(az0), 0],
      up: [-Math.sin(el0) * Math.cos(az0), -Math.sin(el0) * Math.sin(az0), Math.cos(el0)],
    };
  };
  const flat = (q, o) => {
    const x = q[0] * o.right[0] + q[1] * o.right[1];
    const y = q[0] * o.up[0] + q[1] * o.up[1] + q[2] * o.up[2];
    const depth = q[0] * o.eye[0] + q[1] * o.eye[1] + q[2] * o.eye[2];
    const k = distance / (distance - depth);
    return [x * k, y * k, depth];
  };
  // The zoom is fixed while the view turns: the box as seen from the starting camera fills
  // the canvas inside margins for the tick labels, with room to spare for turning it.
  const start = orient(data.camera);
  const seen = [];
  for (const x of [-ax / 2, ax / 2]) {
    for (const y of [-ay / 2, ay / 2]) {
      for (const z of [-az / 2, az / 2]) seen.push(flat([x, y, z], start));
    }
  }
  const left = Math.min(...seen.map((p) => p[0]));
  const wide = Math.max(...seen.map((p) => p[0])) - left;
  const low = Math.min(...seen.map((p) => p[1]));
  const tall = Math.max(...seen.map((p) => p[1])) - low;
  const across = width - 5.5 * font;
  const down = height - 4.5 * font;
  const scale = Math.max(Math.min(across / (1.08 * wide), down / (1.04 * tall)), 10);
  const middle = [
    width / 2 + 1.4 * font - (left + wide / 2) * scale,
    height / 2 - 1.2 * font + (low + tall / 2) * scale,
  ];
  const unit = (p) => [0, 1, 2].map((i) => ((p[i] - centre[i]) / spans[i]) * sizes[i]);
  const now = { eye, right, up };
  const project = (p) => {
    const [x, y, depth] = flat(unit(p), now);
    return [middle[0] + x * scale, middle[1] - y * scale, depth];
  };
  const light = [eye[0] + 0.3 * up[0], eye[1] + 0.3 * up[1], eye[2] + 0.3 * up[2] + 0.4];
  const norm = Math.hypot(...light);
  const need = Math.ceil(1.04 * tall * scale + 4.5 * font); // the height the box asks for
  return { eye, unit, project, light: light.map((v) => v / norm), centre, spans, sizes, need };
}

// ---------------------------------------------------------------- what is painted

function quads(sheet, cam, out) {
  const { xs, ys, z } = sheet;
  const alpha = sheet.opacity ?? 1;
  for (let i = 0; i + 1 < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) {
      const corners = [
        [xs[j], ys[i], z[i][j]],
        [xs[j + 1], ys[i], z[i][j + 1]],
        [xs[j + 1], ys[i + 1], z[i + 1][j + 1]],
        [xs[j], ys[i + 1], z[i + 1][j]],
      ];
      if (corners.some((c) => c[2] === null || c[2] === undefined)) continue;
      const u = corners.map(cam.unit);
      // The normal from the two diagonals, in the box's own proportions.
      const d1 = [0, 1, 2].map((k) => u[2][k] - u[0][k]);
      const d2 = [0, 1, 2].map((k) => u[3][k] - u[1][k]);
      const n = [
        d1[1] * d2[2] - d1[2] * d2[1],
        d1[2] * d2[0] - d1[0] * d2[2],
        d1[0] * d2[1] - d1[1] * d2[0],
      ];
      const size = Math.hypot(...n) || 1;
      const facing = Math.abs(n[0] * cam.light[0] + n[1] * cam.light[1] + n[2] * cam.light[2]) / size;
      const colour = sheet.cells ? sheet.palette[sheet.cells[i][j]] : sheet.color;
      if (!colour) continue;
      const p = corners.map(cam.project);
      out.push({
        kind: "quad",
        depth: (p[0][2] + p[1][2] + p[2][2] + p[3][2]) / 4,
        points: p,
        fill: shaded(colour, 0.62 + 0.45 * facing, alpha),
        seal: alpha >= 1,
      });
    }
  }
}

function segments(layer, cam, out, lift) {
  for (const line of layer.lines) {
    let previous = null;
    let run = 0; // the screen length drawn so far, so a dashed line's dashes run on
    for (const point of line) {
      const p = point[2] === null ? null : cam.project(point);
      if (p && previous) {
        if (layer.halo) {
          // A dark edge on each side of the line, painted just before it: a coloured line
          // then reads on ground of its own colour (a blue axis on a blue bowl).
          out.push({
            kind: "segment",
            depth: (p[2] + previous[2]) / 2 + lift - 1e-6,
            from: previous,
            to: p,
            color: "rgba(26,26,26,0.9)",
            width: layer.width + 2.5,
            dash: false,
            offset: 0,
            butt: true, // no round end over the coloured piece before it
          });
        }
        out.push({
          kind: "segment",
          depth: (p[2] + previous[2]) / 2 + lift,
          from: previous,
          to: p,
          color: layer.color,
          width: layer.width,
          dash: layer.dash,
          offset: run,
        });
        run += Math.hypot(p[0] - previous[0], p[1] - previous[1]);
      }
      previous = p;
    }
  }
}

function paintPrimitive(ctx, item) {
  if (item.kind === "quad") {
    ctx.beginPath();
    ctx.moveTo(item.points[0][0], item.points[0][1]);
    for (let k = 1; k < 4; k++) ctx.lineTo(item.points[k][0], item.points[k][1]);
    ctx.closePath();
    ctx.fillStyle = item.fill;
    ctx.fill();
    if (item.seal) {
      // Paint the edge too, so no hairline of the wall shows between two quads.
      ctx.strokeStyle = item.fill;
      ctx.lineWidth = 0.7;
      ctx.stroke();
    }
  } else if (item.kind === "segment") {
    ctx.beginPath();
    ctx.moveTo(item.from[0], item.from[1]);
    ctx.lineTo(item.to[0], item.to[1]);
    ctx.strokeStyle = item.color;
    ctx.lineWidth = item.width;
    ctx.setLineDash(item.dash ? [9, 6] : []);
    ctx.lineDashOffset = item.dash ? item.offset : 0;
    ctx.lineCap = item.dash || item.butt ? "butt" : "round";
    ctx.stroke();
    ctx.setLineDash([]);
  } else if (item.kind === "point") {
    ctx.beginPath();
    ctx.arc(item.at[0], item.at[1], item.size, 0, 2 * Math.PI);
    ctx.fillStyle = item.color;
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
  }
}

// The box: its far walls with a grid at the ticks, the ticks' labels on the near edges.
function paintBox(ctx, data, cam, font, labels) {
  const box = data.box;
  const ticks = [0, 1, 2].map((i) => niceTicks(box[i][0], box[i][1], i === 2 ? 4 : 5));
  const corner = (i, j, k) => [box[0][i], box[1][j], box[2][k]];
  ctx.lineWidth = 1;
  // A wall is far when its outward normal points away from the eye.
  for (let axis = 0; axis < 3; axis++) {
    for (const side of [0, 1]) {
      const outward = (side === 0 ? -1 : 1) * cam.eye[axis];
      if (outward > 0) continue;
      const others = [0, 1, 2].filter((a) => a !== axis);
      const at = (u, v) => {
        const p = [0, 0, 0];
        p[axis] = box[axis][side];
        p[others[0]] = u;
        p[others[1]] = v;
        return cam.project(p);
      };
      const [a, b] = others;
      const wall = [
        at(box[a][0], box[b][0]),
        at(box[a][1], box[b][0]),
        at(box[a][1], box[b][1]),
        at(box[a][0], box[b][1]),
      ];
      ctx.beginPath();
      wall.forEach((p, k) => (k ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1])));
      ctx.closePath();
      ctx.fillStyle = "#f7f7f7";
      ctx.fill();
      ctx.strokeStyle = "#c4c4c4";
      ctx.stroke();
      ctx.strokeStyle = "#e0e0e0";
      for (const [axisOf, lo, hi] of [
        [a, box[b][0], box[b][1]],
        [b, box[a][0], box[a][1]],
      ]) {
        for (const t of ticks[axisOf]) {
          const p = axisOf === a ? at(t, lo) : at(lo, t);
          const q = axisOf === a ? at(t, hi) : at(hi, t);
          ctx.beginPath();
          ctx.moveTo(p[0], p[1]);
          ctx.lineTo(q[0], q[1]);
          ctx.stroke();
        }
      }
    }
  }
  if (!labels) return;
  // x and y labels along the bottom edges nearest the eye; f up the leftmost upright edge.
  const near = (axis) => (cam.eye[axis] > 0 ? 1 : 0);
  const ny = near(1);
  const nx = near(0);
  const push = 0.09;
  ctx.fillStyle = "#555555";
  ctx.font = `${font}px "Source Sans Pro", sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const outY = box[1][ny] + (ny ? 1 : -1) * push * cam.spans[1] / Math.max(cam.sizes[1], 0.3);
  const outX = box[0][nx] + (nx ? 1 : -1) * push * cam.spans[0];
  // A label closer than 1.6 fonts to the last one drawn on its axis is left out: seen from
  // above or along an axis, the ticks crowd together.
  const spaced = (points) => {
    let last = null;
    for (const [text, p] of points) {
      if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < 1.6 * font) continue;
      ctx.fillText(text, p[0], p[1]);
      last = p;
    }
  };
  spaced(ticks[0].map((t) => [tickText(t), cam.project([t, outY, box[2][0]])]));
  spaced(ticks[1].map((t) => [tickText(t), cam.project([outX, t, box[2][0]])]));
  const title = (text, p) => {
    ctx.save();
    ctx.font = `600 ${Math.round(font * 1.2)}px "Source Sans Pro", sans-serif`;
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(text, p[0], p[1]);
    ctx.restore();
  };
  const far = 2.6 * push;
  const midX = (box[0][0] + box[0][1]) / 2;
  const midY = (box[1][0] + box[1][1]) / 2;
  title(data.titles[0], cam.project([midX, box[1][ny] + (ny ? 1 : -1) * far * cam.spans[1] / Math.max(cam.sizes[1], 0.3), box[2][0]]));
  title(data.titles[1], cam.project([box[0][nx] + (nx ? 1 : -1) * far * cam.spans[0], midY, box[2][0]]));
  // The upright edge furthest left on the screen carries the heights.
  let best = null;
  for (const i of [0, 1]) {
    for (const j of [0, 1]) {
      const p = cam.project(corner(i, j, 0));
      if (!best || p[0] < best.x) best = { x: p[0], i, j };
    }
  }
  // The heights' edge: seen from straight above it shrinks to a point, and its labels
  // and title would pile up, so they are drawn only when the edge has room for them.
  const bottom = cam.project([box[0][best.i], box[1][best.j], box[2][0]]);
  const top = cam.project([box[0][best.i], box[1][best.j], box[2][1]]);
  if (Math.hypot(top[0] - bottom[0], top[1] - bottom[1]) < ticks[2].length * 1.4 * font) return;
  ctx.textAlign = "right";
  spaced(ticks[2].map((t) => {
    const p = cam.project([box[0][best.i], box[1][best.j], t]);
    return [tickText(t), [p[0] - 0.6 * font, p[1]]];
  }));
  title(data.titles[2], [top[0] - 0.6 * font, top[1] - 1.3 * font]);
}

function paint(root) {
  const { data, view, canvas } = root.solid;
  const width = Math.max(canvas.clientWidth, 200);
  const font = data.projector ? 18 : width < 480 ? 10 : 12;
  // No taller than the box needs at this width: a narrow column gets no empty band on top.
  const height = Math.min(data.height, camera(view, data, width, data.height, font).need);
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const cam = camera(view, data, width, height, font);
  paintBox(ctx, data, cam, font, true);
  const items = [];
  const grow = data.projector ? 1.45 : 1;
  for (const sheet of data.sheets) quads(sheet, cam, items);
  // Lines lie on the surface: lift them a little towards the eye so the quad they lie on
  // does not hide them; the point a little more.
  const lift = 0.025;
  for (const layer of data.lines) {
    segments({ ...layer, width: layer.width * grow }, cam, items, lift);
  }
  for (const point of data.points) {
    const p = cam.project(point.at);
    items.push({
      kind: "point",
      depth: p[2] + 2 * lift,
      at: p,
      size: point.size * grow,
      color: point.color,
    });
  }
  items.sort((a, b) => a.depth - b.depth);
  for (const item of items) paintPrimitive(ctx, item);
  root.solid.painted += 1;
  root.dataset.painted = String(root.solid.painted);
  root.dataset.azimuth = String(Math.round(view.azimuth));
  root.dataset.elevation = String(Math.round(view.elevation));
}

// ---------------------------------------------------------------- the legend and the bar

function drawLegend(legend, data) {
  legend.replaceChildren();
  for (const entry of data.legend) {
    const item = document.createElement("span");
    item.className = "item";
    const swatch = document.createElement("span");
    swatch.className = `swatch ${entry.kind}`;
    swatch.style.setProperty(
      "--swatch",
      entry.kind === "bands" ? `linear-gradient(90deg, ${entry.colors.join(", ")})` : entry.color,
    );
    item.append(swatch, document.createTextNode(entry.name));
    legend.appendChild(item);
  }
}

// An element with a class and, if given, its text.
function make(tag, className, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  if (tag === "button") node.type = "button";
  return node;
}

function build(parentElement) {
  const root = make("div", "solid");
  parentElement.appendChild(root);
  const legend = make("div", "legend");
  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "img");
  const bar = make("div", "bar");
  const turn = make("button", "turn", "\u27f3 Turn");
  turn.setAttribute("aria-pressed", "false");
  const reset = make("button", "reset", "Reset view");
  const hint = make("span", "hint", "Drag the surface (or use the arrow keys) to turn it.");
  bar.append(turn, reset, hint);
  root.append(legend, canvas, bar);
  root.solid = { canvas, legend, view: null, painted: 0, spin: 0, drag: null, data: null };
  const state = root.solid;
  const redraw = () => {
    if (!state.queued) {
      state.queued = requestAnimationFrame(() => {
        state.queued = 0;
        paint(root);
      });
    }
  };
  state.redraw = redraw;
  canvas.addEventListener("pointerdown", (event) => {
    state.drag = { x: event.clientX, y: event.clientY, view: { ...state.view } };
    canvas.setPointerCapture(event.pointerId);
    root.classList.add("turning");
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!state.drag) return;
    const dx = event.clientX - state.drag.x;
    const dy = event.clientY - state.drag.y;
    state.view.azimuth = state.drag.view.azimuth - 0.45 * dx;
    state.view.elevation = clamp(state.drag.view.elevation + 0.35 * dy, -10, 89);
    redraw();
  });
  const end = () => {
    state.drag = null;
    root.classList.remove("turning");
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("keydown", (event) => {
    const turns = { ArrowLeft: [10, 0], ArrowRight: [-10, 0], ArrowUp: [0, 5], ArrowDown: [0, -5] };
    if (event.key === "Home") {
      state.view = { ...state.data.camera };
    } else if (turns[event.key]) {
      state.view.azimuth += turns[event.key][0];
      state.view.elevation = clamp(state.view.elevation + turns[event.key][1], -10, 89);
    } else {
      return;
    }
    event.preventDefault();
    redraw();
  });
  const spin = (last) => (now) => {
    if (!state.spinning || !root.isConnected) return;
    state.view.azimuth += ((now - (last ?? now)) / 1000) * 24; // a full turn in 15 s
    paint(root);
    state.spin = requestAnimationFrame(spin(now));
  };
  turn.addEventListener("click", () => {
    state.spinning = !state.spinning;
    turn.setAttribute("aria-pressed", String(state.spinning));
    turn.textContent = state.spinning ? "\u25a0 Stop" : "\u27f3 Turn";
    if (state.spinning) state.spin = requestAnimationFrame(spin(null));
  });
  reset.addEventListener("click", () => {
    if (state.spinning) turn.click(); // back to the start means standing still
    state.view = { ...state.data.camera };
    redraw();
  });
  root.observer = new ResizeObserver(() => redraw());
  root.observer.observe(root);
  return root;
}

export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector(".solid") || build(parentElement);
  const state = root.solid;
  // The learner's camera stays while the point moves; another surface starts afresh.
  if (!state.view || state.revision !== data.revision) state.view = { ...data.camera };
  state.revision = data.revision;
  state.data = data;
  root.classList.toggle("projector", Boolean(data.projector));
  state.canvas.setAttribute("aria-label", data.title);
  drawLegend(state.legend, data);
  paint(root);
  return () => {
    cancelAnimationFrame(state.queued || 0);
    state.queued = 0;
  };
}
