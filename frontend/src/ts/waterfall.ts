// The waterfall's pure parts: the span tree from depth-first order, which rows folding leaves
// visible, which rows a scroll position shows, and search. No DOM here, so Vitest covers it all.

/** What the waterfall needs of a span; the API's spans come depth-first, each with its depth. */
export interface TreeSpan {
  depth: number;
  service: string;
}

/** The tree behind depth-first rows: each row's parent row (-1 for a top-level row) and whether it has children. */
export interface Tree {
  parent: Int32Array;
  hasChildren: Uint8Array;
}

/** One pass with a stack of open ancestors, so 100,000 rows or a chain 100,000 deep cost the same. */
export function buildTree(spans: readonly TreeSpan[]): Tree {
  const parent = new Int32Array(spans.length).fill(-1);
  const hasChildren = new Uint8Array(spans.length);
  const open: number[] = [];
  spans.forEach(({ depth }, i) => {
    while (open.length > 0 && spans[open[open.length - 1]].depth >= depth) open.pop();
    if (open.length > 0) {
      parent[i] = open[open.length - 1];
      hasChildren[parent[i]] = 1;
    }
    open.push(i);
  });
  return { parent, hasChildren };
}

/** How the user folded the waterfall. */
export interface Folding {
  /** Rows whose subtree is hidden (the row itself stays). */
  collapsed: ReadonlySet<number>;
  /** Services shown by their entry spans only: a span of one of them under a span of the same service is hidden. */
  foldedServices: ReadonlySet<string>;
  /** Rows deeper than this are hidden (top-level rows are depth 0). */
  maxDepth: number;
}

export const UNFOLDED: Folding = { collapsed: new Set(), foldedServices: new Set(), maxDepth: Infinity };

/**
 * The rows left visible, in order. Below a collapsed row everything deeper is hidden until the next
 * row at its depth or shallower; a collapsed row inside a hidden subtree changes nothing. A folded
 * service keeps its entry spans and the calls they make into other services.
 */
export function visibleRows(spans: readonly TreeSpan[], tree: Tree, folding: Folding): number[] {
  const visible: number[] = [];
  let hiddenBelow = Infinity;
  spans.forEach(({ depth, service }, i) => {
    if (depth > hiddenBelow) return;
    hiddenBelow = folding.collapsed.has(i) ? depth : Infinity;
    if (depth > folding.maxDepth) return;
    const parent = tree.parent[i];
    if (folding.foldedServices.has(service) && parent >= 0 && spans[parent].service === service) return;
    visible.push(i);
  });
  return visible;
}

/**
 * The folding with row {@code index} made visible: its collapsed ancestors expanded, and the depth
 * limit or a service's folding lifted when they hid it.
 */
export function reveal(spans: readonly TreeSpan[], tree: Tree, folding: Folding, index: number): Folding {
  const collapsed = new Set(folding.collapsed);
  const foldedServices = new Set(folding.foldedServices);
  for (let above = tree.parent[index]; above >= 0; above = tree.parent[above]) collapsed.delete(above);
  const parent = tree.parent[index];
  if (parent >= 0 && spans[parent].service === spans[index].service) foldedServices.delete(spans[index].service);
  const maxDepth = spans[index].depth > folding.maxDepth ? Infinity : folding.maxDepth;
  return { collapsed, foldedServices, maxDepth };
}

/** The slice of rows to draw: those in view plus {@code overscan} either side; {@code end} is exclusive. */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(first, rowCount) - overscan);
  const end = Math.min(rowCount, first + Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings {@code row} into view, or the current one when it already is. */
export function scrollToShow(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/** What search looks in. */
export interface SearchableSpan {
  service: string;
  name: string;
  spanId: string;
  attributes: Record<string, string>;
}

/** Rows whose name, service, span ID or an attribute value contains {@code query}, ignoring case. */
export function searchSpans(spans: readonly SearchableSpan[], query: string): number[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  spans.forEach((span, i) => {
    if (
      span.name.toLowerCase().includes(needle) ||
      span.service.toLowerCase().includes(needle) ||
      span.spanId.toLowerCase() === needle ||
      Object.values(span.attributes).some((value) => value.toLowerCase().includes(needle))
    ) {
      found.push(i);
    }
  });
  return found;
}

/** The position in {@code matches} after (step 1) or before (step -1) {@code current}, wrapping around. */
export function stepMatch(matchCount: number, current: number, step: 1 | -1): number {
  if (matchCount === 0) return -1;
  if (current < 0) return step === 1 ? 0 : matchCount - 1;
  return (current + step + matchCount) % matchCount;
}

/** A bar in the 0–1000 coordinate space of the rows' SVG: at least 2 wide, so a 1 µs span still shows. */
export function bar(startOffsetMs: number, durationMs: number, traceMs: number): { x: number; width: number } {
  if (traceMs <= 0) return { x: 0, width: 1000 };
  return {
    x: Math.min(1000, (startOffsetMs / traceMs) * 1000),
    width: Math.max(2, (durationMs / traceMs) * 1000),
  };
}

/** Round ruler values from 0 to {@code durationMs}: steps of 1, 2 or 5 × 10^n, about {@code target} of them. */
export function roundTicks(durationMs: number, target = 4): number[] {
  if (!(durationMs > 0)) return [0];
  const raw = durationMs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // The step whose number of intervals comes nearest the target.
  const step = [1, 2, 5, 10]
    .map((m) => m * magnitude)
    .reduce((best, candidate) =>
      Math.abs(durationMs / candidate - target) < Math.abs(durationMs / best - target) ? candidate : best);
  const ticks: number[] = [];
  for (let i = 0; i * step <= durationMs * (1 + 1e-9); i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}
