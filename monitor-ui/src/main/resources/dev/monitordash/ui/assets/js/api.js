// The dashboard's JSON API, relative to the page (pages live directly under the dashboard path), so it
// works under any context path. State changes carry the session's CSRF token in X-CSRF-Token. Every
// successful answer is shown to partial.js, which tells the user when its figures are partial.

import { noteAnswer, PARTIAL_HEADER } from './partial.js';

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  // The pages are served with Referrer-Policy: no-referrer, under which a browser may send "Origin: null"
  // even to its own site; 'same-origin' lets it name our origin to us (and to nobody else), which the
  // login's cross-site check needs in browsers without Sec-Fetch-Site.
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'The application did not answer. Is it running?');
  }
  if (response.status === 401 && !path.endsWith('api/login')) {
    // Session expired or logged out elsewhere: back to the login page, then here again.
    const page = document.body.dataset.page;
    window.location.assign(page ? `login?next=${encodeURIComponent(page)}` : 'login');
    throw new ApiError(401, 'Your session has ended. Please log in again.');
  }
  const isJson = (response.headers.get('Content-Type') || '').startsWith('application/json');
  const data = isJson ? await response.json() : null;
  if (!response.ok) {
    const message = data && typeof data.error === 'string' ? data.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  if (method === 'GET') noteAnswer(path, response.headers.get(PARTIAL_HEADER), data);
  return data;
}

export function getJson(path) {
  return request('GET', path);
}

export function sendJson(method, path, body) {
  return request(method, path, body);
}
