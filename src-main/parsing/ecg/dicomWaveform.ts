import type { DataSet, Element } from 'dicom-parser';
import type { EcgRecord, PatientInfo } from '../types';
import { compactDateTimeToIso, formatFilterInfo, makeEcgRecord, type DecodedLead } from './ecgRecord';
import { normaliseLeadName, STANDARD_12 } from './leadNames';
import { microvoltFactor } from './units';

/** One multiplex group of a DICOM waveform, decoded to microvolts. */
export interface DicomWaveformGroup {
  label?: string;
  /** ORIGINAL (acquired) or DERIVED (e.g. median beats). */
  originality?: string;
  samplingRateHz: number;
  samplesPerChannel: number;
  leads: DecodedLead[];
  filterInfo?: string;
}

// PS3.3 C.10.9 Waveform Module / C.10.9.1.4 Channel Definition Sequence tags (dicom-parser "x" keys).
const TAG = {
  waveformSequence: 'x54000100',
  originality: 'x003a0004',
  channels: 'x003a0005',
  samples: 'x003a0010',
  samplingFrequency: 'x003a001a',
  groupLabel: 'x003a0020',
  channelDefinitionSequence: 'x003a0200',
  channelLabel: 'x003a0203',
  channelSourceSequence: 'x003a0208',
  sensitivity: 'x003a0210',
  sensitivityUnitsSequence: 'x003a0211',
  correctionFactor: 'x003a0212',
  baseline: 'x003a0213',
  filterLow: 'x003a0220',
  filterHigh: 'x003a0221',
  notch: 'x003a0222',
  bitsAllocated: 'x54001004',
  sampleInterpretation: 'x54001006',
  waveformData: 'x54001010',
  codeValue: 'x00080100',
  codeMeaning: 'x00080104',
} as const;

function items(ds: DataSet, tag: string): DataSet[] {
  const el: Element | undefined = ds.elements[tag];
  return (el?.items ?? []).flatMap((it) => (it.dataSet ? [it.dataSet] : []));
}

/** Lead name from ChannelSourceSequence: the code value is unambiguous, the meaning is the fallback. */
function channelName(ch: DataSet, index: number): string {
  const src = items(ch, TAG.channelSourceSequence)[0];
  const code = src?.string(TAG.codeValue);
  const meaning = src?.string(TAG.codeMeaning);
  const label = ch.string(TAG.channelLabel);
  for (const candidate of [code, meaning, label]) {
    if (!candidate) continue;
    const name = normaliseLeadName(candidate);
    if ((STANDARD_12 as readonly string[]).includes(name)) return name;
  }
  return meaning ?? label ?? code ?? `channel ${index + 1}`;
}

function readGroup(g: DataSet, groupIndex: number): DicomWaveformGroup {
  const where = `waveform group ${groupIndex + 1}`;
  const nCh = g.uint16(TAG.channels);
  const nS = g.uint32(TAG.samples);
  const fs = g.floatString(TAG.samplingFrequency);
  const bits = g.uint16(TAG.bitsAllocated);
  const interp = g.string(TAG.sampleInterpretation) ?? (bits === 8 ? 'SB' : 'SS');
  if (!nCh || !nS) throw new Error(`${where}: missing NumberOfWaveformChannels/Samples`);
  if (!fs || !(fs > 0)) throw new Error(`${where}: missing or invalid SamplingFrequency`);
  if (bits !== 8 && bits !== 16) throw new Error(`${where}: WaveformBitsAllocated ${bits} not supported`);
  const bytesPerSample = bits / 8;
  const okInterp = bits === 16 ? ['SS', 'US'] : ['SB', 'UB'];
  if (!okInterp.includes(interp)) {
    throw new Error(`${where}: WaveformSampleInterpretation ${interp} with ${bits} bits not supported`);
  }
  const data = g.elements[TAG.waveformData];
  if (!data) throw new Error(`${where}: no WaveformData`);
  // Check the declared size against the bytes actually present before allocating anything.
  const needed = nCh * nS * bytesPerSample;
  if (needed > data.length || data.dataOffset + needed > g.byteArray.length) {
    throw new Error(`${where}: WaveformData holds ${data.length} bytes, ${nCh}×${nS}×${bytesPerSample} declared`);
  }
  const defs = items(g, TAG.channelDefinitionSequence);
  if (defs.length !== nCh) throw new Error(`${where}: ${defs.length} channel definitions for ${nCh} channels`);

  const scale: number[] = [];
  const offset: number[] = [];
  const leads: DecodedLead[] = defs.map((ch, c) => {
    const sens = ch.floatString(TAG.sensitivity);
    if (sens === undefined) throw new Error(`${where}: channel ${c + 1} has no ChannelSensitivity`);
    const unit = items(ch, TAG.sensitivityUnitsSequence)[0]?.string(TAG.codeValue);
    if (!unit) throw new Error(`${where}: channel ${c + 1} has no ChannelSensitivityUnitsSequence`);
    const toUv = microvoltFactor(unit);
    if (toUv === undefined) throw new Error(`${where}: channel ${c + 1} units '${unit}' are not a voltage`);
    const corr = ch.floatString(TAG.correctionFactor) ?? 1;
    const base = ch.floatString(TAG.baseline) ?? 0;
    // PS3.3 C.10.9.1.4.3: value = raw × sensitivity × correction + baseline, all in the sensitivity units.
    scale.push(sens * corr * toUv);
    offset.push(base * toUv);
    return { name: channelName(ch, c), samplesUv: new Float32Array(nS) };
  });

  // Samples are interleaved: sample 0 of every channel, then sample 1 of every channel, …
  const bytes = g.byteArray;
  const view = new DataView(bytes.buffer, bytes.byteOffset + data.dataOffset, needed);
  // dicom-parser exposes byte order only through its parser object: probe it with a known pair.
  const littleEndian = g.byteArrayParser.readUint16(new Uint8Array([1, 0]), 0) === 1;
  for (let s = 0; s < nS; s++) {
    for (let c = 0; c < nCh; c++) {
      const pos = (s * nCh + c) * bytesPerSample;
      let raw: number;
      if (bits === 16) raw = interp === 'SS' ? view.getInt16(pos, littleEndian) : view.getUint16(pos, littleEndian);
      else raw = interp === 'SB' ? view.getInt8(pos) : view.getUint8(pos);
      leads[c]!.samplesUv[s] = raw * scale[c]! + offset[c]!;
    }
  }
  const first = defs[0]!;
  const group: DicomWaveformGroup = { samplingRateHz: fs, samplesPerChannel: nS, leads };
  const label = g.string(TAG.groupLabel);
  if (label) group.label = label;
  const originality = g.string(TAG.originality);
  if (originality) group.originality = originality;
  const filterInfo = formatFilterInfo(
    first.floatString(TAG.filterLow),
    first.floatString(TAG.filterHigh),
    first.floatString(TAG.notch),
  );
  if (filterInfo) group.filterInfo = filterInfo;
  return group;
}

/** Decodes every multiplex group of the WaveformSequence (rhythm, median beats, …) to microvolts. */
export function readDicomWaveformGroups(dataSet: DataSet): DicomWaveformGroup[] {
  const groups = items(dataSet, TAG.waveformSequence);
  if (groups.length === 0) throw new Error('no WaveformSequence (5400,0100) items');
  return groups.map(readGroup);
}

function isMedian(g: DicomWaveformGroup): boolean {
  return g.originality === 'DERIVED' || /MEDIAN|REPRESENTATIVE/i.test(g.label ?? '');
}

/**
 * Decodes a DICOM waveform (12-lead / general ECG) data set into microvolts. Throws with a reason.
 * The main record is the rhythm group: the longest in time, preferring acquired (ORIGINAL) groups so a
 * long derived median-beat group never wins.
 */
export function readDicomWaveform(dataSet: DataSet): EcgRecord {
  const groups = readDicomWaveformGroups(dataSet);
  const duration = (g: DicomWaveformGroup): number => g.samplesPerChannel / g.samplingRateHz;
  const rhythm = [...groups].sort((a, b) => Number(isMedian(a)) - Number(isMedian(b)) || duration(b) - duration(a))[0]!;

  const patient: Partial<PatientInfo> = {};
  const id = dataSet.string('x00100020');
  const name = dataSet.string('x00100010');
  const birth = dataSet.string('x00100030');
  const sex = dataSet.string('x00100040');
  if (id) patient.patientId = id;
  if (name) patient.name = name;
  if (birth) patient.birthDate = birth;
  if (sex) patient.sex = sex;
  const acq =
    dataSet.string('x0008002a') ??
    (dataSet.string('x00080022') ? `${dataSet.string('x00080022')}${dataSet.string('x00080032') ?? ''}` : undefined);
  const extra: Parameters<typeof makeEcgRecord>[3] = { patient };
  const iso = compactDateTimeToIso(acq);
  if (iso) extra.acquisitionDateTime = iso;
  if (rhythm.filterInfo) extra.filterInfo = rhythm.filterInfo;
  return makeEcgRecord('dicom', rhythm.leads, rhythm.samplingRateHz, extra);
}
