/**
 * Turns what people paste into a 32-hex-digit trace ID: any case, with dashes or spaces, a W3C
 * traceparent (`00-<trace-id>-<span-id>-<flags>`), or a 16-digit ID (left-padded with zeros, as the
 * server's TraceIds does). Returns null when it is none of those, or the all-zero (invalid) ID.
 */
export function normaliseTraceId(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(trimmed);
  const compact = traceparent ? traceparent[1] : trimmed.replace(/[\s-]/g, '');
  const padded = /^[0-9a-f]{16}$/.test(compact) ? '0'.repeat(16) + compact : compact;
  return /^[0-9a-f]{32}$/.test(padded) && !/^0+$/.test(padded) ? padded : null;
}
