import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listModelPackages } from '../../../src-main/ml/package/listModelPackages';
import type { ModelManifest } from '../../../src-main/ml/package/modelManifest';
import { packageHash, verifyModelPackage } from '../../../src-main/ml/package/verifyModelPackage';
import { writeModelManifest } from '../../../src-main/ml/package/writeModelPackage';
import { makeTempDir } from '../../helpers/tempDir';

const tmp = makeTempDir('model-package');
afterAll(() => tmp.cleanup());

const BASE: Omit<ModelManifest, 'files'> = {
  format: 'qoq-model-package/1',
  name: 'test-model',
  version: '0.1.0',
  architecture: { family: 'qoq-med', decoder: { hiddenSize: 32 } },
  modalities: ['image', 'ecg', 'text'],
  specialTokens: { endOfText: 0, imStart: 1, imEnd: 2, visionStart: 3, visionEnd: 4, imagePad: 5, timeSeriesPad: 6 },
  chatTemplate: { kind: 'qwen2-vl', defaultSystem: 'You are a helpful assistant.' },
  preprocessing: {
    minPixels: 3136,
    maxPixels: 200704,
    maxImages: 4,
    ecgSampleRateHz: 500,
    ecgWindowSamples: 2500,
    ctWindow: { center: 80, width: 700 },
    volumeSlices: { strategy: 'evenly-spaced', count: 2 },
  },
  generation: { eosTokenIds: [2, 0], maxNewTokens: 256, temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1.05 },
  intendedUse: 'Demonstration model, synthetic training data, research use only.',
  lineage: { baseModel: null, trainingData: null, recipe: null, metrics: null, createdUtc: '2026-11-25T00:00:00Z' },
};

async function makePackage(name: string): Promise<string> {
  const dir = path.join(tmp.dir, 'models', name);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  writeFileSync(path.join(dir, 'tokenizer.json'), '{"model":{}}');
  writeFileSync(path.join(dir, 'onnx', 'decoder_model_merged.onnx'), Buffer.from([8, 8, 18, 4, 116, 101, 115, 116]));
  await writeModelManifest(dir, BASE, [
    { path: 'tokenizer.json', role: 'tokenizer' },
    { path: 'onnx/decoder_model_merged.onnx', role: 'decoder' },
  ]);
  return dir;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('model packages', () => {
  it('pins every file by SHA-256 and size, and verifies', async () => {
    const dir = await makePackage('good');
    const manifest = await verifyModelPackage(dir);
    const tokenizer = manifest.files.find((f) => f.path === 'tokenizer.json')!;
    expect(tokenizer.sha256).toBe(sha(path.join(dir, 'tokenizer.json')));
    expect(tokenizer.size).toBe('{"model":{}}'.length);
    expect(packageHash(dir)).toBe(sha(path.join(dir, 'manifest.json')));
  });

  it('refuses a package whose file changed, naming the file', async () => {
    const dir = await makePackage('tampered');
    const onnx = path.join(dir, 'onnx', 'decoder_model_merged.onnx');
    const bytes = readFileSync(onnx);
    bytes[0] = 9;
    writeFileSync(onnx, bytes);
    await expect(verifyModelPackage(dir)).rejects.toThrow(/onnx\/decoder_model_merged\.onnx has SHA-256 .* refusing to load/);
    appendFileSync(onnx, 'x');
    await expect(verifyModelPackage(dir)).rejects.toThrow(/is 9 bytes, the manifest says 8/);
  });

  it('refuses manifest paths that leave the folder, links, and missing files', async () => {
    const dir = await makePackage('paths');
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const bad of ['../outside.bin', '/etc/passwd', 'onnx/../../x', 'C:/x', 'a\\b']) {
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], path: bad }] }));
      await expect(verifyModelPackage(dir), bad).rejects.toThrow(/invalid manifest at files\.0\.path/);
    }
    writeFileSync(path.join(tmp.dir, 'secret.bin'), 'outside');
    symlinkSync(path.join(tmp.dir, 'secret.bin'), path.join(dir, 'linked.bin'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], path: 'linked.bin' }] }));
    await expect(verifyModelPackage(dir)).rejects.toThrow(/linked\.bin is not a regular file/);
    unlinkSync(path.join(dir, 'linked.bin'));
    await expect(verifyModelPackage(dir)).rejects.toThrow(/linked\.bin is missing/);
  });

  it('lists packages with their verification status', async () => {
    const statuses = await listModelPackages([path.join(tmp.dir, 'models'), path.join(tmp.dir, 'nowhere')]);
    const byName = Object.fromEntries(statuses.map((s) => [path.basename(s.dir), s]));
    expect(byName.good).toMatchObject({ verified: true, name: 'test-model', version: '0.1.0', problem: null });
    expect(byName.tampered).toMatchObject({ verified: false, problem: expect.stringMatching(/bytes|SHA-256/) });
    expect(byName.paths?.verified).toBe(false);
  });

  it('keeps the roots in the order given (bundled first = the default), whatever their path names', async () => {
    // A root whose path sorts before the other ("/a…" < "/z…") must still come second when passed second:
    // the service passes the bundled models first so that the bundled model is the default.
    const good = await makePackage('good-copy');
    const first = path.join(tmp.dir, 'z-bundled');
    const second = path.join(tmp.dir, 'a-site');
    for (const root of [first, second]) mkdirSync(root, { recursive: true });
    cpSync(good, path.join(first, 'm2'), { recursive: true });
    cpSync(good, path.join(first, 'm1'), { recursive: true });
    cpSync(good, path.join(second, 'm0'), { recursive: true });
    const statuses = await listModelPackages([first, second]);
    expect(statuses.map((s) => path.relative(tmp.dir, s.dir))).toEqual([path.join('z-bundled', 'm1'), path.join('z-bundled', 'm2'), path.join('a-site', 'm0')]);
  });
});
