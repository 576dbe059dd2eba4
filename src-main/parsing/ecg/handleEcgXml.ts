import path from 'node:path';
import type { FileHandler, ParseOutcome } from '../types';
import { buildEcgObject, contentDigest } from './ecgObject';
import { readHl7AecgDetailed } from './readHl7Aecg';
import { readPhilipsXml } from './readPhilipsXml';
import { bytesToText, XmlRefusedError } from './safeXml';

/** How far into the document the root element is looked for (comments and a DOCTYPE may precede it). */
const SNIFF_BYTES = 64 * 1024;

type EcgXmlKind = 'hl7-aecg' | 'philips-xml';

/** The ECG dialect from the root element name, skipping the prolog; undefined for any other XML. */
export function sniffEcgXml(bytes: Uint8Array): EcgXmlKind | undefined {
  // Only a prefix is decoded: sniffing must stay cheap whatever the file's size.
  const head = bytesToText(bytes.subarray(0, SNIFF_BYTES));
  const cleaned = head
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/gi, '');
  const root = /^\s*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(cleaned)?.[2];
  if (root === 'AnnotatedECG') return 'hl7-aecg';
  if (root === 'restingecgdata') return 'philips-xml';
  // A DOCTYPE whose subset did not close inside the window still names the root: "<!DOCTYPE AnnotatedECG [".
  const dt = /<!DOCTYPE\s+([A-Za-z_][\w.:-]*)/i.exec(head)?.[1]?.replace(/^.*:/, '');
  if (dt === 'AnnotatedECG') return 'hl7-aecg';
  if (dt === 'restingecgdata') return 'philips-xml';
  return undefined;
}

/**
 * Import-chain handler for ECG XML: HL7 aECG and Philips Sierra/PhilipsECG. Any other XML is 'skip'.
 * Documents with entity-declaring DOCTYPEs are rejected before any XML parsing happens (parseXmlSafely).
 */
export const handleEcgXml: FileHandler = async (file, limits): Promise<ParseOutcome | 'skip'> => {
  const kind = sniffEcgXml(file.bytes);
  if (!kind) return 'skip';
  const label = kind === 'hl7-aecg' ? 'HL7 aECG' : 'Philips ECG XML';
  try {
    if (file.bytes.length > limits.maxTextBytes) {
      throw new XmlRefusedError(`${file.bytes.length} bytes exceeds maxTextBytes ${limits.maxTextBytes}`);
    }
    const seed = `${kind}:${contentDigest(file.bytes)}`;
    if (kind === 'hl7-aecg') {
      const r = readHl7AecgDetailed(file.bytes, limits);
      const input: Parameters<typeof buildEcgObject>[0] = {
        record: r.record,
        seed,
        fallbackPatientId: `AECG-${contentDigest(file.bytes).slice(0, 12)}`,
        description: 'HL7 annotated ECG',
        warnings: r.warnings,
      };
      if (r.documentId) input.recordId = r.documentId;
      return { status: 'parsed', object: buildEcgObject(input) };
    }
    const record = readPhilipsXml(file.bytes, limits);
    const object = buildEcgObject({
      record,
      seed,
      fallbackPatientId: `PHILIPS-${contentDigest(file.bytes).slice(0, 12)}`,
      description: 'Philips resting ECG',
    });
    return { status: 'parsed', object };
  } catch (err) {
    return { status: 'rejected', reason: `${label} ${path.basename(file.path)}: ${(err as Error).message}` };
  }
};
