/**
 * Issue 7's PHI test: synthetic PHI planted in every Table E.1-1 attribute of a real CT file (nested in
 * sequences and in private blocks too), imported, reviewed (a stored analysis, decisions, a reader-added
 * finding, a first read — free text quoting the patient's name, accession and study date), then exported
 * with de-identification in every format. None of the planted values may appear in the DICOM SR (dcmdump
 * and raw bytes), the PDF (pdftotext), the FHIR Bundle or the JSON. The same export without
 * de-identification is the positive control: it does show the planted identity.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../src-main/contract/reviewSchemas';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { openStore } from '../../src-main/store/openStore';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { MODEL } from './fixtures';
import { phiHits } from './phiSearch';
import { plantPhi, PHI_PREFIX, type PlantedFile } from './plantPhi';
import { dcmdumpText, dciodvfy, dsrdump, fhirErrors, pdfPages } from '../helpers/exportValidators';

const tmp = makeTempDir('phi');
let service: WorkstationService;
let planted: PlantedFile;
let studyId: number;
let deid: ExportResult;
let plain: ExportResult;

beforeAll(async () => {
  planted = plantPhi(sharedData('ct', 'CT_small.dcm'));
  mkdirSync(path.join(tmp.dir, 'in'));
  writeFileSync(path.join(tmp.dir, 'in', 'planted.dcm'), planted.bytes);
  const dataDir = path.join(tmp.dir, 'store');
  service = createWorkstationService({ dataDir, actor: 'dr.reader', workers: 1 });
  const imported = await service.api.importPaths({ paths: [path.join(tmp.dir, 'in', 'planted.dcm')] });
  expect(imported.rejected).toEqual([]);
  studyId = imported.studyIds[0]!;
  const detail = await service.api.getStudy({ studyId });
  const sop = detail.series[0]!.instances[0]!.sopInstanceUid;
  expect(sop.startsWith('1.2.826.0.1.3680043.9.9999.')).toBe(true);

  // Free text that quotes the planted identity, the way a careless reader or prompt would.
  const studyDate = planted.dates[0]!;
  const quote = `Patient ${planted.patientName.replace('^', ' ')}, accession ${planted.accession}, seen ${studyDate.slice(0, 4)}-${studyDate.slice(4, 6)}-${studyDate.slice(6)}.`;
  const store = openStore(dataDir);
  try {
    store.review.recordFirstRead(studyId, { impression: `Nodule. ${quote}`, labels: ['pulmonary nodule'] }, 'dr.reader');
    const ref = `${sop}#0`;
    store.review.storeAnalysis(
      {
        jobId: '00000000-0000-4000-8000-000000000002',
        studyId,
        trace: `Looking at the CT. ${quote} A round opacity: pulmonary nodule.`,
        answer: ['pulmonary nodule'],
        findings: [{ label: 'pulmonary nodule', inAnswer: true, boxes: [{ x1: 30, y1: 30, x2: 70, y2: 64, ref }], sentences: [`${quote} A round opacity: pulmonary nodule.`] }],
        raw: `<think>${quote}</think>\\boxed{pulmonary nodule}`,
        model: MODEL,
        inputs: [{ ref, kind: 'dicom' }],
        finishReason: 'eos',
        seed: 0,
        timings: { ttftMs: 1, tokensPerS: 1, totalMs: 1 },
        notice: RESEARCH_USE_NOTICE,
      },
      'dr.reader',
    );
    const [finding] = store.review.currentFindings(studyId);
    store.review.decideFinding(finding!.id, { decision: 'accepted', comment: `Confirmed. ${quote}` }, 'dr.reader');
    store.review.addFinding(studyId, { label: 'rib fracture', boxes: [{ x1: 5, y1: 5, x2: 20, y2: 30, ref }], comment: `Added. ${quote}` }, 'dr.reader');
  } finally {
    store.close();
  }

  const formats = ['pdf', 'sr', 'fhir', 'json'] as const;
  deid = await service.api.exportStudies({ studyIds: [studyId], formats: [...formats], deidentify: true, outDir: path.join(tmp.dir, 'deid') });
  plain = await service.api.exportStudies({ studyIds: [studyId], formats: [...formats], deidentify: false, outDir: path.join(tmp.dir, 'plain') });
}, 180_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

/** What a recipient can read out of each file. */
function readable(f: ExportResult['files'][number]): string {
  if (f.format === 'pdf') return pdfPages(f.path).join('\n');
  if (f.format === 'sr') return dcmdumpText(f.path) + readFileSync(f.path).toString('latin1');
  return readFileSync(f.path, 'utf8');
}

describe('PHI planted in every Basic Profile attribute', () => {
  it('positive control: without --deidentify the exports do carry the planted identity', () => {
    expect(plain.failed).toEqual([]);
    for (const f of plain.files) expect(phiHits(readable(f), planted).length, `${f.format} should show PHI`).toBeGreaterThan(0);
  });

  it.each(['pdf', 'sr', 'fhir', 'json'])('de-identified %s: none of the planted PHI', (format) => {
    expect(deid.failed).toEqual([]);
    const f = deid.files.find((x) => x.format === format)!;
    const text = readable(f);
    expect(phiHits(text, planted)).toEqual([]);
    expect(text).not.toContain(PHI_PREFIX);
    expect(text).toContain(format === 'pdf' ? RESEARCH_USE_NOTICE : 'Research use only');
    // The findings survive de-identification.
    expect(text).toContain('pulmonary nodule');
  });

  it('de-identified outputs still validate', () => {
    const sr = deid.files.find((x) => x.format === 'sr')!.path;
    expect(dsrdump(sr).status).toBe(0);
    expect(dciodvfy(sr).errors).toEqual([]);
    expect(dcmdumpText(sr)).toMatch(/\(0012,0062\) CS \[YES\]/);
    expect(dcmdumpText(sr)).toMatch(/\(0008,0100\) SH \[113100\]/);
    expect(fhirErrors(JSON.parse(readFileSync(deid.files.find((x) => x.format === 'fhir')!.path, 'utf8')) as object)).toEqual([]);
  });
});
