// Chart type 'matrix' (heatmaps): a cell per {x, y, v} data item that fills the band of its x and y
// categories. Chart.js has no such type and no webjar of the chartjs-chart-matrix plugin exists, so this
// is a small controller of our own. Labels are strings (Chart.js reads a number as a category index);
// their order comes from `data.labels` (x) / `data.yLabels` or `scales.<axis>.labels` when given, else
// from first appearance.

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** The matrix controller and its cell element, built on the Chart.js classes of the page. */
export function matrixChartType(Chart) {
  class MatrixCell extends Chart.Element {
    static id = 'matrixCell';

    static defaults = {
      backgroundColor: 'rgba(33, 102, 172, 0.5)',
      borderColor: '#1f2933',
      borderWidth: 0,
      hoverBorderWidth: 2,
    };

    draw(ctx) {
      const { x, y, width, height, options } = this;
      ctx.save();
      ctx.fillStyle = options.backgroundColor;
      ctx.fillRect(x - width / 2, y - height / 2, width, height);
      if (options.borderWidth > 0) {
        ctx.lineWidth = options.borderWidth;
        ctx.strokeStyle = options.borderColor;
        // The stroke stays inside the cell, so a hovered cell does not paint over its neighbours.
        const inset = options.borderWidth / 2;
        ctx.strokeRect(x - width / 2 + inset, y - height / 2 + inset, width - 2 * inset, height - 2 * inset);
      }
      ctx.restore();
    }

    inRange(mouseX, mouseY, useFinalPosition) {
      return this.inXRange(mouseX, useFinalPosition) && this.inYRange(mouseY, useFinalPosition);
    }

    inXRange(mouseX, useFinalPosition) {
      const { x, width } = this.getProps(['x', 'width'], useFinalPosition);
      return Math.abs(mouseX - x) <= width / 2;
    }

    inYRange(mouseY, useFinalPosition) {
      const { y, height } = this.getProps(['y', 'height'], useFinalPosition);
      return Math.abs(mouseY - y) <= height / 2;
    }

    getCenterPoint(useFinalPosition) {
      const { x, y } = this.getProps(['x', 'y'], useFinalPosition);
      return { x, y };
    }

    getRange(axis) {
      return axis === 'x' ? this.width / 2 : this.height / 2;
    }
  }

  class MatrixController extends Chart.DatasetController {
    static id = 'matrix';

    static defaults = {
      dataElementType: 'matrixCell',
      datasetElementType: false,
      gap: 1, // pixels between neighbouring cells
    };

    static overrides = {
      scales: {
        x: { type: 'category', offset: true, grid: { display: false } },
        y: { type: 'category', offset: true, grid: { display: false } },
      },
      // Cells are colored by their value, not by dataset: a dataset legend would say nothing.
      plugins: { legend: { display: false } },
    };

    initialize() {
      // Both axes are categories, and Chart.js gives both data.labels unless an axis has its own list:
      // x keeps data.labels as in any Chart.js chart, y gets data.yLabels.
      const data = this.chart.data;
      data.yLabels = data.yLabels || [];
      super.initialize();
    }

    update(mode) {
      const meta = this._cachedMeta;
      this.updateElements(meta.data, 0, meta.data.length, mode);
    }

    updateElements(cells, start, count, mode) {
      const { xScale, yScale } = this._cachedMeta;
      const gap = Math.max(0, this.options.gap || 0);
      for (let i = start; i < start + count; i++) {
        const parsed = this.getParsed(i);
        const [left, right] = band(xScale, parsed.x);
        const [top, bottom] = band(yScale, parsed.y);
        this.updateElement(cells[i], i, {
          x: (left + right) / 2,
          y: (top + bottom) / 2,
          width: Math.max(0, right - left - gap),
          height: Math.max(0, bottom - top - gap),
          options: this.resolveDataElementOptions(i, cells[i].active ? 'active' : mode),
        }, mode);
      }
    }

    // The legend asks for the style of item 0 even when hidden and even without items; a page's
    // scriptable color (ctx.raw.v) has no item to read then, so an empty dataset gets the defaults.
    getStyle(index, active) {
      if (this.getDataset().data.length === 0) return Chart.defaults.elements[MatrixCell.id];
      return super.getStyle(index, active);
    }

    // Tooltip: title "<y> · <x>", label the value (the usual tooltip callbacks can replace either).
    getLabelAndValue(index) {
      const raw = this.getDataset().data[index];
      return { label: `${raw.y} · ${raw.x}`, value: numbers.format(raw.v) };
    }
  }

  return [MatrixController, MatrixCell];
}

/** The pixel interval [low, high] of a category's band on a scale (needs the scale's offset). */
function band(scale, index) {
  const a = scale.getPixelForValue(index - 0.5);
  const b = scale.getPixelForValue(index + 0.5);
  return a < b ? [a, b] : [b, a];
}
