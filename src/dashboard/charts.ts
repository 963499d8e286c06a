/**
 * Charts (Chart.js, bundled with the page): coverage bars per framework and the coverage trend.
 * Each canvas is an image with a text summary for screen readers; the table beside it carries
 * the same numbers. No animation: the page does not move once the data is there.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import type { FrameworkCoverage, Snapshot } from './queries.js';
import { day, percent } from './words.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Colours of the statuses (also used by the page's CSS), told apart by lightness too. */
export const COLOURS = { covered: '#1a7f37', partial: '#d4a72c', uncovered: '#cf222e', notApplicable: '#8c959f' };

const charts = new WeakMap<HTMLCanvasElement, { destroy(): void }>();

function draw<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>): void {
  charts.get(canvas)?.destroy();
  charts.set(canvas, new Chart(canvas, config));
}

/** Stacked horizontal bars: covered, partial, uncovered and not applicable leaves of each framework. */
export function coverageBars(canvas: HTMLCanvasElement, frameworks: FrameworkCoverage[]): void {
  canvas.setAttribute(
    'aria-label',
    `Bar chart of requirements per framework by status. ${frameworks.map((f) => `${f.framework.name}: ${f.covered} of ${f.total} covered (${percent(f.coverageRatio)})`).join('; ')}. The table below has the same numbers.`,
  );
  const series = (label: string, key: 'covered' | 'partial' | 'uncovered' | 'notApplicable') => ({
    label,
    data: frameworks.map((f) => f[key]),
    backgroundColor: COLOURS[key],
    stack: 'leaves',
  });
  draw(canvas, {
    type: 'bar',
    data: {
      labels: frameworks.map((f) => f.framework.name),
      datasets: [series('Covered', 'covered'), series('Partly covered', 'partial'), series('Not covered', 'uncovered'), series('Not applicable', 'notApplicable')],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: true, title: { display: true, text: 'Requirements (leaves)' } }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

/** The coverage ratio of the recorded snapshots over time. */
export function trendLine(canvas: HTMLCanvasElement, frameworkName: string, snapshots: Snapshot[]): void {
  const first = snapshots[0];
  const last = snapshots.at(-1);
  canvas.setAttribute(
    'aria-label',
    first && last
      ? `Line chart of the coverage ratio of ${frameworkName}: ${snapshots.length} snapshots from ${day(first.at)} (${percent(first.summary.coverageRatio)}) to ${day(last.at)} (${percent(last.summary.coverageRatio)}). The table below has every snapshot.`
      : `No snapshots of ${frameworkName}.`,
  );
  draw(canvas, {
    type: 'line',
    data: {
      labels: snapshots.map((s) => new Date(s.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })),
      datasets: [
        {
          label: 'Coverage ratio (%)',
          data: snapshots.map((s) => (s.summary.coverageRatio === null ? null : Math.round(s.summary.coverageRatio * 1000) / 10)),
          borderColor: COLOURS.covered,
          backgroundColor: COLOURS.covered,
          spanGaps: true,
        },
      ],
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: '% of applicable leaves covered' } } },
      plugins: { legend: { display: false } },
    },
  });
}
