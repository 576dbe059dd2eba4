/**
 * Standardises values[0..length) in place to zero mean and unit POPULATION std (numpy's default ddof=0),
 * computed in double precision. A constant lead (std 0) becomes all zeros instead of NaN, so a flat or
 * zero-filled lead feeds the encoder a neutral signal.
 */
export function zScoreInPlace(values: Float32Array | Float64Array, length = values.length): void {
  if (length === 0) return;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i] as number;
  const mean = sum / length;
  let ss = 0;
  for (let i = 0; i < length; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  const std = Math.sqrt(ss / length);
  for (let i = 0; i < length; i++) values[i] = std > 0 ? ((values[i] as number) - mean) / std : 0;
}
