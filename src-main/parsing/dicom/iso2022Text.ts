/**
 * DICOM text with ISO 2022 code extensions (PS3.5 §6.1.2.5): Specific Character Set values such as
 * "\ISO 2022 IR 149" (Korean), "\ISO 2022 IR 87" (Japanese kanji), "ISO 2022 IR 13" (katakana) or
 * "\ISO 2022 IR 58" (Chinese) mean the bytes switch character sets with escape sequences inside a value:
 * `Hong^Gildong=ESC $ ) C <KS X 1001 bytes>`. A single TextDecoder cannot read that — euc-kr leaves the
 * escape sequence in the name as text — so the bytes are cut at each escape sequence and every run is
 * decoded with the set it designates: G0 (bytes below 0x80) and G1 (bytes from 0x80) are tracked apart,
 * as ISO 2022 has them.
 */

import { TextDecoder } from 'node:util';

/** What G0 (7-bit bytes) holds: ASCII (JIS X 0201 Romaji read as ASCII), or a two-byte Japanese set. */
type G0 = 'ascii' | 'jisx0208' | 'jisx0212';
/** What G1 (bytes ≥ 0x80) holds: a WHATWG encoding label whose upper half is that set, or nothing. */
type G1 = string | null;

interface State {
  g0: G0;
  g1: G1;
}

/** The sets a Specific Character Set value starts with (a value's own G0/G1 before any escape). */
const INITIAL: Record<string, State> = {
  '': { g0: 'ascii', g1: null },
  'ISO 2022 IR 6': { g0: 'ascii', g1: null },
  'ISO 2022 IR 100': { g0: 'ascii', g1: 'iso-8859-1' },
  'ISO 2022 IR 101': { g0: 'ascii', g1: 'iso-8859-2' },
  'ISO 2022 IR 109': { g0: 'ascii', g1: 'iso-8859-3' },
  'ISO 2022 IR 110': { g0: 'ascii', g1: 'iso-8859-4' },
  'ISO 2022 IR 144': { g0: 'ascii', g1: 'iso-8859-5' },
  'ISO 2022 IR 127': { g0: 'ascii', g1: 'iso-8859-6' },
  'ISO 2022 IR 126': { g0: 'ascii', g1: 'iso-8859-7' },
  'ISO 2022 IR 138': { g0: 'ascii', g1: 'iso-8859-8' },
  'ISO 2022 IR 148': { g0: 'ascii', g1: 'iso-8859-9' },
  'ISO 2022 IR 166': { g0: 'ascii', g1: 'windows-874' },
  // JIS X 0201: Romaji in G0 (ASCII but for ¥ and ‾, read as ASCII here), katakana in G1.
  'ISO 2022 IR 13': { g0: 'ascii', g1: 'shift_jis' },
};

/** Escape sequences (the bytes after ESC) and what they designate. */
const ESCAPES: { bytes: number[]; apply: (s: State) => State }[] = [
  { bytes: [0x28, 0x42], apply: (s) => ({ ...s, g0: 'ascii' }) }, // ESC ( B  ASCII
  { bytes: [0x28, 0x4a], apply: (s) => ({ ...s, g0: 'ascii' }) }, // ESC ( J  JIS X 0201 Romaji
  { bytes: [0x24, 0x42], apply: (s) => ({ ...s, g0: 'jisx0208' }) }, // ESC $ B  JIS X 0208 (IR 87)
  { bytes: [0x24, 0x40], apply: (s) => ({ ...s, g0: 'jisx0208' }) }, // ESC $ @  JIS C 6226-1978, read as 0208
  { bytes: [0x24, 0x28, 0x44], apply: (s) => ({ ...s, g0: 'jisx0212' }) }, // ESC $ ( D  JIS X 0212 (IR 159)
  { bytes: [0x29, 0x49], apply: (s) => ({ ...s, g1: 'shift_jis' }) }, // ESC ) I  JIS X 0201 katakana (IR 13)
  { bytes: [0x24, 0x29, 0x43], apply: (s) => ({ ...s, g1: 'euc-kr' }) }, // ESC $ ) C  KS X 1001 (IR 149)
  { bytes: [0x24, 0x29, 0x41], apply: (s) => ({ ...s, g1: 'gb18030' }) }, // ESC $ ) A  GB 2312 (IR 58)
  ...(
    [
      [0x41, 'iso-8859-1'],
      [0x42, 'iso-8859-2'],
      [0x43, 'iso-8859-3'],
      [0x44, 'iso-8859-4'],
      [0x4c, 'iso-8859-5'],
      [0x47, 'iso-8859-6'],
      [0x46, 'iso-8859-7'],
      [0x48, 'iso-8859-8'],
      [0x4d, 'iso-8859-9'],
      [0x54, 'windows-874'],
    ] as const
  ).map(([final, label]) => ({ bytes: [0x2d, final], apply: (s: State): State => ({ ...s, g1: label }) })), // ESC - F
];

const ESC = 0x1b;

/** True when a Specific Character Set (its backslash-separated values) uses ISO 2022 code extensions. */
export function usesCodeExtensions(values: readonly string[]): boolean {
  return values.some((v) => v.startsWith('ISO 2022'));
}

/** A decoder for text under `values` (Specific Character Set), with code extensions. */
export function iso2022Decoder(values: readonly string[]): { decode(bytes: Uint8Array): string } {
  const initial = INITIAL[values[0] ?? ''] ?? INITIAL['']!;
  // Sets named only in later values are reached by their escape sequences; nothing else to prepare.
  return { decode: (bytes) => decodeIso2022(bytes, initial) };
}

function decodeIso2022(bytes: Uint8Array, initial: State): string {
  let state = initial;
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] !== ESC) {
      i++;
      continue;
    }
    const escape = ESCAPES.find((e) => e.bytes.every((b, k) => bytes[i + 1 + k] === b));
    if (!escape) {
      i++; // an unknown escape stays in the text, as a reader would see it
      continue;
    }
    out += decodeRun(bytes.subarray(runStart, i), state);
    state = escape.apply(state);
    i += 1 + escape.bytes.length;
    runStart = i;
  }
  return out + decodeRun(bytes.subarray(runStart), state);
}

/** Decodes bytes all under one designation: 7-bit bytes through G0, the rest through G1. */
function decodeRun(run: Uint8Array, state: State): string {
  let out = '';
  let start = 0;
  for (let i = 1; i <= run.length; i++) {
    if (i < run.length && run[i]! >= 0x80 === run[start]! >= 0x80) continue;
    const part = run.subarray(start, i);
    out += part[0]! >= 0x80 ? decodeG1(part, state.g1) : decodeG0(part, state.g0);
    start = i;
  }
  return out;
}

function decodeG0(part: Uint8Array, g0: G0): string {
  if (g0 === 'ascii') return latin1(part);
  // JIS X 0208 in G0 is EUC-JP with the high bit clear; JIS X 0212 is EUC-JP's 0x8F plane.
  const euc: number[] = [];
  for (let i = 0; i + 1 < part.length; i += 2) {
    if (g0 === 'jisx0212') euc.push(0x8f);
    euc.push(part[i]! | 0x80, part[i + 1]! | 0x80);
  }
  return decode('euc-jp', Uint8Array.from(euc));
}

function decodeG1(part: Uint8Array, g1: G1): string {
  return g1 === null ? latin1(part) : decode(g1, part);
}

function latin1(bytes: Uint8Array): string {
  return decode('latin1', bytes);
}

const decoders = new Map<string, TextDecoder>();
function decode(label: string, bytes: Uint8Array): string {
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('latin1'); // a runtime without full ICU: readable bytes rather than a failure
    }
    decoders.set(label, decoder);
  }
  return decoder.decode(bytes);
}
