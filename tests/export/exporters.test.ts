/**
 * Each export format from reports built on REAL imported data (a CT series and a dermoscopy photo), with
 * and without de-identification, checked by the external validators: pdftotext (notice on every page,
 * findings, decisions, model hash), dsrdump + dciodvfy (SR), the FHIR R4 JSON schema, and the contract's
 * StudyReportSchema for the JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyReportSchema } from '../../src-main/contract/reviewSchemas';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import { exportStudyReport, type RenderedFile } from '../../src-main/export/exportStudyReport';
import { makeTempDir } from '../helpers/tempDir';
import { importFixture, type ExportFixture } from './exportFixture';
import { makeReport, MODEL } from './fixtures';
import { dciodvfy, dsrdump, fhirErrors, pdfPages, saveTo } from '../helpers/exportValidators';

let fx: ExportFixture;
const tmp = makeTempDir('exporters');
const outputs = new Map<string, RenderedFile[]>();

beforeAll(async () => {
  fx = await importFixture('exporters');
  for (const [name, detail] of [['ct', fx.ct], ['photo', fx.photo]] as const) {
    for (const deidentify of [false, true]) {
      const r = await exportStudyReport(makeReport(detail), ['pdf', 'sr', 'fhir', 'json'], { deidentify });
      expect(r.failed).toEqual([]);
      outputs.set(`${name}${deidentify ? '-deid' : ''}`, r.files);
    }
  }
}, 180_000);
afterAll(async () => {
  await fx.cleanup();
  tmp.cleanup();
});

const file = (key: string, format: string): RenderedFile => outputs.get(key)!.find((f) => f.format === format)!;
const KEYS = ['ct', 'ct-deid', 'photo', 'photo-deid'];

describe('PDF report', () => {
  it.each(KEYS)('%s: notice on every page, findings with decisions, model hash, trace', (key) => {
    const pages = pdfPages(saveTo(tmp.dir, `${key}.pdf`, file(key, 'pdf').bytes));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain(RESEARCH_USE_NOTICE);
    const text = pages.join('\n');
    for (const label of ['pulmonary nodule', 'pleural effusion', 'cardiomegaly', 'rib fracture']) expect(text).toContain(label);
    for (const decision of ['accepted', 'edited', 'rejected', 'added']) expect(text).toContain(`reader decision: ${decision}`);
    expect(text).toContain('model said: atelectasis');
    expect(text).toContain(MODEL.sha256);
    expect(text).toContain(MODEL.id);
    expect(text).toContain('Reasoning trace');
    expect(text).toContain('Blinded first read');
    // The key image section draws the image (no "No pixels shown" line for these unflagged images).
    expect(text).toContain('Key images');
    expect(text).not.toContain('No pixels shown');
  });

  it('de-identified: no patient identity, a pseudonym and replaced UIDs', () => {
    const plain = pdfPages(saveTo(tmp.dir, 'ct-plain.pdf', file('ct', 'pdf').bytes)).join('\n');
    const deid = pdfPages(saveTo(tmp.dir, 'ct-deid.pdf', file('ct-deid', 'pdf').bytes)).join('\n');
    expect(plain).toContain(fx.ct.study.studyInstanceUid);
    expect(deid).not.toContain(fx.ct.study.studyInstanceUid);
    expect(deid).toMatch(/Patient ID: ANON-\d{10}/);
    expect(deid).toContain('De-identified');
    if (fx.ct.study.patientName) expect(plain).toContain(fx.ct.study.patientName.split('^')[0]);
  });
});

describe('PDF report without a stored AI analysis', () => {
  it('says there is none, and whether the findings listed are the reader’s own', async () => {
    const full = makeReport(fx.ct);
    const textOf = async (findings: typeof full.review.findings, name: string) => {
      const report = { ...full, review: { ...full.review, analyses: [], findings } };
      const r = await exportStudyReport(report, ['pdf'], { deidentify: false });
      expect(r.failed).toEqual([]);
      return pdfPages(saveTo(tmp.dir, name, r.files[0]!.bytes)).join('\n');
    };
    const none = await textOf([], 'no-analysis.pdf');
    expect(none).toContain('No AI analysis is stored for this study.');
    expect(none).toContain('No findings.');
    const added = full.review.findings.filter((f) => f.analysisId === null);
    expect(added.map((f) => f.label)).toEqual(['rib fracture']);
    const readerOnly = await textOf(added, 'reader-only.pdf');
    expect(readerOnly).toContain('No stored AI analysis: the findings below were added by the reader.');
    expect(readerOnly).toContain('rib fracture');
  });
});

describe('PDF report text outside Latin-1', () => {
  const withPatient = async (patientName: string, description: string, name: string) => {
    const full = makeReport(fx.ct);
    const report = { ...full, detail: { ...full.detail, study: { ...full.detail.study, patientName, description } } };
    const r = await exportStudyReport(report, ['pdf'], { deidentify: false });
    expect(r.failed).toEqual([]);
    return pdfPages(saveTo(tmp.dir, name, r.files[0]!.bytes)).join('\n');
  };

  it('prints Polish, Czech, Hungarian, Greek and Cyrillic names as they are (the standard font made them "?")', async () => {
    const text = await withPatient('Dvořák^Łukasz Erdős', 'Παπαδόπουλος · Иванов Пётр', 'european.pdf');
    expect(text).toContain('Patient: Dvořák^Łukasz Erdős');
    expect(text).toContain('Description: Παπαδόπουλος · Иванов Пётр');
    expect(text).not.toContain('Characters not shown');
  });

  it('prints the alphabetic form of a name whose ideographic form it cannot print, and says where that is', async () => {
    const text = await withPatient('Hong^Gildong=洪^吉洞=홍^길동', 'CT', 'korean.pdf');
    expect(text).toContain('Patient: Hong^Gildong (also written in a script this report cannot print: see the DICOM SR or JSON');
    expect(text).not.toContain('?^');
    expect(text).not.toContain('Characters not shown');
  });

  it('says so, in the report, when a name is in a script the font lacks', async () => {
    const text = await withPatient('山田^太郎', 'CT', 'japanese.pdf');
    expect(text).toContain('Patient: ??^??');
    expect(text).toContain('Characters not shown');
    expect(text).toMatch(/\d+ character\(s\) of this report are in a script its font does not have/);
  });
});

describe('DICOM SR TID 1500', () => {
  it.each(KEYS)('%s: dsrdump reads it as a Comprehensive SR measurement report', (key) => {
    const { status, out } = dsrdump(saveTo(tmp.dir, `${key}.dcm`, file(key, 'sr').bytes));
    expect(status, out).toBe(0);
    expect(out).toContain('Comprehensive SR Document');
    expect(out).toContain('"Imaging Measurement Report"');
    expect(out).toContain('(121007,DCM,"Device")');
    expect(out).toContain('"Measurement Group"');
    expect(out).toContain('(REJECTED,99QOQ,"Rejected")');
    expect(out).toContain('"Research use notice"');
  });

  it('CT: image regions are SCOORD rectangles selected from the referenced SOP instance', () => {
    const out = dsrdump(saveTo(tmp.dir, 'ct-regions.dcm', file('ct', 'sr').bytes)).out;
    expect(out.match(/SCOORD:\(,,"Image Region"\)=\(POLYLINE/g)?.length).toBe(4);
    expect(out.match(/<selected from IMAGE:=\(CT image,/g)?.length).toBe(4);
  });

  it.each(KEYS)('%s: dciodvfy finds no errors (warnings listed)', (key) => {
    const { errors, warnings } = dciodvfy(saveTo(tmp.dir, `${key}-v.dcm`, file(key, 'sr').bytes));
    if (warnings.length) console.info(`dciodvfy warnings for ${key}:\n${[...new Set(warnings)].join('\n')}`);
    expect(errors).toEqual([]);
  });
});

describe('FHIR R4 Bundle', () => {
  it.each(KEYS)('%s: valid against the FHIR R4 JSON schema, with the notice', (key) => {
    const bundle = JSON.parse(new TextDecoder().decode(file(key, 'fhir').bytes)) as { entry: { resource: { resourceType: string } }[] };
    expect(fhirErrors(bundle)).toEqual([]);
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types.filter((t) => t === 'Observation')).toHaveLength(4);
    expect(types).toEqual(expect.arrayContaining(['DiagnosticReport', 'ImagingStudy', 'Patient', 'Device']));
    expect(JSON.stringify(bundle)).toContain(RESEARCH_USE_NOTICE);
  });

  it('the schema check is real: a bad Observation status inside the bundle is refused', () => {
    const bundle = JSON.parse(new TextDecoder().decode(file('ct', 'fhir').bytes)) as { entry: { resource: Record<string, unknown> }[] };
    const obs = bundle.entry.find((e) => e.resource.resourceType === 'Observation')!;
    obs.resource.status = 'maybe';
    expect(fhirErrors(bundle).length).toBeGreaterThan(0);
  });
});

describe('JSON report', () => {
  it.each(KEYS)('%s: the whole StudyReport, valid against the contract schema, notice first', (key) => {
    const text = new TextDecoder().decode(file(key, 'json').bytes);
    const parsed = JSON.parse(text) as { notice: string; report: unknown; deidentified: boolean };
    expect(Object.keys(parsed)[0]).toBe('notice');
    expect(parsed.notice).toBe(RESEARCH_USE_NOTICE);
    expect(parsed.deidentified).toBe(key.endsWith('deid'));
    const report = StudyReportSchema.parse(parsed.report);
    expect(report.review.findings.map((f) => f.decision)).toEqual(['accepted', 'edited', 'rejected', 'added']);
  });

  it('de-identified: UIDs in boxes are the same replacements as in the study detail and the SR', () => {
    const report = StudyReportSchema.parse((JSON.parse(new TextDecoder().decode(file('ct-deid', 'json').bytes)) as { report: unknown }).report);
    const boxUid = report.review.findings[0]!.boxes[0]!.ref.split('#')[0]!;
    expect(boxUid).toMatch(/^2\.25\./);
    expect(report.detail.series.flatMap((s) => s.instances.map((i) => i.sopInstanceUid))).toContain(boxUid);
    expect(report.detail.series.every((s) => s.instances.every((i) => i.path === '' && i.sha256 === ''))).toBe(true);
    expect(report.detail.study.patientName).toBeNull();
    const sr = dsrdump(saveTo(tmp.dir, 'ct-deid-uid.dcm', file('ct-deid', 'sr').bytes)).out;
    expect(sr).not.toContain(fx.ct.study.studyInstanceUid);
  });
});
