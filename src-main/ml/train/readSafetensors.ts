import { DTYPES, elementCount, isSafetensorsDType, METADATA_KEY, type SafetensorsFile, type SafetensorsTensor } from './safetensorsFormat.js';

// The reference implementation refuses headers over 100 MB; a bigger one is a corrupt length field.
const MAX_HEADER_BYTES = 100_000_000;

/**
 * Parses safetensors bytes, checking everything the spec requires before trusting an offset: the
 * header fits the file, is a JSON object, every entry has a known dtype, a non-negative integer shape
 * and offsets whose length matches dtype × shape, and the entries tile the data buffer with no hole
 * or overlap. Each tensor is copied into its own aligned typed array.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  const fail = (why: string): never => {
    throw new Error(`readSafetensors: ${why}`);
  };
  if (bytes.length < 8) fail('file shorter than the 8-byte header size');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getBigUint64(0, true);
  if (size > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) fail(`header size ${size} does not fit the file`);
  const headerEnd = 8 + Number(size);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, headerEnd)));
  } catch (err) {
    return fail(`header is not UTF-8 JSON (${(err as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('header is not a JSON object');

  const dataLength = bytes.length - headerEnd;
  const tensors = new Map<string, SafetensorsTensor>();
  const spans: [number, number, string][] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA_KEY) {
      metadata = parseMetadata(entry, fail);
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>;
    if (!isSafetensorsDType(dtype)) fail(`'${name}' has unsupported dtype ${JSON.stringify(dtype)}`);
    if (!isIntArray(shape)) return fail(`'${name}' has an invalid shape`);
    if (!isIntArray(offsets) || offsets.length !== 2) return fail(`'${name}' has invalid data_offsets`);
    const [begin, end] = offsets as [number, number];
    const spec = DTYPES[dtype as keyof typeof DTYPES];
    if (end < begin || end > dataLength) fail(`'${name}' offsets [${begin}, ${end}) fall outside the ${dataLength}-byte buffer`);
    if (end - begin !== elementCount(shape) * spec.bytes) fail(`'${name}' spans ${end - begin} bytes, ${dtype} [${shape.join(', ')}] needs ${elementCount(shape) * spec.bytes}`);
    // A copy in a fresh ArrayBuffer (aligned at 0). Not bytes.slice(): on a Node Buffer that is a view
    // into a shared pool, whose .buffer is the whole pool.
    const copy = new Uint8Array(end - begin);
    copy.set(bytes.subarray(headerEnd + begin, headerEnd + end));
    tensors.set(name, { dtype: dtype as keyof typeof DTYPES, shape, data: spec.of(copy.buffer) });
    spans.push([begin, end, name]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== covered) fail(begin < covered ? `'${name}' overlaps the previous tensor` : `hole in the data buffer before '${name}'`);
    covered = end;
  }
  if (covered !== dataLength) fail(`${dataLength - covered} trailing bytes belong to no tensor`);
  return { tensors, metadata };
}

function isIntArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isSafeInteger(v) && v >= 0);
}

function parseMetadata(entry: unknown, fail: (why: string) => never): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(`'${METADATA_KEY}' is not an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (typeof v !== 'string') fail(`'${METADATA_KEY}.${k}' is not a string`);
    out[k] = v as string;
  }
  return out;
}
