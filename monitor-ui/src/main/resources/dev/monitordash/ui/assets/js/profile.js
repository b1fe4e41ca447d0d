// The profile page of one endpoint (profile?endpoint=<template>[&id=<profile>]): the grouped profile of
// its last N profiled requests, or one request's profile, as a flame graph and a collapsible call tree
// (hits, total, mean, share). Frame names are set as text only. "Application frames only" (frames=app in
// the URL, the default when the samples have application frames) leaves out the container's trunk.

import { getJson } from './api.js';
import { appOnly, hasAppFrames } from './app-frames.js';
import { breakable, el, replace, showMessage } from './dom.js';
import { flameGraph } from './flame.js';
import { FilterBar } from './filters.js';
import { formatCount, formatMillis, formatShare, formatTime } from './format.js';
import { session } from './layout.js';
import { endpointPage, outliersPage } from './links.js';
import { frameKind } from './stack.js';
import { loadSection } from './states.js';

/** Nodes with at least this share of the samples start open, so the hot path shows at once. */
const OPEN_SHARE = 0.2;

const endpoint = new URLSearchParams(window.location.search).get('endpoint');
const $ = (id) => document.getElementById(id);

function nodeLine(node) {
  const share = el('span', { className: 'tree-share' });
  const bar = el('span', { className: 'meter' }, share);
  share.style.width = `${(node.share * 100).toFixed(1)}%`;
  return [
    el('span', { className: `tree-frame mono frame-${node.frame === '(all)' ? 'info' : frameKind(node.frame)}` }, breakable(node.frame)),
    el('span', { className: 'tree-num', title: 'samples', text: formatCount(node.hits) }),
    el('span', { className: 'tree-num', title: 'total time', text: formatMillis(node.totalMillis) }),
    el('span', { className: 'tree-num', title: 'mean time per request', text: formatMillis(node.meanMillis) }),
    el('span', { className: 'tree-num tree-pct', title: 'share of the samples', text: formatShare(node.share) }),
    bar,
  ];
}

// Children are drawn when a node is first opened: a grouped tree can have tens of thousands of frames.
function treeNode(node) {
  if (node.children.length === 0) {
    return el('div', { className: 'tree-node tree-leaf', dataset: { frame: node.frame } }, el('div', { className: 'tree-row' }, nodeLine(node)));
  }
  const details = el('details', { className: 'tree-node', dataset: { frame: node.frame } },
    el('summary', { className: 'tree-row' }, nodeLine(node)));
  // Indenting only where the tree branches keeps deep stacks (60 container frames) readable.
  const list = el('div', { className: node.children.length === 1 ? 'tree-children tree-chain' : 'tree-children' });
  details.append(list);
  let filled = false;
  const fill = () => {
    if (filled || !details.open) return;
    filled = true;
    list.append(...node.children.map(treeNode));
  };
  details.addEventListener('toggle', fill);
  if (node.share >= OPEN_SHARE) {
    details.open = true;
    fill();
  }
  return details;
}

const FRAMES_NOTE = {
  app: ' Application frames only: framework frames are left out, and the time spent in them counts for the'
    + ' application frame that called them.',
  none: ' No application frames in these samples, so all frames are shown.',
  all: '',
};

function renderTree(p) {
  const what = p.id === null
    ? `Merged over the last ${formatCount(p.requests)} profiled requests`
    : 'One request';
  replace($('profile-summary'), `${what}: ${formatCount(p.samples)} samples every ${formatMillis(p.periodMillis)}, `
    + `${formatMillis(p.durationMillis)} measured in total.${FRAMES_NOTE[p.frames]}`);
  const head = el('div', { className: 'tree-row tree-head', 'aria-hidden': 'true' },
    ['Frame', 'Samples', 'Total', 'Mean', 'Share', ''].map((t, i) => el('span', { className: i === 0 ? 'tree-frame' : 'tree-num', text: t })));
  replace($('profile-tree-body'), el('div', { className: 'tree' }, head, treeNode(p.root)));
}

async function main() {
  if (!endpoint) {
    showMessage($('profile-error'), 'Which endpoint? Open this page from an endpoint, e.g. profile?endpoint=/orders/{id}.');
    for (const id of ['profile-flame', 'profile-tree']) $(id).hidden = true;
    return;
  }
  replace($('profile-endpoint'), breakable(endpoint));
  $('profile-outliers-link').setAttribute('href', outliersPage(endpoint));
  $('profile-endpoint-link').setAttribute('href', endpointPage(endpoint));
  const { timezone } = await session;
  const filters = new FilterBar($('profile-filters'), () => load());
  const last = filters.number('last', 'Requests merged', { min: 1, max: 1000, defaultValue: 20 });
  const wanted = new URLSearchParams(window.location.search).get('id') ?? '';
  const request = filters.select('id', 'Profile of', [{ value: '', text: 'The last requests, merged' }]);
  // The default hides the container: where the application's own code spends the time is what this page
  // is opened for, and the trunk every sample shares tells nothing (docs/outliers.md says more).
  const appFrames = filters.toggle('frames', 'Application frames only', { on: 'app', off: 'all', defaultOn: true });
  try {
    const list = await getJson(`api/profiles?endpoint=${encodeURIComponent(endpoint)}`);
    request.setOptions([{ value: '', text: 'The last requests, merged' }, ...list.profiles.map((p) => ({
      value: String(p.id), text: `${formatTime(p.startedAt, timezone)} · ${formatMillis(p.durationMillis)} · ${p.user ?? '–'}`,
    }))]);
    // A link to one request's profile (…&id=5) opens it, once the list says it still exists.
    if (list.profiles.some((p) => String(p.id) === wanted)) request.element.value = wanted;
  } catch (e) {
    if (e.status !== 401) showMessage($('profile-error'), `Could not list the profiled requests: ${e.message}`);
  }
  let fetched = { url: null, answer: null }; // toggling the frames redraws the same answer, no new request
  const load = () => {
    const id = request.element.value;
    last.disabled = id !== '';
    const url = id ? `api/profile?id=${encodeURIComponent(id)}`
      : `api/profile/grouped?endpoint=${encodeURIComponent(endpoint)}&last=${encodeURIComponent(last.value)}`;
    if (fetched.url !== url) {
      const answer = getJson(url);
      fetched = { url, answer };
      answer.catch(() => { if (fetched.answer === answer) fetched = { url: null, answer: null }; }); // retry next time
    }
    const wantApp = appFrames.checked;
    const answer = fetched.answer.then((p) => {
      if (!wantApp) return { ...p, frames: 'all' };
      return hasAppFrames(p.root) ? { ...p, frames: 'app', root: appOnly(p.root) } : { ...p, frames: 'none' };
    });
    const options = {
      empty: 'No profiled requests yet. At monitoring level 3 every request of this endpoint is profiled.',
      isEmpty: (p) => p.samples === 0,
    };
    loadSection($('profile-flame'), () => answer, (p) => flameGraph($('profile-flame-body'), p.root), options);
    loadSection($('profile-tree'), () => answer, renderTree, options);
  };
  load();
}

main();
