// Chart type 'boxplot': one box per data item, taken as the API sends it (docs/api.md "Box plots":
// label, count, q1, median, q3, lowerWhisker, upperWhisker, outliers, outlierCount). Built on the bar
// controller, which already places one band per category (grouping, bar thickness, indexAxis); we only
// replace what a bar draws. Horizontal with `indexAxis: 'y'`, vertical otherwise.

import { formatCount, formatMillis } from '../format.js';

/** The tooltip text of a box: "median · IQR q1–q3 · whiskers · n=count · k outliers". */
export function describeBox(box) {
  const outliers = box.outlierCount ?? box.outliers?.length ?? 0;
  return `median ${formatMillis(box.median)}`
    + ` · IQR ${formatMillis(box.q1)}–${formatMillis(box.q3)}`
    + ` · whiskers ${formatMillis(box.lowerWhisker)}–${formatMillis(box.upperWhisker)}`
    + ` · n=${formatCount(box.count)}`
    + ` · ${formatCount(outliers)} ${outliers === 1 ? 'outlier' : 'outliers'}`;
}

/** The values a box shows on its value scale: whiskers, box and outlier points. */
function shownValues(box) {
  return [box.lowerWhisker, box.q1, box.median, box.q3, box.upperWhisker, ...(box.outliers || [])]
    .filter((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The box plot controller and its element, built on the Chart.js classes of the page. */
export function boxPlotChartType(Chart) {
  class BoxAndWhiskers extends Chart.Element {
    static id = 'boxAndWhiskers';

    static defaults = {
      backgroundColor: 'rgba(33, 102, 172, 0.35)',
      borderColor: 'rgb(33, 102, 172)',
      borderWidth: 1,
      medianWidth: 2,
      outlierRadius: 2.5,
    };

    draw(ctx) {
      const { options: o } = this;
      ctx.save();
      ctx.lineWidth = o.borderWidth;
      ctx.strokeStyle = o.borderColor;
      ctx.fillStyle = o.backgroundColor;
      this.drawWhiskers(ctx);
      const [boxLow, boxHigh] = [Math.min(this.q1, this.q3), Math.max(this.q1, this.q3)];
      const half = this.thickness / 2;
      ctx.beginPath();
      this.rect(ctx, boxLow, this.center - half, boxHigh - boxLow, this.thickness);
      ctx.fill();
      if (o.borderWidth > 0) ctx.stroke();
      ctx.lineWidth = o.medianWidth;
      this.line(ctx, this.median, this.center - half, this.median, this.center + half);
      ctx.lineWidth = 1;
      for (const value of this.outliers) {
        ctx.beginPath();
        const [x, y] = this.point(value, this.center);
        ctx.arc(x, y, o.outlierRadius, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
    }

    drawWhiskers(ctx) {
      const cap = this.thickness / 4;
      this.line(ctx, this.lowerWhisker, this.center, Math.min(this.q1, this.q3), this.center);
      this.line(ctx, Math.max(this.q1, this.q3), this.center, this.upperWhisker, this.center);
      this.line(ctx, this.lowerWhisker, this.center - cap, this.lowerWhisker, this.center + cap);
      this.line(ctx, this.upperWhisker, this.center - cap, this.upperWhisker, this.center + cap);
    }

    // Drawing helpers take (value pixel, index pixel) and swap them for vertical boxes.
    point(value, across) {
      return this.horizontal ? [value, across] : [across, value];
    }

    line(ctx, v1, a1, v2, a2) {
      ctx.beginPath();
      ctx.moveTo(...this.point(v1, a1));
      ctx.lineTo(...this.point(v2, a2));
      ctx.stroke();
    }

    rect(ctx, value, across, length, thickness) {
      const [x, y] = this.point(value, across);
      if (this.horizontal) ctx.rect(x, y, length, thickness);
      else ctx.rect(x, y, thickness, length);
    }

    /** The value-axis pixels the element covers: whisker to whisker, and its outlier points. */
    valueExtent() {
      const values = [this.lowerWhisker, this.upperWhisker, ...this.outliers].filter(Number.isFinite);
      const pad = this.options.outlierRadius + 1;
      return [Math.min(...values) - pad, Math.max(...values) + pad];
    }

    inRange(mouseX, mouseY, useFinalPosition) {
      return this.inXRange(mouseX, useFinalPosition) && this.inYRange(mouseY, useFinalPosition);
    }

    inXRange(mouseX) {
      return this.horizontal ? this.inValueRange(mouseX) : Math.abs(mouseX - this.center) <= this.thickness / 2;
    }

    inYRange(mouseY) {
      return this.horizontal ? Math.abs(mouseY - this.center) <= this.thickness / 2 : this.inValueRange(mouseY);
    }

    inValueRange(pixel) {
      const [low, high] = this.valueExtent();
      return pixel >= low && pixel <= high;
    }

    getCenterPoint() {
      return { x: this.x, y: this.y };
    }

    getRange(axis) {
      return (axis === 'x') === this.horizontal ? 0 : this.thickness / 2;
    }
  }

  class BoxPlotController extends Chart.BarController {
    static id = 'boxplot';

    static defaults = {
      dataElementType: 'boxAndWhiskers',
      categoryPercentage: 0.8,
      barPercentage: 0.7,
    };

    static overrides = {
      scales: {
        _index_: { type: 'category', offset: true, grid: { offset: true } },
        _value_: { type: 'linear', beginAtZero: false },
      },
      // Boxes are named on the category axis; a dataset legend would say nothing.
      plugins: { legend: { display: false } },
    };

    parseObjectData(meta, data, start, count) {
      const { iScale, vScale } = meta;
      const parsed = [];
      for (let i = start; i < start + count; i++) {
        const box = data[i];
        parsed.push({ [iScale.axis]: iScale.parse(box.label, i), [vScale.axis]: box.median, box });
      }
      return parsed;
    }

    // The value scale fits whiskers and outlier points, not only the medians the bar parse keeps.
    updateRangeFromParsed(range, scale, parsed, stack) {
      if (scale !== this._cachedMeta.vScale) {
        super.updateRangeFromParsed(range, scale, parsed, stack);
        return;
      }
      const positiveOnly = scale.type === 'logarithmic';
      for (const value of shownValues(parsed.box)) {
        if (positiveOnly && value <= 0) continue;
        range.min = Math.min(range.min, value);
        range.max = Math.max(range.max, value);
      }
    }

    updateElements(elements, start, count, mode) {
      const { vScale } = this._cachedMeta;
      const horizontal = vScale.isHorizontal();
      const ruler = this._getRuler();
      // A log scale has no pixel for 0 or less: such values sit at the scale's start.
      const pixel = (v) => vScale.getPixelForValue(vScale.type === 'logarithmic' && v <= 0 ? vScale.min : v);
      for (let i = start; i < start + count; i++) {
        const { box } = this.getParsed(i);
        const across = this._calculateBarIndexPixels(i, ruler);
        const median = pixel(box.median);
        this.updateElement(elements[i], i, {
          horizontal,
          center: across.center,
          thickness: across.size,
          x: horizontal ? median : across.center,
          y: horizontal ? across.center : median,
          q1: pixel(box.q1),
          median,
          q3: pixel(box.q3),
          lowerWhisker: pixel(box.lowerWhisker),
          upperWhisker: pixel(box.upperWhisker),
          outliers: (box.outliers || []).filter(Number.isFinite).map(pixel),
          options: this.resolveDataElementOptions(i, elements[i].active ? 'active' : mode),
        }, mode);
      }
    }

    // The legend asks for the style of item 0 even when hidden and even without items; a page's
    // scriptable color (ctx.raw…) has no item to read then, so an empty dataset gets the defaults.
    getStyle(index, active) {
      if (this.getDataset().data.length === 0) return Chart.defaults.elements[BoxAndWhiskers.id];
      return super.getStyle(index, active);
    }

    getLabelAndValue(index) {
      const { box } = this.getParsed(index);
      return { label: String(box.label), value: describeBox(box) };
    }
  }

  return [BoxPlotController, BoxAndWhiskers];
}
