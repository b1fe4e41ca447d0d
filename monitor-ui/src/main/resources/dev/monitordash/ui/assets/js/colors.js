// One color per name (endpoint, user, version), the same on every page and chart: a hash of the name
// picks the hue, so colors are stable without a stored palette.

function hash(text) {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  // FNV alone moves the hue by only a few degrees when the last character changes (1.4.0 vs 1.4.2):
  // murmur3's finalizer spreads every input bit over the whole result.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The name's hue (0-359), saturation and lightness; lightness stays in 40-52 % so text on white stays readable. */
export function hslFor(name) {
  const h = hash(String(name));
  return { hue: h % 360, saturation: 62, lightness: 40 + ((h >>> 9) % 3) * 6 };
}

export function colorFor(name, alpha = 1) {
  const { hue, saturation, lightness } = hslFor(name);
  return `hsla(${hue}, ${saturation}%, ${lightness}%, ${alpha})`;
}
