import { describe, expect, it } from 'vitest';
import { decodeTrace } from './trace-json';

const fields = ['spanId', 'parentSpanId', 'depth', 'service', 'name', 'kind', 'startOffsetMs', 'durationMs',
  'selfTimeMs', 'onCriticalPath', 'criticalPathMs', 'status', 'statusMessage', 'attributes', 'resource', 'events',
  'links', 'boundSql'];

describe('decodeTrace', () => {
  it('turns each span’s array into an object with its resource', () => {
    const trace = decodeTrace({
      durationMs: 1200,
      fields,
      resources: [{ 'service.name': 'checkout' }],
      spans: [['a1', '', 0, 'checkout', 'POST /checkout', 'SERVER', 0, 1200, 245, true, 245, 'OK', null, { 'http.route': '/checkout' }, 0, [], [], null]],
    });

    expect(trace.durationMs).toBe(1200);
    expect(trace.spans[0]).toEqual({
      spanId: 'a1', parentSpanId: '', depth: 0, service: 'checkout', name: 'POST /checkout', kind: 'SERVER',
      startOffsetMs: 0, durationMs: 1200, selfTimeMs: 245, onCriticalPath: true, criticalPathMs: 245, status: 'OK',
      statusMessage: null, attributes: { 'http.route': '/checkout' }, resource: { 'service.name': 'checkout' },
      events: [], links: [], boundSql: null,
    });
  });

  it('reads fields by name, whatever their order', () => {
    const reversed = [...fields].reverse();
    const row = ['SELECT 1', [], [], 0, {}, '', 'UNSET', 0, false, 1, 1, 0, 'CLIENT', 'q', 'db', 1, 'a1', 'b2'];
    const trace = decodeTrace({ durationMs: 1, fields: reversed, resources: [{}], spans: [row] });
    expect(trace.spans[0].spanId).toBe('b2');
    expect(trace.spans[0].boundSql).toBe('SELECT 1');
    expect(trace.spans[0].service).toBe('db');
  });

  it('says which field is missing', () => {
    expect(() => decodeTrace({ durationMs: 1, fields: ['spanId'], resources: [], spans: [] })).toThrow(
      'the trace\'s JSON has no parentSpanId',
    );
  });
});
