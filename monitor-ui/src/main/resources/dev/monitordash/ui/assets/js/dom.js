// Building DOM without markup: text always goes in through textContent / text nodes, so a value from a
// request or the database (an endpoint name, a user name) can never become HTML.

/**
 * el('td', {className: 'num', text: '42'}, child, ...): an element with properties and children.
 * Strings among the children become text nodes. Attributes are set with setAttribute (never parsed).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content with the given nodes. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** Shows a message in an element (as text) and unhides it; null hides it. */
export function showMessage(node, message) {
  node.textContent = message ?? '';
  node.hidden = !message;
}

/**
 * Text that may wrap before the given separators (route and class names have no spaces): text nodes
 * with <wbr> elements between them, so it stays text, and copies without extra characters.
 */
export function breakable(text, separators = '/.#') {
  const nodes = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    if (separators.includes(text[i]) && i > start) {
      nodes.push(text.slice(start, i), document.createElement('wbr'));
      start = i;
    }
  }
  nodes.push(text.slice(start));
  return nodes;
}
