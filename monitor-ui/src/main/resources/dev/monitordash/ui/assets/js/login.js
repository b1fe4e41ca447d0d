// The login form: posts the credentials as JSON and, on success, goes to the page the user asked for.

import { sendJson } from './api.js';
import { showMessage } from './dom.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
const submit = document.getElementById('login-submit');

// Only one of our page names is followed, so a crafted link cannot send the user elsewhere.
function nextPage() {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^[a-z][a-z-]*$/.test(next) ? next : './';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showMessage(error, null);
  submit.disabled = true;
  try {
    await sendJson('POST', 'api/login', {
      username: form.elements.username.value,
      password: form.elements.password.value,
    });
    window.location.assign(nextPage());
  } catch (e) {
    showMessage(error, e.message);
    form.elements.password.value = '';
    form.elements.password.focus();
    submit.disabled = false;
  }
});
