// Splits the reasoning trace into runs of plain text and runs that are sentences citing findings, so
// hovering a finding can highlight exactly its sentences without injecting HTML (the trace is model
// output and must never be rendered as markup).

export interface TraceSegment {
  text: string;
  /** Indices into the findings list of the findings that cite this sentence; empty for plain text. */
  findings: number[];
}

interface Span {
  start: number;
  end: number;
  findings: number[];
}

/**
 * `sentencesByFinding[i]` are the sentences finding i cites. A sentence is located at its first
 * occurrence in the trace; a missing sentence, or one overlapping an earlier one, is left unmarked
 * rather than guessed at.
 */
export function traceSegments(trace: string, sentencesByFinding: readonly (readonly string[])[]): TraceSegment[] {
  // Several findings may cite the same sentence: group by sentence so it is one span, not overlapping ones.
  const citing = new Map<string, number[]>();
  sentencesByFinding.forEach((sentences, finding) => {
    for (const sentence of sentences) {
      const key = sentence.trim();
      if (!key) continue;
      const list = citing.get(key) ?? [];
      if (!list.includes(finding)) list.push(finding);
      citing.set(key, list);
    }
  });

  const spans: Span[] = [];
  for (const [sentence, findings] of citing) {
    const start = trace.indexOf(sentence);
    if (start >= 0) spans.push({ start, end: start + sentence.length, findings });
  }
  spans.sort((a, b) => a.start - b.start);

  const out: TraceSegment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) out.push({ text: trace.slice(cursor, span.start), findings: [] });
    out.push({ text: trace.slice(span.start, span.end), findings: span.findings });
    cursor = span.end;
  }
  if (cursor < trace.length) out.push({ text: trace.slice(cursor), findings: [] });
  return out;
}
