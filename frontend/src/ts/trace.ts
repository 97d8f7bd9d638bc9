// The trace page's waterfall, drawn from GET /traces/{id}/spans: only the rows in view (and a few
// either side) exist in the DOM, so 100,000 spans scroll like 10. Click or Enter opens a span's
// details in the side panel; search, collapse, depth and service folding change which rows show.
import { formatDuration } from './format';
import { spanDetail } from './span-detail';
import { decodeTrace, type CompactTrace, type SpanView, type TraceSpans } from './trace-json';
import {
  UNFOLDED,
  bar,
  buildTree,
  reveal,
  roundTicks,
  rowWindow,
  scrollToShow,
  searchSpans,
  stepMatch,
  visibleRows,
  type Folding,
  type Tree,
} from './waterfall';

const ROW_HEIGHT = 24;
const OVERSCAN = 20;
const SVG = 'http://www.w3.org/2000/svg';

const section = document.querySelector<HTMLElement>('.waterfall[data-trace-id]');
if (section) {
  const status = section.querySelector<HTMLElement>('.waterfall-status')!;
  fetch(`/traces/${encodeURIComponent(section.dataset.traceId!)}/spans`)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<CompactTrace>;
    })
    .then((compact) => new Waterfall(section, decodeTrace(compact)))
    .catch((error: unknown) => {
      status.textContent = `Could not load the spans (${error instanceof Error ? error.message : String(error)}); reload to try again.`;
      status.classList.add('error');
    });
}

class Waterfall {
  private readonly spans: SpanView[];
  private readonly tree: Tree;
  private readonly colour = new Map<string, string>();
  private readonly scroll: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly status: HTMLElement;
  private folding: Folding = UNFOLDED;
  private visible: number[] = [];
  private position = new Int32Array(0); // span index → place among the visible rows, -1 when hidden
  private selected = -1;
  private query = '';
  private matches: number[] = [];
  private isMatch = new Uint8Array(0);
  private currentMatch = -1;
  private drawPending = false;

  constructor(
    private readonly section: HTMLElement,
    private readonly trace: TraceSpans,
  ) {
    this.spans = trace.spans;
    this.tree = buildTree(this.spans);
    this.scroll = section.querySelector('.waterfall-scroll')!;
    this.spacer = section.querySelector('.waterfall-spacer')!;
    this.rows = section.querySelector('.waterfall-rows')!;
    this.detail = section.querySelector('.span-detail')!;
    this.status = section.querySelector('.waterfall-status')!;
    this.isMatch = new Uint8Array(this.spans.length);
    this.spans.forEach(({ service }) => {
      if (!this.colour.has(service)) this.colour.set(service, `svc-${this.colour.size % 8}`);
    });
    this.scroll.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.drawRuler();
    this.drawLegend();
    this.drawDepthChoices();
    this.listen();
    this.refold(UNFOLDED);
    // The browser test measures time to this mark from navigation start.
    section.dataset.readyMs = String(Math.round(performance.now()));
  }

  private refold(folding: Folding): void {
    this.folding = folding;
    this.visible = visibleRows(this.spans, this.tree, folding);
    this.position = new Int32Array(this.spans.length).fill(-1);
    this.visible.forEach((span, place) => {
      this.position[span] = place;
    });
    this.spacer.style.setProperty('height', `${this.visible.length * ROW_HEIGHT}px`);
    this.scroll.setAttribute('aria-rowcount', String(this.visible.length));
    const hidden = this.spans.length - this.visible.length;
    this.status.textContent = `${this.spans.length} spans${hidden > 0 ? `, ${hidden} folded away` : ''}`;
    this.section.querySelectorAll<HTMLElement>('.legend button[data-service]').forEach((key) => {
      key.setAttribute('aria-pressed', String(folding.foldedServices.has(key.dataset.service!)));
    });
    this.draw();
  }

  private draw(): void {
    const { start, end } = rowWindow(this.scroll.scrollTop, this.scroll.clientHeight, ROW_HEIGHT, this.visible.length, OVERSCAN);
    this.rows.style.setProperty('transform', `translateY(${start * ROW_HEIGHT}px)`);
    const drawn = document.createDocumentFragment();
    for (let place = start; place < end; place++) drawn.append(this.row(this.visible[place], place));
    this.rows.replaceChildren(drawn);
    if (this.selected >= 0 && this.position[this.selected] >= start && this.position[this.selected] < end) {
      this.scroll.setAttribute('aria-activedescendant', `span-row-${this.selected}`);
    } else {
      this.scroll.removeAttribute('aria-activedescendant');
    }
  }

  private drawSoon = (): void => {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.draw();
    });
  };

  private row(index: number, place: number): HTMLElement {
    const span = this.spans[index];
    const row = document.createElement('div');
    row.className = 'row';
    row.id = `span-row-${index}`;
    row.dataset.spanId = span.spanId;
    row.dataset.index = String(index);
    row.setAttribute('role', 'row');
    row.setAttribute('aria-level', String(span.depth + 1));
    row.setAttribute('aria-rowindex', String(place + 1));
    row.setAttribute('aria-selected', String(index === this.selected));
    if (span.onCriticalPath) row.classList.add('critical');
    if (span.status === 'ERROR') row.classList.add('error');
    if (index === this.selected) row.classList.add('selected');
    if (this.isMatch[index]) row.classList.add('match');

    const label = document.createElement('span');
    label.className = 'label';
    label.setAttribute('role', 'gridcell');
    label.style.setProperty('--depth', String(Math.min(span.depth, 40)));
    if (this.tree.hasChildren[index]) {
      const collapsed = this.folding.collapsed.has(index);
      row.setAttribute('aria-expanded', String(!collapsed));
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'toggle';
      toggle.tabIndex = -1;
      toggle.setAttribute('aria-label', collapsed ? 'Expand' : 'Collapse');
      toggle.textContent = collapsed ? '▸' : '▾';
      label.append(toggle);
    }
    label.append(text('span', 'service', span.service), text('span', 'name', span.name));
    const wait = this.asyncWaitMs(index);
    if (wait != null) label.append(text('span', 'badge async', `async ⇢ ${formatDuration(wait)} queued`));

    const cell = document.createElement('span');
    cell.setAttribute('role', 'gridcell');
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'bar');
    svg.setAttribute('viewBox', '0 0 1000 10');
    svg.setAttribute('preserveAspectRatio', 'none');
    const rect = document.createElementNS(SVG, 'rect');
    const { x, width } = bar(span.startOffsetMs, span.durationMs, this.trace.durationMs);
    rect.setAttribute('x', String(x));
    rect.setAttribute('width', String(width));
    rect.setAttribute('height', '10');
    rect.setAttribute('class', this.colour.get(span.service)!);
    svg.append(rect);
    cell.append(svg);

    const duration = text('span', 'dur', formatDuration(span.durationMs));
    duration.setAttribute('role', 'gridcell');
    row.append(label, cell, duration);
    return row;
  }

  /** For a consumer whose parent is a producer: how long the message waited between them. */
  private asyncWaitMs(index: number): number | null {
    const parent = this.tree.parent[index];
    if (parent < 0) return null;
    const [span, producer] = [this.spans[index], this.spans[parent]];
    if (producer.kind !== 'PRODUCER' || span.kind !== 'CONSUMER') return null;
    return span.startOffsetMs - producer.startOffsetMs - producer.durationMs;
  }

  private select(index: number, open: boolean): void {
    this.selected = index;
    if (index >= 0 && this.position[index] < 0) {
      this.refold(reveal(this.spans, this.tree, this.folding, index));
    }
    if (index >= 0) {
      this.scroll.scrollTop = scrollToShow(this.position[index], this.scroll.scrollTop, this.scroll.clientHeight, ROW_HEIGHT);
    }
    this.draw();
    if (open && index >= 0) this.open(index);
  }

  private open(index: number): void {
    this.detail.replaceChildren(...spanDetail(this.spans[index]));
    const close = text('button', 'close', '×');
    close.setAttribute('aria-label', 'Close details');
    close.addEventListener('click', () => this.close());
    this.detail.prepend(close);
    this.detail.hidden = false;
    this.detail.scrollTop = 0;
    this.section.querySelector('.waterfall-body')!.classList.add('with-detail');
  }

  private close(): void {
    this.detail.hidden = true;
    this.section.querySelector('.waterfall-body')!.classList.remove('with-detail');
    this.scroll.focus();
  }

  private toggle(index: number, collapse: boolean): void {
    if (!this.tree.hasChildren[index] || this.folding.collapsed.has(index) === collapse) return;
    const collapsed = new Set(this.folding.collapsed);
    if (collapse) collapsed.add(index);
    else collapsed.delete(index);
    this.refold({ ...this.folding, collapsed });
  }

  private find(query: string): void {
    this.query = query;
    this.isMatch.fill(0);
    this.matches = searchSpans(this.spans, query);
    this.matches.forEach((index) => {
      this.isMatch[index] = 1;
    });
    this.currentMatch = -1;
    this.step(1);
  }

  private step(direction: 1 | -1): void {
    const count = this.section.querySelector<HTMLElement>('.search-count')!;
    this.currentMatch = stepMatch(this.matches.length, this.currentMatch, direction);
    if (this.currentMatch < 0) {
      count.textContent = this.query.trim() === '' ? '' : 'no match';
      this.draw();
      return;
    }
    count.textContent = `${this.currentMatch + 1} of ${this.matches.length}`;
    this.select(this.matches[this.currentMatch], false);
  }

  private listen(): void {
    this.scroll.addEventListener('scroll', this.drawSoon, { passive: true });
    window.addEventListener('resize', this.drawSoon);
    this.rows.addEventListener('click', (event) => {
      const target = event.target as Element;
      const row = target.closest<HTMLElement>('.row[data-index]');
      if (!row) return;
      const index = Number(row.dataset.index);
      if (target.closest('button.toggle')) {
        this.toggle(index, !this.folding.collapsed.has(index));
      } else {
        this.select(index, true);
      }
      this.scroll.focus({ preventScroll: true });
    });
    this.scroll.addEventListener('keydown', (event) => this.key(event));

    const search = this.section.querySelector<HTMLInputElement>('.trace-search')!;
    let typing: number | undefined;
    search.addEventListener('input', () => {
      clearTimeout(typing);
      typing = window.setTimeout(() => this.find(search.value), 150);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      clearTimeout(typing);
      if (search.value !== this.query) this.find(search.value);
      else this.step(event.shiftKey ? -1 : 1);
    });
    this.section.querySelector('.search-next')!.addEventListener('click', () => this.step(1));
    this.section.querySelector('.search-previous')!.addEventListener('click', () => this.step(-1));
    this.section.querySelector<HTMLSelectElement>('.depth-limit')!.addEventListener('change', (event) => {
      const value = (event.target as HTMLSelectElement).value;
      this.refold({ ...this.folding, maxDepth: value === '' ? Infinity : Number(value) - 1 });
    });
    this.section.querySelector('.expand-all')!.addEventListener('click', () => {
      this.section.querySelector<HTMLSelectElement>('.depth-limit')!.value = '';
      this.refold(UNFOLDED);
    });
  }

  private key(event: KeyboardEvent): void {
    const place = this.selected >= 0 ? this.position[this.selected] : -1;
    const last = this.visible.length - 1;
    const moveTo = (target: number) => this.select(this.visible[Math.max(0, Math.min(last, target))], false);
    const page = Math.max(1, Math.floor(this.scroll.clientHeight / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown': moveTo(place + 1); break;
      case 'ArrowUp': moveTo(place < 0 ? 0 : place - 1); break;
      case 'PageDown': moveTo(place + page); break;
      case 'PageUp': moveTo(place - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(last); break;
      case 'ArrowRight': if (this.selected >= 0) this.toggle(this.selected, false); break;
      case 'ArrowLeft':
        if (this.selected < 0) break;
        if (this.tree.hasChildren[this.selected] && !this.folding.collapsed.has(this.selected)) this.toggle(this.selected, true);
        else if (this.tree.parent[this.selected] >= 0) this.select(this.tree.parent[this.selected], false);
        break;
      case 'Enter': case ' ': if (this.selected >= 0) this.open(this.selected); break;
      case 'Escape': this.close(); break;
      default: return;
    }
    event.preventDefault();
  }

  private drawRuler(): void {
    const axis = this.section.querySelector('.row.head .axis')!;
    const total = this.trace.durationMs;
    const ticks = roundTicks(total).map((ms) => {
      const tick = text('span', 'tick', formatDuration(ms));
      tick.style.setProperty('left', `${total > 0 ? (ms / total) * 100 : 0}%`);
      return tick;
    });
    axis.replaceChildren(...ticks);
  }

  private drawLegend(): void {
    const legend = this.section.querySelector('.legend')!;
    const keys = [...this.colour].map(([service, colourClass]) => {
      const key = document.createElement('button');
      key.type = 'button';
      key.className = 'service-key';
      key.dataset.service = service;
      key.title = `Fold ${service}: show only its entry spans and its calls to other services`;
      const swatch = document.createElementNS(SVG, 'svg');
      swatch.setAttribute('viewBox', '0 0 10 10');
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('width', '10');
      rect.setAttribute('height', '10');
      rect.setAttribute('class', colourClass);
      swatch.append(rect);
      key.append(swatch, text('span', '', service));
      key.addEventListener('click', () => {
        const folded = new Set(this.folding.foldedServices);
        if (!folded.delete(service)) folded.add(service);
        this.refold({ ...this.folding, foldedServices: folded });
      });
      return key;
    });
    legend.prepend(...keys);
  }

  private drawDepthChoices(): void {
    const select = this.section.querySelector<HTMLSelectElement>('.depth-limit')!;
    let deepest = 0;
    this.spans.forEach(({ depth }) => {
      deepest = Math.max(deepest, depth);
    });
    // "N" shows N levels: top-level spans are level 1, at depth 0.
    for (let depth = 0; depth < Math.min(deepest, 30); depth++) {
      const option = document.createElement('option');
      option.value = String(depth + 1);
      option.textContent = String(depth + 1);
      select.append(option);
    }
  }
}

function text<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = content;
  return element;
}
