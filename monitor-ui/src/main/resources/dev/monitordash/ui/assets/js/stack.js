// Stack traces as the outlier pages show them: one frame per line, application frames told apart from
// framework and JDK frames, always as text.

import { el } from './dom.js';

/**
 * Package prefixes of frames that are not the application's own: the JDK, the servlet API and
 * containers, and MonitorDash itself. Everything else is application code.
 */
export const FRAMEWORK_PREFIXES = Object.freeze([
  'java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'jakarta.', 'org.eclipse.jetty.', 'org.apache.catalina.',
  'org.apache.coyote.', 'org.apache.tomcat.',
  // MonitorDash's own modules only: an application of ours (the example app) is an application.
  'dev.monitordash.core.', 'dev.monitordash.servlet.', 'dev.monitordash.ui.',
]);

/** The class.method of a stack line ("at a.B.c(B.java:1)", "a.B.c"), or null for other lines. */
export function frameName(line) {
  const m = /^\s*(?:at\s+)?([^\s(]+)(?:\(.*\))?\s*$/.exec(line);
  if (!m || !m[1].includes('.')) return null;
  // StackTraceElement text may start with "loader/module@version/" ("java.base@17.0.15/java.lang.Thread.run",
  // "app//shop.Main.run"); a hidden class has "/0x…" inside its name ("shop.Main$$Lambda/0x1f.run").
  const parts = m[1].split('/');
  let first = parts.length - 1;
  while (first > 0 && parts[first].startsWith('0x')) first--;
  return parts.slice(first).join('/');
}

/**
 * What a stack line is: 'app' (the application's frame), 'framework' (JDK, servlet container,
 * MonitorDash), or 'info' (lock lines such as "- locked …", "(truncated)" and anything that is no frame).
 */
export function frameKind(line) {
  const text = String(line).trim();
  if (text.startsWith('-') || text.startsWith('(')) return 'info';
  const name = frameName(text);
  if (name === null) return 'info';
  return FRAMEWORK_PREFIXES.some((p) => name.startsWith(p)) ? 'framework' : 'app';
}

/** The stack's lines (text, as sent) with their kind; blank lines dropped. */
export function stackLines(stack) {
  return String(stack ?? '').split('\n').filter((l) => l.trim() !== '').map((text) => ({ text: text.trim(), kind: frameKind(text) }));
}

/** An <ol> of the stack's lines, each with class frame-app / frame-framework / frame-info. */
export function stackList(stack) {
  return el('ol', { className: 'stack' },
    stackLines(stack).map((l) => el('li', { className: `frame-${l.kind}`, text: l.text })));
}

const STATE_ORDER = ['RUNNABLE', 'BLOCKED', 'WAITING', 'TIMED_WAITING', 'NEW', 'TERMINATED'];

/** Threads grouped by state: [[state, threads]], the usual states in this order, any other after them by name. */
export function threadsByState(threads) {
  const groups = new Map();
  for (const t of threads) {
    if (!groups.has(t.state)) groups.set(t.state, []);
    groups.get(t.state).push(t);
  }
  const rank = (s) => (STATE_ORDER.includes(s) ? STATE_ORDER.indexOf(s) : STATE_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
