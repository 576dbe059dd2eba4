/**
 * DICOM SR TID 1500 Measurement Report (Comprehensive SR SOP class, so SCOORD image regions are allowed),
 * written as a Part-10 file with dcmjs:
 *   - observer context: the model as a Device observer (UID derived from its SHA-256, name, model id);
 *   - Image Library: every DICOM image a box is on;
 *   - one Measurement Group per box (TID 1410: tracking id/UID, Finding, Image Region SCOORD selected from
 *     the referenced SOP instance and frame) or per finding without boxes (TID 1501); the reader's
 *     decision and comment as qualitative evaluations, the reader as Person observer where known;
 *   - the research-use notice, model hash and trace as TEXT items of the report.
 * Patient and study attributes come from the study's stored DICOM header (or the store's record for
 * non-DICOM studies); in a de-identified export that header goes through deidentifyDataset first and
 * the report passed in is already de-identified, so every UID here is the export's replacement.
 */
import dcmjs from 'dcmjs';
import type { StudyReport } from '../../contract/reviewSchemas';
import { deriveUid } from '../../util/uid';
import { deidentifyDataset, markDeidentified } from '../deidentifyDataset';
import { dicomDateTime, pn, seq, str, type DicomDict } from '../dicomDict';
import { parseRef } from '../mapRef';
import type { UidMapper } from '../uidMapper';
import { UidMapper as Uids } from '../uidMapper';
import { CODES, decisionCode, labelCode } from './srCodes';
import { codeItem, container, imageItem, rectangleRegion, textItem, uidItem, type ImageReference } from './srContent';

export const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = deriveUid('qoq-workstation implementation class');

/** Patient and General Study module attributes copied from the source header (PS3.3 C.7.1.1, C.7.2.1). */
const COPIED = ['00100010', '00100020', '00100030', '00100040', '00080020', '00080030', '00080090', '00200010', '00080050', '00081030', '00101010', '00101020', '00101030'];

export interface SrOptions {
  /** Header of the study's first DICOM image (original, not de-identified), if the study has one. */
  studyHeader: DicomDict | undefined;
  /** SOP Class UID per (output) SOP Instance UID, for references. */
  sopClassOf: (sopInstanceUid: string) => string | undefined;
  /** Frames per (output) SOP Instance UID: Referenced Frame Number only for multi-frame objects. */
  framesOf: (sopInstanceUid: string) => number;
  /** Set for a de-identified export: the same mapping the report was de-identified with. */
  deidentify?: UidMapper;
  now?: Date;
}

export function writeSrReport(report: StudyReport, opts: SrOptions): Uint8Array {
  const now = opts.now ?? new Date();
  const { date, time } = dicomDateTime(now);
  const { study } = report.detail;
  const sopInstanceUid = Uids.fresh();

  const header: DicomDict = {};
  for (const tag of COPIED) {
    const el = opts.studyHeader?.[tag];
    // Plain copies (strings and PN objects only in these modules), so de-identifying never touches the source.
    if (el) header[tag] = { vr: el.vr, Value: JSON.parse(JSON.stringify(el.Value ?? [])) as unknown[] };
  }
  if (opts.deidentify) deidentifyDataset(header, { uids: opts.deidentify });
  const patientModule: DicomDict = {
    '00100010': pn(study.patientName ?? ''),
    '00100020': str('LO', study.patientId),
    '00100030': str('DA'),
    '00100040': str('CS'),
    '00080020': str('DA', ...(study.studyDate ? [study.studyDate.replace(/-/g, '')] : [])),
    '00080030': str('TM'),
    '00080090': pn(''),
    '00200010': str('SH'),
    '00080050': str('SH', ...(study.accessionNumber ? [study.accessionNumber] : [])),
    ...header,
    // De-identified: Patient ID is Z in the profile, and Z allows a dummy; the export's pseudonym keeps the
    // SR groupable with the same study's PDF/FHIR/JSON.
    ...(opts.deidentify ? { '00100020': str('LO', study.patientId) } : {}),
  };

  const refs = imageReferences(report, opts);
  const dataset: DicomDict = {
    '00080005': str('CS', 'ISO_IR 192'),
    '00080016': str('UI', COMPREHENSIVE_SR),
    '00080018': str('UI', sopInstanceUid),
    '00080023': str('DA', date),
    '00080033': str('TM', time),
    '00080060': str('CS', 'SR'),
    '00080070': str('LO', 'qoq-workstation'),
    '00081090': str('LO', 'QoQ Workstation'),
    '00181020': str('LO', '0.1.0'),
    ...patientModule,
    '0020000D': str('UI', study.studyInstanceUid),
    '0020000E': str('UI', Uids.fresh()),
    '00200011': str('IS', 9901),
    '00200013': str('IS', 1),
    '00081111': seq(),
    '0040A491': str('CS', 'COMPLETE'),
    '0040A493': str('CS', 'UNVERIFIED'),
    '0040A372': seq(),
    ...evidence(study.studyInstanceUid, report, refs),
    '0008103E': str('LO', 'AI read report (research use only)'),
    ...container('CONTAINS', CODES.imagingMeasurementReport, content(report, refs), '1500'),
  };
  // The root container has no relationship type.
  delete dataset['0040A010'];
  if (opts.deidentify) markDeidentified(dataset);

  const meta = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': str('UI', COMPREHENSIVE_SR),
    '00020003': str('UI', sopInstanceUid),
    '00020010': str('UI', EXPLICIT_LE),
    '00020012': str('UI', IMPLEMENTATION_CLASS_UID),
    '00020013': str('SH', 'QOQ_0_1'),
  };
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = dataset;
  return new Uint8Array(file.write());
}

/** Output ref → DICOM image reference, for refs that name a DICOM instance of the study. */
function imageReferences(report: StudyReport, opts: SrOptions): Map<string, ImageReference> {
  const out = new Map<string, ImageReference>();
  for (const f of report.review.findings) {
    for (const b of f.boxes) {
      const parsed = parseRef(b.ref);
      const sopClassUid = parsed?.kind === 'dicom' ? opts.sopClassOf(parsed.id) : undefined;
      if (!parsed || !sopClassUid) continue;
      out.set(b.ref, { sopClassUid, sopInstanceUid: parsed.id, ...(opts.framesOf(parsed.id) > 1 ? { frame: parsed.index + 1 } : {}) });
    }
  }
  return out;
}

function content(report: StudyReport, refs: Map<string, ImageReference>): DicomDict[] {
  const models = new Map(report.review.analyses.map((a) => [a.result.model.sha256, a.result.model]));
  const model = [...models.values()][0];
  const items: DicomDict[] = [
    codeItem('HAS CONCEPT MOD', CODES.languageOfContent, CODES.englishUS),
    codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.device),
    uidItem('HAS OBS CONTEXT', CODES.deviceObserverUid, deriveUid(`model:${model?.sha256 ?? 'none'}`)),
    textItem('HAS OBS CONTEXT', CODES.deviceObserverName, model?.name ?? 'no model (reader findings only)'),
    textItem('HAS OBS CONTEXT', CODES.deviceObserverManufacturer, 'qoq-workstation'),
    textItem('HAS OBS CONTEXT', CODES.deviceObserverModelName, model?.id ?? 'none'),
    codeItem('HAS CONCEPT MOD', CODES.procedureReported, CODES.imagingProcedure),
    container('CONTAINS', CODES.imageLibrary, [container('CONTAINS', CODES.imageLibraryGroup, dedupe(refs).map((r) => imageItem('CONTAINS', r)))]),
    container('CONTAINS', CODES.imagingMeasurements, report.review.findings.flatMap((f, i) => measurementGroups(f, i, refs))),
    textItem('CONTAINS', CODES.researchUse, report.notice),
  ];
  for (const m of models.values()) items.push(textItem('CONTAINS', CODES.modelSha256, `${m.id} ${m.sha256}`));
  for (const a of report.review.analyses) if (a.result.trace) items.push(textItem('CONTAINS', CODES.reasoningTrace, a.result.trace));
  return items;
}

function measurementGroups(f: StudyReport['review']['findings'][number], index: number, refs: Map<string, ImageReference>): DicomDict[] {
  const common = (n: number): DicomDict[] => [
    textItem('HAS OBS CONTEXT', CODES.trackingIdentifier, `finding ${index + 1}${n > 0 ? ` box ${n + 1}` : ''}: ${f.label}`),
    uidItem('HAS OBS CONTEXT', CODES.trackingUid, deriveUid(`finding:${f.studyId}:${f.id}:${n}`)),
    ...(f.decidedBy ? [codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.person), textItem('HAS OBS CONTEXT', CODES.personObserverName, f.decidedBy)] : []),
    codeItem('CONTAINS', CODES.finding, labelCode(f.label)),
    codeItem('CONTAINS', CODES.qualitativeEvaluations, decisionCode(f.decision)),
    ...(f.comment ? [textItem('CONTAINS', CODES.comment, f.comment)] : []),
  ];
  if (f.boxes.length === 0) return [container('CONTAINS', CODES.measurementGroup, common(0), '1501')];
  return f.boxes.map((b, n) => {
    const ref = refs.get(b.ref);
    const region = ref
      ? rectangleRegion(CODES.imageRegion, b, ref)
      : textItem('CONTAINS', CODES.nonDicomRegion, `${b.ref} x1=${b.x1} y1=${b.y1} x2=${b.x2} y2=${b.y2}`);
    return container('CONTAINS', CODES.measurementGroup, [...common(n), region], ref ? '1410' : '1501');
  });
}

function dedupe(refs: Map<string, ImageReference>): ImageReference[] {
  const seen = new Map<string, ImageReference>();
  for (const r of refs.values()) seen.set(`${r.sopInstanceUid}#${r.frame ?? ''}`, r);
  return [...seen.values()];
}

/**
 * Current Requested Procedure Evidence: every referenced instance, by series (PS3.3 C.17.2.3). Type 1C:
 * absent (not empty) when the report references no DICOM instance (a photo-only study).
 */
function evidence(studyUid: string, report: StudyReport, refs: Map<string, ImageReference>): DicomDict {
  const bySeries = new Map<string, ImageReference[]>();
  for (const s of report.detail.series) {
    const uids = new Set(s.instances.map((i) => i.sopInstanceUid));
    const inSeries = dedupe(refs).filter((r) => uids.has(r.sopInstanceUid));
    if (inSeries.length) bySeries.set(s.seriesInstanceUid, inSeries);
  }
  if (bySeries.size === 0) return {};
  return {
    '0040A375': seq({
      '0020000D': str('UI', studyUid),
      '00081115': seq(
        ...[...bySeries].map(([seriesUid, list]) => ({
          '0020000E': str('UI', seriesUid),
          '00081199': seq(...[...new Map(list.map((r) => [r.sopInstanceUid, r])).values()].map((r) => ({ '00081150': str('UI', r.sopClassUid), '00081155': str('UI', r.sopInstanceUid) }))),
        })),
      ),
    }),
  };
}
