/**
 * Linear-interpolation resampling of a uniformly sampled signal, producing at most `maxOut` samples.
 * Output j is at time j/toHz, i.e. source position p = j·fromHz/toHz, value s[⌊p⌋]·(1 − frac) +
 * s[⌊p⌋ + 1]·frac. Outputs beyond the last source sample are not produced (the caller zero-pads), so a
 * record is never extrapolated. Integer rates keep p exact (j·fromHz is an integer).
 *
 * Why linear rather than polyphase: it is exact at coinciding instants (1000 → 500 Hz takes every second
 * sample, 360 → 500 Hz hits every 18th source sample), has no ringing at the record's start, and needs no
 * filter design. Its cost is no anti-alias filter when downsampling: content above the new Nyquist
 * (250 Hz at 500 Hz) folds back. Diagnostic ECG bandwidth is ≤ 150 Hz and recorders low-pass at
 * 100–300 Hz, so the folded energy is small; a polyphase resampler is the upgrade if that ever matters.
 */
export function resampleLinear(samples: ArrayLike<number>, fromHz: number, toHz: number, maxOut: number): Float64Array {
  if (!(fromHz > 0 && toHz > 0 && Number.isFinite(fromHz) && Number.isFinite(toHz))) {
    throw new RangeError(`resampleLinear: bad rates ${fromHz} → ${toHz} Hz`);
  }
  const n = samples.length;
  if (n === 0) return new Float64Array(0);
  // Outputs whose position p ≤ n − 1. For integer rates the quotient of two exact integers is rounded
  // correctly, so floor() cannot land on the wrong side of an integer.
  const available = Math.floor(((n - 1) * toHz) / fromHz) + 1;
  const count = Math.max(0, Math.min(maxOut, available));
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const num = j * fromHz;
    const i0 = Math.floor(num / toHz);
    const frac = (num - i0 * toHz) / toHz;
    const a = samples[i0] as number;
    out[j] = frac === 0 || i0 + 1 >= n ? a : a + (((samples[i0 + 1] as number) - a) * frac);
  }
  return out;
}
