// The stage: a plane at equal scale whose points can be dragged and whose shapes can move.
//
// Python sends a scene (mathviz.charts.stage): the view, colours, draggable handles, and
// groups of shapes. A point of a shape is a number pair or a small expression over the
// handles (a handle, a linear combination, a matrix times a point, coordinates in a basis,
// a projection, a unit vector). A group may carry steps (a matrix reached from I, a
// rotation, a stretch, a shift, an activation) that the play button and the scrubber walk
// through, every frame in the browser, while the view may follow the shapes from one framing
// to the next. The handles' positions go back to Python when a drag ends.
//
// What is drawn carries its coordinates in the plane as data attributes (data-to, data-at),
// so a test can read what the learner sees without converting pixels.

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
    // A column is a handle, by name, or any point.
    const [a, b] = spec.cols.map((c) => (typeof c === "string" ? handles[c] : point(c, handles)));
    return [[a[0], b[0]], [a[1], b[1]]];
  }
  throw new Error("unknown matrix " + JSON.stringify(spec));
}

function times(m, p) {
  return [m[0][0] * p[0] + m[0][1] * p[1], m[1][0] * p[0] + m[1][1] * p[1]];
}

// The points the scene being drawn defines once and refers to by name (set per render).
let DEFS = {};
// The time shown and the groups' steps, for points carried by a group (`carry`).
let NOW = { t: 1, groups: [] };

function point(spec, handles) {
  if (Array.isArray(spec)) return spec;
  if (spec.h !== undefined) return handles[spec.h];
  if (spec.ref !== undefined) return point(DEFS[spec.ref], handles);
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
    // Coordinates c with [b1 b2]·c = p; undefined when the basis is singular.
    const m = matrix({ cols: spec.inv }, handles);
    const p = point(spec.of, handles);
    const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    const size = Math.max(...m.flat().map(Math.abs));
    if (!(Math.abs(det) > 1e-12 * size * size)) return [NaN, NaN];
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
  if (spec.carry !== undefined) {
    const group = NOW.groups[spec.carry];
    return moved(point(spec.of, handles), group ? group.steps : [], NOW.t, handles);
  }
  if (spec.unit !== undefined) {
    const p = point(spec.unit, handles);
    const length = Math.hypot(p[0], p[1]);
    return length > 0 ? [p[0] / length, p[1] / length] : [NaN, NaN];
  }
  throw new Error("unknown point " + JSON.stringify(spec));
}

function pNorm(p, exponent) {
  const a = Math.abs(p[0]);
  const b = Math.abs(p[1]);
  const big = Math.max(a, b);
  if (exponent === "inf" || big === 0) return big;
  return big * ((a / big) ** exponent + (b / big) ** exponent) ** (1 / exponent);
}

// 1/q a reshape step from the p0-ball to the p1-ball has reached at fraction s: linear in s.
function reshapeInverse(p0, p1, s) {
  const inverse = (e) => (e === "inf" ? 0 : 1 / e);
  return (1 - s) * inverse(p0) + s * inverse(p1);
}

// The exponent a group's reshape steps have reached at the time shown (Infinity for ∞).
function exponentNow(group) {
  const steps = NOW.groups[group].steps;
  let inverse = reshapeInverse(steps[0].reshape[0], steps[0].reshape[1], 0); // where it starts
  for (let i = 0; i < steps.length; i++) {
    const s = Math.min(Math.max(NOW.t * steps.length - i, 0), 1);
    if (s === 0) break;
    inverse = reshapeInverse(steps[i].reshape[0], steps[i].reshape[1], s);
  }
  return inverse === 0 ? Infinity : 1 / inverse;
}

function scalar(spec, handles) {
  if (spec.exponent !== undefined) return exponentNow(spec.exponent);
  if (spec.comp !== undefined) return point(spec.comp[0], handles)[spec.comp[1]];
  if (spec.norm !== undefined) {
    const size = pNorm(point(spec.norm[0], handles), spec.norm[1]);
    return spec.power === -1 ? (size > 0 ? 1 / size : NaN) : size;
  }
  if (spec.quad !== undefined) {
    const p = point(spec.of, handles);
    const q = times(matrix(spec.quad, handles), p);
    const size = p[0] * p[0] + p[1] * p[1];
    return size > 0 ? (p[0] * q[0] + p[1] * q[1]) / size : NaN;
  }
  if (spec.dot !== undefined) {
    const p = point(spec.dot[0], handles);
    const q = point(spec.dot[1], handles);
    return p[0] * q[0] + p[1] * q[1];
  }
  if (spec.angle !== undefined) {
    const p = point(spec.angle[0], handles);
    const q = point(spec.angle[1], handles);
    const sizes = Math.hypot(p[0], p[1]) * Math.hypot(q[0], q[1]);
    if (!(sizes > 0)) return NaN;
    const cos = (p[0] * q[0] + p[1] * q[1]) / sizes;
    return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
  }
  if (spec.det !== undefined) {
    const p = point(spec.det[0], handles);
    const q = point(spec.det[1], handles);
    return p[0] * q[1] - p[1] * q[0];
  }
  throw new Error("unknown scalar " + JSON.stringify(spec));
}

// The text of a label now: its stage's text (its `between` text while the steps are
// between two stages, when it has one), with "{}" showing its live value.
function textOf(spec, stageIndex, handles, fallback, between = false) {
  let text = spec.texts ? spec.texts[Math.min(stageIndex, spec.texts.length - 1)] : fallback;
  if (between && spec.between !== undefined) text = spec.between;
  if (spec.value !== undefined && text.includes("{}")) {
    const value = scalar(spec.value, handles);
    text = text.replace("{}", Number.isFinite(value) ? format(value) : "—");
  }
  return text;
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
  if (kind.reshape !== undefined) {
    // Along its own ray onto the q-norm ball, 1/q running linearly from 1/p0 to 1/p1.
    const [p0, p1, through] = kind.reshape;
    const inverse = reshapeInverse(p0, p1, s);
    const q = inverse === 0 ? "inf" : 1 / inverse;
    const size = pNorm(p, q);
    if (!(size > 0)) return p;
    const radius = through ? pNorm(point(through, handles), q) : 1;
    return [(p[0] * radius) / size, (p[1] * radius) / size];
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

// The framing at time t: one per stage when the scene gives several (the view follows the
// shapes, its size changing geometrically), otherwise the scene's own.
function framing(data, t) {
  const views = data.views;
  if (!views || views.length < 2) return { centre: data.centre, extent: data.extent };
  const u = Math.min(Math.max(t, 0), 1) * (views.length - 1);
  const i = Math.min(Math.floor(u), views.length - 2);
  const f = u - i;
  const [x0, y0, e0] = views[i];
  const [x1, y1, e1] = views[i + 1];
  return { centre: [x0 + f * (x1 - x0), y0 + f * (y1 - y0)], extent: e0 * (e1 / e0) ** f };
}

// The stage the time t is at (the nearest), and whether it is between two stages instead.
function stageAt(data, t) {
  const n = data.stages ? data.stages.names.length - 1 : 0;
  const index = n > 0 ? Math.round(t * n) : 0;
  return { index, between: n > 0 && Math.abs(t * n - index) > 1e-9 };
}

// A square-ish plane: as tall as asked on a wide screen, no taller than wide on a narrow one;
// on the first screen of a laptop, short enough (down to 0.8 of the height asked) that the
// whole plane and its player show without scrolling. A projector keeps its big plane.
function heightFor(data, width, room = Infinity) {
  const height = Math.min(data.height, Math.max(width, 0.75 * data.height));
  const fitted = data.projector ? height : Math.min(height, Math.max(room, 0.8 * data.height));
  return Math.round(fitted);
}

// Pixels from the plane's top to the bottom of the first screen, less the bar under the plane;
// unbounded when the plane starts below the first screen (it is scrolled to anyway).
function roomOnFirstScreen(svg, bar) {
  const scroller = document.querySelector('[data-testid="stMain"]');
  const top = svg.getBoundingClientRect().top + (scroller ? scroller.scrollTop : 0) + window.scrollY;
  if (top >= window.innerHeight) return Infinity;
  return window.innerHeight - top - (bar ? bar.offsetHeight : 0) - 12;
}

function view(data, width, t, room = Infinity) {
  const height = heightFor(data, width, room);
  const { centre, extent } = framing(data, t);
  // The shorter side spans the extent either way of the centre, so nothing framed is cut;
  // a scene framed as a box (half-width, half-height) fits that box instead.
  const k = data.box
    ? Math.min(width / (2 * data.box[0]), height / (2 * data.box[1]))
    : Math.min(width, height) / (2 * extent);
  const [cx, cy] = centre;
  return {
    width,
    height,
    k,
    extent,
    x: (x) => width / 2 + (x - cx) * k,
    y: (y) => height / 2 - (y - cy) * k,
    back: (px, py) => [cx + (px - width / 2) / k, cy - (py - height / 2) / k],
    left: cx - width / 2 / k,
    right: cx + width / 2 / k,
    bottom: cy - height / 2 / k,
    top: cy + height / 2 / k,
  };
}

// Grid steps of about five to a half-height, never closer than a tick label needs.
function niceStep(extent, k, scale) {
  for (const s of [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100])
    if (extent / s <= 5 && s * k >= 42 * scale) return s;
  return 10 ** Math.ceil(Math.log10(Math.max(extent / 5, (42 * scale) / k)));
}

// A live number to four significant digits, as the metrics beside the stage print it.
function format(x) {
  const r = Number(x.toPrecision(4));
  return (Object.is(r, -0) ? 0 : r).toString().replace("-", "−");
}

function stamp(p) {
  return `${Number(p[0].toFixed(4))},${Number(p[1].toFixed(4))}`;
}

// ---------------------------------------------------------------- drawing

// The grid and the axes under the shapes; the tick labels (on a halo) above them, so a
// cloud of points never hides a number. Returns the labels' boxes, for other labels to dodge.
function drawBackground(layer, v, data, tickLayer) {
  layer.replaceChildren();
  tickLayer.replaceChildren();
  const boxes = [];
  const label = (x, y, cls, text) => {
    const node = el("text", { x, y, class: cls }, tickLayer);
    node.textContent = text;
    const w = (text.length * 6.2 + 4) * data.scale;
    const left = cls.endsWith("end") ? x - w : cls.endsWith("start") ? x : x - w / 2;
    const box = [left, y - 11 * data.scale, left + w, y + 3 * data.scale];
    box.node = node;
    boxes.push(box);
  };
  const s = niceStep(v.extent, v.k, data.scale);
  const tick = (x) => Number(x.toFixed(6)).toString().replace("-", "−");
  // Tick labels sit by the axes, or by the frame's edge when an axis is out of view.
  const xAxis = Math.min(Math.max(v.y(0), 0), v.height - 16 * data.scale);
  // The y labels sit left of the axis, or right of it when the axis hugs the left edge.
  const room = 38 * data.scale;
  const yAxis = Math.min(Math.max(v.x(0), 0), v.width);
  const inside = yAxis < room;
  for (let x = Math.ceil(v.left / s) * s; x <= v.right; x += s) {
    el("line", { x1: v.x(x), x2: v.x(x), y1: 0, y2: v.height, class: "grid" }, layer);
    const px = v.x(x);
    // A label centred on its tick is kept only when all of it fits inside the frame.
    const half = (tick(x).length * 3.6 + 3) * data.scale;
    if (Math.abs(x) > 1e-9 && px > half && px < v.width - half)
      label(px, xAxis + 14 * data.scale, "tick", tick(x));
  }
  for (let y = Math.ceil(v.bottom / s) * s; y <= v.top; y += s) {
    el("line", { y1: v.y(y), y2: v.y(y), x1: 0, x2: v.width, class: "grid" }, layer);
    const py = v.y(y);
    if (Math.abs(y) > 1e-9 && py > 10 && py < v.height - 10)
      label(yAxis + (inside ? 6 : -6) * data.scale, py + 4 * data.scale, inside ? "tick start" : "tick end", tick(y));
  }
  el("line", { x1: 0, x2: v.width, y1: v.y(0), y2: v.y(0), class: "axis" }, layer);
  el("line", { x1: v.x(0), x2: v.x(0), y1: 0, y2: v.height, class: "axis" }, layer);
  return boxes;
}

function polyline(points, v) {
  return points
    .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .map((p) => `${v.x(p[0]).toFixed(1)},${v.y(p[1]).toFixed(1)}`)
    .join(" ");
}

function finite(p) {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

// Pixel geometry of an arrow from `from` to `to`, slid `offset` pixels to its left.
function arrowGeometry(from, to, v, size, offset) {
  let x0 = v.x(from[0]);
  let y0 = v.y(from[1]);
  let x1 = v.x(to[0]);
  let y1 = v.y(to[1]);
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (!(length > 0.5)) return null;
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  // Left of the arrow as seen along it, in screen coordinates (y grows downwards).
  const lx = uy;
  const ly = -ux;
  x0 += lx * offset;
  y0 += ly * offset;
  x1 += lx * offset;
  y1 += ly * offset;
  const h = Math.min(size, length * 0.6);
  const bx = x1 - ux * h;
  const by = y1 - uy * h;
  const w = h * 0.45;
  return {
    shaft: [x0, y0, bx, by],
    head: `${x1},${y1} ${bx - uy * w},${by + ux * w} ${bx + uy * w},${by - ux * w}`,
    ux,
    uy,
    lx,
    ly,
    x0,
    y0,
    x1,
    y1,
    length,
  };
}

// The shapes of every group, made once per scene; `place` moves them each frame.
function build(layer, data) {
  layer.replaceChildren();
  const parts = [];
  const groups = [];
  const color = (role) => data.colors[role] || role;
  for (const group of data.groups) {
    const g = el("g", { class: "group" }, layer);
    groups.push({ group, node: g });
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
    for (const mark of group.marks || []) {
      if (mark.kind === "drops") {
        // One segment per point to its foot on a line, and the feet as dots.
        const lines = mark.points.map(() => el("line", { stroke: color(mark.role), class: "drop" }, g));
        const feet = mark.feet
          ? mark.points.map(() => el("circle", { fill: color(mark.feet), class: "dot foot" }, g))
          : [];
        parts.push({ group, kind: "drops", node: g, lines, feet, spec: mark });
        continue;
      }
      const node = el("path", { stroke: color(mark.role), class: `mark ${mark.kind}` }, g);
      const part = { group, kind: mark.kind, node, spec: mark };
      if (mark.kind === "angle" && mark.label) {
        part.text = el("text", { fill: color(mark.role), class: "label small" }, g);
        part.text.textContent = mark.label;
      }
      parts.push(part);
    }
    for (const dot of group.points || []) {
      if (dot.many) {
        const nodes = dot.many.map(() =>
          el("circle", { fill: color(dot.role), class: `dot ${dot.style || ""}` }, g),
        );
        parts.push({ group, kind: "dots", node: g, nodes, spec: dot });
        continue;
      }
      const node = el("circle", { fill: color(dot.role), class: `dot ${dot.style || ""}` }, g);
      if (dot.style === "ring") node.setAttribute("stroke", color(dot.role));
      parts.push({ group, kind: "dot", node, spec: dot });
    }
    for (const arrow of group.arrows || []) {
      const style = arrow.style || "solid";
      const a = el("g", { class: `arrow ${style}`, "data-role": arrow.role }, g);
      const shaft = el("line", { stroke: color(arrow.role), class: "shaft" }, a);
      const inner = style === "outline" ? el("line", { class: "inner" }, a) : null;
      const head = el("polygon", { fill: color(arrow.role), stroke: color(arrow.role), class: "head" }, a);
      // A second head behind the first, shown when the tip is out of view: "goes on".
      const more = el("polygon", { fill: color(arrow.role), stroke: color(arrow.role), class: "head more" }, a);
      const part = { group, kind: "arrow", node: a, shaft, inner, head, more, spec: arrow };
      parts.push(part);
      if (arrow.label) {
        const text = el("text", { fill: color(arrow.role), class: "label" }, g);
        text.textContent = arrow.label;
        parts.push({ group, kind: "arrow-label", node: text, spec: arrow, arrow: part });
      }
    }
    for (const label of group.labels || []) {
      const node = el("text", { fill: color(label.role), class: "label" }, g);
      node.textContent = label.text;
      parts.push({ group, kind: "label", node, spec: label });
    }
  }
  // A part of a still group whose points are all numbers only moves when the view does.
  for (const part of parts) {
    const spec = part.spec;
    const fixed = (p) => Array.isArray(p) && p.every((x) => typeof x === "number");
    const points = [spec.points, spec.many, [spec.at, spec.from, spec.to, spec.a, spec.b]]
      .flat()
      .filter((p) => p !== undefined);
    part.still =
      !(part.group.steps && part.group.steps.length) &&
      ["region", "line", "dot", "dots"].includes(part.kind) &&
      points.every(fixed);
  }
  return { parts, groups };
}

// Labels dodge each other: each takes the first free spot beside its arrow, trying its own
// side first, then the other side, then further out and further along.
function overlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

// Whether the segment from (x0, y0) to (x1, y1) crosses the box (Liang–Barsky clipping).
function crosses(segment, box) {
  const [x0, y0, x1, y1] = segment;
  const dx = x1 - x0;
  const dy = y1 - y0;
  let lo = 0;
  let hi = 1;
  for (const [p, q] of [[-dx, x0 - box[0]], [dx, box[2] - x0], [-dy, y0 - box[1]], [dy, box[3] - y0]]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) lo = Math.max(lo, r);
      else hi = Math.min(hi, r);
      if (lo > hi) return false;
    }
  }
  return true;
}

// A label's size, measured once per text: measuring forces a layout of the whole drawing,
// which costs dearly when thousands of shapes have just moved.
function textSize(node) {
  if (node.sizeOf !== node.textContent) {
    const box = node.getBBox();
    node.size = [box.width, box.height];
    // A hidden label measures 0: measure it again once it shows.
    node.sizeOf = box.width > 0 ? node.textContent : null;
  }
  return node.size;
}

function placeArrowLabel(node, geometry, spec, data, taken, shafts, bounds) {
  if (!geometry) {
    node.style.display = "none";
    return;
  }
  node.style.display = "";
  const along = spec.along ?? 0.5;
  const gap = (spec.gap ?? 12) * data.scale;
  const sign = spec.side === "right" ? -1 : 1;
  const [width, height] = textSize(node);
  const w = width / 2 + 2;
  const h = height / 2 + 1;
  const spot = (a, side, g) => {
    const mx = geometry.x0 + a * (geometry.x1 - geometry.x0);
    const my = geometry.y0 + a * (geometry.y1 - geometry.y0);
    // Push further when the text runs along the arrow, so its end clears the shaft.
    const reach = g + Math.abs(geometry.ly) * w + Math.abs(geometry.lx) * h;
    const x = mx + side * geometry.lx * reach;
    const y = my + side * geometry.ly * reach;
    return [x, y, [x - w, y - h, x + w, y + h]];
  };
  const tries = [];
  for (const g of [gap, 2.2 * gap])
    for (const a of [along, Math.max(0.25, along - 0.25), Math.min(0.85, along + 0.2)])
      for (const side of [sign, -sign]) tries.push(spot(a, side, g));
  // Farther out, when the near spots are crowded: still beside its own shaft.
  const farther = [];
  for (const g of [3.4 * gap, 4.6 * gap])
    for (const a of [along, 0.5, 0.9]) for (const side of [sign, -sign]) farther.push(spot(a, side, g));
  const inside = (rect) =>
    rect[0] >= bounds[0] && rect[1] >= bounds[1] && rect[2] <= bounds[2] && rect[3] <= bounds[3];
  const clear = (rect) => inside(rect) && !taken.some((other) => overlaps(rect, other));
  const free = (rect) => clear(rect) && !shafts.some((shaft) => crosses(shaft, rect));
  // Best: clear of every label, handle and shaft; next, clear of labels and handles (a
  // shaft under a label is read through its halo); never printed over another label.
  const [x, y, rect] =
    tries.find(([, , r]) => free(r)) ||
    farther.find(([, , r]) => free(r)) ||
    tries.find(([, , r]) => clear(r)) ||
    farther.find(([, , r]) => clear(r)) ||
    tries[0];
  node.setAttribute("x", x);
  node.setAttribute("y", y);
  taken.push(rect);
}

function arcPath(centre, a, b, radius) {
  let start = Math.atan2(a[1], a[0]);
  let stop = Math.atan2(b[1], b[0]);
  let sweep = stop - start;
  while (sweep > Math.PI) sweep -= 2 * Math.PI;
  while (sweep < -Math.PI) sweep += 2 * Math.PI;
  stop = start + sweep;
  const n = 24;
  const out = [];
  for (let i = 0; i <= n; i++) {
    const angle = start + (sweep * i) / n;
    out.push([centre[0] + radius * Math.cos(angle), centre[1] + radius * Math.sin(angle)]);
  }
  return { points: out, middle: start + sweep / 2 };
}

// Where, as a fraction of its length, an arrow whose tip is beyond the frame (inset by
// `inset` pixels) leaves it; null when the tip is inside or no part of it is.
function leaving(g, v, inset) {
  const box = [inset, inset, v.width - inset, v.height - inset];
  if (g.x1 >= box[0] && g.x1 <= box[2] && g.y1 >= box[1] && g.y1 <= box[3]) return null;
  const dx = g.x1 - g.x0;
  const dy = g.y1 - g.y0;
  let lo = 0;
  let hi = 1;
  for (const [p, q] of [[-dx, g.x0 - box[0]], [dx, box[2] - g.x0], [-dy, g.y0 - box[1]], [dy, box[3] - g.y0]]) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) lo = Math.max(lo, r);
      else hi = Math.min(hi, r);
    }
  }
  return lo < hi && hi > 0.05 ? hi : null;
}

// Tick labels give way to what is drawn on the plane: a number that would sit on an
// arrow, a dot or a handle (at `spots`, pixel centres) is left out, not printed over it.
function clearTicks(ticks, built, spots, data) {
  const pad = 1 * data.scale; // an arrow lying along the axis, beside the numbers, leaves them be
  const r = 17 * data.scale;
  const shapes = [];
  for (const part of built.parts) {
    const hidden = part.node.style.display === "none" || part.node.closest("g.group").style.display === "none";
    if (hidden) continue;
    if (part.kind === "arrow" && part.geometry) {
      const g = part.geometry;
      shapes.push([g.x0, g.y0, g.x1, g.y1]);
    } else if (part.kind === "dot") {
      const x = Number(part.node.getAttribute("cx"));
      const y = Number(part.node.getAttribute("cy"));
      const d = Number(part.node.getAttribute("r")) || 3;
      shapes.push([x - d, y, x + d, y], [x, y - d, x, y + d]);
    }
  }
  for (const box of ticks) {
    const grown = [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
    const onHandle = spots.some(([x, y]) => overlaps(grown, [x - r, y - r, x + r, y + r]));
    const onShape = shapes.some((segment) => crosses(segment, grown));
    box.node.style.display = onHandle || onShape ? "none" : "";
  }
}

function place(built, v, data, handles, t) {
  placeShapes(built, v, data, handles, t);
  // The arrows' labels dodge the handles, the fixed labels, the shafts and each other; the
  // front groups (drawn last) choose first.
  const visible = (part) => part.node.style.display !== "none" && part.node.closest("g.group").style.display !== "none";
  const resting = !data.stages || t >= 1; // mid-play the handles ride their tips, or hide
  const taken = (resting ? data.handles : []).map((h) => {
    const p = handles[h.name];
    const r = 17 * data.scale; // the whole grab ring, so a label never touches a handle
    return [v.x(p[0]) - r, v.y(p[1]) - r, v.x(p[0]) + r, v.y(p[1]) + r];
  });
  taken.push(...(v.ticks || []));
  for (const part of built.parts) {
    if (part.kind === "label" && visible(part)) {
      const [w, h] = textSize(part.node);
      const x = Number(part.node.getAttribute("x"));
      const y = Number(part.node.getAttribute("y"));
      taken.push([x - w / 2, y - h / 2, x + w / 2, y + h / 2]);
    }
  }
  const shafts = built.parts
    .filter((part) => part.kind === "arrow" && part.geometry && visible(part))
    .map((part) => part.geometry.shaft);
  const bounds = [2, 2, v.width - 2, v.height - 2];
  const labels = built.parts.filter((part) => part.kind === "arrow-label");
  for (const part of labels.reverse()) {
    const own = part.arrow.geometry;
    const others = own ? shafts.filter((shaft) => shaft !== own.shaft) : shafts;
    placeArrowLabel(part.node, own, part.spec, data, taken, others, bounds);
  }
}

function placeShapes(built, v, data, handles, t) {
  const { parts, groups } = built;
  const { index: stageIndex, between } = stageAt(data, t);
  for (const { group, node } of groups) {
    const [lo, hi] = group.when || [0, 1];
    node.style.display = t >= lo - 1e-9 && t <= hi + 1e-9 ? "" : "none";
    if (group.fade) {
      const [f0, f1] = group.fade;
      const o = Math.min(Math.max((t - f0) / (f1 - f0), 0), 1);
      node.style.opacity = String(o);
      node.dataset.opacity = o.toFixed(3);
    }
  }
  const at = (spec, group) => moved(point(spec, handles), group.steps, t, handles);
  const size = 13 * data.scale;
  const viewKey = [v.width, v.height, v.k, v.x(0), v.y(0)].join();
  for (const part of parts) {
    const { group, spec, node } = part;
    if (part.still) {
      if (part.placedFor === viewKey) continue;
      part.placedFor = viewKey;
    }
    if (part.kind === "region" || part.kind === "line") {
      node.setAttribute("points", polyline(spec.points.map((p) => at(p, group)), v));
    } else if (part.kind === "arrow") {
      const from = at(spec.from, group);
      const to = at(spec.to, group);
      const offset = (spec.offset || 0) * data.scale;
      let g = finite(from) && finite(to) ? arrowGeometry(from, to, v, size, offset) : null;
      // A tip beyond the frame: the arrow is cut where it leaves, and a double head there
      // says it goes on (its data-to still gives the true tip).
      const cut = g ? leaving(g, v, 4 * data.scale) : null;
      if (cut !== null) {
        const end = [from[0] + cut * (to[0] - from[0]), from[1] + cut * (to[1] - from[1])];
        g = arrowGeometry(from, end, v, size, offset);
      }
      part.geometry = g;
      node.style.display = g ? "" : "none";
      node.classList.toggle("leaves", cut !== null);
      if (cut !== null) node.dataset.leaves = "true";
      else delete node.dataset.leaves;
      if (finite(to)) {
        node.dataset.from = stamp(from);
        node.dataset.to = stamp(to);
      }
      if (!g) continue;
      if (cut !== null) {
        const back = Math.min(size, g.length * 0.6) * 0.7;
        const shifted = g.head
          .split(" ")
          .map((xy) => xy.split(",").map(Number))
          .map(([x, y]) => `${x - g.ux * back},${y - g.uy * back}`)
          .join(" ");
        part.more.setAttribute("points", shifted);
      }
      for (const line of [part.shaft, part.inner]) {
        if (!line) continue;
        line.setAttribute("x1", g.shaft[0]);
        line.setAttribute("y1", g.shaft[1]);
        line.setAttribute("x2", g.shaft[2]);
        line.setAttribute("y2", g.shaft[3]);
      }
      part.head.setAttribute("points", g.head);
    } else if (part.kind === "arrow-label") {
      // Placed below, once every arrow and fixed label is where it goes.
      if (spec.texts || spec.value) node.textContent = textOf(spec, stageIndex, handles, spec.label, between);
    } else if (part.kind === "dot") {
      const p = at(spec.at, group);
      node.style.display = finite(p) ? "" : "none";
      if (!finite(p)) continue;
      node.setAttribute("cx", v.x(p[0]));
      node.setAttribute("cy", v.y(p[1]));
      node.setAttribute("r", (spec.size || 3.5) * data.scale);
      node.dataset.at = stamp(p);
    } else if (part.kind === "dots") {
      const r = (spec.size || 3.5) * data.scale;
      spec.many.forEach((q, i) => {
        const p = at(q, group);
        const node = part.nodes[i];
        node.setAttribute("cx", v.x(p[0]));
        node.setAttribute("cy", v.y(p[1]));
        node.setAttribute("r", r);
        node.dataset.at = stamp(p);
      });
    } else if (part.kind === "drops") {
      const along = point(spec.along, handles);
      const through = point(spec.through, handles);
      const r = (spec.size || 2.2) * data.scale;
      spec.points.forEach((q, i) => {
        const p = at(q, group);
        const f = at({ proj: along, of: q, through }, group);
        const line = part.lines[i];
        line.setAttribute("x1", v.x(p[0]));
        line.setAttribute("y1", v.y(p[1]));
        line.setAttribute("x2", v.x(f[0]));
        line.setAttribute("y2", v.y(f[1]));
        if (part.feet.length) {
          part.feet[i].setAttribute("cx", v.x(f[0]));
          part.feet[i].setAttribute("cy", v.y(f[1]));
          part.feet[i].setAttribute("r", r);
        }
      });
    } else if (part.kind === "label") {
      const p = at(spec.at, group);
      const [dx, dy] = spec.offset || [0, 0];
      node.style.display = finite(p) ? "" : "none";
      if (spec.texts || spec.value) node.textContent = textOf(spec, stageIndex, handles, spec.text, between);
      if (!finite(p)) continue;
      node.setAttribute("x", v.x(p[0]) + dx * data.scale);
      node.setAttribute("y", v.y(p[1]) - dy * data.scale);
      node.dataset.at = stamp(p);
    } else if (part.kind === "corner") {
      // A right-angle mark at `at`, its legs towards `a` and `b`, a fixed size on screen.
      const o = at(spec.at, group);
      const a = at(spec.a, group);
      const b = at(spec.b, group);
      const leg = (q) => {
        const dx = v.x(q[0]) - v.x(o[0]);
        const dy = v.y(q[1]) - v.y(o[1]);
        const length = Math.hypot(dx, dy);
        return length > 0 ? [dx / length, dy / length] : null;
      };
      const la = leg(a);
      const lb = leg(b);
      const s = (spec.size || 11) * data.scale;
      if (!la || !lb || ![o, a, b].every(finite)) {
        node.style.display = "none";
        continue;
      }
      node.style.display = "";
      const ox = v.x(o[0]);
      const oy = v.y(o[1]);
      node.setAttribute(
        "d",
        `M${ox + s * la[0]},${oy + s * la[1]} L${ox + s * (la[0] + lb[0])},${oy + s * (la[1] + lb[1])} ` +
          `L${ox + s * lb[0]},${oy + s * lb[1]}`,
      );
    } else if (part.kind === "angle") {
      // An arc from the direction of `a` to that of `b` round `at`, a fixed radius on screen.
      const o = at(spec.at, group);
      const a = at(spec.a, group);
      const b = at(spec.b, group);
      const ok = [o, a, b].every(finite) && Math.hypot(a[0] - o[0], a[1] - o[1]) > 0 && Math.hypot(b[0] - o[0], b[1] - o[1]) > 0;
      node.style.display = ok ? "" : "none";
      if (part.text) part.text.style.display = ok ? "" : "none";
      if (!ok) continue;
      const r = ((spec.radius || 26) * data.scale) / v.k;
      const arc = arcPath(o, [a[0] - o[0], a[1] - o[1]], [b[0] - o[0], b[1] - o[1]], r);
      node.setAttribute("d", "M" + arc.points.map((p) => `${v.x(p[0])},${v.y(p[1])}`).join(" L"));
      if (part.text) {
        const reach = r + (13 * data.scale) / v.k;
        part.text.setAttribute("x", v.x(o[0] + reach * Math.cos(arc.middle)));
        part.text.setAttribute("y", v.y(o[1] + reach * Math.sin(arc.middle)));
      }
    }
  }
}

function drawLegend(box, data) {
  box.replaceChildren();
  if (data.title) {
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = data.title;
    box.appendChild(title);
  }
  for (const entry of data.legend || []) {
    const item = document.createElement("span");
    item.className = "item";
    const swatch = el("svg", { width: 26, height: 12, class: "swatch" });
    const colour = data.colors[entry.role] || entry.role;
    if (entry.mark === "fill") el("rect", { x: 2, y: 1, width: 22, height: 10, fill: colour, "fill-opacity": 0.35, stroke: colour }, swatch);
    else if (entry.mark === "dot") el("circle", { cx: 13, cy: 6, r: 4.5, fill: colour }, swatch);
    else
      el(
        "line",
        { x1: 2, x2: 24, y1: 6, y2: 6, stroke: colour, "stroke-width": entry.mark === "arrow" ? 3 : 2, "stroke-dasharray": entry.mark === "dashed" ? "5 3" : "none" },
        swatch,
      );
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(entry.text));
    box.appendChild(item);
  }
  // Each live number keeps room for its longest value, so as the numbers change length the
  // legend never rewraps and the plane never jumps.
  for (const entry of data.readouts || []) {
    const item = document.createElement("span");
    item.className = "readout-value";
    item.spec = entry;
    const values = (entry.text.match(/\{\}/g) || []).length;
    const words = entry.text.replace(/\{\}/g, "").replace("{stage}", "MM").length;
    item.style.minWidth = `min(${words + 8 * values}ch, 100%)`;
    box.appendChild(item);
  }
}

// The live numbers beside the legend, from the handles where they are now (and the time
// shown, for points a group carries). A readout has one "{}" per value, and "{stage}" names
// the stage shown (its own word for the moments between two stages).
function updateReadouts(box, handles, data) {
  const { index, between } = stageAt(data, NOW.t);
  const at = data.stages && !between ? data.stages.names[index] : null;
  for (const item of box.querySelectorAll(".readout-value")) {
    const specs = Array.isArray(item.spec.value) ? item.spec.value : [item.spec.value];
    let text = item.spec.text.replaceAll("{stage}", at ?? item.spec.between ?? "M");
    for (const spec of specs) {
      const value = scalar(spec, handles);
      const shown = value === Infinity ? "∞" : Number.isFinite(value) ? format(value) : "—";
      text = text.replace("{}", shown);
    }
    item.textContent = text;
  }
}

// ---------------------------------------------------------------- a player for a chart

// A play button for a chart's own range input (a Vega-Lite parameter bound to a slider,
// found by its name): it moves the slider a step at a time, as the learner would, so the
// chart redraws in the browser with no server round trip. The slider's own min, max and
// step say where playing starts, ends and how it steps; `seconds` is the whole way.
const REST_AFTER_MS = 900; // how long the end of a previewing sweep stays before it returns

function drive(component) {
  const { data, parentElement } = component;
  const spec = data.drive;
  let root = parentElement.querySelector(".stage.player");
  if (!root) {
    root = document.createElement("div");
    root.className = "stage player";
    parentElement.appendChild(root);
    root.state = { playing: false, timer: 0 };
    const button = document.createElement("button");
    button.type = "button";
    button.className = "play";
    const back = document.createElement("button");
    back.type = "button";
    back.className = "nudge";
    back.textContent = "◀ step";
    const forth = document.createElement("button");
    forth.type = "button";
    forth.className = "nudge";
    forth.textContent = "step ▶";
    const note = document.createElement("span");
    note.className = "note";
    root.append(button, back, forth, note);
    root.parts = { button, back, forth, note };
  }
  root.classList.toggle("projector", Boolean(data.projector));
  const state = root.state;
  const { button, back, forth, note } = root.parts;
  note.textContent = spec.note || "";
  // The newest connected slider of that name: Streamlit may keep a stale chart a moment.
  const slider = () => {
    const found = [...document.querySelectorAll(`input[type="range"][name="${spec.param}"]`)];
    return found.filter((node) => node.isConnected).pop() || null;
  };
  // The slider in whole steps: index 0 is its min, `steps` its max.
  const scale = (input) => {
    const low = Number(input.min || 0);
    const high = Number(input.max || 100);
    const size = Number(input.step) > 0 ? Number(input.step) : 1;
    const steps = Math.max(1, Math.round((high - low) / size));
    const value = (index) => Number((low + index * size).toPrecision(12));
    const at = () => Math.round((Number(input.value) - low) / size);
    return { steps, value, at };
  };
  const set = (input, index) => {
    const { steps, value } = scale(input);
    input.value = String(value(Math.min(Math.max(index, 0), steps)));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    root.dataset.step = input.value;
  };
  const label = () => {
    button.textContent = state.playing ? "❚❚ Pause" : "▶ Play";
  };
  const stop = () => {
    state.playing = false;
    clearInterval(state.timer);
    label();
  };
  const tick = () => {
    const input = slider();
    if (!input) return stop();
    const { steps, at } = scale(input);
    const next = Math.min(at() + state.every, steps);
    set(input, next);
    root.dataset.frames = String(Number(root.dataset.frames || 0) + 1);
    if (next >= steps) {
      stop();
      // A sweep that only previews: back to the page's own value once it has been seen.
      if (spec.rest !== undefined && spec.rest !== null) {
        clearTimeout(state.rest);
        state.rest = setTimeout(() => {
          const shown = slider();
          if (!shown || state.playing) return;
          shown.value = String(spec.rest);
          shown.dispatchEvent(new Event("input", { bubbles: true }));
          root.dataset.step = shown.value;
        }, REST_AFTER_MS);
      }
    }
  };
  button.onclick = () => {
    if (state.playing) return stop();
    const input = slider();
    if (!input) return;
    const { steps, at } = scale(input);
    if (spec.fromStart || at() >= steps) set(input, 0);
    // As many steps a second as cross the slider in `seconds` (at least `minRate`, 8 unless
    // a short slider of a few big steps asks for fewer), at most ~30 redraws a second.
    const perSecond = Math.max(spec.minRate ?? 8, steps / Math.max(spec.seconds || 8, 1));
    state.every = Math.max(1, Math.round(perSecond / 30));
    state.playing = true;
    label();
    clearInterval(state.timer);
    state.timer = setInterval(tick, (1000 * state.every) / perSecond);
  };
  const nudge = (by) => () => {
    stop();
    const input = slider();
    if (input) set(input, scale(input).at() + by);
  };
  back.onclick = nudge(-(spec.nudge || 1));
  forth.onclick = nudge(spec.nudge || 1);
  if (!state.playing) label(); // a rerun that sends the player again lets a play carry on
  return () => {
    clearInterval(state.timer);
    state.playing = false;
  };
}

// ---------------------------------------------------------------- the component

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (data.drive) return drive(component);
  let root = parentElement.querySelector(".stage");
  if (!root) {
    root = document.createElement("div");
    root.className = "stage";
    parentElement.appendChild(root);
    const legend = document.createElement("div");
    legend.className = "legend";
    root.appendChild(legend);
    const svg = el("svg", { class: "plane", role: "img" }, root);
    root.layers = {
      svg,
      legend,
      back: el("g", {}, svg),
      shapes: el("g", {}, svg),
      ticks: el("g", { class: "ticks" }, svg),
      handles: el("g", {}, svg),
    };
    const bar = document.createElement("div");
    bar.className = "bar";
    root.appendChild(bar);
    root.bar = bar;
    root.state = { handles: {}, seen: "", t: 1, playing: false, frame: 0, dragging: null };
  }
  const state = root.state;
  const { svg, legend, back, shapes, ticks, handles: handleLayer } = root.layers;
  root.classList.toggle("projector", Boolean(data.projector));
  svg.setAttribute("aria-label", data.title || "the plane");
  drawLegend(legend, data);

  // New handle positions from Python (a preset, a typed number) win, except mid-drag.
  const sent = JSON.stringify([data.handles, data.externals || []]);
  if (sent !== state.seen && !state.dragging) {
    for (const h of data.handles) state.handles[h.name] = [h.x, h.y];
    for (const x of data.externals || []) state.handles[x.name] = [x.x, x.y];
    state.seen = sent;
  }
  // Another stage's shared handle moved: the points this one takes from it follow, live.
  // A handle shared on the same channel (the same vector drawn in two pictures) follows too.
  root.onShare = (detail) => {
    if (detail.from === root) return;
    const taken = (data.externals || []).filter((x) => x.channel === detail.channel);
    const twins = data.handles.filter(
      (h) => (data.shares || {})[h.name] === detail.channel && state.dragging !== h.name,
    );
    for (const x of taken) state.handles[x.name] = detail.at.slice();
    for (const h of twins) state.handles[h.name] = detail.at.slice();
    if (taken.length || twins.length) render();
  };
  if (!root.listening) {
    window.addEventListener("mathviz-share", (event) => root.onShare(event.detail));
    root.listening = true;
  }
  // Tell the page where a shared handle is now.
  function share(name) {
    const channel = (data.shares || {})[name];
    if (!channel) return;
    const detail = { channel, at: state.handles[name].slice(), from: root };
    window.dispatchEvent(new CustomEvent("mathviz-share", { detail }));
  }
  // A new scene (a preset, a typed number, a released drag) starts where Python says,
  // usually at rest: a frame scrubbed to mid-morph must not stand for the new matrix.
  const sentT = data.stages ? data.stages.t : 1;
  const sentScene = sent + JSON.stringify([data.groups, data.stages]);
  if (state.scene !== sentScene && !state.dragging) {
    state.t = sentT;
    state.scene = sentScene;
  }
  const built = build(shapes, data);

  function width() {
    return Math.max(root.clientWidth || parentElement.clientWidth || 600, 200);
  }

  function render() {
    DEFS = data.defs || {};
    NOW = { t: state.t, groups: data.groups };
    const v = view(data, width(), state.t, state.room);
    svg.setAttribute("width", v.width);
    svg.setAttribute("height", v.height);
    svg.setAttribute("viewBox", `0 0 ${v.width} ${v.height}`);
    v.ticks = drawBackground(back, v, data, ticks);
    place(built, v, data, state.handles, state.t);
    updateReadouts(legend, state.handles, data);
    // Mid-play a handle is not live: it rides on the tip it sets, without its number, or
    // is hidden; at the end it is back where it is, to grab.
    const resting = !data.stages || state.t >= 1;
    const spots = [];
    const nudge = 10 * data.scale; // handles on one spot are drawn this far apart, each grabbable
    for (const h of data.handles) {
      const node = handleLayer.querySelector(`[data-name="${h.name}"]`);
      const p = state.handles[h.name];
      let drawn = p;
      if (!resting && h.rides) {
        const group = data.groups[h.rides.group];
        drawn = moved(point(h.rides.at, state.handles), group.steps, state.t, state.handles);
      }
      let px = v.x(drawn[0]);
      const py = v.y(drawn[1]);
      // A handle on top of one drawn before it (two columns sent to 0, say) steps aside:
      // the earlier one left, this one right, so both knobs can be grabbed.
      const shown = resting || h.rides;
      const under = shown ? spots.find((s) => Math.hypot(s.x - px, py - s.y) < nudge / 2) : null;
      if (under) {
        under.node.setAttribute("transform", `translate(${under.x - nudge},${under.y})`);
        under.node.dataset.nudged = "-1";
        under.x -= nudge;
        under[0] = under.x;
        px += nudge;
        node.dataset.nudged = "1";
      } else delete node.dataset.nudged;
      node.setAttribute("transform", `translate(${px},${py})`);
      node.drawnAt = [px, py];
      if (shown) spots.push(Object.assign([px, py], { x: px, y: py, node }));
      node.dataset.x = String(p[0]);
      node.dataset.y = String(p[1]);
      node.classList.toggle("riding", !resting && Boolean(h.rides));
      node.classList.toggle("away", !resting && !h.rides);
      if (resting) node.removeAttribute("aria-disabled");
      else node.setAttribute("aria-disabled", "true");
      const text = h.ring
        ? `${h.label} ${Math.round(angleOf(h, p))}°`
        : `${h.label} (${format(p[0])}, ${format(p[1])})`;
      node.querySelector("text").textContent = text;
      node.setAttribute("aria-valuetext", text);
    }
    clearTicks(v.ticks, built, spots, data);
    if (root.slider) root.slider.value = Math.round(state.t * 1000);
    root.dataset.t = state.t.toFixed(3);
    root.dataset.frames = String(state.frames || 0);
  }

  function release() {
    const out = {};
    for (const h of data.handles) out[h.name] = state.handles[h.name].map((x) => Number(x.toFixed(6)));
    setStateValue("handles", out);
  }

  function angleOf(h, p) {
    const [cx, cy] = h.ring;
    const a = (Math.atan2(p[1] - cy, p[0] - cx) * 180) / Math.PI;
    return (a + 360) % 360;
  }

  function moveTo(h, x, y) {
    if (h.ring) {
      // A handle on a circle: only its angle moves, in steps of `step` degrees.
      const [cx, cy, r] = h.ring;
      let a = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
      a = Math.round(a / h.step) * h.step;
      const rad = (a * Math.PI) / 180;
      state.handles[h.name] = [cx + r * Math.cos(rad), cy + r * Math.sin(rad)];
      render();
      share(h.name);
      return;
    }
    const v = view(data, width(), state.t, state.room);
    const margin = (10 * data.scale) / v.k;
    const snap = (value) => Math.round(value / h.step) * h.step;
    const within = (value, low, high) => Math.min(Math.max(value, low), high);
    // A handle stays on the paper: within its own range and inside the view.
    state.handles[h.name] = [
      within(snap(within(x, v.left + margin, v.right - margin)), h.min, h.max),
      within(snap(within(y, v.bottom + margin, v.top - margin)), h.min, h.max),
    ];
    render();
    share(h.name);
  }

  // The handles: a ring to grab, focusable, moved by the pointer or the arrow keys.
  handleLayer.replaceChildren();
  for (const h of data.handles) {
    const g = el("g", { class: "handle", tabindex: 0, "data-name": h.name, role: "slider" }, handleLayer);
    g.setAttribute("aria-label", `${h.label}: drag, or use the arrow keys`);
    el("circle", { r: 16 * data.scale, class: "grab" }, g);
    el("circle", { r: 7 * data.scale, fill: data.colors[h.role] || h.role, class: "knob" }, g);
    el("text", { x: 14 * data.scale, y: -14 * data.scale, class: "readout" }, g);
    const live = () => !data.stages || state.t >= 1;
    g.addEventListener("pointerdown", (event) => {
      if (!live()) return;
      event.preventDefault();
      // Where on the handle it was pressed, from the point it stands for: a drag moves the
      // point by what the pointer moves, so a handle drawn aside does not jump.
      const box = svg.getBoundingClientRect();
      const v = view(data, width(), state.t, state.room);
      const p = state.handles[h.name];
      state.grab = [event.clientX - box.left - v.x(p[0]), event.clientY - box.top - v.y(p[1])];
      g.setPointerCapture(event.pointerId);
      g.focus({ preventScroll: true });
      state.dragging = h.name;
      root.classList.add("dragging");
    });
    g.addEventListener("pointermove", (event) => {
      if (state.dragging !== h.name) return;
      const box = svg.getBoundingClientRect();
      const v = view(data, width(), state.t, state.room);
      const [gx, gy] = state.grab || [0, 0];
      const [x, y] = v.back(event.clientX - box.left - gx, event.clientY - box.top - gy);
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
      if (!move || !live()) return;
      event.preventDefault();
      const p = state.handles[h.name];
      if (h.ring) {
        // Round the circle: right and up turn anticlockwise.
        const [cx, cy, r] = h.ring;
        const turn = (move[0] + move[1]) * h.step * (event.shiftKey ? 5 : 1);
        const rad = ((angleOf(h, p) + turn) * Math.PI) / 180;
        moveTo(h, cx + r * Math.cos(rad), cy + r * Math.sin(rad));
      } else {
        const by = h.step * (event.shiftKey ? 10 : 1);
        moveTo(h, p[0] + move[0] * by, p[1] + move[1] * by);
      }
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
    for (const [i, name] of data.stages.names.entries()) {
      // Each name jumps to its stage when clicked.
      const jump = document.createElement("button");
      jump.type = "button";
      jump.className = "stage-name";
      jump.textContent = name;
      jump.addEventListener("click", () => {
        state.playing = false;
        label();
        state.t = i / (data.stages.names.length - 1);
        render();
      });
      names.appendChild(jump);
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

  // The plane's fit to the first screen is measured when a scene arrives or the stage
  // changes size, never on a frame of a play or a drag (it would force a layout each time).
  const fit = () => {
    state.room = roomOnFirstScreen(svg, root.bar);
  };
  fit();
  render();
  root.render = render; // for a test or a profiler to redraw on demand
  // One observer per stage, whatever the number of reruns that drew it.
  if (root.observer) root.observer.disconnect();
  root.observer = new ResizeObserver(() => {
    fit();
    render();
  });
  root.observer.observe(root);
  return () => {
    root.observer.disconnect();
    cancelAnimationFrame(state.frame);
    state.playing = false;
  };
}
