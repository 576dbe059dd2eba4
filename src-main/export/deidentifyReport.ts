/**
 * The de-identified StudyReport that the PDF, FHIR and JSON exports render (the SR uses it too), built with
 * the same rules as the DICOM profile so every format says the same thing:
 *   - Patient's Name, Birth Date, Study Date, Accession Number, descriptions: removed (Z/X in Table E.1-1);
 *   - Patient ID: a dummy, consistent within the export (Z allows a dummy; a cohort needs one to group by);
 *   - UIDs and box references: replaced through the export's UidMapper (U);
 *   - file paths, file hashes and photo sidecars: removed (a path can hold a name, a hash of the original
 *     file re-identifies it to anyone holding the original);
 *   - people (decidedBy, recordedBy, createdBy, generatedBy) and workstation times: emptied;
 *   - free text: cleaned against every identifying value known for the study (TextScrubber).
 * The model's id and SHA-256, labels, boxes (pixel coordinates) and decisions are kept: they identify no one.
 */
import type { StudyReport } from '../contract/reviewSchemas';
import type { AnalysisBox } from '../contract/schemas';
import { mapRef } from './mapRef';
import type { TextScrubber } from './scrubText';
import type { UidMapper } from './uidMapper';

export interface ReportDeidentification {
  uids: UidMapper;
  scrubber: TextScrubber;
}

export function deidentifyReport(report: StudyReport, { uids, scrubber }: ReportDeidentification): StudyReport {
  const { study, series } = report.detail;
  scrubber.addName(study.patientName);
  for (const v of [study.patientId, study.accessionNumber, study.studyDate, study.description]) scrubber.add(v);
  for (const s of series) scrubber.add(s.description);
  const box = (b: AnalysisBox): AnalysisBox => ({ ...b, ref: mapRef(b.ref, uids) });
  const text = (t: string): string => scrubber.scrub(t);
  return {
    notice: report.notice,
    generatedAt: report.generatedAt,
    generatedBy: '',
    detail: {
      study: {
        ...study,
        studyInstanceUid: uids.map(study.studyInstanceUid),
        patientId: pseudonym(study.patientId, uids),
        patientName: null,
        studyDate: null,
        description: null,
        accessionNumber: null,
        importedAt: '',
      },
      series: series.map((s) => ({
        ...s,
        seriesInstanceUid: uids.map(s.seriesInstanceUid),
        description: null,
        instances: s.instances.map((i) => ({ ...i, sopInstanceUid: uids.map(i.sopInstanceUid), path: '', sha256: '', pixelError: i.pixelError === null ? null : 'removed' })),
        waveforms: s.waveforms.map((w) => ({ ...w, path: '', sha256: '', filterInfo: w.filterInfo === null ? null : text(w.filterInfo) })),
        images: s.images.map((i) => ({ ...i, path: '', sha256: '', sidecar: null, pixelError: i.pixelError === null ? null : 'removed' })),
        volumes: s.volumes.map((v) => ({ ...v, path: '', sha256: '' })),
      })),
    },
    review: {
      ...report.review,
      analyses: report.review.analyses.map((a) => ({
        ...a,
        createdAt: '',
        createdBy: '',
        result: {
          ...a.result,
          trace: a.result.trace === null ? null : text(a.result.trace),
          raw: text(a.result.raw),
          findings: a.result.findings.map((f) => ({ ...f, boxes: f.boxes.map(box), sentences: f.sentences.map(text) })),
          inputs: a.result.inputs.map((i) => ({ ...i, ref: mapRef(i.ref, uids) })),
        },
      })),
      findings: report.review.findings.map((f) => ({
        ...f,
        boxes: f.boxes.map(box),
        original: f.original ? { ...f.original, boxes: f.original.boxes.map(box) } : null,
        sentences: f.sentences.map(text),
        decidedBy: null,
        decidedAt: null,
        comment: scrubber.scrubNullable(f.comment),
      })),
      firstRead: report.review.firstRead ? { ...report.review.firstRead, impression: text(report.review.firstRead.impression), recordedBy: '', recordedAt: '' } : null,
      groundTruth: report.review.groundTruth
        ? { ...report.review.groundTruth, boxes: report.review.groundTruth.boxes.map((b) => ({ ...b, ref: mapRef(b.ref, uids) })), maskRefs: report.review.groundTruth.maskRefs.map((r) => mapRef(r, uids)) }
        : null,
    },
  };
}

/** A dummy Patient ID: same patient → same dummy within one export, unlinkable across exports. */
export function pseudonym(patientId: string, uids: UidMapper): string {
  return `ANON-${uids.map(`patient:${patientId}`).slice(-10)}`;
}
