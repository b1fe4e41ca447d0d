// Run by ChartExtensionsBrowserTest through executeAsyncScript on a dashboard page (its origin, so the
// CSP allows the module imports). Loads Chart.js and our chart modules, offers small helpers, then runs
// the test's body (put in place of the marker below, as the body of an async function of `h`: the CSP
// forbids eval, so it cannot come as a string) and hands back its result as JSON.
const done = arguments[arguments.length - 1];
(async () => {
  if (typeof window.Chart !== 'function') {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'assets/vendor/chart.umd.js';
      script.onload = resolve;
      script.onerror = () => reject(new Error('chart.umd.js did not load'));
      document.head.append(script);
    });
  }
  const module = (path) => import(new URL(path, document.baseURI).href);
  const charts = await module('assets/js/charts/charts.js');
  const heat = await module('assets/js/charts/heat.js');
  const boxplot = await module('assets/js/charts/boxplot.js');
  const colors = await module('assets/js/colors.js');
  const timeAxis = await module('assets/js/charts/time-axis.js');
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const h = {
    charts, heat, boxplot, colors, timeAxis, frames,
    Chart: charts.chartJs(),
    /** A fixed-size, white box on top of the page with a canvas in it. */
    canvas(width, height) {
      document.getElementById('chart-test-box')?.remove();
      const box = document.createElement('div');
      box.id = 'chart-test-box';
      Object.assign(box.style, {
        position: 'fixed', left: '0', top: '0', width: `${width}px`, height: `${height}px`,
        background: '#fff', zIndex: '1000',
      });
      const canvas = document.createElement('canvas');
      box.append(canvas);
      document.body.append(box);
      return canvas;
    },
    /** [r, g, b, a] of the canvas pixel at CSS pixel (x, y). */
    pixel(chart, x, y) {
      const ratio = chart.currentDevicePixelRatio;
      return Array.from(chart.ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data);
    },
    /** Moves the mouse to (x, y) on the chart and returns the tooltip's title and body lines. */
    async hover(chart, x, y) {
      const rect = chart.canvas.getBoundingClientRect();
      chart.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: rect.left + x, clientY: rect.top + y, bubbles: true }));
      await frames(); // Chart.js handles events on the next animation frame
      const tooltip = chart.tooltip;
      return {
        active: chart.getActiveElements().map((a) => a.index),
        title: tooltip.title || [],
        body: (tooltip.body || []).flatMap((b) => b.lines),
      };
    },
  };
  const run = async (h) => {
    /* TEST BODY */
  };
  return run(h);
})().then((result) => done(JSON.stringify(result ?? null)), (e) => done(JSON.stringify({ error: String((e && e.stack) || e) })));
