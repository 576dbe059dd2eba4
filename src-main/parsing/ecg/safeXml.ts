import type { XMLParser } from 'fast-xml-parser';
import { lazyRequire } from '../lazyRequire';
import type { ParseLimits } from '../types';

/**
 * Safe XML reading for untrusted ECG XML (aECG, Philips). Entity expansion is how billion-laughs and XXE
 * attacks work, so documents whose DOCTYPE declares entities (or carries any internal subset) are refused
 * outright, and the parser runs with entity processing off; external DTDs are never fetched.
 */

/** An element: attributes under '@_name', text under '#text', child elements always as arrays. */
export type XmlNode = { [key: string]: unknown };

/** Thrown for documents refused for safety or size, so callers can report the reason verbatim. */
export class XmlRefusedError extends Error {}

/** Decodes XML bytes to text from the BOM or the first bytes (UTF-16 Philips files have a BOM). */
export function decodeXmlBytes(bytes: Uint8Array, limits: ParseLimits): string {
  if (bytes.length > limits.maxTextBytes) {
    throw new XmlRefusedError(`XML is ${bytes.length} bytes, over maxTextBytes ${limits.maxTextBytes}`);
  }
  return bytesToText(bytes);
}

/** The text decoding itself, without the size check (for sniffing a small prefix). */
export function bytesToText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding = 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) encoding = 'utf-16le';
  else if (b0 === 0xfe && b1 === 0xff) encoding = 'utf-16be';
  else if (b0 === 0x3c && b1 === 0x00) encoding = 'utf-16le';
  else if (b0 === 0x00 && b1 === 0x3c) encoding = 'utf-16be';
  // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
  return new TextDecoder(encoding).decode(bytes);
}

/** Refuses a DOCTYPE with an internal subset or entity declarations: nothing ECG needs uses them. */
export function assertNoUnsafeDoctype(text: string): void {
  const m = /<!DOCTYPE/i.exec(text);
  if (!m) return;
  const rest = text.slice(m.index, m.index + 64 * 1024);
  if (/<!ENTITY/i.test(rest) || /<!DOCTYPE[^>[]*\[/i.test(rest)) {
    throw new XmlRefusedError('XML declares a DOCTYPE with entities/internal subset: refused (entity expansion risk)');
  }
}

// Loaded with the first ECG XML file, not at worker start (see lazyRequire).
const fastXmlParser = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
let parser: XMLParser | undefined;

const newParser = (): XMLParser => new (fastXmlParser().XMLParser)({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // No entity expansion of any kind: the DOCTYPE check above already refused declared entities.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  textNodeName: '#text',
  // Every element becomes an array so the readers never special-case "one child vs many".
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/**
 * Parses XML text to a node tree, after the DOCTYPE safety check. Throws on malformed XML, saying so:
 * the parser's own words ("readTagExp returned undefined at position 5210") name no problem a reader
 * would recognise.
 */
export function parseXmlSafely(text: string): XmlNode {
  assertNoUnsafeDoctype(text);
  parser ??= newParser();
  try {
    return parser.parse(text) as XmlNode;
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0]!.replace(/\s+/g, ' ').trim();
    throw new Error(`malformed XML (${detail})`);
  }
}

/** Child elements named `name` (namespace prefixes removed). */
export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

/** First child element named `name`, following a path of names. */
export function kid(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let cur = node;
  for (const n of names) cur = kids(cur, n)[0];
  return cur;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function text(node: XmlNode | undefined): string {
  const v = node?.['#text'];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
