// The trace page's spans as GET /traces/{id}/spans sends them (WaterfallJson): one array per span in
// the order `fields` names, resources written once and referred to by index.

/** A span as the page uses it (the API's TraceView.SpanView, without what the page does not show). */
export interface SpanView {
  spanId: string;
  parentSpanId: string;
  depth: number;
  service: string;
  name: string;
  kind: string;
  startOffsetMs: number;
  durationMs: number;
  selfTimeMs: number;
  onCriticalPath: boolean;
  criticalPathMs: number;
  status: string;
  statusMessage: string;
  attributes: Record<string, string>;
  resource: Record<string, string>;
  events: { offsetMs: number; name: string; attributes: Record<string, string> }[];
  links: { traceId: string; spanId: string }[];
  boundSql: string | null;
}

export interface CompactTrace {
  durationMs: number;
  fields: string[];
  resources: Record<string, string>[];
  spans: unknown[][];
}

export interface TraceSpans {
  durationMs: number;
  spans: SpanView[];
}

/** Spans as objects, read by field name, so a field added on the server cannot shift the others. */
export function decodeTrace(compact: CompactTrace): TraceSpans {
  const at = (field: string): number => {
    const index = compact.fields.indexOf(field);
    if (index < 0) throw new Error(`the trace's JSON has no ${field}`);
    return index;
  };
  const names = ['spanId', 'parentSpanId', 'depth', 'service', 'name', 'kind', 'startOffsetMs', 'durationMs',
    'selfTimeMs', 'onCriticalPath', 'criticalPathMs', 'status', 'statusMessage', 'attributes', 'events', 'links',
    'boundSql'] as const;
  const columns = names.map((name) => [name, at(name)] as const);
  const resource = at('resource');
  const spans = compact.spans.map((row) => {
    const span: Record<string, unknown> = { resource: compact.resources[row[resource] as number] ?? {} };
    for (const [name, index] of columns) span[name] = row[index];
    return span as unknown as SpanView;
  });
  return { durationMs: compact.durationMs, spans };
}
