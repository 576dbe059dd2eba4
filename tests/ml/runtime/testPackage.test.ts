import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_INSTRUCTION } from '../../../src-main/ml/protocol/formatInstruction';
import { ModelPackageError } from '../../../src-main/ml/package/ModelPackageError';
import { packageHash, verifyModelPackage } from '../../../src-main/ml/package/verifyModelPackage';
import { loadModel } from '../../../src-main/ml/runtime/index.js';
import { buildRandomTestPackage, TEST_PACKAGE_FILES, TEST_PACKAGE_INTENDED_USE } from '../../../src-main/ml/testPackage/index.js';
import { loadTokenizer } from '../../../src-main/ml/tokenizer/index.js';
import { makeTempDir } from '../../helpers/tempDir';

const tmp = makeTempDir('test-package');
const dirOf = (name: string): string => path.join(tmp.dir, name);

describe('buildRandomTestPackage', () => {
  beforeAll(async () => {
    await buildRandomTestPackage(dirOf('a'), { seed: 1 });
    await buildRandomTestPackage(dirOf('b'), { seed: 1 });
    await buildRandomTestPackage(dirOf('c'), { seed: 2 });
  });
  afterAll(() => tmp.cleanup());

  it('(a) writes a package that verifies, with every graph and the tokenizer pinned', async () => {
    const manifest = await verifyModelPackage(dirOf('a'));
    expect(manifest.files.map((f) => [f.path, f.role])).toEqual([
      [TEST_PACKAGE_FILES.vision, 'vision_encoder'],
      [TEST_PACKAGE_FILES.ecg, 'ecg_encoder'],
      [TEST_PACKAGE_FILES.embedTokens, 'embed_tokens'],
      [TEST_PACKAGE_FILES.decoder, 'decoder'],
      [TEST_PACKAGE_FILES.tokenizer, 'tokenizer'],
    ]);
    expect(manifest.intendedUse).toBe(TEST_PACKAGE_INTENDED_USE);
    expect(manifest.preprocessing).toMatchObject({ minPixels: 28 * 28 * 4, maxPixels: 28 * 28 * 64, ecgWindowSamples: 2500 });
  });

  it('takes special-token ids and the decoder vocabulary from the trained tokenizer', async () => {
    const manifest = await verifyModelPackage(dirOf('a'));
    const tokenizer = await loadTokenizer(path.join(dirOf('a'), TEST_PACKAGE_FILES.tokenizer));
    expect(tokenizer.vocabSize).toBeGreaterThanOrEqual(300);
    expect(tokenizer.vocabSize).toBeLessThanOrEqual(500);
    expect(manifest.architecture.decoder['vocabSize']).toBe(tokenizer.vocabSize);
    expect(manifest.specialTokens.imagePad).toBe(tokenizer.tokenId('<|image_pad|>'));
    expect(manifest.specialTokens.timeSeriesPad).toBe(tokenizer.tokenId('<|time_series_pad|>'));
    expect(manifest.generation.eosTokenIds).toEqual([tokenizer.tokenId('<|im_end|>'), tokenizer.tokenId('<|endoftext|>')]);
    // The protocol strings are in the corpus, so they tokenise compactly rather than byte by byte.
    for (const piece of ['<think>', '```json', '\\boxed{']) expect(tokenizer.encode(piece).length).toBe(2);
    expect(tokenizer.encode(FORMAT_INSTRUCTION).length).toBeLessThan(FORMAT_INSTRUCTION.length / 2);
  });

  it('is deterministic for a seed: same bytes, same package hash; another seed differs', () => {
    expect(packageHash(dirOf('a'))).toBe(packageHash(dirOf('b')));
    for (const file of Object.values(TEST_PACKAGE_FILES)) {
      expect(readFileSync(path.join(dirOf('a'), file)).equals(readFileSync(path.join(dirOf('b'), file)))).toBe(true);
    }
    expect(packageHash(dirOf('c'))).not.toBe(packageHash(dirOf('a')));
  });

  it('refuses to overwrite an existing package', async () => {
    await expect(buildRandomTestPackage(dirOf('a'), { seed: 1 })).rejects.toThrow();
  });

  it('(g) loadModel refuses a package with one byte changed, naming the file', async () => {
    cpSync(dirOf('a'), dirOf('tampered'), { recursive: true });
    const file = path.join(dirOf('tampered'), TEST_PACKAGE_FILES.decoder);
    const bytes = readFileSync(file);
    const at = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at); // same size: only the hash can tell
    writeFileSync(file, bytes);
    const load = loadModel(dirOf('tampered'));
    await expect(load).rejects.toBeInstanceOf(ModelPackageError);
    await expect(load).rejects.toThrow(/decoder_model_merged\.onnx has SHA-256 .* refusing to load/);
  });

  it('loadModel refuses a tokenizer that disagrees with the manifest even when re-hashed', async () => {
    // A package built with another corpus, its tokenizer swapped into a copy of 'a' and the manifest
    // rewritten with matching hashes: verification passes, the special-token check must not.
    await buildRandomTestPackage(dirOf('other'), { seed: 1, tokenizerCorpus: ['x y z', '<|im_end|> abc abc abc'], vocabSize: 300 });
    cpSync(dirOf('a'), dirOf('swapped'), { recursive: true });
    cpSync(path.join(dirOf('other'), 'tokenizer.json'), path.join(dirOf('swapped'), 'tokenizer.json'));
    const manifest = JSON.parse(readFileSync(path.join(dirOf('swapped'), 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; size: number }[] };
    const other = JSON.parse(readFileSync(path.join(dirOf('other'), 'manifest.json'), 'utf8')) as typeof manifest;
    const tok = manifest.files.find((f) => f.path === 'tokenizer.json')!;
    Object.assign(tok, other.files.find((f) => f.path === 'tokenizer.json'));
    writeFileSync(path.join(dirOf('swapped'), 'manifest.json'), JSON.stringify(manifest));
    await expect(loadModel(dirOf('swapped'))).rejects.toThrow(/tokenizer maps <\|/);
  });
});
