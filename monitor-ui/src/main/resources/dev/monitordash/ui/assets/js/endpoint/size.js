// The endpoint page's chart boxes grow with their rows.

/**
 * Sets the height of a chart's box from its number of rows (boxes, bubble rows), so that a chart of
 * three users is not stretched and one of a hundred stays readable.
 */
export function fitHeight(box, rows, { perRow = 34, extra = 70, min = 160 } = {}) {
  box.style.height = `${Math.max(min, rows * perRow + extra)}px`;
}
