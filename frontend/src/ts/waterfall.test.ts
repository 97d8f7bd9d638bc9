import { describe, expect, it } from 'vitest';
import { hiddenRows } from './waterfall';

// A trace in depth-first order:
//   0 POST /checkout
//   1   auth.verify
//   2     auth.lookup
//   1   payments.Charge
//   2     POST stripe.com
//   0 (a second root)
const depths = [0, 1, 2, 1, 2, 0];

function collapse(...indexes: number[]): boolean[] {
  return hiddenRows(depths.map((depth, i) => ({ depth, collapsed: indexes.includes(i) })));
}

describe('hiddenRows', () => {
  it('hides nothing when nothing is collapsed', () => {
    expect(collapse()).toEqual([false, false, false, false, false, false]);
  });

  it('hides a collapsed row’s descendants but not the row itself or its siblings', () => {
    expect(collapse(1)).toEqual([false, false, true, false, false, false]);
  });

  it('hides the whole tree below a collapsed root, up to the next root', () => {
    expect(collapse(0)).toEqual([false, true, true, true, true, false]);
  });

  it('ignores a collapsed row inside a hidden subtree', () => {
    expect(collapse(0, 1)).toEqual(collapse(0));
  });

  it('hides below each of two collapsed siblings', () => {
    expect(collapse(1, 3)).toEqual([false, false, true, false, true, false]);
  });

  it('collapsing a leaf hides nothing', () => {
    expect(collapse(2, 5)).toEqual(collapse());
  });

  it('handles no rows', () => {
    expect(hiddenRows([])).toEqual([]);
  });
});
