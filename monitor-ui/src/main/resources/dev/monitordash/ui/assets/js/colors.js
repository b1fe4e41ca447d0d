// One color per name (endpoint, user, version), the same on every page and chart: a hash of the name
// picks the hue, so colors are stable without a stored palette.

function hash(text) {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function colorFor(name, alpha = 1) {
  const h = hash(String(name));
  const hue = h % 360;
  const lightness = 42 + ((h >>> 9) % 3) * 6;
  return `hsla(${hue}, 62%, ${lightness}%, ${alpha})`;
}
