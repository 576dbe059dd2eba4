/**
 * Canonical JSON for hashing: object keys sorted (by UTF-16 code units, recursively), no whitespace.
 * Values are first normalised exactly as JSON.stringify would (toJSON, undefined members dropped,
 * non-finite numbers to null), so what is hashed is what a JSON round trip of the stored text gives back.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
  return serialise(plain);
}

function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
