// Ground truth for the ECG e2e test, computed here from the raw files and nothing in src-main or
// src-renderer: a format-212 sample decoder, the MIT annotation (.atr) reader, and a plain R-peak finder.
import { readFileSync } from 'node:fs';

/**
 * Signal `channel` of a format-212 record (12-bit two's complement, two samples in three bytes, frames
 * interleaved over `channels` signals), first `count` samples, as raw ADC units.
 */
export function readFormat212(datPath: string, channels: number, channel: number, count: number): Int16Array {
  const bytes = readFileSync(datPath);
  const all = new Int16Array(count * channels);
  for (let k = 0, b = 0; k + 1 < all.length && b + 2 < bytes.length; k += 2, b += 3) {
    const b0 = bytes[b] as number;
    const b1 = bytes[b + 1] as number;
    const b2 = bytes[b + 2] as number;
    const s0 = b0 | ((b1 & 0x0f) << 8);
    const s1 = b2 | ((b1 & 0xf0) << 4);
    all[k] = s0 >= 2048 ? s0 - 4096 : s0;
    all[k + 1] = s1 >= 2048 ? s1 - 4096 : s1;
  }
  return Int16Array.from({ length: count }, (_, i) => all[i * channels + channel] as number);
}

/** Sample indices of the beat annotations (codes 1–13, 25, 34–38: every QRS type) in an MIT .atr file. */
export function readBeatAnnotations(atrPath: string): number[] {
  const bytes = readFileSync(atrPath);
  const word = (at: number) => (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
  const beatCodes = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 31, 34, 35, 36, 37, 38]);
  const beats: number[] = [];
  let time = 0;
  for (let at = 0; at + 1 < bytes.length; ) {
    const w = word(at);
    at += 2;
    const code = w >> 10;
    const value = w & 0x3ff;
    if (code === 0 && value === 0) break;
    if (code === 59) {
      // SKIP: a 32-bit interval follows, high 16-bit word first (PDP-11 order).
      time += ((word(at) << 16) | word(at + 2)) >> 0;
      at += 4;
    } else if (code === 63) {
      at += value + (value & 1); // AUX string, padded to an even length.
    } else if (code === 60 || code === 61 || code === 62) {
      // NUM, SUB, CHN: modify the previous annotation, no time step.
    } else {
      time += value;
      if (beatCodes.has(code)) beats.push(time);
    }
  }
  return beats;
}

/**
 * R peaks as the samples' local maxima above a threshold halfway between the median and the maximum,
 * at least `refractory` samples apart (a plain amplitude detector: enough for a clean lead with upright QRS).
 */
export function findRPeaks(samples: ArrayLike<number>, refractory: number): number[] {
  const values = Array.from(samples);
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const max = sorted[sorted.length - 1] as number;
  const threshold = median + (max - median) / 2;
  const peaks: number[] = [];
  for (let i = 0; i < values.length; ) {
    if ((values[i] as number) < threshold) {
      i++;
      continue;
    }
    // Above threshold: the peak is the largest sample before the signal falls back under it.
    let best = i;
    while (i < values.length && (values[i] as number) >= threshold) {
      if ((values[i] as number) > (values[best] as number)) best = i;
      i++;
    }
    const last = peaks[peaks.length - 1];
    if (last === undefined || best - last >= refractory) peaks.push(best);
    else if ((values[best] as number) > (values[last] as number)) peaks[peaks.length - 1] = best;
  }
  return peaks;
}
