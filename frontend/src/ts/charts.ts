// ECharts with only the pieces Sightline draws, shared by the page modules. The SVG renderer keeps
// axis labels and tooltips as text in the page (readable by tests and screen readers); tooltips use
// richText mode, drawn inside the chart, because the HTML tooltip writes style attributes that the
// Content-Security-Policy (style-src 'self') forbids.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  BrushComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  BrushComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type Chart = echarts.ECharts;
export type Option = echarts.EChartsCoreOption;

/** A colour of the page's palette (app.css custom properties), so charts follow light and dark mode. */
function cssColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

// Read when a chart is drawn, after the stylesheet applies.
export const COLOURS = {
  get accent(): string { return cssColour('--accent', '#2563eb'); },
  get critical(): string { return cssColour('--critical', '#dc2626'); },
  get muted(): string { return cssColour('--before', '#6b7280'); },
  get deploy(): string { return cssColour('--deploy', '#6b21a8'); },
  get p95(): string { return cssColour('--p95', '#d97706'); },
};

/** A chart in {@code element}, resized with the window; ECharts' dark theme when the page is dark. */
export function chart(element: HTMLElement, option: Option): Chart {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const instance = echarts.init(element, dark ? 'dark' : null, { renderer: 'svg' });
  instance.setOption({ animation: false, backgroundColor: 'transparent', textStyle: { fontFamily: 'inherit' }, ...option });
  window.addEventListener('resize', () => instance.resize());
  return instance;
}

export const TOOLTIP = { renderMode: 'richText', confine: true } as const;

/** Dragging over the chart selects a range (lineX: along the time axis; rect: a region). */
export function brushOnDrag(instance: Chart, brushType: 'lineX' | 'rect'): void {
  instance.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType, brushMode: 'single' } });
}

/** The JSON answer of a same-origin API path (the session cookie authenticates it). */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Epoch ms as UTC HH:MM:SS, the way the pages write times. */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().substring(11, 19);
}
