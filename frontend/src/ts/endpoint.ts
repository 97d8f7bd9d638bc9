// The endpoint page's charts, drawn from the JSON APIs over the server-rendered numbers: the
// latency histogram (linear or log count axis), requests and error rate, p50/p95/p99 with labelled
// deploy markers, and the heatmap. Dragging across a time chart reloads the page for that window
// (every chart and number follows the URL); a region of the heatmap opens the search for its requests.
import {
  type Bucket,
  type Deploy,
  type Heatmap,
  type Point,
  deployLabel,
  errorPercent,
  heatmapCells,
  heatmapSearchUrl,
  heatmapSteps,
  histogramValues,
  timeSeries,
  windowUrl,
} from './chart-data';
import { COLOURS, type Chart, TOOLTIP, brushOnDrag, chart, getJson, utcTime } from './charts';

interface Latency {
  buckets: Bucket[];
  series: Point[];
}

const section = document.querySelector<HTMLElement>('section.charts');
if (section) draw(section).catch((error: unknown) => unavailable(section, error));

// The numbers are on the page already; say why the charts are missing rather than fail silently.
function unavailable(section: HTMLElement, error: unknown): void {
  const message = document.createElement('p');
  message.className = 'error';
  message.textContent = `Charts unavailable: ${error instanceof Error ? error.message : String(error)}`;
  section.prepend(message);
}

async function draw(section: HTMLElement): Promise<void> {
  const { service, endpoint, from, to, version } = section.dataset;
  const query = new URLSearchParams({ service: service ?? '', endpoint: endpoint ?? '', from: from ?? '', to: to ?? '' });
  if (version) query.set('version', version);
  const [latency, heatmap, deploys] = await Promise.all([
    getJson<Latency>(`/api/v1/latency?${query}`),
    getJson<Heatmap>(`/api/v1/latency/heatmap?${query}`),
    getJson<{ deploys: Deploy[] }>(`/api/v1/deploys?${new URLSearchParams({ service: service ?? '', from: from ?? '', to: to ?? '' })}`),
  ]);
  const window = [Date.parse(from ?? ''), Date.parse(to ?? '')] as const;
  histogram(section, latency.buckets);
  const markers = deploys.deploys.map((deploy) => ({ xAxis: Date.parse(deploy.at), name: deployLabel(deploy) }));
  zoomOnBrush(requestsChart(section.querySelector('.requests-chart')!, latency.series, window, markers));
  zoomOnBrush(percentilesChart(section.querySelector('.latency-chart')!, latency.series, window, markers));
  heatmapChart(section.querySelector('.heatmap-chart')!, heatmap);
  section.classList.add('drawn');
}

function histogram(section: HTMLElement, buckets: Bucket[]): void {
  const toggle = section.querySelector<HTMLInputElement>('input[name=log]');
  const instance = chart(section.querySelector('.histogram-chart')!, {});
  const render = () => {
    const log = toggle?.checked ?? false;
    instance.setOption(
      {
        grid: { left: 64, right: 16, top: 24, bottom: 48 },
        tooltip: { ...TOOLTIP, trigger: 'axis', formatter: (items: { dataIndex: number }[]) => bucketTip(buckets[items[0].dataIndex]) },
        xAxis: { type: 'category', name: 'duration', nameLocation: 'middle', nameGap: 30, data: buckets.map((b) => b.label) },
        yAxis: log
          ? { type: 'log', name: 'requests (log)', min: 1 }
          : { type: 'value', name: 'requests', minInterval: 1 },
        // On a log axis bars start at 1, so a bucket of one request needs a minimum height to show.
        series: [{ type: 'bar', name: 'requests', data: histogramValues(buckets, log), barMinHeight: log ? 3 : 0, itemStyle: { color: COLOURS.accent } }],
      },
      { replaceMerge: ['yAxis'] },
    );
  };
  render();
  toggle?.addEventListener('change', render);
  // A click in a bucket's column opens the search for its range, as the table's links do.
  const links = section.querySelectorAll<HTMLAnchorElement>('table.buckets a');
  instance.getZr().on('click', (event) => {
    const point = [event.offsetX, event.offsetY];
    if (!instance.containPixel({ gridIndex: 0 }, point)) return;
    const [index] = instance.convertFromPixel({ gridIndex: 0 }, point) as number[];
    const link = links[Math.round(index)];
    if (link) location.assign(link.href);
  });
}

function bucketTip(bucket: Bucket): string {
  return `${bucket.label}\n${bucket.count} requests (${(bucket.share * 100).toFixed(1)} %)`;
}

type Marker = { xAxis: number; name: string };

function timeAxes(window: readonly [number, number]) {
  return {
    grid: { left: 64, right: 64, top: 40, bottom: 32 },
    xAxis: { type: 'time', min: window[0], max: window[1], axisLabel: { hideOverlap: true } },
    brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', transformable: false },
  };
}

// Vertical lines at the deploys, labelled with their versions.
function deployLines(markers: Marker[]) {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: COLOURS.deploy, type: 'dashed' },
    label: { formatter: '{b}', position: 'insideEndTop', color: COLOURS.deploy },
    data: markers,
  };
}

function axisTip(unit: (series: string) => string) {
  return (items: { value: [number, number]; seriesName: string }[]) =>
    [`${utcTime(items[0].value[0])} UTC`, ...items.map((item) => `${item.seriesName}: ${item.value[1]}${unit(item.seriesName)}`)].join('\n');
}

function requestsChart(element: HTMLElement, series: Point[], window: readonly [number, number], markers: Marker[]): Chart {
  return chart(element, {
    ...timeAxes(window),
    legend: { top: 0 },
    tooltip: { ...TOOLTIP, trigger: 'axis', formatter: axisTip((name) => (name === 'error rate' ? ' %' : '')) },
    yAxis: [
      { type: 'value', name: 'requests', minInterval: 1 },
      { type: 'value', name: 'error %', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'requests', data: timeSeries(series, (p) => p.requests), itemStyle: { color: '#93b4f5' }, markLine: deployLines(markers) },
      { type: 'line', name: 'error rate', yAxisIndex: 1, data: timeSeries(series, errorPercent), itemStyle: { color: COLOURS.critical } },
    ],
  });
}

function percentilesChart(element: HTMLElement, series: Point[], window: readonly [number, number], markers: Marker[]): Chart {
  return chart(element, {
    ...timeAxes(window),
    legend: { top: 0 },
    tooltip: { ...TOOLTIP, trigger: 'axis', formatter: axisTip(() => ' ms') },
    yAxis: { type: 'value', name: 'ms' },
    series: [
      { type: 'line', name: 'p50', data: timeSeries(series, (p) => p.p50Ms), itemStyle: { color: COLOURS.accent }, markLine: deployLines(markers) },
      { type: 'line', name: 'p95', data: timeSeries(series, (p) => p.p95Ms), itemStyle: { color: COLOURS.p95 } },
      { type: 'line', name: 'p99', data: timeSeries(series, (p) => p.p99Ms), itemStyle: { color: COLOURS.critical } },
    ],
  });
}

// A finished drag along the time axis opens the page for that window.
function zoomOnBrush(instance: Chart): void {
  brushOnDrag(instance, 'lineX');
  instance.on('brushEnd', (event) => {
    const range = (event as { areas: { coordRange: [number, number] }[] }).areas[0]?.coordRange;
    if (range && range[1] > range[0]) location.assign(windowUrl(location.href, range[0], range[1]));
  });
}

function heatmapChart(element: HTMLElement, heatmap: Heatmap): void {
  const steps = heatmapSteps(heatmap);
  const cells = heatmapCells(heatmap, steps);
  const instance = chart(element, {
    grid: { left: 88, right: 88, top: 16, bottom: 40 },
    tooltip: {
      ...TOOLTIP,
      formatter: (item: { value: [number, number, number] }) =>
        `${utcTime(steps[item.value[0]])} UTC, ${heatmap.buckets[item.value[1]].label}\n${item.value[2]} requests`,
    },
    xAxis: { type: 'category', data: steps.map(utcTime), splitArea: { show: false } },
    yAxis: { type: 'category', name: 'duration', data: heatmap.buckets.map((b) => b.label) },
    visualMap: {
      min: 1,
      max: Math.max(1, ...cells.map((cell) => cell[2])),
      calculable: false,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      text: ['more', 'fewer'],
      inRange: { color: ['#dbe7fd', COLOURS.accent, '#1e3a8a'] },
    },
    brush: { xAxisIndex: 0, yAxisIndex: 0, brushType: 'rect', brushMode: 'single', transformable: false },
    series: [{ type: 'heatmap', name: 'requests', data: cells }],
  });
  brushOnDrag(instance, 'rect');
  instance.on('brushEnd', (event) => {
    const range = (event as { areas: { coordRange: [[number, number], [number, number]] }[] }).areas[0]?.coordRange;
    if (!range) return;
    location.assign(heatmapSearchUrl(heatmap, steps, range[0][0], range[0][1], range[1][0], range[1][1]));
  });
}
