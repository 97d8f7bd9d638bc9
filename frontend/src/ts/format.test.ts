import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatNumber, formatPercent, formatRate } from './format';

// The examples issue 11 pins; backend FormatsTest pins the same ones for web/Formats.
describe('formatDuration', () => {
  it('gives three significant digits in the unit that fits', () => {
    expect(formatDuration(890.533)).toBe('891 ms');
    expect(formatDuration(910.938)).toBe('911 ms');
    expect(formatDuration(1200.0)).toBe('1.20 s');
    expect(formatDuration(0.037)).toBe('37 µs');
    expect(formatDuration(12)).toBe('12.0 ms');
    expect(formatDuration(3)).toBe('3.00 ms');
    expect(formatDuration(2_000)).toBe('2.00 s');
    expect(formatDuration(940)).toBe('940 ms');
    expect(formatDuration(150_000)).toBe('2.50 min');
    expect(formatDuration(5_400_000)).toBe('1.50 h');
    expect(formatDuration(0)).toBe('0 ms');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatDuration(0.9996)).toBe('1.00 ms');
    expect(formatDuration(999.6)).toBe('1.00 s');
    expect(formatDuration(59_999)).toBe('1.00 min');
  });

  it('prints odd values readably', () => {
    expect(formatDuration(Number.NaN)).toBe('–');
    expect(formatDuration(-12)).toBe('−12.0 ms');
  });
});

describe('formatRate', () => {
  it('is per second or per minute as fits', () => {
    expect(formatRate(0.011)).toBe('0.66/min');
    expect(formatRate(12.5)).toBe('12.5/s');
    expect(formatRate(3)).toBe('3/s');
    expect(formatRate(1234.5)).toBe('1230/s');
    expect(formatRate(0.0001)).toBe('0.006/min');
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatNumber', () => {
  it('has up to three significant digits', () => {
    expect(formatNumber(47)).toBe('47');
    expect(formatNumber(4 / 3)).toBe('1.33');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('formatCount', () => {
  it('names its noun in the right number', () => {
    expect(formatCount(1, 'service')).toBe('1 service');
    expect(formatCount(2, 'service')).toBe('2 services');
    expect(formatCount(0, 'request')).toBe('0 requests');
    expect(formatCount(1204, 'request')).toBe('1,204 requests');
    expect(formatCount(3, 'query', 'queries')).toBe('3 queries');
  });
});

describe('formatPercent', () => {
  it('is whole from ten percent', () => {
    expect(formatPercent(0.78)).toBe('78 %');
    expect(formatPercent(0.12)).toBe('12 %');
    expect(formatPercent(0.025)).toBe('2.5 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(1)).toBe('100 %');
  });
});
