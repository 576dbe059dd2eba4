import { kmeansPlusPlusInit } from './kmeansPlusPlusInit';
import { type KMeansFit, type LloydOptions, lloyd } from './lloyd';
import { Mulberry32 } from '../random/Mulberry32';
import type { PointMatrix } from './PointMatrix';

export interface KMeansOptions extends LloydOptions {
  seed?: number; // 0 like the reference's random_state = 0 (the streams differ: same role, not same numbers)
}

/** One seeded K-means fit from scratch: k-means++ seeding, then Lloyd to convergence. */
export function kmeans(points: PointMatrix, k: number, options: KMeansOptions = {}): KMeansFit {
  const rng = new Mulberry32(options.seed ?? 0);
  return lloyd(points, kmeansPlusPlusInit(points, k, rng), k, options);
}
