import { ECG_ENCODER_IO } from '../models/ecg/index.js';
import type { ModelSession } from '../ort/index.js';
import type { EcgInput } from '../preprocess/index.js';
import { float32Output, float32Tensor } from './hostTensors.js';
import { assertFinite } from './NonFiniteOutputError.js';

/**
 * One feature row per ECG slot, (E, D): the recordings go through the encoder in one batched call,
 * (B, leads, samples) → (B, D); a slot without a recording keeps a zero row (the reference's input for
 * samples without ECG).
 */
export async function encodeEcgs(session: ModelSession, ecgs: readonly (EcgInput | null)[], hidden: number): Promise<Float32Array> {
  const features = new Float32Array(ecgs.length * hidden); // (E, D), zero rows for empty slots
  const present = ecgs.flatMap((ecg, slot) => (ecg ? [{ ecg, slot }] : []));
  if (present.length === 0) return features;
  const [leads, samples] = present[0]!.ecg.shape;
  const batch = new Float32Array(present.length * leads * samples); // (B, L, S)
  present.forEach(({ ecg }, i) => {
    if (ecg.shape[0] !== leads || ecg.shape[1] !== samples) throw new Error('ECG inputs of one request must share one shape');
    batch.set(ecg.data, i * leads * samples);
  });
  const out = await session.run({ [ECG_ENCODER_IO.ecg]: float32Tensor([present.length, leads, samples], batch) });
  const { dims, data } = float32Output(out, ECG_ENCODER_IO.ecgFeatures); // (B, D)
  if (dims[0] !== present.length || dims[1] !== hidden) throw new Error(`ECG encoder returned [${dims.join(', ')}] for ${present.length} records × ${hidden}`);
  assertFinite(ECG_ENCODER_IO.ecgFeatures, data);
  present.forEach(({ slot }, i) => features.set(data.subarray(i * hidden, (i + 1) * hidden), slot * hidden));
  return features;
}
