// Top-N answers (users, client addresses): the name shown for a group without one, and the sentence that
// says how many groups the selection left out (the seed's future work: never hide without saying so).

import { formatCount } from '../format.js';

export const USERS = { one: 'user', many: 'users', none: '(no user)' };
export const ADDRESSES = { one: 'client address', many: 'client addresses', none: '(no address)' };

/** A group's display name: requests without a user or address are grouped under null. */
export function groupName(name, nouns) {
  return name === null || name === undefined ? nouns.none : String(name);
}

/** "37 more users not shown; users behind outlier points are always shown." or "All 4 users shown." */
export function hiddenText(hidden, shown, nouns) {
  if (hidden > 0) {
    return `${formatCount(hidden)} more ${hidden === 1 ? nouns.one : nouns.many} not shown; `
      + `${nouns.many} behind outlier points are always shown.`;
  }
  return shown === 1 ? `The only ${nouns.one} is shown.` : `All ${formatCount(shown)} ${nouns.many} shown.`;
}
