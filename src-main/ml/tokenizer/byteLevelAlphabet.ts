/**
 * The GPT-2 byte-to-character table used by every byte-level BPE: bytes that are printable Latin-1
 * characters map to themselves, the other 68 (controls, space, soft hyphen, …) map to U+0100 upwards in
 * byte order. Tokens then never contain whitespace or control characters, which keeps merges
 * representable as plain strings in tokenizer.json.
 *
 * Returns 256 one-character strings; entry b is the character for byte b.
 */
export function byteLevelAlphabet(): string[] {
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const chars: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    chars.push(String.fromCharCode(printable(b) ? b : 256 + shifted++));
  }
  return chars;
}
