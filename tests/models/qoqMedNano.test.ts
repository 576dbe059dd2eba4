/**
 * The shipped default model, models/qoq-med-nano: it verifies against its SHA-256 pins, stays within
 * 20 MB, says what it is (demonstration model, synthetic data, research use only, held-out metrics per
 * domain), and is what the workstation and the `qoq` CLI use when no --model is given — `analyze` on the
 * demo study of every domain yields a parseable \boxed{} answer.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_DOMAIN_NAMES } from '../../src-main/lab/index';
import { MANIFEST_FILE, verifyModelPackage } from '../../src-main/ml/package/verifyModelPackage';
import { parseModelOutput } from '../../src-main/ml/protocol/parseModelOutput';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { repoRoot } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

const PACKAGE = path.join(repoRoot, 'models', 'qoq-med-nano');
const DEMO = path.join(repoRoot, 'resources', 'demo', 'studies');

describe('models/qoq-med-nano package', () => {
  it('verifies, is ≤ 20 MB, and carries its lineage and per-domain held-out metrics', async () => {
    const manifest = await verifyModelPackage(PACKAGE);
    expect(manifest.name).toBe('qoq-med-nano');
    expect(manifest.intendedUse.toLowerCase()).toContain('demonstration model, synthetic training data, research use only');
    const bytes = manifest.files.reduce((n, f) => n + f.size, statSync(path.join(PACKAGE, MANIFEST_FILE)).size);
    expect(bytes).toBeLessThanOrEqual(20 * 1024 * 1024);
    expect(manifest.lineage.trainingData).toMatch(/phantom lab/);
    expect(manifest.lineage.recipe).toMatch(/SFT/);
    const heldOut = (manifest.lineage.metrics as { heldOut: { domains: Record<string, { format: number; f1: number; chanceF1: number }> } }).heldOut;
    expect(Object.keys(heldOut.domains).sort()).toEqual([...LAB_DOMAIN_NAMES].sort());
    const readme = readFileSync(path.join(PACKAGE, 'README.md'), 'utf8');
    expect(readme.toLowerCase()).toContain('demonstration model, synthetic training data, research use only');
    for (const domain of LAB_DOMAIN_NAMES) expect(readme).toMatch(new RegExp(`^\\| ${domain} \\|`, 'm'));
  });
});

describe('the default model in the workstation and the CLI', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let service: WorkstationService;
  let dataDir: string;

  beforeAll(async () => {
    tmp = makeTempDir('nano');
    dataDir = path.join(tmp.dir, 'data');
    // No bundledModelsDir: the service's own default must find the checkout's models/.
    service = createWorkstationService({ dataDir, actor: 'test', workers: 2 });
    await service.api.importPaths({ paths: [DEMO] });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    tmp.cleanup();
  });

  it('lists qoq-med-nano as a verified bundled package (what `qoq models` prints)', async () => {
    const { models } = await service.api.listModels({});
    expect(models.find((m) => m.name === 'qoq-med-nano')).toMatchObject({ verified: true, dir: PACKAGE });
  });

  it('analyze without a model argument answers every demo domain with a parseable \\boxed{} answer', async () => {
    const { studies } = await service.api.listStudies({ limit: 100 });
    const domains = new Set(studies.flatMap((s) => s.domains));
    for (const domain of LAB_DOMAIN_NAMES) expect(domains.has(domain), domain).toBe(true);
    for (const study of studies) {
      const result = await service.api.analyzeStudy({ studyId: study.id });
      expect(result.model.name, study.patientId).toBe('qoq-med-nano');
      const parsed = parseModelOutput(result.raw);
      expect(parsed.answerRaw, `${study.patientId}: ${result.raw}`).not.toBeNull();
      expect(result.answer.length, study.patientId).toBeGreaterThan(0);
      expect(result.trace, study.patientId).not.toBeNull();
    }
  }, 120_000);

  it('`qoq analyze <study>` uses it from the command line (no --model)', async () => {
    const { studies } = await service.api.listStudies({ text: 'LAB-cxr', limit: 10 });
    const cxr = studies.find((s) => s.patientId === 'LAB-cxr_test_0001');
    expect(cxr).toBeDefined();
    const run = (args: string[]): { status: number | null; stdout: string } =>
      spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'qoq.mjs'), ...args, '--data-dir', dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
    const analyzed = run(['analyze', String(cxr!.id)]);
    expect(analyzed.status).toBe(0);
    const result = JSON.parse(analyzed.stdout) as { model: { name: string }; answer: string[] };
    expect(result.model.name).toBe('qoq-med-nano');
    expect(result.answer.length).toBeGreaterThan(0);
  }, 120_000);
});
