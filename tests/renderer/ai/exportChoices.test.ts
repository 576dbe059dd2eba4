// The export panel's request and file naming: an empty folder means the default export folder (outDir
// omitted, which the contract accepts), formats keep the panel's order, names come from any OS's paths.
import { describe, expect, it } from 'vitest';
import { ExportRequestSchema } from '../../../src-main/contract/reviewSchemas';
import { exportRequest, fileName } from '../../../src-renderer/src/ai/exportChoices';

describe('export panel choices', () => {
  it('omits outDir for an empty or blank folder, and the contract accepts that', () => {
    const request = exportRequest(3, ['fhir', 'pdf'], true, '  ');
    expect(request).toEqual({ studyIds: [3], formats: ['pdf', 'fhir'], deidentify: true });
    expect(ExportRequestSchema.parse(request)).toEqual(request);
  });

  it('passes a typed folder, trimmed', () => {
    expect(exportRequest(3, ['sr'], false, ' /tmp/out ')).toEqual({ studyIds: [3], formats: ['sr'], deidentify: false, outDir: '/tmp/out' });
  });

  it('names the file from POSIX and Windows paths', () => {
    expect(fileName('/data/exports/x/study-1.sr.dcm')).toBe('study-1.sr.dcm');
    expect(fileName('C:\\exports\\study-1.report.pdf')).toBe('study-1.report.pdf');
  });
});
