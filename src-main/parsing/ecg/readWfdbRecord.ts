import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LIMITS, type EcgRecord, type ParseLimits, type PatientInfo } from '../types';
import { makeEcgRecord, type DecodedLead } from './ecgRecord';
import { normaliseLeadName } from './leadNames';
import { microvoltFactor } from './units';
import { parseWfdbHeader, wfdbCommentPatient, type WfdbHeader, type WfdbSignalSpec } from './wfdbHeader';
import { decodeWfdbSamples, WFDB_BYTES_PER_SAMPLE, wfdbBytesNeeded, wfdbChecksum } from './wfdbSignals';

export interface WfdbReadResult {
  record: EcgRecord;
  header: WfdbHeader;
  /** Absolute paths of the signal files that were read. */
  signalFiles: string[];
  warnings: string[];
}

/** Largest header we read as text: real headers are a few KiB even with long clinical comments. */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Signal file names come from untrusted text: only plain names in the header's own folder are followed,
 * never paths, so a header cannot make us read /etc/passwd or ../../anything.
 */
function safeSignalFileName(name: string): boolean {
  return name !== '.' && name !== '..' && !/[/\\:\0]/.test(name) && name.length <= 255;
}

async function readSignalFile(
  filePath: string,
  specs: WfdbSignalSpec[],
  declaredSamples: number | undefined,
  limits: ParseLimits,
): Promise<{ digital: Float64Array[]; frames: number }> {
  const name = path.basename(filePath);
  const format = specs[0]!.format;
  const offset = specs[0]!.byteOffset;
  if (specs.some((s) => s.format !== format || s.byteOffset !== offset)) {
    throw new Error(`${name}: signals in one file must share format and byte offset`);
  }
  if (specs.some((s) => s.samplesPerFrame !== 1)) {
    throw new Error(`${name}: multi-frequency records (samples per frame > 1) are not supported`);
  }
  let size: number;
  try {
    size = (await stat(filePath)).size;
  } catch {
    throw new Error(`signal file ${name} named in the header is missing`);
  }
  if (size > limits.maxFileBytes) throw new Error(`${name}: ${size} bytes exceeds maxFileBytes ${limits.maxFileBytes}`);
  const available = Math.max(0, size - offset);
  // Without a declared length the file's size decides it (WFDB allows omitting nsamp).
  const frames = declaredSamples ?? Math.floor(available / ((WFDB_BYTES_PER_SAMPLE[format] ?? 1) * specs.length));
  const needed = wfdbBytesNeeded(format, specs.length, frames);
  // The size check comes before any allocation sized by the header's sample count.
  if (needed > available) {
    throw new Error(`${name}: header declares ${frames} samples (${needed} bytes), file holds ${available} bytes`);
  }
  const fh = await open(filePath, 'r');
  try {
    const buf = new Uint8Array(needed);
    const { bytesRead } = await fh.read(buf, 0, needed, offset);
    if (bytesRead !== needed) throw new Error(`${name}: short read (${bytesRead} of ${needed} bytes)`);
    return { digital: decodeWfdbSamples(buf, format, specs.length, frames), frames };
  } finally {
    await fh.close();
  }
}

function baseDateTimeIso(h: WfdbHeader): string | undefined {
  const d = h.baseDate && /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(h.baseDate);
  if (!d) return undefined;
  const date = `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}`;
  const t = h.baseTime && /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(h.baseTime);
  return t ? `${date}T${t[1]!.padStart(2, '0')}:${t[2]}:${t[3] ?? '00'}` : date;
}

/**
 * Reads a WFDB record from its header text, loading the signal files it names from `folder`. Signals
 * whose units are not a voltage (e.g. mmHg) are left out with a warning, since the record is in µV.
 */
export async function readWfdbFromHeaderText(
  headerText: string,
  folder: string,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<WfdbReadResult> {
  const header = parseWfdbHeader(headerText);
  const warnings: string[] = [];
  const byFile = new Map<string, { spec: WfdbSignalSpec; index: number }[]>();
  header.signals.forEach((spec, index) => {
    if (spec.fileName === '~') {
      warnings.push(`signal ${index + 1} has no signal file ('~'); left out`);
      return;
    }
    if (!safeSignalFileName(spec.fileName)) throw new Error(`signal file name '${spec.fileName}' is not a plain file name`);
    const list = byFile.get(spec.fileName) ?? [];
    list.push({ spec, index });
    byFile.set(spec.fileName, list);
  });
  if (byFile.size === 0) throw new Error('WFDB header names no signal files');

  const digitalByIndex = new Map<number, Float64Array>();
  const signalFiles: string[] = [];
  let frames: number | undefined;
  for (const [fileName, entries] of byFile) {
    const filePath = path.join(folder, fileName);
    const r = await readSignalFile(filePath, entries.map((e) => e.spec), header.samplesPerSignal, limits);
    signalFiles.push(filePath);
    if (frames !== undefined && r.frames !== frames) {
      warnings.push(`signal files hold different lengths; using the shortest`);
    }
    frames = frames === undefined ? r.frames : Math.min(frames, r.frames);
    entries.forEach((e, k) => digitalByIndex.set(e.index, r.digital[k]!));
  }

  const leads: DecodedLead[] = [];
  header.signals.forEach((spec, index) => {
    const digital = digitalByIndex.get(index);
    if (!digital) return;
    const label = spec.description || `signal ${index + 1}`;
    const toUv = microvoltFactor(spec.units);
    if (toUv === undefined) {
      warnings.push(`signal ${index + 1} (${label}) is in '${spec.units}', not a voltage; left out`);
      return;
    }
    if (spec.checksum !== undefined && wfdbChecksum(digital) !== spec.checksum) {
      warnings.push(`signal ${index + 1} (${label}) checksum does not match the header: data may be damaged`);
    }
    const n = frames!;
    const out = new Float32Array(n);
    // WFDB: physical = (digital − baseline) / gain, in the header's units.
    for (let i = 0; i < n; i++) out[i] = ((digital[i]! - spec.baseline) / spec.gain) * toUv;
    leads.push({ name: normaliseLeadName(label), samplesUv: out });
  });
  if (leads.length === 0) throw new Error('WFDB record has no voltage signals');

  const info = wfdbCommentPatient(header.comments);
  const patient: Partial<PatientInfo> = {};
  if (info.sex) patient.sex = info.sex;
  const extra: Parameters<typeof makeEcgRecord>[3] = { patient };
  const iso = baseDateTimeIso(header);
  if (iso) extra.acquisitionDateTime = iso;
  else if (info.date) extra.acquisitionDateTime = `${info.date.slice(0, 4)}-${info.date.slice(4, 6)}-${info.date.slice(6)}`;
  return { record: makeEcgRecord('wfdb', leads, header.samplingRateHz, extra), header, signalFiles, warnings };
}

/** Reads the header at `headerPath` and the signal files it names (same folder) into microvolts. */
export async function readWfdbRecord(headerPath: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<EcgRecord> {
  const size = (await stat(headerPath)).size;
  if (size > Math.min(MAX_HEADER_BYTES, limits.maxTextBytes)) throw new Error(`WFDB header is ${size} bytes: too large`);
  const text = await readFile(headerPath, 'latin1');
  return (await readWfdbFromHeaderText(text, path.dirname(headerPath), limits)).record;
}

export { MAX_HEADER_BYTES as MAX_WFDB_HEADER_BYTES };
