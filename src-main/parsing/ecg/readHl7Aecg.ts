import { DEFAULT_LIMITS, type EcgRecord, type ParseLimits, type PatientInfo } from '../types';
import { compactDateTimeToIso, makeEcgRecord, type DecodedLead } from './ecgRecord';
import { normaliseLeadName } from './leadNames';
import { deriveMissingLimbLeads } from './limbLeads';
import { attr, decodeXmlBytes, kid, kids, parseXmlSafely, text, type XmlNode } from './safeXml';
import { microvoltFactor } from './units';

/**
 * HL7 v3 Annotated ECG (aECG) reader. Waveforms live in AnnotatedECG/component/series/component/
 * sequenceSet; each sequence is either the time axis (GLIST_TS / GLIST_PQ: head + increment) or one lead
 * (SLIST_PQ: value = origin + scale × digit). Representative beats sit under series/derivation/
 * derivedSeries and are deliberately not part of the main record.
 */

export interface AecgReadResult {
  record: EcgRecord;
  /** The document's root id when it is a UUID/OID (minimum_aecg_nouuid has an empty one). */
  documentId?: string;
  warnings: string[];
}

function numberAttr(node: XmlNode | undefined, name: string, what: string): number {
  const v = Number(attr(node, name));
  if (!Number.isFinite(v)) throw new Error(`aECG: ${what} is missing or not a number`);
  return v;
}

/** Seconds per sample from a GLIST increment (unit s or ms). */
function incrementSeconds(inc: XmlNode | undefined): number {
  const v = numberAttr(inc, 'value', 'time increment');
  const unit = attr(inc, 'unit') ?? 's';
  const f = unit === 's' ? 1 : unit === 'ms' ? 1e-3 : unit === 'us' ? 1e-6 : undefined;
  if (f === undefined) throw new Error(`aECG: time increment unit '${unit}' not supported`);
  if (!(v > 0)) throw new Error('aECG: time increment must be positive');
  return v * f;
}

function decodeSlistPq(value: XmlNode, leadCode: string): Float32Array {
  const origin = kid(value, 'origin');
  const scale = kid(value, 'scale');
  const o = origin ? numberAttr(origin, 'value', `${leadCode} origin`) : 0;
  const s = numberAttr(scale, 'value', `${leadCode} scale`);
  const oUnit = attr(origin, 'unit') ?? attr(scale, 'unit') ?? 'uV';
  const sUnit = attr(scale, 'unit') ?? 'uV';
  const fo = microvoltFactor(oUnit);
  const fs = microvoltFactor(sUnit);
  if (fo === undefined || fs === undefined) throw new Error(`aECG: ${leadCode} units '${sUnit}' are not a voltage`);
  const tokens = text(kid(value, 'digits')).split(/\s+/).filter((t) => t !== '');
  const out = new Float32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    const d = Number(tokens[k]);
    // aECG digits are integers; "NA"/garbage becomes NaN rather than a plausible-looking zero.
    out[k] = Number.isFinite(d) ? o * fo + d * s * fs : Number.NaN;
  }
  return out;
}

/** Filter settings from the series' controlVariables, as free text ("low-pass 150 Hz; notch 60 Hz …"). */
function filterInfo(series: XmlNode): string | undefined {
  const parts: string[] = [];
  for (const outer of kids(series, 'controlVariable')) {
    for (const cv of kids(outer, 'controlVariable')) {
      const code = attr(kid(cv, 'code'), 'code') ?? '';
      const kind = /LOW_PASS/.test(code) ? 'low-pass' : /HIGH_PASS/.test(code) ? 'high-pass' : /NOTCH/.test(code) ? 'notch' : undefined;
      if (!kind) continue;
      const bits: string[] = [kind];
      for (const comp of kids(cv, 'component')) {
        const sub = kid(comp, 'controlVariable');
        const v = kid(sub, 'value');
        const val = attr(v, 'value');
        if (val !== undefined) bits.push(`${val} ${attr(v, 'unit') ?? ''}`.trim());
        else if (text(v)) bits.push(`(${text(v)})`);
      }
      parts.push(bits.join(' '));
    }
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function patientOf(root: XmlNode): Partial<PatientInfo> {
  const subject = kid(root, 'componentOf', 'timepointEvent', 'componentOf', 'subjectAssignment', 'subject', 'trialSubject');
  const p: Partial<PatientInfo> = {};
  const id = attr(kid(subject, 'id'), 'extension');
  if (id) p.patientId = id;
  const person = kid(subject, 'subjectDemographicPerson');
  const name = text(kid(person, 'name')).trim();
  if (name) p.name = name;
  const sex = attr(kid(person, 'administrativeGenderCode'), 'code');
  if (sex) p.sex = sex;
  const birth = attr(kid(person, 'birthTime'), 'value');
  if (birth && /^\d{8}/.test(birth)) p.birthDate = birth.slice(0, 8);
  return p;
}

/** Reads an aECG document, with warnings (e.g. derived limb leads) and the document id. */
export function readHl7AecgDetailed(bytes: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): AecgReadResult {
  const doc = parseXmlSafely(decodeXmlBytes(bytes, limits));
  const root = kid(doc, 'AnnotatedECG');
  if (!root) throw new Error('not an HL7 aECG document (no AnnotatedECG root)');
  const seriesList = kids(root, 'component').flatMap((c) => kids(c, 'series'));
  const series = seriesList.find((s) => attr(kid(s, 'code'), 'code') === 'RHYTHM') ?? seriesList[0];
  if (!series) throw new Error('aECG: no waveform series');
  const warnings: string[] = [];

  let secondsPerSample: number | undefined;
  let startTime: string | undefined;
  const leads: DecodedLead[] = [];
  // One sequenceSet holds simultaneously recorded leads; a second set would be a different time base.
  const sets = kids(series, 'component').flatMap((c) => kids(c, 'sequenceSet'));
  if (sets.length === 0) throw new Error('aECG: rhythm series has no sequenceSet');
  if (sets.length > 1) warnings.push(`rhythm series has ${sets.length} sequence sets; only the first is read`);
  for (const comp of kids(sets[0], 'component')) {
    const seq = kid(comp, 'sequence');
    const code = attr(kid(seq, 'code'), 'code') ?? '';
    const value = kid(seq, 'value');
    if (!value) continue;
    const type = attr(value, 'type') ?? '';
    if (code === 'TIME_ABSOLUTE' || code === 'TIME_RELATIVE' || type.startsWith('GLIST')) {
      secondsPerSample = incrementSeconds(kid(value, 'increment'));
      startTime = attr(kid(value, 'head'), 'value');
    } else if (type === 'SLIST_PQ') {
      leads.push({ name: normaliseLeadName(code), samplesUv: decodeSlistPq(value, code) });
    } else {
      warnings.push(`sequence ${code} of type ${type} not read`);
    }
  }
  if (secondsPerSample === undefined) throw new Error('aECG: no time sequence (GLIST increment) in the rhythm series');
  if (leads.length === 0) throw new Error('aECG: rhythm series has no SLIST_PQ lead sequences');

  const derived = deriveMissingLimbLeads(leads);
  if (derived.length > 0) {
    warnings.push(`leads ${derived.join(', ')} absent from the file: derived from I and II`);
  }
  const extra: Parameters<typeof makeEcgRecord>[3] = { patient: patientOf(root) };
  const iso =
    compactDateTimeToIso(startTime) ??
    compactDateTimeToIso(attr(kid(root, 'effectiveTime', 'center'), 'value') ?? attr(kid(root, 'effectiveTime', 'low'), 'value'));
  if (iso) extra.acquisitionDateTime = iso;
  const fi = filterInfo(series);
  if (fi) extra.filterInfo = fi;
  // Rates such as 1/0.002 come out as 499.99999999999994 in floating point: round to a sane precision.
  const rate = Math.round((1 / secondsPerSample) * 1e6) / 1e6;
  const result: AecgReadResult = { record: makeEcgRecord('hl7-aecg', leads, rate, extra), warnings };
  const docId = attr(kid(root, 'id'), 'root');
  if (docId) result.documentId = docId;
  return result;
}

/** Decodes an HL7 aECG rhythm series into microvolts. Throws with a reason. */
export function readHl7Aecg(bytes: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): EcgRecord {
  return readHl7AecgDetailed(bytes, limits).record;
}
