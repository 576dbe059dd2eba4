import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src-main/contract/schemas';
import { mergeImportReports } from '../../src-renderer/src/mergeImportReports';

const report = (over: Partial<ImportReport>): ImportReport => ({
  jobId: 'job',
  imported: 0,
  skipped: 0,
  rejected: [],
  notMedical: 0,
  countsByKind: {},
  warnings: [],
  studyIds: [],
  durationMs: 0,
  ...over,
});

describe('mergeImportReports', () => {
  it('adds the counts, joins the lists in order and lists each study once', () => {
    const merged = mergeImportReports([
      report({ jobId: 'a', imported: 3, skipped: 1, notMedical: 1, countsByKind: { 'dicom:image': 3 }, studyIds: [4, 2], durationMs: 100, rejected: [{ path: 'x', reason: 'r1' }] }),
      report({ jobId: 'b', imported: 2, countsByKind: { 'dicom:image': 1, 'ecg:wfdb': 1 }, studyIds: [2, 7], durationMs: 50, warnings: [{ path: 'y', warning: 'w' }], rejected: [{ path: 'z', reason: 'r2' }] }),
    ]);
    expect(merged).toEqual({
      jobId: 'a',
      imported: 5,
      skipped: 1,
      rejected: [{ path: 'x', reason: 'r1' }, { path: 'z', reason: 'r2' }],
      notMedical: 1,
      countsByKind: { 'dicom:image': 4, 'ecg:wfdb': 1 },
      warnings: [{ path: 'y', warning: 'w' }],
      studyIds: [2, 4, 7],
      durationMs: 150,
    });
  });

  it('refuses to invent a report from none', () => {
    expect(() => mergeImportReports([])).toThrow('no import reports to merge');
  });
});
