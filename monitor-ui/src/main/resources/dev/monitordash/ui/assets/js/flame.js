// A flame graph of a call tree, of our own: SVG built with createElementNS, every text through
// textContent. Root at the top, callees below; a frame's width is its share of the samples. Hovering a
// frame shows its name and time, clicking zooms into it, clicking the top frame zooms out one level.

import { el, replace } from './dom.js';
import { formatMillis, formatShare } from './format.js';
import { frameKind } from './stack.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 18;
const CHAR = 6.6; // px per character of the 11 px monospace labels
const observers = new WeakMap(); // container → the ResizeObserver redrawing its graph

/**
 * Lays out a call tree ({frame, hits, children}) as rectangles: each node at its depth, x and width as
 * fractions (0-1) of the root's hits; children side by side from their parent's left edge, in the order
 * given (a parent's own samples leave the rest of its width empty). Nodes narrower than minWidth are left
 * out with everything below them. Pure: no DOM.
 */
export function flameLayout(root, minWidth = 0) {
  const boxes = [];
  const total = root.hits;
  if (!(total > 0)) return boxes;
  const visit = (node, depth, x) => {
    const width = node.hits / total;
    if (width < minWidth || width <= 0) return;
    boxes.push({ node, depth, x, width });
    let cx = x;
    for (const child of node.children ?? []) {
      visit(child, depth + 1, cx);
      cx += child.hits / total;
    }
  };
  visit(root, 0, 0);
  return boxes;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function describe(node) {
  return `${node.frame} — ${formatMillis(node.totalMillis)} total, ${formatMillis(node.meanMillis)} mean, `
    + `${formatShare(node.share)} of samples (${node.hits})`;
}

/** Draws the tree into the container (replacing what was there) and keeps it redrawn on zoom and resize. */
export function flameGraph(container, root) {
  const path = [root]; // zoom path: path[path.length - 1] is the frame drawn full width
  const tip = el('div', { className: 'flame-tip', role: 'status', text: 'Hover a frame for its time; click to zoom in.' });
  const crumbs = el('div', { className: 'flame-crumbs' });
  const holder = el('div', { className: 'flame-holder' });
  replace(container, crumbs, holder, tip);

  const draw = () => {
    const top = path[path.length - 1];
    const width = Math.max(200, holder.clientWidth);
    const boxes = flameLayout(top, 1 / width); // below a pixel nothing can be seen or hovered
    const depth = boxes.reduce((m, b) => Math.max(m, b.depth), 0) + 1;
    const graph = svg('svg', { width, height: depth * ROW, class: 'flame', role: 'img', 'aria-label': `Flame graph of ${top.frame}` });
    for (const b of boxes) {
      const g = svg('g', { class: `flame-frame flame-${b.node === root ? 'root' : frameKind(b.node.frame)}` });
      g.dataset.frame = b.node.frame;
      g.dataset.depth = String(b.depth);
      const x = b.x * width;
      const w = b.width * width;
      g.append(svg('rect', { x, y: b.depth * ROW, width: Math.max(0.5, w - 0.5), height: ROW - 1, rx: 2 }));
      const title = svg('title');
      title.textContent = describe(b.node);
      g.append(title);
      const chars = Math.floor((w - 6) / CHAR);
      if (chars >= 3) {
        const text = svg('text', { x: x + 3, y: b.depth * ROW + 12.5 });
        text.textContent = b.node.frame.length > chars ? `${b.node.frame.slice(0, chars - 1)}…` : b.node.frame;
        g.append(text);
      }
      g.addEventListener('mouseenter', () => { tip.textContent = describe(b.node); });
      g.addEventListener('click', () => {
        if (b.node === top && path.length > 1) path.pop();
        else if (b.node !== top) path.push(...chain(top, b.node));
        draw();
      });
      graph.append(g);
    }
    holder.replaceChildren(graph);
    // Request stacks start with dozens of container frames every sample shares: open the graph where
    // the trunk ends and the tree branches (the frames above stay a scroll away).
    holder.scrollTop = Math.max(0, (trunkDepth(top) - 2) * ROW);
    replace(crumbs, path.map((n, i) => el('button', {
      type: 'button', className: 'button-quiet flame-crumb', text: i === 0 ? 'All' : n.frame,
      on: { click: () => { path.length = i + 1; draw(); } },
    })));
    crumbs.hidden = path.length === 1;
  };

  observers.get(container)?.disconnect(); // the graph drawn here before, if any
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  });
  observer.observe(holder);
  observers.set(container, observer);
  draw();
}

/** How many frames from the top have a single callee that had every one of their samples. */
export function trunkDepth(node) {
  let depth = 0;
  let n = node;
  while (n.children?.length === 1 && n.children[0].hits === n.hits) {
    n = n.children[0];
    depth++;
  }
  return depth;
}

// The nodes from just below `from` down to `to` (a descendant), so zooming keeps a breadcrumb per level.
function chain(from, to) {
  const walk = (node) => {
    for (const c of node.children ?? []) {
      if (c === to) return [c];
      const below = walk(c);
      if (below) return [c, ...below];
    }
    return null;
  };
  return walk(from) ?? [to];
}
