// The page of one endpoint (seed chapter 3.2, figures 3.2a-f, 5.4-5.6, 5.11): when it is requested, how
// fast each version, user and client address is served, and what fails. The endpoint comes from the URL
// (endpoint?endpoint=%2Forders%2F%7Bid%7D); each section is one API answer (states.js) drawn by a module
// of endpoint/; the range, user, top-N and order filters live in the URL (filters.js).

import { getJson } from './api.js';
import { breakable, el, replace } from './dom.js';
import { FilterBar } from './filters.js';
import { formatCount } from './format.js';
import { session } from './layout.js';
import { outliersPage, profilePage } from './links.js';
import { loadSection } from './states.js';
import { renderBubbles } from './endpoint/bubbles.js';
import { renderUserBoxes, renderVersionBoxes } from './endpoint/boxes.js';
import { renderHeatmap } from './endpoint/heatmap.js';
import { noHourlyRequests, renderHourly, renderHourlyCpu } from './endpoint/hourly.js';
import { renderStatus } from './endpoint/status.js';
import { ADDRESSES, hiddenText, USERS } from './endpoint/topn.js';

const endpoint = new URLSearchParams(window.location.search).get('endpoint');
const EMPTY_RANGE = 'No requests of this endpoint in this range. Choose a longer range above.';

function byId(id) {
  return document.getElementById(id);
}

function showProblem(...message) {
  const problem = byId('endpoint-problem');
  replace(problem, el('p', {}, ...message),
    el('p', {}, 'The ', el('a', { href: 'overview', text: 'overview' }), ' links to the page of every endpoint with requests.'));
  problem.hidden = false;
  byId('endpoint-content').hidden = true;
}

// Every section asks the API about the endpoint; when the store never recorded it, the first answer
// says so and the page shows that once, instead of one error per section.
function api(route, params) {
  return getJson(`api/endpoint/${route}?${params}`).catch((e) => {
    if (e.status === 400 && e.message.startsWith('unknown endpoint')) {
      showProblem('No requests of ', el('span', { className: 'mono', text: endpoint }),
        ' were ever recorded: the monitor does not know this endpoint.');
    }
    throw e;
  });
}

function showHeader() {
  replace(byId('endpoint-name'), breakable(endpoint));
  document.title = `${endpoint} · MonitorDash`;
  byId('link-outliers').href = outliersPage(endpoint);
  byId('link-profile').href = profilePage(endpoint);
  byId('endpoint-links').hidden = false;
}

function versionOptions(versions, selected) {
  const names = selected && !versions.includes(selected) ? [...versions, selected] : versions;
  return [{ value: '', text: 'All versions' }, ...names.map((v) => ({ value: v, text: v }))];
}

/** users: the api/endpoint/filters answer's [{user, requests}], listed by name to be found quickly. */
function userOptions(users, selected) {
  const named = [...users].sort((a, b) => a.user.localeCompare(b.user))
    .map((u) => ({ value: u.user, text: `${u.user} (${formatCount(u.requests)})` }));
  if (selected && !users.some((u) => u.user === selected)) named.push({ value: selected, text: selected });
  return [{ value: '', text: 'All users' }, ...named];
}

// The sections the user filter narrows ("this user complains: when does he use the endpoint, which version
// made it slow for him, what fails for him?"); the per-user and per-address charts always show everyone.
const USER_SECTIONS = ['section-heatmap', 'section-hourly', 'section-versions', 'section-status'];

/** Says in each narrowed section's heading, and in the note about failures, whose requests it shows. */
function scopeToUser(user) {
  for (const id of USER_SECTIONS) {
    const heading = byId(id).querySelector('h2');
    heading.dataset.all ??= heading.textContent;
    heading.textContent = user ? `${heading.dataset.all} for user ${user}` : heading.dataset.all;
  }
  byId('failures-none').textContent = user ? `No request of user ${user} failed in this range.`
    : 'No request failed in this range.';
}

/**
 * Every section but the header. The range bar reloads all of them but the last-48-hours one; the user bar
 * reloads the sections it narrows; the top-N bar only the sections that select users or addresses.
 */
function sections(timeZone) {
  const container = byId('endpoint-filters');
  const rangeBar = new FilterBar(container, () => {
    loadChoices();
    loadRanged();
    loadTopN();
  });
  rangeBar.range({ timeZone });
  const url = new URLSearchParams(window.location.search);
  const userBar = new FilterBar(container, () => {
    loadHourly();
    loadRanged();
  });
  // Until the range's users are known, the list holds the URL's choice, so a shared link keeps its user.
  const user = userBar.select('user', 'User', userOptions([], url.get('user')), '');
  const topBar = new FilterBar(container, () => loadTopN());
  topBar.number('top', 'Top users / addresses', { min: 1, max: 1000, defaultValue: 10 });
  topBar.select('order', 'Ordered by', [
    { value: 'requests', text: 'Most requests' },
    { value: 'slowest', text: 'Slowest (mean)' },
  ], 'requests');
  // The per-user box plots can be narrowed to one version (seed fig. 5.6); that filter sits in their card.
  const usersBar = new FilterBar(byId('users-filters'), () => loadUsers());
  const version = usersBar.select('version', 'Version', versionOptions([], url.get('version')), '');
  const rangeParams = () => rangeBar.params({ endpoint });
  const userParams = () => userBar.params(Object.fromEntries(rangeParams()));
  const topParams = () => topBar.params(Object.fromEntries(rangeParams()));
  let choicesRun = 0;

  // The users and versions the filters offer over the range, whichever user is chosen.
  function loadChoices() {
    const run = ++choicesRun;
    api('filters', rangeParams()).then((data) => {
      if (run !== choicesRun) return; // a newer range asked meanwhile
      user.setOptions(userOptions(data.users, user.element.value));
      version.setOptions(versionOptions(data.versions, version.element.value));
    }, () => {
      // The lists keep their current choices; each section shows the store's failure itself.
    });
  }

  function loadUsers() {
    const query = usersBar.params(Object.fromEntries(topParams()));
    const chosen = query.get('version');
    return loadSection(byId('section-users'), () => api('users', query), (data) => {
      replace(byId('users-hidden'), hiddenText(data.hidden, data.boxes.length, USERS));
      renderUserBoxes(byId('users-chart'), byId('users-box'), data);
    }, { empty: chosen ? `No requests of version ${chosen} in this range.` : EMPTY_RANGE });
  }

  function loadTopN() {
    const query = topParams();
    for (const [route, nouns] of [['user-versions', USERS], ['ip-versions', ADDRESSES]]) {
      loadSection(byId(`section-${route}`), () => api(route, query), (data) => {
        replace(byId(`${route}-hidden`), hiddenText(data.hidden, data.groups.length, nouns));
        renderBubbles(byId(`${route}-chart`), byId(`${route}-box`), data, nouns);
      }, { empty: EMPTY_RANGE });
    }
    loadUsers();
  }

  // The machine beside the endpoint: the same 48 hours of the resource series, one point per hour.
  async function loadHourlyCpu(data) {
    const note = byId('hourly-cpu-note');
    const box = byId('hourly-cpu-box');
    const first = data.hours[0].start;
    const end = new Date(Date.parse(data.hours[data.hours.length - 1].start) + 3600 * 1000).toISOString();
    try {
      const resources = await getJson(`api/resources?from=${encodeURIComponent(first)}&to=${encodeURIComponent(end)}&step=3600`);
      const shown = renderHourlyCpu(byId('hourly-cpu-chart'), data, resources, timeZone);
      box.hidden = !shown;
      note.hidden = Boolean(shown) && resources.instances.length < 2;
      note.textContent = !shown ? 'No resource samples in these hours (see the Resources page).'
        : `Instance ${shown.instance}; the Resources page shows the others.`;
    } catch (e) {
      box.hidden = true;
      note.hidden = false;
      note.textContent = `Could not load the CPU figures: ${e.message}`;
    }
  }

  function loadHourly() {
    const chosen = user.element.value;
    loadSection(byId('section-hourly'), () => api('hourly', userBar.params({ endpoint })),
      (data) => {
        renderHourly(byId('hourly-times-chart'), byId('hourly-requests-chart'), data, timeZone);
        loadHourlyCpu(data);
      },
      { empty: chosen ? `No requests of user ${chosen} in the last 2 days.` : 'No requests in the last 2 days.', isEmpty: noHourlyRequests });
  }

  function loadRanged() {
    const query = userParams();
    const chosen = query.get('user');
    scopeToUser(chosen);
    const empty = chosen ? `No requests of user ${chosen} to this endpoint in this range. Choose another user or a longer range above.`
      : EMPTY_RANGE;
    loadSection(byId('section-heatmap'), () => api('heatmap', query),
      (data) => renderHeatmap(byId('heatmap-chart'), byId('heatmap-box'), byId('heatmap-legend'), data),
      { empty, isEmpty: (data) => data.total === 0 });
    loadSection(byId('section-versions'), () => api('versions', query),
      (data) => renderVersionBoxes(byId('versions-chart'), byId('versions-box'), data, timeZone), { empty });
    loadSection(byId('section-status'), () => api('status', query),
      (data) => renderStatus(byId('status-chart'), byId('failures-table'), byId('failures-none'), data, timeZone),
      { empty });
  }

  loadChoices();
  loadHourly();
  loadRanged();
  loadTopN();
}

async function main() {
  if (!endpoint) {
    showProblem('No endpoint chosen: this page shows one endpoint, named in its address.');
    return;
  }
  showHeader();
  let timeZone;
  try {
    timeZone = (await session).timezone;
  } catch (e) {
    if (e.status !== 401) showProblem(`Could not load this page: ${e.message}`);
    return;
  }
  byId('endpoint-content').hidden = false;
  sections(timeZone);
}

main();
