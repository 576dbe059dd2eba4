/**
 * The browser host's upload of a big drop, in parts: what the page sends (one request per planned part,
 * every file once) and the one report it shows. The host is replaced by a fetch that records each
 * request's files and answers with an import report for them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src-main/contract/schemas';
import { uploadInParts } from '../../src-renderer/src/uploadFiles';

const sent: string[][] = [];

function fakeHost(opts: { failPart?: number } = {}): void {
  let job = 0;
  const fetch = async (_url: string, init: { body: FormData }): Promise<Response> => {
    const names = init.body.getAll('file').map((f) => (f as File).name);
    sent.push(names);
    if (sent.length === opts.failPart) {
      return new Response(JSON.stringify({ ok: false, error: { message: 'the host was stopped' } }), { status: 500, headers: { 'content-type': 'application/json' } });
    }
    const result: ImportReport = {
      jobId: `job-${++job}`,
      imported: names.filter((n) => n.endsWith('.dcm')).length,
      skipped: 0,
      rejected: names.filter((n) => n.endsWith('.bad')).map((path) => ({ path, reason: 'not DICOM' })),
      notMedical: 0,
      countsByKind: { 'dicom:image': names.filter((n) => n.endsWith('.dcm')).length },
      warnings: [],
      studyIds: [job],
      durationMs: 10,
    };
    return new Response(JSON.stringify({ ok: true, result }), { headers: { 'content-type': 'application/json' } });
  };
  Object.assign(globalThis, { window: { fetch } });
}

afterEach(() => {
  sent.length = 0;
  Reflect.deleteProperty(globalThis, 'window');
});

const file = (name: string, bytes: number) => new File([new Uint8Array(bytes)], name);

describe('uploadInParts', () => {
  it('sends a drop over the file limit in parts and shows one report', async () => {
    fakeHost();
    const files = [...Array.from({ length: 5 }, (_, i) => file(`s${i}.dcm`, 10)), file('x.bad', 10)];
    const parts: string[] = [];
    const report = await uploadInParts(files, (part, of) => parts.push(`${part}/${of}`), { maxBytes: 1024 ** 2, maxFiles: 2 });
    expect(sent).toEqual([['s0.dcm', 's1.dcm'], ['s2.dcm', 's3.dcm'], ['s4.dcm', 'x.bad']]);
    expect(parts).toEqual(['1/3', '2/3', '3/3']);
    expect(report).toMatchObject({ jobId: 'job-1', imported: 5, countsByKind: { 'dicom:image': 5 }, studyIds: [1, 2, 3], durationMs: 30 });
    expect(report.rejected).toEqual([{ path: 'x.bad', reason: 'not DICOM' }]);
  });

  it('reports a file too large for any request as rejected, with what to do, and uploads the rest', async () => {
    fakeHost();
    const limits = { maxBytes: 8 * 1024, maxFiles: 2000 };
    const report = await uploadInParts([file('big.nii', 8 * 1024), file('a.dcm', 100)], undefined, limits);
    expect(sent).toEqual([['a.dcm']]);
    expect(report.imported).toBe(1);
    expect(report.rejected).toEqual([{ path: 'big.nii', reason: 'not uploaded: over the 8192 bytes a browser upload can carry; import it by typing its path' }]);
  });

  it('reports a part that failed file by file and keeps what the other parts imported', async () => {
    fakeHost({ failPart: 2 });
    const files = Array.from({ length: 5 }, (_, i) => file(`s${i}.dcm`, 10));
    const report = await uploadInParts(files, undefined, { maxBytes: 1024 ** 2, maxFiles: 2 });
    expect(sent).toHaveLength(3);
    expect(report.imported).toBe(3);
    expect(report.rejected).toEqual(['s2.dcm', 's3.dcm'].map((path) => ({ path, reason: 'not uploaded: the host was stopped' })));
  });

  it('fails as a whole when the only part fails', async () => {
    fakeHost({ failPart: 1 });
    await expect(uploadInParts([file('a.dcm', 10)], undefined, { maxBytes: 1024 ** 2, maxFiles: 2 })).rejects.toThrow('the host was stopped');
  });
});
