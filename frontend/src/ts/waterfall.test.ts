import { describe, expect, it } from 'vitest';
import {
  UNFOLDED,
  bar,
  buildTree,
  roundTicks,
  reveal,
  rowWindow,
  scrollToShow,
  searchSpans,
  stepMatch,
  visibleRows,
  type Folding,
  type SearchableSpan,
} from './waterfall';

// A trace in depth-first order:
//   0 checkout  POST /checkout
//   1 checkout    auth.verify
//   2 auth          auth.lookup
//   3 checkout    payments.Charge
//   4 checkout      POST stripe.com
//   5 worker    (a second top-level span)
const spans: (SearchableSpan & { depth: number })[] = [
  { depth: 0, service: 'checkout', name: 'POST /checkout', spanId: 'a0', attributes: { 'http.route': '/checkout' } },
  { depth: 1, service: 'checkout', name: 'auth.verify', spanId: 'a1', attributes: {} },
  { depth: 2, service: 'auth', name: 'auth.lookup', spanId: 'a2', attributes: { 'db.query.text': 'SELECT * FROM Users' } },
  { depth: 1, service: 'checkout', name: 'payments.Charge', spanId: 'a3', attributes: {} },
  { depth: 2, service: 'checkout', name: 'POST stripe.com', spanId: 'a4', attributes: { 'server.address': 'api.stripe.com' } },
  { depth: 0, service: 'worker', name: 'sweep', spanId: 'a5', attributes: {} },
];
const tree = buildTree(spans);

function fold(changes: Partial<Folding>): number[] {
  return visibleRows(spans, tree, { ...UNFOLDED, ...changes });
}

describe('buildTree', () => {
  it('finds each row’s parent and which rows have children', () => {
    expect(Array.from(tree.parent)).toEqual([-1, 0, 1, 0, 3, -1]);
    expect(Array.from(tree.hasChildren)).toEqual([1, 1, 0, 1, 0, 0]);
  });

  it('walks a chain 100,000 deep without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, depth) => ({ depth, service: 's' }));
    const deep = buildTree(chain);
    expect(deep.parent[99_999]).toBe(99_998);
    expect(visibleRows(chain, deep, { ...UNFOLDED, collapsed: new Set([1]) })).toEqual([0, 1]);
  });
});

describe('visibleRows', () => {
  it('shows every row when nothing is folded', () => {
    expect(fold({})).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('hides a collapsed row’s descendants but not the row itself or its siblings', () => {
    expect(fold({ collapsed: new Set([1]) })).toEqual([0, 1, 3, 4, 5]);
  });

  it('hides the whole tree below a collapsed root, up to the next top-level row', () => {
    expect(fold({ collapsed: new Set([0]) })).toEqual([0, 5]);
  });

  it('ignores a collapsed row inside a hidden subtree', () => {
    expect(fold({ collapsed: new Set([0, 1]) })).toEqual([0, 5]);
  });

  it('collapsing a leaf hides nothing', () => {
    expect(fold({ collapsed: new Set([2, 5]) })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shows rows up to a depth', () => {
    expect(fold({ maxDepth: 0 })).toEqual([0, 5]);
    expect(fold({ maxDepth: 1 })).toEqual([0, 1, 3, 5]);
  });

  it('keeps a folded service’s entry spans and its calls into other services', () => {
    expect(fold({ foldedServices: new Set(['checkout']) })).toEqual([0, 2, 5]);
  });

  it('handles no rows', () => {
    expect(visibleRows([], buildTree([]), UNFOLDED)).toEqual([]);
  });
});

describe('reveal', () => {
  it('expands the collapsed ancestors of a hidden row and leaves other folds alone', () => {
    const folding = reveal(spans, tree, { ...UNFOLDED, collapsed: new Set([0, 1, 5]) }, 2);
    expect([...folding.collapsed]).toEqual([5]);
    expect(visibleRows(spans, tree, folding)).toContain(2);
  });

  it('lifts a depth limit or a service fold that hides the row', () => {
    const folding = reveal(spans, tree, { ...UNFOLDED, maxDepth: 1, foldedServices: new Set(['checkout', 'x']) }, 4);
    expect(folding.maxDepth).toBe(Infinity);
    expect([...folding.foldedServices]).toEqual(['x']);
    expect(visibleRows(spans, tree, folding)).toContain(4);
  });
});

describe('rowWindow', () => {
  it('draws the rows in view plus the overscan', () => {
    expect(rowWindow(0, 240, 24, 20_000, 10)).toEqual({ start: 0, end: 21 });
    expect(rowWindow(24 * 1000, 240, 24, 20_000, 10)).toEqual({ start: 990, end: 1021 });
  });

  it('stops at the last row and at the top', () => {
    expect(rowWindow(24 * 19_995, 240, 24, 20_000, 10)).toEqual({ start: 19_985, end: 20_000 });
    expect(rowWindow(-50, 240, 24, 5, 10)).toEqual({ start: 0, end: 5 });
    expect(rowWindow(0, 240, 24, 0, 10)).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollToShow', () => {
  it('scrolls only as far as needed to show a row', () => {
    expect(scrollToShow(5, 0, 240, 24)).toBe(0);
    expect(scrollToShow(10, 0, 240, 24)).toBe(24);
    expect(scrollToShow(2, 240, 240, 24)).toBe(48);
  });
});

describe('searchSpans', () => {
  it('matches name, service and attribute values, ignoring case', () => {
    expect(searchSpans(spans, 'POST')).toEqual([0, 4]);
    expect(searchSpans(spans, 'auth')).toEqual([1, 2]);
    expect(searchSpans(spans, 'from users')).toEqual([2]);
    expect(searchSpans(spans, 'API.STRIPE')).toEqual([4]);
  });

  it('matches a whole span ID, and nothing for a blank query', () => {
    expect(searchSpans(spans, 'a5')).toEqual([5]);
    expect(searchSpans(spans, '  ')).toEqual([]);
  });
});

describe('stepMatch', () => {
  it('steps forward and back, wrapping around', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, -1, 1)).toBe(-1);
  });
});

describe('bar', () => {
  it('places a span on the 0–1000 axis, at least 2 wide', () => {
    expect(bar(300, 600, 1200)).toEqual({ x: 250, width: 500 });
    expect(bar(1200, 0.001, 1200)).toEqual({ x: 1000, width: 2 });
    expect(bar(0, 0, 0)).toEqual({ x: 0, width: 1000 });
  });
});

describe('roundTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten from zero', () => {
    expect(roundTicks(1200)).toEqual([0, 500, 1000]);
    expect(roundTicks(894)).toEqual([0, 200, 400, 600, 800]);
    expect(roundTicks(33)).toEqual([0, 10, 20, 30]);
    expect(roundTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(roundTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('gives a lone zero for an empty trace', () => {
    expect(roundTicks(0)).toEqual([0]);
  });
});
