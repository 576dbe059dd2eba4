import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { createSession, fromOrt, providerList, run, toOrt } from '../../../src-main/ml/ort/index.js';
import { host } from './harness/runGraph.js';

function doubler(): Uint8Array {
  const g = new G.GraphBuilder();
  g.output(G.mul(g, g.input('x', 'float32', ['n']), G.scalar(g, 2, 'float32')), 'y');
  return G.encodeModel(G.toModelProto(g.build(), { opset: 17, producer: 't' }).model);
}

describe('ort wrapper', () => {
  it('round-trips every supported dtype through toOrt/fromOrt', () => {
    for (const t of [host('float32', [2], [1, 2]), host('float64', [1], [3]), host('int64', [2], [4, 5]), host('int32', [1], [6]), host('bool', [2], [1, 0])]) {
      const back = fromOrt(toOrt(t));
      expect(back.type).toBe(t.type);
      expect(back.dims).toEqual(t.dims);
      expect(Array.from(back.data as ArrayLike<number>)).toEqual(Array.from(t.data as ArrayLike<number>));
    }
    expect(() => toOrt({ type: 'float32', dims: [3], data: new Float32Array(2) })).toThrow('do not fill');
  });

  it('runs from bytes on CPU and reports names and providers', async () => {
    const session = await createSession(doubler(), { intraOpThreads: 1 });
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y']);
    expect(session.providers).toEqual(['cpu']);
    const out = await run(session, { x: host('float32', [3], [1, 2, 3]) });
    expect(out.y?.dims).toEqual([3]);
    expect(Array.from(out.y?.data as Float32Array)).toEqual([2, 4, 6]);
    await session.release();
  });

  it('always keeps CPU last in the provider list, without duplicates', () => {
    expect(providerList(undefined)).toEqual(['cpu']);
    expect(providerList(['cpu', 'cuda', 'cuda'])).toEqual(['cuda', 'cpu']);
    expect(providerList(['coreml', 'dml'])).toEqual(['coreml', 'dml', 'cpu']);
  });

  it('falls back to CPU when a GPU provider is not installed, unless told not to', async () => {
    // The CPU-only install here has no CUDA provider library, so registering 'cuda' fails.
    const session = await createSession(doubler(), { executionProviders: ['cuda'] });
    expect(session.providers).toEqual(['cpu']);
    await session.release();
    await expect(createSession(doubler(), { executionProviders: ['cuda'], fallbackToCpu: false })).rejects.toThrow();
  });
});
