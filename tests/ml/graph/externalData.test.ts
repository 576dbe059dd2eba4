import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { createSession } from '../../../src-main/ml/ort/index.js';
import { makeTempDir } from '../../helpers/tempDir.js';
import { matmul as refMatmul } from './reference/linalg.js';
import { nd } from './reference/NdArray.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { host, outputOf } from './harness/runGraph.js';

const temp = makeTempDir('graph-extdata');
afterAll(() => temp.cleanup());
const rand = seededRandom(3);
const wv = uniform(rand, 64 * 32);
const bv = uniform(rand, 32);

/** y = x·W + b with W (64, 32) float32 = 8 KiB (external at a 4 KiB threshold) and b 128 B (inline). */
function buildModel(): G.Graph {
  const g = new G.GraphBuilder('ext');
  const w = g.initializer('big_weight', Float32Array.from(wv), [64, 32]);
  const b = g.initializer('small_bias', Float32Array.from(bv), [32]);
  g.output(G.linear(g, g.input('x', 'float32', ['batch', 64]), w, b), 'y');
  return G.assertValidGraph(g.build());
}

/** Writes the model into a fresh folder, with `edit` applied to the big weight's external-data entries. */
function writeTampered(folder: string, edit: (entries: { key?: string | null; value?: string | null }[]) => void): string {
  const dir = path.join(temp.dir, folder);
  mkdirSync(dir, { recursive: true });
  const { model, externalData } = G.toModelProto(buildModel(), { opset: 17, producer: 'test', externalDataThresholdBytes: 4096, externalDataLocation: 'w.bin' });
  writeFileSync(path.join(dir, 'w.bin'), externalData ?? new Uint8Array());
  const big = model.graph?.initializer?.find((t) => t.name === 'big_weight');
  edit(big?.externalData ?? []);
  const file = path.join(dir, 'model.onnx');
  writeFileSync(file, G.encodeModel(model));
  return file;
}

const setLocation = (location: string) => (entries: { key?: string | null; value?: string | null }[]) => {
  const loc = entries.find((e) => e.key === 'location');
  if (loc) loc.value = location;
};

describe('external data', () => {
  it('writes large initializers to a side file with location/offset/length and ORT loads them', async () => {
    const file = path.join(temp.dir, 'ok', 'model.onnx');
    await G.writeModel(buildModel(), file, { opset: 17, producer: 'test', externalDataThresholdBytes: 4096 });
    const proto = G.decodeModel(readFileSync(file));
    const [big, small] = [proto.graph?.initializer?.[0], proto.graph?.initializer?.[1]];
    expect(big?.dataLocation).toBe(1);
    expect(Object.fromEntries((big?.externalData ?? []).map((e) => [e.key, e.value]))).toEqual({ location: 'model.onnx.data', offset: '0', length: String(64 * 32 * 4) });
    expect(small?.dataLocation ?? 0).toBe(0);
    expect(small?.rawData?.byteLength).toBe(128);
    expect(readFileSync(path.join(temp.dir, 'ok', 'model.onnx.data')).byteLength).toBe(64 * 32 * 4);

    const session = await createSession(file);
    const xv = uniform(rand, 2 * 64);
    const y = outputOf(await session.run({ x: host('float32', [2, 64], xv) }), 'y');
    await session.release();
    const want = refMatmul(nd([2, 64], xv), nd([64, 32], wv)).data.map((v, i) => v + (bv[i % 32] ?? 0));
    expectClose(y.data, want, TOL.float32);
  });

  it('aligns each external tensor to 64 bytes', () => {
    const g = new G.GraphBuilder();
    g.initializer('a', new Float32Array(1001), [1001]);
    g.initializer('b', new Float32Array(1000), [1000]);
    const { model, externalData } = G.toModelProto(g.build(), { opset: 17, producer: 't', externalDataThresholdBytes: 1 });
    const offsets = (model.graph?.initializer ?? []).map((t) => Number(t.externalData?.find((e) => e.key === 'offset')?.value));
    expect(offsets).toEqual([0, 4032]);
    expect(externalData?.byteLength).toBe(4032 + 4000);
  });

  it.each([
    ['../evil.bin', "contains '..'"],
    ['sub/../../evil.bin', "contains '..'"],
    ['..\\evil.bin', "contains '..'"],
    ['/etc/passwd', 'is absolute'],
    ['C:\\Windows\\evil.bin', 'is absolute'],
    ['\\\\server\\share\\evil.bin', 'is absolute'],
    ['missing.bin', 'does not exist'],
  ])('refuses external-data location %s', async (location, message) => {
    const file = writeTampered(`bad-${encodeURIComponent(location)}`, setLocation(location));
    await expect(createSession(file)).rejects.toThrow(message);
    expect(() => G.assertSafeExternalData(G.decodeModel(readFileSync(file)), path.dirname(file))).toThrow(G.UnsafeExternalDataError);
  });

  it('refuses a symlink inside the folder that points outside it', async () => {
    const outside = path.join(temp.dir, 'outside.bin');
    writeFileSync(outside, new Uint8Array(64 * 32 * 4));
    const file = writeTampered('symlink', setLocation('link.bin'));
    symlinkSync(outside, path.join(path.dirname(file), 'link.bin'));
    await expect(createSession(file)).rejects.toThrow('link that leads outside the model folder');
  });

  it('refuses a byte range past the end of the side file', async () => {
    const file = writeTampered('range', (entries) => {
      const offset = entries.find((e) => e.key === 'offset');
      if (offset) offset.value = '4096';
    });
    await expect(createSession(file)).rejects.toThrow('exceed');
  });

  it('refuses model bytes that reference external data (ORT would resolve them against the cwd)', async () => {
    const { model } = G.toModelProto(buildModel(), { opset: 17, producer: 't', externalDataThresholdBytes: 4096 });
    await expect(createSession(G.encodeModel(model))).rejects.toThrow('load the model from its file path');
  });
});
