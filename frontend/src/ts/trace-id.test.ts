import { describe, expect, it } from 'vitest';
import { normaliseTraceId } from './trace-id';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('normaliseTraceId', () => {
  it('keeps a 32-digit lowercase ID as it is', () => {
    expect(normaliseTraceId(ID)).toBe(ID);
  });

  it('lowercases and trims', () => {
    expect(normaliseTraceId(`  ${ID.toUpperCase()}\n`)).toBe(ID);
  });

  it('drops dashes and spaces, as in a UUID or a grouped ID', () => {
    expect(normaliseTraceId('4bf92f35-77b3-4da6-a3ce-929d0e0e4736')).toBe(ID);
    expect(normaliseTraceId('4bf92f35 77b34da6 a3ce929d 0e0e4736')).toBe(ID);
  });

  it('takes the trace ID out of a W3C traceparent, not its span ID', () => {
    expect(normaliseTraceId(`00-${ID.toUpperCase()}-00f067aa0ba902b7-01`)).toBe(ID);
  });

  it('left-pads a 16-digit ID with zeros, as the server does', () => {
    expect(normaliseTraceId('A3CE929D0E0E4736')).toBe('0000000000000000a3ce929d0e0e4736');
  });

  it('refuses the all-zero ID, in any form', () => {
    expect(normaliseTraceId('0'.repeat(32))).toBeNull();
    expect(normaliseTraceId('0'.repeat(16))).toBeNull();
    expect(normaliseTraceId(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeNull();
  });

  it('refuses what is not an ID', () => {
    expect(normaliseTraceId('')).toBeNull();
    expect(normaliseTraceId('checkout failed')).toBeNull();
    expect(normaliseTraceId(ID.slice(1))).toBeNull();
    expect(normaliseTraceId(`${ID}0`)).toBeNull();
    expect(normaliseTraceId(`${ID.slice(1)}g`)).toBeNull();
    expect(normaliseTraceId(`00-${ID}-00f067aa0ba902b-01`)).toBeNull();
  });
});
