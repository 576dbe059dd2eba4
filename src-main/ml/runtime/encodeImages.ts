import { VISION_ENCODER_IO } from '../models/vision/index.js';
import type { ModelSession } from '../ort/index.js';
import type { VisionInput } from '../preprocess/index.js';
import { float32Output, float32Tensor, int64Tensor } from './hostTensors.js';
import { assertFinite } from './NonFiniteOutputError.js';
import { throwIfCancelled } from './RunCancelled.js';

/**
 * Runs the vision encoder once per image (the graph reads one grid per call) and concatenates the
 * features in prompt order: (Σ tokens, D).
 */
export async function encodeImages(session: ModelSession, images: readonly VisionInput[], hidden: number, signal?: AbortSignal): Promise<Float32Array> {
  const total = images.reduce((n, image) => n + image.tokens, 0);
  const features = new Float32Array(total * hidden); // (Σ tokens, D)
  let row = 0;
  for (const image of images) {
    const out = await session.run({
      [VISION_ENCODER_IO.pixelValues]: float32Tensor([image.rows, image.columns], image.pixelValues), // (N, 1176)
      [VISION_ENCODER_IO.gridThw]: int64Tensor([1, 3], image.gridThw), // (1, 3)
    });
    const { dims, data } = float32Output(out, VISION_ENCODER_IO.imageFeatures); // (tokens, D)
    if (dims[0] !== image.tokens || dims[1] !== hidden) {
      throw new Error(`vision encoder returned [${dims.join(', ')}] for an image of ${image.tokens} tokens × ${hidden}`);
    }
    assertFinite(VISION_ENCODER_IO.imageFeatures, data);
    features.set(data, row * hidden);
    row += image.tokens;
    throwIfCancelled(signal);
  }
  return features;
}
