import type { LogitsProcessor } from './LogitsProcessor';

/** Divides logits by t: t < 1 sharpens the distribution, t > 1 flattens it. t = 0 is greedy decoding,
 * which is a sampler choice, not a temperature, so it is rejected here. */
export class Temperature implements LogitsProcessor {
  constructor(readonly temperature: number) {
    if (!(temperature > 0) || !Number.isFinite(temperature)) {
      throw new Error(`Temperature: must be a finite number > 0, got ${temperature} (use greedy decoding for 0)`);
    }
  }

  process(logits: Float32Array): Float32Array {
    if (this.temperature === 1) return logits;
    for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! / this.temperature;
    return logits;
  }
}
