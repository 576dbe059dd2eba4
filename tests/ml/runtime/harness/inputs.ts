import type { EcgRecord } from '../../../../src-main/parsing/types';
import type { RgbImage } from '../../../../src-main/ml/preprocess/index.js';

const LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

/** 5 s at 500 Hz, 8 leads of a sine (µV); lead k has its own frequency and phase so leads differ. */
export function sineEcg(amplitudeUv = 1000): EcgRecord {
  const rate = 500;
  const samples = 2500;
  return {
    summary: { format: 'wfdb', leads: LEADS, samplingRateHz: rate, samplesPerLead: samples, units: 'uV', durationS: samples / rate },
    leads: LEADS.map((name, k) => ({
      name,
      samplesUv: Float32Array.from({ length: samples }, (_, i) => amplitudeUv * Math.sin((2 * Math.PI * (1 + 0.2 * k) * i) / rate + k)),
    })),
  };
}

/** A width × height RGB gradient; `shift` changes every pixel, so two shifts are two different images. */
export function gradientImage(width: number, height: number, shift = 0): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = (x * 4 + shift) & 255;
      data[o + 1] = (y * 4 + 2 * shift) & 255;
      data[o + 2] = ((x + y) * 2 + 3 * shift) & 255;
    }
  }
  return { width, height, data };
}
