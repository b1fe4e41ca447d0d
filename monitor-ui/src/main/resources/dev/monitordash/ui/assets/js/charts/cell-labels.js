// A Chart.js plugin for 'matrix' charts: writes each cell's value into the cell, when it fits, in dark
// text on light cells and white text on dark ones. For heatmaps with few, wide cells (versions ×
// endpoints), where reading a number beats guessing a shade.

const DARK_TEXT = '#1d2329';
const LIGHT_TEXT = '#ffffff';
const PADDING = 4;

/** Relative luminance of an "rgb(r, g, b)" color; 1 (light) when it cannot be read. */
function luminance(color) {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(String(color));
  if (!match) return 1;
  const [r, g, b] = match.slice(1, 4).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The plugin; `format(raw)` gives a cell's text from its data item, e.g. (c) => formatShare(c.v). */
export function matrixCellLabels(format) {
  return {
    id: 'matrixCellLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = `12px ${chart.options.font?.family ?? 'sans-serif'}`;
      chart.data.datasets.forEach((dataset, i) => {
        const meta = chart.getDatasetMeta(i);
        if (meta.type !== 'matrix' || !chart.isDatasetVisible(i)) return;
        meta.data.forEach((cell, index) => {
          const text = format(dataset.data[index]);
          if (ctx.measureText(text).width + 2 * PADDING > cell.width || cell.height < 14) return;
          ctx.fillStyle = luminance(cell.options.backgroundColor) > 0.35 ? DARK_TEXT : LIGHT_TEXT;
          ctx.fillText(text, cell.x, cell.y);
        });
      });
      ctx.restore();
    },
  };
}
