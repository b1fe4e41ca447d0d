// The call tree as the application's code sees it: on a real server a request's stack starts with 25-60
// container frames (Jetty, Tomcat, the servlet API, MonitorDash's filter) that every sample shares, so
// the application's own frames sit far down the flame graph and deep in the call tree. Pure: no DOM.

import { frameKind } from './stack.js';

/** The figures of a node that add up when two paths to the same frame are merged. */
const ADDED = ['hits', 'totalMillis', 'meanMillis', 'share'];

// Most samples first, then by name: the order the API sends children in (docs/api.md).
const byHits = (a, b) => b.hits - a.hits || (a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0);

// Siblings with the same frame become one node: figures added, children merged the same way. Two
// siblings never share a sample (each sample is one path from the root), so adding their hits is exact.
function merged(nodes) {
  const byFrame = new Map();
  for (const node of nodes) {
    const seen = byFrame.get(node.frame);
    if (!seen) {
      byFrame.set(node.frame, node);
      continue;
    }
    const sum = { ...seen, children: merged([...seen.children, ...node.children]) };
    for (const key of ADDED) if (typeof seen[key] === 'number') sum[key] = seen[key] + (node[key] ?? 0);
    byFrame.set(node.frame, sum);
  }
  return [...byFrame.values()].sort(byHits);
}

// What a subtree leaves at its own level: an application frame stays (with its own subtree transformed
// below it); a framework frame gives way to what its children leave, lifted to the nearest kept ancestor.
function kept(node) {
  const below = (node.children ?? []).flatMap(kept);
  if (frameKind(node.frame) === 'framework') return below;
  return [{ ...node, children: merged(below) }];
}

/**
 * The tree with framework frames (stack.js frameKind) removed: their children lifted to the nearest kept
 * ancestor, siblings of the same frame merged (hits and times added). The root stays as it is, with all
 * the samples, so the graph still tells the total. An application frame keeps its hits: the time it spent
 * in framework code below it (Thread.sleep, a socket read) becomes its own (self) time.
 */
export function appOnly(root) {
  return { ...root, children: merged((root.children ?? []).flatMap(kept)) };
}

/** Whether any frame below the root is the application's (else appOnly would leave the root alone). */
export function hasAppFrames(root) {
  return (root.children ?? []).some((c) => frameKind(c.frame) === 'app' || hasAppFrames(c));
}
