/**
 * The encoder-probe experiment's read-outs on synthetic features whose answer is known: a CT-like domain
 * where a lesion shows as one strong token (the detectors must find it; a study-mean probe sees it only
 * diluted), and a control whose labels are unrelated to the features (every read-out near chance).
 */
import { describe, expect, it } from 'vitest';
import { probeReport, PROBE_VARIANTS, type ProbeStudy } from '../../src-main/training/experiment/encoderProbes';
import { seededRandom } from '../ml/graph/reference/rng.js';

const WIDTH = 4;
const TOKENS = 6;

/** CT labels: 0 liver lesion, 1 lung nodule, 2 normal. A lesion of label l lifts input l of one token by `strength`. */
function ctStudies(n: number, seed: number, strength: number, labelled = true): ProbeStudy[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 3;
    const tokens = Float32Array.from({ length: TOKENS * WIDTH }, () => random() - 0.5);
    const marks = new Int32Array(TOKENS).fill(-1);
    if (label !== 2) {
      const t = Math.floor(random() * TOKENS);
      tokens[t * WIDTH + label] = (tokens[t * WIDTH + label] as number) + strength;
      marks[t] = label;
    }
    const shown = labelled ? label : Math.floor(random() * 3); // the control's labels ignore the pixels
    return { domain: 'ct', target: [0, 1, 2].map((j) => (j === shown ? 1 : 0)), images: [tokens], marks: [marks] };
  });
}

describe('probeReport', () => {
  it('finds a one-token lesion with the token detectors, and counts the lesion studies that show it', () => {
    const report = probeReport(ctStudies(300, 1, 4), ctStudies(90, 2, 4), WIDTH);
    const ct = report.accuracy.ct!;
    expect(ct.detectors).toBeGreaterThan(0.9);
    for (const v of PROBE_VARIANTS) expect(ct[v]).toBeGreaterThan(0.5); // the mean carries strength/6 = 0.67 against noise sd 0.12
    expect(report.lesionShown.ct).toEqual({ shown: 60, of: 60 });
    expect(Object.keys(report.accuracy)).toEqual(['ct']); // only domains in the held-out split are reported
  });

  it('stays near chance (1/3) when the labels have nothing to do with the features', () => {
    const report = probeReport(ctStudies(300, 3, 4, false), ctStudies(300, 4, 4, false), WIDTH);
    const ct = report.accuracy.ct!;
    for (const key of [...PROBE_VARIANTS, 'detectors'] as const) expect(Math.abs(ct[key] - 1 / 3)).toBeLessThan(0.1);
  });
});
