/**
 * The phantom lab as `qoq analyze` sees it: the lab's files are imported into a store through the normal
 * importer, and each study's model request is built by the same steps the analysis path takes —
 * selectModelInputs on the stored study (slices of CT/MR chosen and ordered by the package's volume
 * setting), loadModelInput on the stored files (CT windowed with the reference preset), the default
 * question. Training, evaluation and the workstation therefore feed the model identical inputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StudyDetail } from '../../contract/schemas';
import { loadModelInput } from '../../inference/loadModelInput';
import { selectModelInputs } from '../../inference/selectModelInputs';
import type { LabRecord } from '../../lab/index';
import { LAB_MANIFEST_NAME } from '../../lab/index';
import type { ModelManifest } from '../../ml/package/modelManifest';
import type { RequestItem, RunRequest } from '../../ml/runtime/index.js';
import { DEFAULT_QUESTION } from '../../services/analyzeStudy';
import { createWorkstationService } from '../../services/createWorkstationService';

export interface LabStudyRequest {
  readonly record: LabRecord;
  readonly request: RunRequest;
  /** The stored study description: what the workstation's AI panel offers as clinical text by default. */
  readonly description: string | null;
  /**
   * The lab file each image of the request was read from (its name as the lab wrote it), in request
   * order: where the build finds the image's ground-truth mask.
   */
  readonly imageSources: readonly string[];
}

export function readLabRecords(labDir: string): LabRecord[] {
  return readFileSync(path.join(labDir, LAB_MANIFEST_NAME), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabRecord);
}

/**
 * Imports `labDir` into a fresh store at `dataDir`, then calls `each` once per lab record, in manifest
 * order, with its request (decoded pixels are held for one study at a time). `domains` limits both the
 * import and the records to those domains.
 */
export async function forEachLabRequest(
  labDir: string,
  dataDir: string,
  preprocessing: ModelManifest['preprocessing'],
  each: (item: LabStudyRequest, index: number, total: number) => Promise<void>,
  options: { readonly domains?: readonly string[] } = {},
): Promise<void> {
  const { domains } = options;
  const records = readLabRecords(labDir).filter((r) => domains === undefined || domains.includes(r.dataset));
  const service = createWorkstationService({ dataDir, actor: 'model-build', workers: 2, bundledModelsDir: path.join(dataDir, 'no-bundled-models') });
  try {
    // The lab writes one folder per domain: with `domains`, only theirs are imported.
    const paths = domains === undefined ? [path.join(labDir, 'studies')] : domains.map((d) => path.join(labDir, 'studies', d)).filter((p) => existsSync(p));
    const report = await service.api.importPaths({ paths });
    if (report.rejected.length > 0) throw new Error(`lab import rejected ${report.rejected.length} files, first: ${report.rejected[0]?.path}: ${report.rejected[0]?.reason}`);
    const studyIdByLabId = await studiesByPatient(service.api);
    for (const [index, record] of records.entries()) {
      // DICOM and photo studies carry the lab's patient id; WFDB records are named by the importer.
      const studyId = studyIdByLabId.get(`LAB-${record.id}`) ?? studyIdByLabId.get(`WFDB-${record.id}`);
      if (studyId === undefined) throw new Error(`lab study ${record.id} is not in the store after import`);
      const detail = await service.api.getStudy({ studyId });
      const { items, imageSources } = await requestItems(detail, preprocessing);
      await each({ record, request: { items, question: DEFAULT_QUESTION }, description: detail.study.description, imageSources }, index, records.length);
    }
  } finally {
    await service.close();
  }
}

async function studiesByPatient(api: ReturnType<typeof createWorkstationService>['api']): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let offset = 0; ; offset += 1000) {
    const page = await api.listStudies({ limit: 1000, offset, sort: 'imported' });
    for (const s of page.studies) out.set(s.patientId, s.id);
    if (offset + page.studies.length >= page.total || page.studies.length === 0) return out;
  }
}

/** What analyzeStudy selects and inferenceWorkerMain loads for a study (kept step for step alike). */
async function requestItems(detail: StudyDetail, preprocessing: ModelManifest['preprocessing']): Promise<{ items: RequestItem[]; imageSources: string[] }> {
  const inputs = selectModelInputs(detail, { maxImages: preprocessing.maxImages, slices: preprocessing.volumeSlices });
  const items: RequestItem[] = [];
  const imageSources: string[] = [];
  for (const input of inputs) {
    const item = await loadModelInput(input, { ctWindow: preprocessing.ctWindow });
    items.push(item.type === 'image' ? { type: 'image', rgb: item.rgb, ref: item.ref } : { type: 'ecg', record: item.record });
    if (item.type === 'image') imageSources.push(sourceName(input.path));
  }
  return { items, imageSources };
}

/** The imported file's own name: the object store keeps it after the content hash (`<sha>-<name>` or `<sha>/<name>`). */
function sourceName(storedPath: string): string {
  return path.basename(storedPath).replace(/^[0-9a-f]{64}-/, '');
}
