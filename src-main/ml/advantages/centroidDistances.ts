import { squaredDistance } from './squaredDistance';

/** Fills between[j·k + o] = ‖c_j − c_o‖ and half[j] = ½ · min over o ≠ j of it. */
export function centroidDistances(c: Float64Array, k: number, d: number, between: Float64Array, half: Float64Array): void {
  for (let j = 0; j < k; j++) {
    between[j * k + j] = 0;
    for (let o = j + 1; o < k; o++) {
      const dist = Math.sqrt(squaredDistance(c, j * d, c, o * d, d));
      between[j * k + o] = dist;
      between[o * k + j] = dist;
    }
  }
  for (let j = 0; j < k; j++) {
    let nearest = Infinity;
    for (let o = 0; o < k; o++) if (o !== j) nearest = Math.min(nearest, between[j * k + o]!);
    half[j] = 0.5 * nearest;
  }
}
