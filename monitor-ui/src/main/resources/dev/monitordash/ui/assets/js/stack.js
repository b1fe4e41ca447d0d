// Stack traces as the outlier pages show them: one frame per line, application frames told apart from
// framework and JDK frames, always as text.

import { el } from './dom.js';

/**
 * Package prefixes of frames that are not the application's own: the JDK, the servlet API, containers
 * and the web frameworks and database libraries a servlet application runs on, and MonitorDash itself.
 * Everything else is application code.
 */
export const FRAMEWORK_PREFIXES = Object.freeze([
  'java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'jakarta.', 'org.eclipse.jetty.', 'org.apache.catalina.',
  'org.apache.coyote.', 'org.apache.tomcat.', 'io.undertow.', 'org.glassfish.', 'org.jboss.',
  'org.springframework.', 'com.zaxxer.hikari.', 'org.hibernate.', 'org.postgresql.', 'org.sqlite.',
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

/** Runs of fewer framework frames than this stay as they are: a row saying "2 frames" saves nothing. */
export const MIN_RUN = 3;

/**
 * The stack's lines (stackLines) with runs of framework frames folded: [{line}] for a line shown as it is,
 * [{run: [lines], frames}] for at least minRun framework frames in a row (with their "- locked" lines).
 * The lines above the first application frame always show: they say what the thread is doing right now
 * (sleeping, reading a socket, waiting for a lock). A stack without application frames is not folded.
 */
export function foldFramework(lines, minRun = MIN_RUN) {
  const firstApp = lines.findIndex((l) => l.kind === 'app');
  if (firstApp < 0) return lines.map((line) => ({ line }));
  const items = lines.slice(0, firstApp).map((line) => ({ line }));
  let run = [];
  const flush = () => {
    const frames = run.filter((l) => l.kind === 'framework').length;
    if (frames >= minRun) items.push({ run, frames });
    else items.push(...run.map((line) => ({ line })));
    run = [];
  };
  for (const line of lines.slice(firstApp)) {
    const lockLine = line.kind === 'info' && line.text.startsWith('-') && run.length > 0;
    if (line.kind === 'framework' || lockLine) {
      run.push(line);
    } else {
      flush();
      items.push({ line });
    }
  }
  flush();
  return items;
}

const lineItem = (l) => el('li', { className: `frame-${l.kind}`, text: l.text });

// A folded run: one row with a button that shows or hides the run's lines right below it.
function runItem({ run, frames }) {
  const lines = run.map(lineItem);
  const label = (open) => `${open ? '▾' : '…'} ${frames} framework frames${open ? '' : ' (show)'}`;
  const button = el('button', { type: 'button', className: 'frame-run-toggle', 'aria-expanded': 'false', text: label(false) });
  const row = el('li', { className: 'frame-run' }, button);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = label(open);
    if (open) row.after(...lines);
    else lines.forEach((li) => li.remove());
  });
  return row;
}

/**
 * An <ol> of the stack's lines, each with class frame-app / frame-framework / frame-info; with fold, runs
 * of framework frames below the first application frame are one row each that opens on a click.
 */
export function stackList(stack, { fold = false } = {}) {
  const lines = stackLines(stack);
  if (!fold) return el('ol', { className: 'stack' }, lines.map(lineItem));
  return el('ol', { className: 'stack' }, foldFramework(lines).map((item) => (item.run ? runItem(item) : lineItem(item.line))));
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
