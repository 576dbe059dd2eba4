/**
 * 12-lead ECG, 500 Hz, 10 s. Rhythm from a list of R-peak times; morphology from the dipole beat model.
 * Labels: normal sinus rhythm (60–95 bpm, P before each QRS, small variability), sinus bradycardia
 * (< 55 bpm), sinus tachycardia (> 105 bpm), atrial fibrillation (irregularly irregular RR, no P waves,
 * fibrillatory baseline of 4–9 Hz), ST elevation (anterior injury current), bundle branch block
 * (QRS ≥ 120 ms with a late R' in V1). I and II come from the model; III, aVR, aVL, aVF are computed
 * from them (Einthoven, Goldberger) before quantisation.
 */
import { byDifficulty, type LabRandom } from '../LabRandom';
import type { EcgLead, EcgStudy } from '../labTypes';
import { AXIS_I, AXIS_II, beatWaves, PRECORDIAL_AXES, project, renderDipole, type Vec3 } from './ecgBeatModel';

export const ECG_LABELS = ['normal sinus rhythm', 'atrial fibrillation', 'ST elevation', 'bundle branch block', 'sinus bradycardia', 'sinus tachycardia'] as const;

const FS = 500;
const SECONDS = 10;
const N = FS * SECONDS;

/** R-peak times (s) for a rhythm: regular with small variability, or AF's irregular intervals. */
function rPeakTimes(rng: LabRandom, meanRr: number, cv: number): number[] {
  const out: number[] = [];
  let t = rng.range(0.15, 0.15 + meanRr);
  while (t < SECONDS - 0.35) {
    out.push(t);
    // AF intervals are drawn independently from a wide distribution; sinus intervals barely vary.
    t += Math.max(0.28, meanRr * (1 + cv * rng.normal()));
  }
  return out;
}

function coefficientOfVariation(xs: number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  return sd / m;
}

export function generateEcg(rng: LabRandom, label: string, difficulty: number): EcgStudy {
  let hr: number;
  if (label === 'sinus bradycardia') hr = byDifficulty(difficulty, 42, 52);
  else if (label === 'sinus tachycardia') hr = byDifficulty(difficulty, 145, 112);
  else if (label === 'atrial fibrillation') hr = rng.range(75, 125);
  else hr = rng.range(60, 92);
  const meanRr = 60 / hr;
  const af = label === 'atrial fibrillation';
  let times: number[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    // Sinus variability of 1–2 % never takes brady/tachy across their thresholds; AF needs CV > 0.1.
    times = rPeakTimes(rng, meanRr, af ? byDifficulty(difficulty, 0.25, 0.16) : 0.015);
    const rr = times.slice(1).map((t, i) => t - times[i]!);
    const cv = coefficientOfVariation(rr);
    const regularOk = label === 'sinus bradycardia' ? rr.every((x) => x > 1.05) : label === 'sinus tachycardia' ? rr.every((x) => x < 0.57) : true;
    if ((af ? cv > 0.13 : cv < 0.05) && regularOk) break;
  }
  const stMv = byDifficulty(difficulty, 0.35, 0.15);
  const stVector: Vec3 | null = label === 'ST elevation' ? [0.2 * stMv, -0.1 * stMv, stMv] : null;
  const bbb = label === 'bundle branch block';
  const amplitude = rng.range(0.8, 1.2);
  const beats = times.map((t, k) => ({
    r: t * FS,
    waves: beatWaves({
      pWave: !af,
      qrsWidening: bbb ? byDifficulty(difficulty, 2.2, 1.7) : 1,
      stVector,
      lateRightVentricle: bbb,
      rrSeconds: k > 0 ? t - times[k - 1]! : meanRr,
      amplitude,
    }),
  }));
  const dipole = renderDipole(N, FS, beats);
  if (af) {
    // Fibrillatory waves: a few incoherent 4–9 Hz oscillations along an atrial vector (largest in V1, II).
    const comps = Array.from({ length: 4 }, () => ({ f: rng.range(4, 9), ph: rng.range(0, 6.28), a: byDifficulty(difficulty, 0.08, 0.04) * rng.range(0.5, 1) }));
    const axis: Vec3 = [0.1, 0.5, 0.7];
    for (let t = 0; t < N; t++) {
      const s = comps.reduce((acc, c) => acc + c.a * Math.sin((2 * Math.PI * c.f * t) / FS + c.ph), 0);
      for (let j = 0; j < 3; j++) dipole[j as 0 | 1 | 2][t] = dipole[j as 0 | 1 | 2][t]! + s * axis[j]!;
    }
  }
  // Baseline wander (respiration) and electrode noise, per recorded lead.
  const wanderF = rng.range(0.15, 0.35);
  const wanderPh = rng.range(0, 6.28);
  const record = (axis: Vec3): Float32Array => {
    const x = project(dipole, axis);
    const a = rng.range(0.02, 0.06);
    for (let t = 0; t < N; t++) x[t] = (x[t]! + a * Math.sin((2 * Math.PI * wanderF * t) / FS + wanderPh) + rng.normal(0, 0.008)) * 1000;
    return x;
  };
  const I = record(AXIS_I);
  const II = record(AXIS_II);
  const derived = (f: (i: number, ii: number) => number): Float32Array => I.map((v, t) => f(v, II[t]!));
  const leads: EcgLead[] = [
    { name: 'I', samplesUv: I },
    { name: 'II', samplesUv: II },
    { name: 'III', samplesUv: derived((i, ii) => ii - i) },
    { name: 'aVR', samplesUv: derived((i, ii) => -(i + ii) / 2) },
    { name: 'aVL', samplesUv: derived((i, ii) => i - ii / 2) },
    { name: 'aVF', samplesUv: derived((i, ii) => ii - i / 2) },
    ...Object.entries(PRECORDIAL_AXES).map(([name, axis]) => ({ name, samplesUv: record(axis) })),
  ];

  const rr = times.slice(1).map((t, i) => t - times[i]!);
  const meanHr = Math.round(60 / (rr.reduce((s, x) => s + x, 0) / rr.length));
  const cv = coefficientOfVariation(rr);
  const qrsMs = Math.round(bbb ? 55 * byDifficulty(difficulty, 2.2, 1.7) + 30 : 90);
  const reasoning = {
    'normal sinus rhythm': `Regular rhythm at ${meanHr} bpm with a P wave before every QRS (PR ~160 ms), narrow QRS (~${qrsMs} ms), isoelectric ST segments and upright T waves in I, II and V3–V6: normal sinus rhythm.`,
    'sinus bradycardia': `Regular rhythm at ${meanHr} bpm (RR over 1000 ms) with a normal P wave before each QRS and narrow complexes: sinus bradycardia.`,
    'sinus tachycardia': `Regular rhythm at ${meanHr} bpm (RR under 600 ms) with a P wave before each QRS, narrow complexes, T and P waves closely spaced: sinus tachycardia.`,
    'atrial fibrillation': `Irregularly irregular RR intervals (coefficient of variation ${cv.toFixed(2)}) at a mean ${meanHr} bpm, no discernible P waves and a fibrillatory baseline best seen in V1 and II: atrial fibrillation.`,
    'ST elevation': `Sinus rhythm at ${meanHr} bpm. The ST segment is elevated by about ${Math.round(stMv * 10) / 10} mV from the J point in V1–V4 (anterior leads), merging into the T wave, with smaller elevation in I and aVL: ST elevation.`,
    'bundle branch block': `Sinus rhythm at ${meanHr} bpm. The QRS is wide (~${qrsMs} ms) with a late R' (rsR') in V1 and V2 and a broad slurred S wave in I and V6: a bundle branch block pattern (right bundle branch type).`,
  }[label];
  if (!reasoning) throw new Error(`unknown ECG label ${label}`);
  return {
    format: 'wfdb',
    domain: 'ecg',
    labels: [label],
    reasoning,
    difficulty,
    measurements: { heartRateBpm: meanHr, rrCv: cv, qrsMs },
    samplingRateHz: FS,
    leads,
    rPeaks: times.map((t) => Math.round(t * FS)),
  };
}
