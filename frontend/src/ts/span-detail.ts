// A span's details, drawn into the side panel when its row is opened. Span data is untrusted: it
// reaches the page only through textContent and attribute setters, never as markup.
import type { SpanView } from './trace-json';
import { formatDuration } from './format';

type Child = Node | string;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

function table(entries: Record<string, string>): HTMLTableElement {
  const attributes = el('table', 'attributes');
  Object.entries(entries)
    .sort(([a], [b]) => a.localeCompare(b))
    .forEach(([key, value]) => attributes.append(el('tr', '', el('th', '', key), el('td', '', value))));
  return attributes;
}

function event(span: SpanView['events'][number]): HTMLElement {
  const exception = span.name === 'exception';
  const block = el('div', exception ? 'event exception' : 'event', el('h3', '', `${span.name} at ${formatDuration(span.offsetMs)}`));
  if (exception) {
    block.append(
      el('p', '', el('strong', '', span.attributes['exception.type'] ?? 'exception'), ': ', span.attributes['exception.message'] ?? ''),
    );
    const stack = span.attributes['exception.stacktrace'];
    if (stack != null) block.append(el('pre', 'stacktrace', stack));
  } else {
    block.append(table(span.attributes));
  }
  return block;
}

function link(target: SpanView['links'][number]): HTMLElement {
  const anchor = el('a', '', target.traceId);
  anchor.href = `/traces/${encodeURIComponent(target.traceId)}`;
  return el('li', '', anchor, ' span ', el('code', '', target.spanId));
}

/** The panel's content for one span: facts, error, SQL with bound values, bodies, events, links, attributes, resource. */
export function spanDetail(span: SpanView): HTMLElement[] {
  const facts = el(
    'p',
    'facts',
    el('span', '', span.kind.toLowerCase()),
    el('span', '', span.status),
    el('span', '', formatDuration(span.durationMs)),
    el('span', '', `self ${formatDuration(span.selfTimeMs)}`),
  );
  if (span.onCriticalPath) facts.append(el('span', '', `critical path ${formatDuration(span.criticalPathMs)}`));
  const cache = span.attributes['cache.hit'];
  if (cache != null) facts.append(el('span', 'cache', cache === 'true' ? 'cache hit' : 'cache miss'));
  facts.append(el('span', '', el('code', '', span.spanId)));

  const parts: HTMLElement[] = [el('h2', '', `${span.service} · ${span.name}`), facts];
  if (span.statusMessage) parts.push(el('p', 'error', span.statusMessage));
  if (span.boundSql != null) parts.push(el('div', '', el('h3', '', 'SQL'), el('pre', 'sql', span.boundSql)));
  Object.entries(span.attributes)
    .filter(([key]) => key.endsWith('.body'))
    .forEach(([key, value]) => parts.push(el('div', '', el('h3', '', key), el('pre', 'body', value))));
  span.events.forEach((each) => parts.push(event(each)));
  if (span.links.length > 0) parts.push(el('div', '', el('h3', '', 'Links'), el('ul', 'links', ...span.links.map(link))));
  parts.push(el('h3', '', 'Attributes'), table(span.attributes), el('h3', '', 'Resource'), table(span.resource));
  return parts;
}
