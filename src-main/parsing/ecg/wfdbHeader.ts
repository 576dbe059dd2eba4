/**
 * Parser for PhysioNet WFDB header (.hea) files, single-segment records only.
 * Record line:  name[/nseg] nsig [fs[/counterfreq[(base)]] [nsamp [basetime [basedate]]]]
 * Signal line:  file format[xspf][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero [initval
 *               [checksum [blocksize [description]]]]]]]
 * Lines starting with '#' are comments (they carry patient info in MIT-BIH and PTB); blank lines are
 * allowed anywhere (record 100's header has one between its signal lines).
 */

export interface WfdbSignalSpec {
  fileName: string;
  format: number;
  samplesPerFrame: number;
  byteOffset: number;
  /** ADC units per physical unit; 200 when the header gives 0 or nothing (WFDB default). */
  gain: number;
  baseline: number;
  units: string;
  adcZero: number;
  initialValue?: number;
  checksum?: number;
  description: string;
}

export interface WfdbHeader {
  recordName: string;
  samplingRateHz: number;
  /** Samples per signal; undefined when the header leaves it to the signal file's length. */
  samplesPerSignal?: number;
  baseTime?: string;
  baseDate?: string;
  signals: WfdbSignalSpec[];
  comments: string[];
}

const DEFAULT_GAIN = 200;
const DEFAULT_FS = 250;

function toNumber(s: string | undefined, what: string): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error(`WFDB header: ${what} '${s}' is not a number`);
  return n;
}

function parseSignalLine(line: string, index: number): WfdbSignalSpec {
  const f = line.trim().split(/\s+/);
  const fileName = f[0]!;
  const fmt = /^(\d+)(?:x(\d+))?(?::(-?\d+))?(?:\+(\d+))?$/.exec(f[1] ?? '');
  if (!fmt) throw new Error(`WFDB header: signal ${index + 1} has no valid format field ('${f[1] ?? ''}')`);
  const gainField = /^([-+0-9.eE]+)(?:\(([-+0-9]+)\))?(?:\/(\S+))?$/.exec(f[2] ?? '');
  if (f[2] !== undefined && !gainField) throw new Error(`WFDB header: signal ${index + 1} gain '${f[2]}' unreadable`);
  const rawGain = toNumber(gainField?.[1], 'gain') ?? 0;
  const adcZero = toNumber(f[4], 'ADC zero') ?? 0;
  const spec: WfdbSignalSpec = {
    fileName,
    format: Number(fmt[1]),
    samplesPerFrame: fmt[2] ? Number(fmt[2]) : 1,
    byteOffset: fmt[4] ? Number(fmt[4]) : 0,
    gain: rawGain === 0 ? DEFAULT_GAIN : rawGain,
    // The baseline defaults to the ADC zero when the header does not give one in parentheses.
    baseline: gainField?.[2] !== undefined ? Number(gainField[2]) : adcZero,
    units: gainField?.[3] ?? 'mV',
    adcZero,
    description: f.slice(8).join(' '),
  };
  const init = toNumber(f[5], 'initial value');
  const sum = toNumber(f[6], 'checksum');
  if (init !== undefined) spec.initialValue = init;
  if (sum !== undefined) spec.checksum = sum;
  return spec;
}

/** Parses header text; throws with a reason when it is not a usable single-segment WFDB header. */
export function parseWfdbHeader(text: string): WfdbHeader {
  const comments: string[] = [];
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (t === '') continue;
    if (t.startsWith('#')) comments.push(t.slice(1).trim());
    else lines.push(t);
  }
  const rec = lines[0]?.split(/\s+/);
  if (!rec || rec.length < 2) throw new Error('WFDB header: no record line');
  const [nameField, nsigField, fsField, nsampField, baseTime, baseDate] = rec;
  if (nameField!.includes('/')) throw new Error('WFDB header: multi-segment records are not supported');
  if (!/^\d+$/.test(nsigField!)) throw new Error(`WFDB header: signal count '${nsigField}' is not a number`);
  const nsig = Number(nsigField);
  const fs = toNumber(fsField?.split('/')[0], 'sampling frequency') ?? DEFAULT_FS;
  if (!(fs > 0)) throw new Error(`WFDB header: sampling frequency ${fs} is not positive`);
  const nsamp = toNumber(nsampField, 'sample count');
  if (nsamp !== undefined && (!Number.isInteger(nsamp) || nsamp < 0)) {
    throw new Error(`WFDB header: sample count ${nsampField} is invalid`);
  }
  if (lines.length - 1 < nsig) throw new Error(`WFDB header: ${nsig} signals declared, ${lines.length - 1} signal lines`);
  const header: WfdbHeader = {
    recordName: nameField!,
    samplingRateHz: fs,
    signals: lines.slice(1, 1 + nsig).map(parseSignalLine),
    comments,
  };
  if (nsamp !== undefined && nsamp > 0) header.samplesPerSignal = nsamp;
  if (baseTime) header.baseTime = baseTime;
  if (baseDate) header.baseDate = baseDate;
  return header;
}

/** Patient details found in the comment conventions of MIT-BIH ("# 69 M …") and PTB ("# sex: female"). */
export function wfdbCommentPatient(comments: string[]): { sex?: string; age?: number; date?: string } {
  const out: { sex?: string; age?: number; date?: string } = {};
  for (const c of comments) {
    const mit = /^(\d{1,3})\s+([MF])\b/.exec(c);
    if (mit && out.sex === undefined) {
      out.age = Number(mit[1]);
      out.sex = mit[2];
    }
    const sex = /^sex:\s*(male|female|m|f)\b/i.exec(c);
    if (sex) out.sex = sex[1]!.charAt(0).toUpperCase();
    const age = /^age:\s*(\d{1,3})\b/i.exec(c);
    if (age) out.age = Number(age[1]);
    const date = /^ECG date:\s*(\d{2})\/(\d{2})\/(\d{4})/i.exec(c);
    // PTB writes dd/mm/yyyy.
    if (date) out.date = `${date[3]}${date[2]}${date[1]}`;
  }
  return out;
}
