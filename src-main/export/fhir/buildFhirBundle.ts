/**
 * FHIR R4 export: a `collection` Bundle holding the DiagnosticReport, one Observation per reviewed
 * finding, the ImagingStudy they were read on (with the instances boxes point at), the Patient and the
 * model as a Device. Boxes travel as Observation components (R4 has no ImagingSelection; R5 does), the
 * reader's decision as a component too, and the research-use notice as a note on every resource that
 * has one and as the report's conclusion prefix.
 */
import { randomUUID } from 'node:crypto';
import type { ReviewedFinding, StudyReport } from '../../contract/reviewSchemas';
import { parseRef } from '../mapRef';

type Json = Record<string, unknown>;
const QOQ = 'urn:qoq-workstation';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

export function buildFhirBundle(report: StudyReport, opts: { deidentified: boolean }): Json {
  const { study, series } = report.detail;
  const url = () => `urn:uuid:${randomUUID()}`;
  const patientUrl = url();
  const studyUrl = url();
  const notice = [{ text: report.notice }];
  const models = [...new Map(report.review.analyses.map((a) => [a.result.model.sha256, a.result.model])).values()];
  const deviceUrls = new Map(models.map((m) => [m.sha256, url()]));

  const patient: Json = {
    resourceType: 'Patient',
    identifier: [{ system: `${QOQ}:patient-id`, value: study.patientId }],
    ...(study.patientName ? { name: [{ text: study.patientName.replace(/\^+/g, ' ').trim() }] } : {}),
    ...(opts.deidentified ? { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PSEUDED', display: 'pseudonymized' }] } } : {}),
  };

  const referenced = new Set(report.review.findings.flatMap((f) => f.boxes.map((b) => parseRef(b.ref))).filter((r) => r?.kind === 'dicom').map((r) => r!.id));
  const imagingStudy: Json = {
    resourceType: 'ImagingStudy',
    status: 'available',
    subject: { reference: patientUrl },
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${study.studyInstanceUid}` }],
    ...(isoDate(study.studyDate) ? { started: isoDate(study.studyDate) } : {}),
    ...(study.description ? { description: study.description } : {}),
    numberOfSeries: series.length,
    numberOfInstances: study.objectCount,
    note: notice,
    series: series.map((s) => ({
      uid: s.seriesInstanceUid,
      ...(s.seriesNumber !== null && Number.isInteger(s.seriesNumber) && s.seriesNumber >= 0 ? { number: s.seriesNumber } : {}),
      modality: { system: DCM, code: s.modality || 'OT' },
      numberOfInstances: s.instances.length + s.images.length + s.waveforms.length + s.volumes.length,
      ...(s.instances.some((i) => referenced.has(i.sopInstanceUid))
        ? {
            instance: s.instances
              .filter((i) => referenced.has(i.sopInstanceUid))
              .map((i) => ({ uid: i.sopInstanceUid, sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${i.sopClassUid}` }, ...(i.instanceNumber !== null && Number.isInteger(i.instanceNumber) && i.instanceNumber >= 0 ? { number: i.instanceNumber } : {}) })),
          }
        : {}),
    })),
  };

  const devices: [string, Json][] = models.map((m) => [
    deviceUrls.get(m.sha256)!,
    {
      resourceType: 'Device',
      identifier: [{ system: `${QOQ}:model-sha256`, value: m.sha256 }],
      deviceName: [{ name: m.name, type: 'model-name' }],
      version: [{ value: m.version }],
      note: notice,
    },
  ]);

  const analysisModel = new Map(report.review.analyses.map((a) => [a.id, a.result.model.sha256]));
  const observations: [string, Json][] = report.review.findings.map((f) => [url(), observation(f, { patientUrl, studyUrl, deviceUrl: f.analysisId === null ? undefined : deviceUrls.get(analysisModel.get(f.analysisId) ?? ''), notice })]);

  const pending = report.review.findings.some((f) => f.decision === 'pending');
  const diagnosticReport: Json = {
    resourceType: 'DiagnosticReport',
    status: pending || report.review.findings.length === 0 ? 'preliminary' : 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' }], text: 'AI read report' },
    subject: { reference: patientUrl },
    issued: report.generatedAt,
    ...(devices.length ? { performer: devices.map(([u]) => ({ reference: u, display: 'AI model (research use only)' })) } : {}),
    imagingStudy: [{ reference: studyUrl }],
    // FHIR forbids empty arrays: a study nobody has analysed or reviewed yet has no results.
    ...(observations.length ? { result: observations.map(([u]) => ({ reference: u })) } : {}),
    conclusion: `${report.notice} ${conclusion(report)}`,
  };

  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: report.generatedAt,
    meta: { tag: [{ system: `${QOQ}:notice`, code: 'research-use-only', display: report.notice }] },
    entry: [
      [url(), diagnosticReport],
      [patientUrl, patient],
      [studyUrl, imagingStudy],
      ...devices,
      ...observations,
    ].map(([fullUrl, resource]) => ({ fullUrl, resource })),
  };
}

function observation(f: ReviewedFinding, ctx: { patientUrl: string; studyUrl: string; deviceUrl: string | undefined; notice: { text: string }[] }): Json {
  const status = f.decision === 'pending' ? 'preliminary' : f.decision === 'rejected' ? 'cancelled' : 'final';
  return {
    resourceType: 'Observation',
    status,
    code: { coding: [{ system: `${QOQ}:finding-label`, code: f.label }], text: f.label },
    subject: { reference: ctx.patientUrl },
    derivedFrom: [{ reference: ctx.studyUrl }],
    ...(ctx.deviceUrl ? { device: { reference: ctx.deviceUrl } } : {}),
    ...(f.decidedAt ? { issued: f.decidedAt } : {}),
    valueBoolean: f.decision !== 'rejected',
    note: [...ctx.notice, ...(f.comment ? [{ text: f.comment }] : []), ...f.sentences.map((s) => ({ text: `Model: ${s}` }))],
    component: [
      { code: { coding: [{ system: `${QOQ}:review`, code: 'decision', display: 'Reader decision' }] }, valueCodeableConcept: { coding: [{ system: `${QOQ}:review-decision`, code: f.decision }] } },
      ...(f.original && f.original.label !== f.label ? [{ code: { coding: [{ system: `${QOQ}:review`, code: 'model-label', display: 'Label the model gave' }] }, valueString: f.original.label }] : []),
      ...f.boxes.map((b) => ({
        code: { coding: [{ system: `${QOQ}:review`, code: 'image-region', display: 'Box in original pixel coordinates (x1 y1 x2 y2) on the referenced image' }] },
        valueString: `${b.ref} ${b.x1} ${b.y1} ${b.x2} ${b.y2}`,
      })),
    ],
  };
}

function conclusion(report: StudyReport): string {
  const kept = report.review.findings.filter((f) => f.decision !== 'rejected');
  if (kept.length === 0) return 'No findings retained by the reader.';
  return `Findings: ${kept.map((f) => `${f.label} (${f.decision})`).join('; ')}.`;
}

function isoDate(d: string | null): string | undefined {
  if (!d) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(d);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
