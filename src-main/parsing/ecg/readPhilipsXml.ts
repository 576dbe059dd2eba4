import { DEFAULT_LIMITS, type EcgRecord, type ParseLimits, type PatientInfo } from '../types';
import { formatFilterInfo, makeEcgRecord, type DecodedLead } from './ecgRecord';
import { normaliseLeadName, STANDARD_12 } from './leadNames';
import { attr, decodeXmlBytes, kid, parseXmlSafely, text, type XmlNode } from './safeXml';
import { xliDecode } from './xliDecompress';

/**
 * Philips SierraECG / PhilipsECG XML (v1.03, v1.04) reader: the rhythm data is <waveforms>/
 * <parsedwaveforms>, Base64 of XLI-compressed int16 leads (see xliDecompress.ts), in microvolts after
 * × resolution (µV per LSB, from the signal characteristics).
 */

/** Leads Philips stores as residuals against the value computed from I and II (index in STANDARD_12). */
const RESIDUAL_LEADS = ['III', 'aVR', 'aVL', 'aVF'] as const;

/**
 * Philips stores III, aVR, aVL and aVF as residuals: stored = computed − actual, where "computed" is the
 * Einthoven/Goldberger value from I, II (and the already rebuilt III) in C-style truncating integer
 * arithmetic. So actual = computed − stored. Verified on the sample files: the 1 mV calibration pulse at
 * the end of every lead only comes out as +1 mV in all four leads with this sign, and truncation (not
 * floor) keeps every rebuilt augmented lead within half an LSB of the exact value.
 */
export function rebuildPhilipsLimbLeads(leads: Int16Array[]): void {
  const [i, ii, iii, avr, avl, avf] = leads;
  if (!i || !ii || !iii || !avr || !avl || !avf) throw new Error('Philips XML: limb-lead reconstruction needs 6 leads');
  const half = (v: number): number => Math.trunc(v / 2);
  for (let k = 0; k < i.length; k++) {
    const a = i[k]!;
    const b = ii[k]!;
    const c = b - a - iii[k]!;
    iii[k] = c;
    avr[k] = -half(a + b) - avr[k]!;
    avl[k] = half(a - c) - avl[k]!;
    avf[k] = half(b + c) - avf[k]!;
  }
}

function num(node: XmlNode | undefined): number | undefined {
  const t = text(node).trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

function numAttr(node: XmlNode | undefined, name: string): number | undefined {
  const a = attr(node, name);
  if (a === undefined) return undefined;
  const v = Number(a);
  return Number.isFinite(v) ? v : undefined;
}

function patientOf(root: XmlNode): Partial<PatientInfo> {
  const g = kid(root, 'patient', 'generalpatientdata');
  const p: Partial<PatientInfo> = {};
  const id = text(kid(g, 'patientid')).trim();
  if (id) p.patientId = id;
  const last = text(kid(g, 'name', 'lastname')).trim();
  const first = text(kid(g, 'name', 'firstname')).trim();
  // DICOM PN order (family^given) so the store shows it like DICOM names.
  if (last || first) p.name = first ? `${last}^${first}` : last;
  const sex = text(kid(g, 'sex')).trim();
  if (/^(male|female)$/i.test(sex)) p.sex = sex.charAt(0).toUpperCase();
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(kid(g, 'age', 'dateofbirth')).trim());
  if (dob) p.birthDate = `${dob[1]}${dob[2]}${dob[3]}`;
  return p;
}

/** Decodes a Philips Sierra/PhilipsECG XML rhythm recording into microvolts. Throws with a reason. */
export function readPhilipsXml(bytes: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): EcgRecord {
  const doc = parseXmlSafely(decodeXmlBytes(bytes, limits));
  const root = kid(doc, 'restingecgdata');
  if (!root) throw new Error('not a Philips ECG XML document (no restingecgdata root)');
  const acq = kid(root, 'dataacquisition');
  const sig = kid(acq, 'signalcharacteristics');
  const wf = kid(root, 'waveforms', 'parsedwaveforms');
  if (!wf) throw new Error('Philips XML: no <parsedwaveforms>');

  const rate = numAttr(wf, 'samplespersecond') ?? num(kid(sig, 'samplingrate'));
  if (!rate || !(rate > 0)) throw new Error('Philips XML: no sampling rate');
  // µV per LSB: v1.04 puts it on the waveform, v1.03 only in the signal characteristics.
  const resolution = numAttr(wf, 'resolution') ?? num(kid(sig, 'resolution')) ?? num(kid(sig, 'signalresolution'));
  if (!resolution || !(resolution > 0)) throw new Error('Philips XML: no signal resolution');
  const offset = numAttr(wf, 'signaloffset') ?? num(kid(sig, 'signaloffset')) ?? 0;
  const durationMs = numAttr(wf, 'durationperchannel');
  if (!durationMs || !(durationMs > 0)) throw new Error('Philips XML: no durationperchannel');
  const samplesPerLead = Math.round((durationMs * rate) / 1000);
  const labelAttr = attr(wf, 'leadlabels');
  const labels = labelAttr ? labelAttr.trim().split(/\s+/) : [...STANDARD_12];
  const nLeads = numAttr(wf, 'numberofleads') ?? num(kid(sig, 'numberchannelsvalid')) ?? labels.length;
  if (nLeads !== labels.length) throw new Error(`Philips XML: ${nLeads} leads but ${labels.length} lead labels`);
  // Decoded size is checked against the limit before the decompressor allocates anything.
  const decodedBytes = samplesPerLead * nLeads * 2;
  if (decodedBytes > limits.maxPixelBytes) throw new Error(`Philips XML: ${decodedBytes} decoded bytes exceeds the limit`);

  const compression = attr(wf, 'compression') ?? attr(wf, 'compressmethod');
  const compressed = attr(wf, 'compressflag') ? attr(wf, 'compressflag') === 'True' : compression !== undefined;
  if (!compressed || compression !== 'XLI') throw new Error(`Philips XML: waveform compression '${compression ?? 'none'}' not supported`);
  if ((attr(wf, 'dataencoding') ?? 'Base64') !== 'Base64') throw new Error('Philips XML: waveform encoding is not Base64');
  const payload = Buffer.from(text(wf).replace(/\s+/g, ''), 'base64');
  // Devices pad to the allocated channel count (16 chunks for 12 leads): read them, keep the valid ones.
  const chunks = xliDecode(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength), samplesPerLead, 32);
  if (chunks.length < nLeads) throw new Error(`Philips XML: ${chunks.length} lead chunks for ${nLeads} leads`);
  const raw = chunks.slice(0, nLeads);

  const names = labels.map(normaliseLeadName);
  const standardPrefix = ['I', 'II', ...RESIDUAL_LEADS];
  if (standardPrefix.every((n, k) => names[k] === n)) rebuildPhilipsLimbLeads(raw);
  else if (RESIDUAL_LEADS.some((n) => names.includes(n))) {
    throw new Error(`Philips XML: lead order '${labels.join(' ')}' unexpected; cannot rebuild limb leads`);
  }
  const leads: DecodedLead[] = raw.map((r, k) => {
    const out = new Float32Array(r.length);
    for (let s = 0; s < r.length; s++) out[s] = (r[s]! - offset) * resolution;
    return { name: names[k]!, samplesUv: out };
  });

  const extra: Parameters<typeof makeEcgRecord>[3] = { patient: patientOf(root) };
  const date = attr(acq, 'date');
  const time = attr(acq, 'time');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) extra.acquisitionDateTime = time ? `${date}T${time}` : date;
  const band = text(kid(sig, 'signalbandwidth')).trim();
  const notchOn = (attr(wf, 'notchfiltered') ?? text(kid(sig, 'notchfiltered'))) === 'True';
  const filter = band
    ? `${band} Hz`
    : formatFilterInfo(
        numAttr(wf, 'hipass') ?? num(kid(sig, 'hipass')),
        numAttr(wf, 'lowpass') ?? num(kid(sig, 'lowpass')),
        notchOn ? num(kid(sig, 'acsetting')) : undefined,
      );
  if (filter) extra.filterInfo = filter;
  return makeEcgRecord('philips-xml', leads, rate, extra);
}
