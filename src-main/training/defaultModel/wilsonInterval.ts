/**
 * Wilson score interval of a success rate `rate` observed over `n` trials (95 % for z = 1.96). Unlike the
 * normal approximation it stays inside [0, 1] and does not collapse to a point at 0 or 1 — a domain that
 * answers 20 of 20 held-out studies right is "at least ≈ 0.84", not "exactly 1". For the lab's held-out
 * F1 it treats each study's F1 as one trial's outcome: exact for single-label answers (F1 0 or 1), an
 * approximation where a multi-label study scores in between.
 */
export function wilsonInterval(rate: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  if (!(rate >= 0 && rate <= 1)) throw new Error(`wilsonInterval: rate ${rate} is not in [0, 1]`);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
