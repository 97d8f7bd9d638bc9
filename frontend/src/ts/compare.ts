// The comparison's overlaid histograms: for each endpoint, both versions' latency buckets from
// the latency API, with a legend giving each version's sample size.
import { type Bucket, sideName } from './chart-data';
import { COLOURS, TOOLTIP, chart, getJson } from './charts';

interface Latency {
  requests: number;
  buckets: Bucket[];
}

document.querySelectorAll<HTMLElement>('.compare-chart').forEach((element) =>
  draw(element).catch((error: unknown) => {
    // The table above keeps the numbers; say why the chart is missing.
    element.textContent = `Chart unavailable: ${error instanceof Error ? error.message : String(error)}`;
    element.classList.add('error');
  }),
);

async function draw(element: HTMLElement): Promise<void> {
  const { service, endpoint, from, to, before, after } = element.dataset;
  const side = (version: string) =>
    getJson<Latency>(
      `/api/v1/latency?${new URLSearchParams({ service: service ?? '', endpoint: endpoint ?? '', from: from ?? '', to: to ?? '', version })}`,
    );
  const [was, now] = await Promise.all([side(before ?? ''), side(after ?? '')]);
  const names = [sideName(before ?? '', was.requests), sideName(after ?? '', now.requests)];
  chart(element, {
    grid: { left: 64, right: 16, top: 40, bottom: 48 },
    legend: { top: 0, data: names },
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    xAxis: { type: 'category', name: 'duration', nameLocation: 'middle', nameGap: 30, data: was.buckets.map((b) => b.label) },
    // Shares, not counts, so two sides of different sizes compare.
    yAxis: { type: 'value', name: '% of requests', max: 100 },
    series: [
      { type: 'bar', name: names[0], data: was.buckets.map((b) => b.share * 100), itemStyle: { color: COLOURS.muted }, barGap: '-100%', barWidth: '60%' },
      { type: 'bar', name: names[1], data: now.buckets.map((b) => b.share * 100), itemStyle: { color: COLOURS.critical, opacity: 0.7 }, barWidth: '35%' },
    ],
  });
  element.classList.add('drawn');
}
