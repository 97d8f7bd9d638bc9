import { describe, expect, it } from 'vitest';
import {
  type Bucket,
  type Heatmap,
  deployLabel,
  errorPercent,
  heatmapCells,
  heatmapSearchUrl,
  heatmapSteps,
  histogramValues,
  sideName,
  timeSeries,
  windowUrl,
} from './chart-data';

const buckets: Bucket[] = [
  { label: '0–10 ms', fromMs: 0, toMs: 10, count: 4, share: 0.4 },
  { label: '10–25 ms', fromMs: 10, toMs: 25, count: 0, share: 0 },
  { label: '2 s+', fromMs: 2000, toMs: null, count: 6, share: 0.6 },
];

// A window of 10:00:30 to 10:03:20 in one-minute steps: the first and last steps stick out of it.
const heatmap: Heatmap = {
  service: 'checkout',
  endpoint: 'POST /checkout',
  version: null,
  from: '2026-01-01T10:00:30.123456789Z',
  to: '2026-01-01T10:03:20Z',
  stepSeconds: 60,
  buckets,
  columns: [
    { at: '2026-01-01T10:00:00Z', counts: [1, 0, 0] },
    { at: '2026-01-01T10:02:00Z', counts: [0, 2, 3] },
  ],
};

describe('windowUrl', () => {
  it('replaces the range with from and to, keeping the other parameters', () => {
    expect(windowUrl('http://x/endpoints?service=a&range=1h&endpoint=GET%20%2F', Date.UTC(2026, 0, 1, 10), Date.UTC(2026, 0, 1, 11))).toBe(
      '/endpoints?service=a&endpoint=GET+%2F&from=2026-01-01T10%3A00%3A00.000Z&to=2026-01-01T11%3A00%3A00.000Z',
    );
  });

  it('never gives an empty window', () => {
    const url = new URL(windowUrl('http://x/e?from=a&to=b', 1000.4, 1000.4), 'http://x');
    expect(url.searchParams.get('from')).toBe('1970-01-01T00:00:01.000Z');
    expect(url.searchParams.get('to')).toBe('1970-01-01T00:00:01.001Z');
  });
});

describe('histogramValues', () => {
  it('keeps counts on a linear axis and drops empty buckets on a log axis', () => {
    expect(histogramValues(buckets, false)).toEqual([4, 0, 6]);
    expect(histogramValues(buckets, true)).toEqual([4, null, 6]);
  });
});

describe('series mapping', () => {
  const point = { at: '2026-01-01T10:00:00Z', requests: 3, errors: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3 };

  it('pairs epoch milliseconds with the chosen value', () => {
    expect(timeSeries([point], (p) => p.p95Ms)).toEqual([[Date.UTC(2026, 0, 1, 10), 2]]);
  });

  it('gives the error rate in percent with one decimal', () => {
    expect(errorPercent(point)).toBe(33.3);
    expect(errorPercent({ ...point, requests: 0, errors: 0 })).toBe(0);
  });

  it('labels a deploy with its version and environment', () => {
    expect(deployLabel({ version: '1.5.0', environment: 'prod', at: '' })).toBe('1.5.0 (prod)');
    expect(deployLabel({ version: '1.5.0', environment: '', at: '' })).toBe('1.5.0');
  });
});

describe('heatmap', () => {
  const steps = heatmapSteps(heatmap);

  it('has a step for every minute the window touches, empty or not', () => {
    expect(steps.map((at) => new Date(at).toISOString().substring(11, 16))).toEqual(['10:00', '10:01', '10:02', '10:03']);
  });

  it('places each non-empty count at its step and bucket', () => {
    expect(heatmapCells(heatmap, steps)).toEqual([
      [0, 0, 1],
      [2, 1, 2],
      [2, 2, 3],
    ]);
  });

  it('searches the region’s steps and buckets, 1 ns below the exclusive upper bound', () => {
    const url = new URL(heatmapSearchUrl(heatmap, steps, 2, 1, 1, 0), 'http://x');
    expect(url.pathname).toBe('/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: 'checkout',
      endpoint: 'POST /checkout',
      from: '2026-01-01T10:01:00.000Z',
      to: '2026-01-01T10:03:00.000Z',
      minMs: '0',
      maxMs: '24.999999',
      sort: 'duration',
      limit: '500',
    });
  });

  it('keeps the window’s own bounds at its edges and leaves the open bucket without maxMs', () => {
    const url = new URL(heatmapSearchUrl({ ...heatmap, version: '1.5.0' }, steps, -1, 9, 2, 2), 'http://x');
    expect(url.searchParams.get('from')).toBe('2026-01-01T10:00:30.123456789Z');
    expect(url.searchParams.get('to')).toBe('2026-01-01T10:03:20Z');
    expect(url.searchParams.get('minMs')).toBe('2000');
    expect(url.searchParams.has('maxMs')).toBe(false);
    expect(url.searchParams.get('version')).toBe('1.5.0');
  });
});

describe('sideName', () => {
  it('shows the version with its sample size', () => {
    expect(sideName('1.4.0', 120)).toBe('1.4.0 (n=120)');
  });
});
