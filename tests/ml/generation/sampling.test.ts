import { describe, expect, it } from 'vitest';
import { greedy } from '../../../src-main/ml/generation/greedy';
import { kthLargest } from '../../../src-main/ml/generation/kthLargest';
import { Sampler } from '../../../src-main/ml/generation/Sampler';
import { Xoshiro128StarStar } from '../../../src-main/ml/random/Xoshiro128StarStar';

describe('Xoshiro128StarStar', () => {
  it('matches hand-computed outputs from state [1, 2, 3, 4]', () => {
    // out = rotl(s1·5, 7)·9.  s=[1,2,3,4]: rotl(10, 7)·9 = 1280·9 = 11520.
    //   update: t = 2<<9 = 1024; s2 = 3^1 = 2; s3 = 4^2 = 6; s1 = 2^2 = 0; s0 = 1^6 = 7; s2 = 2^1024 = 1026; s3 = rotl(6, 11) = 12288
    // s=[7,0,1026,12288]: out = 0.
    //   update: t = 0; s2 = 1026^7 = 1029; s3 = 12288^0; s1 = 0^1029 = 1029; s0 = 7^12288 = 12295; s3 = rotl(12288, 11) = 25165824
    // s=[12295,1029,1029,25165824]: out = rotl(1029·5 = 5145, 7)·9 = 658560·9 = 5927040.
    const rng = Xoshiro128StarStar.fromState([1, 2, 3, 4]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('matches the C reference (Blackman & Vigna, compiled with gcc) on a wide state', () => {
    const rng = Xoshiro128StarStar.fromState([0x12345678, 0x9abcdef0, 0xdeadbeef, 0x0badf00d]);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([
      2576881682, 1162350735, 808537200, 2062165408, 3804998253, 141604735,
    ]);
  });

  it('same (seed, stream) → same stream; other stream or seed → different', () => {
    const draw = (seed: number, stream: number): number[] => {
      const rng = new Xoshiro128StarStar(seed, stream);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(7, 0)).toEqual(draw(7, 0));
    expect(draw(7, 1)).not.toEqual(draw(7, 0));
    expect(draw(8, 0)).not.toEqual(draw(7, 0));
  });

  it('floats are in [0, 1) with mean ≈ 1/2', () => {
    const rng = new Xoshiro128StarStar(123);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = rng.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    // σ of the mean of 10k uniforms = sqrt(1/12 / 10000) ≈ 0.00289; 3σ ≈ 0.0087.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.0087);
  });
});

describe('greedy', () => {
  it('picks the largest logit, the lowest id on a tie', () => {
    expect(greedy(Float32Array.from([0, 3, 1]))).toBe(1);
    expect(greedy(Float32Array.from([2, 5, 5]))).toBe(1);
  });
});

describe('Sampler', () => {
  const probs = [0.1, 0.2, 0.3, 0.4];
  const logits = Float32Array.from(probs.map(Math.log));

  it('is reproducible from the seed', () => {
    const a = new Sampler(99, 3);
    const b = new Sampler(99, 3);
    const drawsA = Array.from({ length: 200 }, () => a.sample(logits));
    const drawsB = Array.from({ length: 200 }, () => b.sample(logits));
    expect(drawsA).toEqual(drawsB);
    const c = new Sampler(99, 4);
    expect(Array.from({ length: 200 }, () => c.sample(logits))).not.toEqual(drawsA);
  });

  it('10k draws of [0.1, 0.2, 0.3, 0.4] land within 3σ of n·p for every token', () => {
    const n = 10_000;
    const counts = [0, 0, 0, 0];
    const sampler = new Sampler(2024);
    for (let i = 0; i < n; i++) counts[sampler.sample(logits)]!++;
    probs.forEach((p, i) => {
      // Binomial: mean n·p, σ = sqrt(n·p·(1−p)); e.g. token 0: 1000 ± 3·30 = [910, 1090].
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(counts[i]! - n * p)).toBeLessThan(3 * sigma);
    });
  });

  it('never draws a token masked to -Infinity', () => {
    const sampler = new Sampler(5);
    const masked = Float32Array.from([-Infinity, 0, -Infinity, 0]);
    for (let i = 0; i < 2000; i++) expect([1, 3]).toContain(sampler.sample(masked));
  });
});

describe('kthLargest', () => {
  it('agrees with sorting on random rows, duplicates included', () => {
    const rng = new Xoshiro128StarStar(1);
    for (let trial = 0; trial < 50; trial++) {
      const row = Float32Array.from({ length: 1 + (trial % 37) }, () => Math.floor(rng.nextFloat() * 10) - 5);
      const sorted = [...row].sort((a, b) => b - a);
      for (let k = 1; k <= row.length; k++) expect(kthLargest(row, k)).toBe(sorted[k - 1]);
    }
  });
});
