import type { Position } from '../document/edits';

/** A node's box on the canvas. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WireRoute {
  /** SVG path data. */
  path: string;
  /** Where the shape label goes: the middle of the wire, or of the lane a detour runs in. */
  label: Position;
  /** Whether the wire bends around layers that stand between its ends. */
  detour: boolean;
}

/** Half a typical shape label's width: a wire keeps this far from the nodes it passes, so its label does too. */
const CLEARANCE = 60;
/** A wire into a layer above its source loops out this far. */
const LOOP = 80;

const f = (n: number) => Math.round(n * 10) / 10;

/** A wire that leaves downwards and arrives from above, with vertical tangents at both ends. */
const sCurve = (a: Position, b: Position) => {
  const c = (b.y - a.y) / 2;
  return `C ${f(a.x)} ${f(a.y + c)} ${f(b.x)} ${f(b.y - c)} ${f(b.x)} ${f(b.y)}`;
};

const crosses = (r: Rect, left: number, right: number, top: number, bottom: number) => r.x < right && r.x + r.width > left && r.y < bottom && r.y + r.height > top;

/**
 * The path of a wire from an output (on a node's bottom edge) to an input (on
 * a top edge), in a graph that flows downwards. Between neighbouring layers it
 * is one S-curve, labelled in its middle; when other nodes stand in its way
 * (a skip connection past a run of layers) it bends into a lane beside them
 * and back, labelled in the lane, so that neither the wire nor its label is
 * drawn over a node, and two wires into one merge keep their labels apart. A wire into a layer above its
 * source (drawn that way by hand) loops around.
 */
export function routeWire(start: Position, end: Position, obstacles: readonly Rect[]): WireRoute {
  const mid = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  if (end.y - start.y < 24) {
    const k = Math.max(LOOP, (start.y - end.y) / 2 + LOOP / 2);
    return { path: `M ${f(start.x)} ${f(start.y)} C ${f(start.x)} ${f(start.y + k)} ${f(end.x)} ${f(end.y - k)} ${f(end.x)} ${f(end.y)}`, label: mid, detour: false };
  }
  const left = Math.min(start.x, end.x) - CLEARANCE;
  const right = Math.max(start.x, end.x) + CLEARANCE;
  let blocking = obstacles.filter((r) => crosses(r, left, right, start.y, end.y));
  if (blocking.length === 0) return { path: `M ${f(start.x)} ${f(start.y)} ${sCurve(start, end)}`, label: mid, detour: false };

  // Pass on the side that makes the shorter way, far enough for the label, then widen until the lane is clear.
  const rightLane = Math.max(...blocking.map((r) => r.x + r.width)) + CLEARANCE;
  const leftLane = Math.min(...blocking.map((r) => r.x)) - CLEARANCE;
  const toRight = Math.abs(start.x - rightLane) + Math.abs(end.x - rightLane) <= Math.abs(start.x - leftLane) + Math.abs(end.x - leftLane);
  let lane = toRight ? rightLane : leftLane;
  for (let i = 0; i < 8; i++) {
    const more = obstacles.filter((r) => !blocking.includes(r) && crosses(r, lane - CLEARANCE, lane + CLEARANCE, start.y, end.y));
    if (more.length === 0) break;
    blocking = [...blocking, ...more];
    lane = toRight ? Math.max(lane, ...more.map((r) => r.x + r.width + CLEARANCE)) : Math.min(lane, ...more.map((r) => r.x - CLEARANCE));
  }
  const top = Math.max(Math.min(...blocking.map((r) => r.y)), start.y + 12);
  const bottom = Math.min(Math.max(...blocking.map((r) => r.y + r.height)), end.y - 12);
  const enter = { x: lane, y: top };
  const leave = { x: lane, y: Math.max(bottom, top) };
  return {
    path: `M ${f(start.x)} ${f(start.y)} ${sCurve(start, enter)} L ${f(leave.x)} ${f(leave.y)} ${sCurve(leave, end)}`,
    label: { x: lane, y: (enter.y + leave.y) / 2 },
    detour: true,
  };
}
