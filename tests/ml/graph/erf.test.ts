import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectClose } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

// erf by its Maclaurin series, summed in float64 until terms vanish: exact enough for |x| ≤ 3.
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-18; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('erf', () => {
  it('keeps shape and dtype in the builder', () => {
    const g = new G.GraphBuilder();
    const y = G.erf(g, g.input('x', 'float64', ['batch', 3]));
    expect(y).toMatchObject({ dtype: 'float64', shape: ['batch', 3] });
  });

  // float32 only: ORT 1.30 registers no float64 Erf kernel on CPU.
  it('matches the series in float32', async () => {
    const g = new G.GraphBuilder();
    g.output(G.erf(g, g.input('x', 'float32', [2, 5])), 'y');
    const xs = uniform(seededRandom(3), 10, -3, 3);
    const out = await runGraph(g, { x: host('float32', [2, 5], xs) });
    expectClose(outputOf(out, 'y').data, xs.map(erfSeries), 1e-6);
  });
});
