/**
 * Migration 1 → 2 (the review tables) on a database that already holds studies and an audit log: the
 * data and the hash chain come through unchanged, and the new tables work on the old studies.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src-main/contract/schemas';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import { createAuditLog } from '../../src-main/store/auditLog';
import { createFileRepository } from '../../src-main/store/fileRepository';
import { createImageRepository } from '../../src-main/store/imageRepository';
import { createIngest } from '../../src-main/store/ingest';
import { createInstanceRepository } from '../../src-main/store/instanceRepository';
import { migrate, MIGRATIONS, userVersion } from '../../src-main/store/migrations';
import { openDatabase } from '../../src-main/store/openDatabase';
import { createPatientRepository } from '../../src-main/store/patientRepository';
import { createSeriesRepository } from '../../src-main/store/seriesRepository';
import { createStudyRepository } from '../../src-main/store/studyRepository';
import { createVolumeRepository } from '../../src-main/store/volumeRepository';
import { createWaveformRepository } from '../../src-main/store/waveformRepository';
import { mixedBatch } from './fixtures/parsedObjects';
import { steppingClock, tempDir, testStore } from './fixtures/tempStore';

/** A store as version 1 of the program left it: schema v1 only, with studies and audit entries. */
function writeV1Store(dir: string): void {
  const db = openDatabase(path.join(dir, 'qoq.sqlite'), false);
  try {
    migrate(db, MIGRATIONS.slice(0, 1));
    const now = steppingClock();
    const ingest = createIngest(
      db,
      {
        files: createFileRepository(db),
        patients: createPatientRepository(db),
        studies: createStudyRepository(db),
        series: createSeriesRepository(db),
        instances: createInstanceRepository(db),
        waveforms: createWaveformRepository(db),
        images: createImageRepository(db),
        volumes: createVolumeRepository(db),
      },
      now,
    );
    ingest(mixedBatch());
    const audit = createAuditLog(db, now);
    audit.append({ actor: 'v1', action: 'import', objectType: 'import-job', objectId: 'j1', details: { imported: 4 } });
    audit.append({ actor: 'v1', action: 'study.view', objectType: 'study', objectId: '2.25.1', details: null });
    expect(userVersion(db)).toBe(1);
  } finally {
    db.close();
  }
}

function fakeResult(studyId: number): AnalysisResult {
  return {
    jobId: '00000000-0000-4000-8000-000000000001',
    studyId,
    trace: 'A lesion.',
    answer: ['nevus'],
    findings: [{ label: 'nevus', inAnswer: true, boxes: [{ x1: 1, y1: 2, x2: 3, y2: 4, ref: 'image:1' }], sentences: ['A lesion.'] }],
    raw: '<think>A lesion.</think>\\boxed{nevus}',
    model: { id: 'm@1', name: 'm', version: '1', sha256: 'a'.repeat(64) },
    inputs: [{ ref: 'image:1', kind: 'photo' }],
    finishReason: 'eos',
    seed: 0,
    timings: { ttftMs: 1, tokensPerS: 1, totalMs: 1 },
    notice: RESEARCH_USE_NOTICE,
  };
}

describe('migration to schema v2', () => {
  it('keeps a v1 database’s studies and audit chain, and adds working review tables', () => {
    const dir = tempDir();
    writeV1Store(dir);
    const v1Reference = testStore(tempDir());
    v1Reference.ingest(mixedBatch());

    const store = testStore(dir);
    expect(store.listStudies({}).total).toBe(4);
    const studies = store.listStudies({ sort: 'patient' }).studies;
    // Same content as a fresh store given the same batch (ids and import times aside).
    const strip = (s: (typeof studies)[number]) => ({ ...s, id: 0, importedAt: '' });
    expect(studies.map(strip)).toEqual(v1Reference.listStudies({ sort: 'patient' }).studies.map(strip));
    for (const s of studies) expect(store.getStudy(s.id)).toBeDefined();
    expect(store.audit.verify()).toEqual({ ok: true, entries: 2, firstBadSeq: null });
    expect(store.integrityCheck()).toBe('ok');
    expect(store.foreignKeyCheck()).toEqual([]);

    const study = studies[0]!;
    const stored = store.review.storeAnalysis(fakeResult(study.id), 'tester');
    expect(store.review.currentFindings(study.id)).toMatchObject([{ label: 'nevus', decision: 'pending', analysisId: stored.id }]);
    expect(store.audit.verify()).toEqual({ ok: true, entries: 3, firstBadSeq: null });
  });

  it('records a decision durably: it is there after the store is closed and reopened', () => {
    const dir = tempDir();
    const first = testStore(dir);
    first.ingest(mixedBatch());
    const studyId = first.listStudies({}).studies[0]!.id;
    first.review.storeAnalysis(fakeResult(studyId), 'tester');
    const [finding] = first.review.currentFindings(studyId);
    first.review.decideFinding(finding!.id, { decision: 'rejected', comment: 'artefact' }, 'tester');
    first.close();

    const again = testStore(dir);
    expect(again.review.getFinding(finding!.id)).toMatchObject({ decision: 'rejected', comment: 'artefact', decidedBy: 'tester' });
    expect(again.audit.list({}).map((e) => e.action)).toEqual(['finding.rejected', 'analysis.stored']);
    expect(again.audit.verify().ok).toBe(true);
  });

  it('rolls a decision back with its audit entry when the write fails', () => {
    const store = testStore();
    store.ingest(mixedBatch());
    const studyId = store.listStudies({}).studies[0]!.id;
    store.review.storeAnalysis(fakeResult(studyId), 'tester');
    const [finding] = store.review.currentFindings(studyId);
    // The CHECK constraint refuses an empty label inside the transaction: nothing may be left behind.
    expect(() => store.review.decideFinding(finding!.id, { decision: 'edited', label: '' }, 'tester')).toThrow();
    expect(store.review.getFinding(finding!.id)!.decision).toBe('pending');
    expect(store.audit.list({}).map((e) => e.action)).toEqual(['analysis.stored']);
  });
});
