// The value axis of execution-time box plots (the performance page's endpoints, the endpoint page's
// versions and users). Times are skewed: a handful of multi-second stalls beside millisecond requests
// squeeze every box flat on a linear axis, so above a spread of LOG_SCALE_RATIO the axis turns
// logarithmic and labels only its 1-2-5 steps.

import { formatMillis } from '../format.js';
import { GRID } from './draw.js';

/** Above this ratio of slowest to fastest shown time a linear axis squeezes the fast boxes flat. */
export const LOG_SCALE_RATIO = 100;

/** Whether the boxes' shown times (whiskers and outliers above zero) span more than LOG_SCALE_RATIO. */
export function needsLogScale(boxes) {
  const values = boxes.flatMap((b) => [b.lowerWhisker, b.upperWhisker, ...b.outliers]).filter((v) => v > 0);
  return Math.max(...values) / Math.min(...values) > LOG_SCALE_RATIO;
}

/** 1, 2 or 5 times a power of ten: the only labels a log axis has room for. */
function isRoundStep(value) {
  const lead = value / 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5].some((step) => Math.abs(lead - step) < 1e-9);
}

/** Chart.js options of the time axis for these boxes: logarithmic when needsLogScale, else linear. */
export function timeAxis(boxes) {
  const logarithmic = needsLogScale(boxes);
  return {
    type: logarithmic ? 'logarithmic' : 'linear',
    title: { display: true, text: logarithmic ? 'Execution time (logarithmic)' : 'Execution time' },
    grid: GRID,
    ticks: {
      maxRotation: 0,
      autoSkip: !logarithmic, // a log axis labels only its 1-2-5 steps; skipping could drop those
      callback: (value) => (!logarithmic || isRoundStep(value) ? formatMillis(value) : ''),
    },
  };
}
