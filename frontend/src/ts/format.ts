// The numbers the browser prints, by the rules of the server's web/Formats (see its Javadoc):
// durations with three significant digits in the unit that fits, rates per second or per minute,
// counts with their noun in the right number, ratios as percentages. Tests pin the same examples.

const UNIT_MS = [1, 1_000, 60_000, 3_600_000];
const UNIT = ['ms', 's', 'min', 'h'];

/** Three significant digits, trailing zeros kept; whole numbers from 100 up (1234 → "1230"). */
function significant(value: number): string {
  if (value >= 1000) return String(Number(value.toPrecision(3)));
  return value.toPrecision(3);
}

/** Up to three significant digits, trailing zeros dropped. */
function plain(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A duration given in milliseconds: "891 ms", "1.20 s", "37 µs". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0) return `−${formatDuration(-ms)}`;
  if (ms === 0) return '0 ms';
  const micros = Math.round(ms * 1000);
  if (micros < 1000) return `${micros} µs`;
  for (let i = 0; i < UNIT.length; i++) {
    const text = significant(ms / UNIT_MS[i]);
    const last = i === UNIT.length - 1;
    if (last || Number(text) < UNIT_MS[i + 1] / UNIT_MS[i]) return `${text} ${UNIT[i]}`;
  }
  throw new Error('the last unit always fits');
}

/** Events per second: per second from one a second, per minute below ("12.5/s", "0.66/min"). */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '–';
  if (perSecond === 0) return '0/s';
  if (Number(perSecond.toPrecision(3)) >= 1) return `${plain(perSecond)}/s`;
  return `${plain(perSecond * 60)}/min`;
}

/** A plain quantity such as calls per request: up to three significant digits ("47", "1.33"). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 0) return `−${formatNumber(-value)}`;
  return value === 0 ? '0' : plain(value);
}

/** "1 service", "1,204 requests", or the plural given: ("query", "queries"). */
export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** A 0–1 ratio: whole from 10 %, one decimal below ("78 %", "2.5 %"). */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const percent = ratio * 100;
  if (percent === 0) return '0 %';
  if (Math.abs(percent) >= 9.95) return `${Math.round(percent)} %`;
  return `${percent.toFixed(1)} %`;
}
