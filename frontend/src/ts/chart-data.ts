// Pure mappings from the JSON APIs to chart data and URLs: no DOM, no ECharts, unit-tested.

export interface Bucket {
  label: string;
  fromMs: number;
  toMs: number | null;
  count: number;
  share: number;
}

export interface Point {
  at: string;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Heatmap {
  service: string;
  endpoint: string;
  version: string | null;
  from: string;
  to: string;
  stepSeconds: number;
  buckets: Bucket[];
  columns: { at: string; counts: number[] }[];
}

export interface Deploy {
  version: string;
  environment: string;
  at: string;
}

/** The page's URL showing [fromMs, toMs) instead of its window: from/to as ISO-8601, no range. */
export function windowUrl(href: string, fromMs: number, toMs: number): string {
  const url = new URL(href);
  url.searchParams.delete('range');
  url.searchParams.set('from', new Date(Math.floor(fromMs)).toISOString());
  // The window must not be empty: at least a millisecond.
  url.searchParams.set('to', new Date(Math.max(Math.ceil(toMs), Math.floor(fromMs) + 1)).toISOString());
  return url.pathname + url.search;
}

/** Bar heights for the histogram: on a log axis an empty bucket has no bar (log 0 is undefined). */
export function histogramValues(buckets: Bucket[], log: boolean): (number | null)[] {
  return buckets.map((bucket) => (log && bucket.count === 0 ? null : bucket.count));
}

/** The series' points as [epoch ms, value] pairs for a time axis. */
export function timeSeries(points: Point[], value: (point: Point) => number): [number, number][] {
  return points.map((point) => [Date.parse(point.at), value(point)]);
}

/** Error rate of a step in percent, one decimal. */
export function errorPercent(point: Point): number {
  return point.requests === 0 ? 0 : Math.round((point.errors * 1000) / point.requests) / 10;
}

/** A deploy marker's label: its version, and its environment when known. */
export function deployLabel(deploy: Deploy): string {
  return deploy.environment ? `${deploy.version} (${deploy.environment})` : deploy.version;
}

/** Start (epoch ms) of every step of the heatmap's window, oldest first, with or without requests. */
export function heatmapSteps(heatmap: Heatmap): number[] {
  const step = heatmap.stepSeconds * 1000;
  const from = Date.parse(heatmap.from);
  const to = Date.parse(heatmap.to);
  const steps: number[] = [];
  for (let at = Math.floor(from / step) * step; at < to; at += step) {
    steps.push(at);
  }
  return steps;
}

/** The heatmap's non-empty cells as [step index, bucket index, count]. */
export function heatmapCells(heatmap: Heatmap, steps: number[]): [number, number, number][] {
  const index = new Map(steps.map((at, i) => [at, i]));
  const cells: [number, number, number][] = [];
  for (const column of heatmap.columns) {
    const x = index.get(Date.parse(column.at));
    if (x === undefined) continue;
    column.counts.forEach((count, y) => {
      if (count > 0) cells.push([x, y, count]);
    });
  }
  return cells;
}

/**
 * The search for exactly the requests of a heatmap region: steps firstStep…lastStep (indexes into
 * {@link heatmapSteps}) clipped to the window, buckets firstBucket…lastBucket. Search's maxMs is
 * inclusive and rounds to whole nanoseconds, so a bucket's exclusive upper bound becomes 1 ns less.
 */
export function heatmapSearchUrl(
  heatmap: Heatmap,
  steps: number[],
  firstStep: number,
  lastStep: number,
  firstBucket: number,
  lastBucket: number,
): string {
  const clamp = (value: number, most: number) => Math.min(Math.max(Math.round(value), 0), most);
  const [x0, x1] = [clamp(Math.min(firstStep, lastStep), steps.length - 1), clamp(Math.max(firstStep, lastStep), steps.length - 1)];
  const [y0, y1] = [
    clamp(Math.min(firstBucket, lastBucket), heatmap.buckets.length - 1),
    clamp(Math.max(firstBucket, lastBucket), heatmap.buckets.length - 1),
  ];
  // A region reaching an edge of the window keeps the window's own bound, to the nanosecond.
  const end = steps[x1] + heatmap.stepSeconds * 1000;
  const from = steps[x0] <= Date.parse(heatmap.from) ? heatmap.from : new Date(steps[x0]).toISOString();
  const to = end >= Date.parse(heatmap.to) ? heatmap.to : new Date(end).toISOString();
  const search = new URLSearchParams();
  search.set('service', heatmap.service);
  search.set('endpoint', heatmap.endpoint);
  if (heatmap.version) search.set('version', heatmap.version);
  search.set('from', from);
  search.set('to', to);
  search.set('minMs', String(heatmap.buckets[y0].fromMs));
  const upper = heatmap.buckets[y1].toMs;
  if (upper !== null) search.set('maxMs', (upper - 0.000001).toFixed(6));
  search.set('sort', 'duration');
  search.set('limit', '500');
  return `/search?${search.toString()}`;
}

/** A comparison side's legend entry: its version and sample size, such as "1.4.0 (n=120)". */
export function sideName(version: string, requests: number): string {
  return `${version} (n=${requests})`;
}
