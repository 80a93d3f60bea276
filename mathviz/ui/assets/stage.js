// The stage: a plane at equal scale whose points can be dragged and whose shapes can move.
//
// Python sends a scene (mathviz.charts.stage): the view, colours, draggable handles, and
// groups of shapes. A point of a shape is a number pair or a small expression over the
// handles (a handle, a linear combination, a matrix times a point, coordinates in a basis,
// a projection). A group may carry steps (a matrix reached from I, a rotation, a stretch,
// a shift, an activation) that the play button and the scrubber walk through, every frame
// in the browser. The handles' positions go back to Python when a drag ends.

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

// ---------------------------------------------------------------- points over the handles

function matrix(spec, handles) {
  if (Array.isArray(spec)) return spec;
  if (spec.cols) {
    const a = handles[spec.cols[0]];
    const b = handles[spec.cols[1]];
    return [[a[0], b[0]], [a[1], b[1]]];
  }
  throw new Error("unknown matrix " + JSON.stringify(spec));
}

function times(m, p) {
  return [m[0][0] * p[0] + m[0][1] * p[1], m[1][0] * p[0] + m[1][1] * p[1]];
}

function point(spec, handles) {
  if (Array.isArray(spec)) return spec;
  if (spec.h !== undefined) return handles[spec.h];
  if (spec.lin !== undefined) {
    let x = 0;
    let y = 0;
    for (const [coefficient, part] of spec.lin) {
      const k = typeof coefficient === "number" ? coefficient : scalar(coefficient, handles);
      const p = point(part, handles);
      x += k * p[0];
      y += k * p[1];
    }
    return [x, y];
  }
  if (spec.mat !== undefined) return times(matrix(spec.mat, handles), point(spec.of, handles));
  if (spec.inv !== undefined) {
    // Coordinates c with [b1 b2]·c = p; the far corner when the basis is singular.
    const m = matrix({ cols: spec.inv }, handles);
    const p = point(spec.of, handles);
    const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    if (Math.abs(det) < 1e-12) return [NaN, NaN];
    return [(m[1][1] * p[0] - m[0][1] * p[1]) / det, (-m[1][0] * p[0] + m[0][0] * p[1]) / det];
  }
  if (spec.proj !== undefined) {
    // The foot of p on the line through `through` along `proj`.
    const d = point(spec.proj, handles);
    const o = spec.through ? point(spec.through, handles) : [0, 0];
    const p = point(spec.of, handles);
    const dd = d[0] * d[0] + d[1] * d[1];
    if (dd === 0) return o;
    const k = ((p[0] - o[0]) * d[0] + (p[1] - o[1]) * d[1]) / dd;
    return [o[0] + k * d[0], o[1] + k * d[1]];
  }
  throw new Error("unknown point " + JSON.stringify(spec));
}

function scalar(spec, handles) {
  if (spec.comp !== undefined) return point(spec.comp[0], handles)[spec.comp[1]];
  throw new Error("unknown scalar " + JSON.stringify(spec));
}

// ---------------------------------------------------------------- motion

const ACTIVATIONS = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  relu: (z) => Math.max(z, 0),
  identity: (z) => z,
};

function step(kind, p, s, handles) {
  if (kind.lerp !== undefined) {
    const m = matrix(kind.lerp, handles);
    const q = times(m, p);
    return [(1 - s) * p[0] + s * q[0], (1 - s) * p[1] + s * q[1]];
  }
  if (kind.rotate !== undefined) {
    const a = s * kind.rotate;
    return [Math.cos(a) * p[0] - Math.sin(a) * p[1], Math.sin(a) * p[0] + Math.cos(a) * p[1]];
  }
  if (kind.scale !== undefined) {
    return [(1 + s * (kind.scale[0] - 1)) * p[0], (1 + s * (kind.scale[1] - 1)) * p[1]];
  }
  if (kind.shift !== undefined) {
    const b = point(kind.shift, handles);
    return [p[0] + s * b[0], p[1] + s * b[1]];
  }
  if (kind.activate !== undefined) {
    const f = ACTIVATIONS[kind.activate];
    return [(1 - s) * p[0] + s * f(p[0]), (1 - s) * p[1] + s * f(p[1])];
  }
  throw new Error("unknown step " + JSON.stringify(kind));
}

// Where a point of a group is at time t: every step before t's done in full, the current
// one in part. The steps share [0, 1] evenly.
function moved(p, steps, t, handles) {
  if (!steps || steps.length === 0) return p;
  const n = steps.length;
  let q = p;
  for (let i = 0; i < n; i++) {
    const s = Math.min(Math.max(t * n - i, 0), 1);
    if (s === 0) break;
    q = step(steps[i], q, s, handles);
  }
  return q;
}

// ---------------------------------------------------------------- the view

function view(data, width) {
  const height = data.height;
  const k = height / (2 * data.extent);
  const [cx, cy] = data.centre;
  return {
    width,
    height,
    k,
    x: (x) => width / 2 + (x - cx) * k,
    y: (y) => height / 2 - (y - cy) * k,
    back: (px, py) => [cx + (px - width / 2) / k, cy - (py - height / 2) / k],
    left: cx - width / 2 / k,
    right: cx + width / 2 / k,
    bottom: cy - data.extent,
    top: cy + data.extent,
  };
}

function niceStep(extent) {
  for (const s of [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]) if (extent / s <= 5) return s;
  return 10 ** Math.ceil(Math.log10(extent / 5));
}

function format(x) {
  const r = Math.round(x * 100) / 100;
  return (Object.is(r, -0) ? 0 : r).toFixed(2).replace("-", "−");
}

// ---------------------------------------------------------------- drawing

function drawBackground(layer, v, data) {
  layer.replaceChildren();
  const s = niceStep(data.extent);
  for (let x = Math.ceil(v.left / s) * s; x <= v.right; x += s) {
    el("line", { x1: v.x(x), x2: v.x(x), y1: 0, y2: v.height, class: "grid" }, layer);
    if (Math.abs(x) > 1e-9)
      el("text", { x: v.x(x), y: v.y(0) + 14 * data.scale, class: "tick" }, layer).textContent =
        Number(x.toFixed(6)).toString();
  }
  for (let y = Math.ceil(v.bottom / s) * s; y <= v.top; y += s) {
    el("line", { y1: v.y(y), y2: v.y(y), x1: 0, x2: v.width, class: "grid" }, layer);
    if (Math.abs(y) > 1e-9)
      el("text", { x: v.x(0) - 6 * data.scale, y: v.y(y) + 4 * data.scale, class: "tick end" }, layer)
        .textContent = Number(y.toFixed(6)).toString();
  }
  el("line", { x1: 0, x2: v.width, y1: v.y(0), y2: v.y(0), class: "axis" }, layer);
  el("line", { x1: v.x(0), x2: v.x(0), y1: 0, y2: v.height, class: "axis" }, layer);
}

function polyline(points, v) {
  return points
    .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .map((p) => `${v.x(p[0]).toFixed(1)},${v.y(p[1]).toFixed(1)}`)
    .join(" ");
}

function arrowHead(from, to, v, size) {
  const x0 = v.x(from[0]);
  const y0 = v.y(from[1]);
  const x1 = v.x(to[0]);
  const y1 = v.y(to[1]);
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (!(length > 0)) return { shaft: null, head: "" };
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  const h = Math.min(size, length * 0.6);
  const bx = x1 - ux * h;
  const by = y1 - uy * h;
  const w = h * 0.45;
  return {
    shaft: [x0, y0, bx, by],
    head: `${x1},${y1} ${bx - uy * w},${by + ux * w} ${bx + uy * w},${by - ux * w}`,
  };
}

// The shapes of every group, made once per scene; `place` moves them each frame.
function build(layer, data) {
  layer.replaceChildren();
  const parts = [];
  const color = (role) => data.colors[role] || role;
  for (const group of data.groups) {
    const g = el("g", {}, layer);
    for (const region of group.regions || []) {
      const node = el("polygon", { fill: color(region.role), class: "region" }, g);
      parts.push({ group, kind: "region", node, spec: region });
    }
    for (const line of group.grid || []) {
      const node = el("polyline", { stroke: color(line.role), class: "gridline" }, g);
      parts.push({ group, kind: "line", node, spec: line });
    }
    for (const path of group.paths || []) {
      const node = el("polyline", { stroke: color(path.role), class: `path ${path.style || ""}` }, g);
      parts.push({ group, kind: "line", node, spec: path });
    }
    for (const arrow of group.arrows || []) {
      const shaft = el("line", { stroke: color(arrow.role), class: "shaft" }, g);
      const head = el("polygon", { fill: color(arrow.role) }, g);
      parts.push({ group, kind: "arrow", node: shaft, head, spec: arrow });
    }
    for (const dot of group.points || []) {
      const node = el("circle", { fill: color(dot.role), class: "dot" }, g);
      parts.push({ group, kind: "dot", node, spec: dot });
    }
    for (const label of group.labels || []) {
      const node = el("text", { fill: color(label.role), class: "label" }, g);
      node.textContent = label.text;
      parts.push({ group, kind: "label", node, spec: label });
    }
  }
  return parts;
}

function place(parts, v, data, handles, t) {
  const at = (spec, group) => moved(point(spec, handles), group.steps, t, handles);
  const head = 13 * data.scale;
  for (const part of parts) {
    const { group, spec, node } = part;
    if (part.kind === "region" || part.kind === "line") {
      node.setAttribute("points", polyline(spec.points.map((p) => at(p, group)), v));
    } else if (part.kind === "arrow") {
      const from = at(spec.from, group);
      const to = at(spec.to, group);
      const a = arrowHead(from, to, v, head);
      if (a.shaft) {
        node.setAttribute("x1", a.shaft[0]);
        node.setAttribute("y1", a.shaft[1]);
        node.setAttribute("x2", a.shaft[2]);
        node.setAttribute("y2", a.shaft[3]);
      }
      node.style.display = a.shaft ? "" : "none";
      part.head.setAttribute("points", a.head);
    } else if (part.kind === "dot") {
      const p = at(spec.at, group);
      node.setAttribute("cx", v.x(p[0]));
      node.setAttribute("cy", v.y(p[1]));
      node.setAttribute("r", (spec.size || 3.5) * data.scale);
    } else if (part.kind === "label") {
      const p = at(spec.at, group);
      const [dx, dy] = spec.offset || [0, 0];
      node.setAttribute("x", v.x(p[0]) + dx * data.scale);
      node.setAttribute("y", v.y(p[1]) - dy * data.scale);
    }
  }
}

// ---------------------------------------------------------------- the component

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let root = parentElement.querySelector(".stage");
  if (!root) {
    root = document.createElement("div");
    root.className = "stage";
    parentElement.appendChild(root);
    const svg = el("svg", { class: "plane", role: "img" }, root);
    root.layers = {
      svg,
      back: el("g", {}, svg),
      shapes: el("g", {}, svg),
      handles: el("g", {}, svg),
    };
    const bar = document.createElement("div");
    bar.className = "bar";
    root.appendChild(bar);
    root.bar = bar;
    root.state = { handles: {}, seen: "", t: 1, playing: false, frame: 0, dragging: null };
  }
  const state = root.state;
  const { svg, back, shapes, handles: handleLayer } = root.layers;
  root.classList.toggle("projector", Boolean(data.projector));
  svg.setAttribute("aria-label", data.title || "the plane");

  // New handle positions from Python (a preset, a typed number) win, except mid-drag.
  const sent = JSON.stringify(data.handles);
  if (sent !== state.seen && !state.dragging) {
    for (const h of data.handles) state.handles[h.name] = [h.x, h.y];
    state.seen = sent;
  }
  const sentT = data.stages ? data.stages.t : 1;
  if (state.sceneT !== sentT) {
    state.t = sentT;
    state.sceneT = sentT;
  }
  const parts = build(shapes, data);

  function width() {
    return Math.max(root.clientWidth || parentElement.clientWidth || 600, 200);
  }

  function render() {
    const v = view(data, width());
    svg.setAttribute("width", v.width);
    svg.setAttribute("height", v.height);
    svg.setAttribute("viewBox", `0 0 ${v.width} ${v.height}`);
    drawBackground(back, v, data);
    place(parts, v, data, state.handles, state.t);
    for (const h of data.handles) {
      const node = handleLayer.querySelector(`[data-name="${h.name}"]`);
      const p = state.handles[h.name];
      node.setAttribute("transform", `translate(${v.x(p[0])},${v.y(p[1])})`);
      node.querySelector("text").textContent = `${h.label} (${format(p[0])}, ${format(p[1])})`;
    }
    if (root.slider) root.slider.value = Math.round(state.t * 1000);
    root.dataset.t = state.t.toFixed(3);
    root.dataset.frames = String(state.frames || 0);
  }

  function release() {
    const out = {};
    for (const h of data.handles) out[h.name] = state.handles[h.name].map((x) => Number(x.toFixed(6)));
    setStateValue("handles", out);
  }

  function moveTo(h, x, y) {
    const snap = (value) => Math.round(value / h.step) * h.step;
    state.handles[h.name] = [
      Math.min(Math.max(snap(x), h.min), h.max),
      Math.min(Math.max(snap(y), h.min), h.max),
    ];
    render();
  }

  // The handles: a ring to grab, focusable, moved by the pointer or the arrow keys.
  handleLayer.replaceChildren();
  for (const h of data.handles) {
    const g = el("g", { class: "handle", tabindex: 0, "data-name": h.name, role: "slider" }, handleLayer);
    g.setAttribute("aria-label", `${h.label}: drag, or use the arrow keys`);
    el("circle", { r: 16 * data.scale, class: "grab" }, g);
    el("circle", { r: 7 * data.scale, fill: data.colors[h.role] || h.role, class: "knob" }, g);
    el("text", { x: 12 * data.scale, y: -12 * data.scale, class: "readout" }, g);
    g.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      g.setPointerCapture(event.pointerId);
      state.dragging = h.name;
      root.classList.add("dragging");
    });
    g.addEventListener("pointermove", (event) => {
      if (state.dragging !== h.name) return;
      const box = svg.getBoundingClientRect();
      const v = view(data, width());
      const [x, y] = v.back(event.clientX - box.left, event.clientY - box.top);
      moveTo(h, x, y);
    });
    const end = () => {
      if (state.dragging !== h.name) return;
      state.dragging = null;
      root.classList.remove("dragging");
      release();
    };
    g.addEventListener("pointerup", end);
    g.addEventListener("pointercancel", end);
    g.addEventListener("keydown", (event) => {
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const by = h.step * (event.shiftKey ? 10 : 1);
      const p = state.handles[h.name];
      moveTo(h, p[0] + move[0] * by, p[1] + move[1] * by);
      clearTimeout(state.keyTimer);
      state.keyTimer = setTimeout(release, 400);
    });
  }

  // Play, pause and scrub through the steps, entirely in the browser.
  cancelAnimationFrame(state.frame);
  state.playing = false;
  root.bar.replaceChildren();
  root.slider = null;
  if (data.stages) {
    const button = document.createElement("button");
    button.className = "play";
    button.type = "button";
    const slider = document.createElement("input");
    slider.type = "range";
    slider.min = 0;
    slider.max = 1000;
    slider.className = "scrub";
    slider.setAttribute("aria-label", "time through the steps");
    const names = document.createElement("div");
    names.className = "names";
    for (const name of data.stages.names) {
      const span = document.createElement("span");
      span.textContent = name;
      names.appendChild(span);
    }
    root.bar.append(button, slider, names);
    root.slider = slider;
    const label = () => {
      button.textContent = state.playing ? "❚❚ Pause" : "▶ Play";
    };
    const seconds = data.stages.seconds || 4;
    const tick = (now) => {
      if (!state.playing) return;
      const dt = state.last === undefined ? 0 : (now - state.last) / 1000;
      state.last = now;
      state.t = Math.min(state.t + dt / seconds, 1);
      state.frames = (state.frames || 0) + 1;
      render();
      if (state.t >= 1) {
        state.playing = false;
        label();
        return;
      }
      state.frame = requestAnimationFrame(tick);
    };
    button.addEventListener("click", () => {
      state.playing = !state.playing;
      if (state.playing) {
        if (state.t >= 1) state.t = 0;
        state.last = undefined;
        state.frame = requestAnimationFrame(tick);
      }
      label();
    });
    slider.addEventListener("input", () => {
      state.playing = false;
      label();
      state.t = slider.value / 1000;
      render();
    });
    label();
  }

  render();
  // One observer per stage, whatever the number of reruns that drew it.
  if (root.observer) root.observer.disconnect();
  root.observer = new ResizeObserver(() => render());
  root.observer.observe(root);
  return () => {
    root.observer.disconnect();
    cancelAnimationFrame(state.frame);
    state.playing = false;
  };
}
