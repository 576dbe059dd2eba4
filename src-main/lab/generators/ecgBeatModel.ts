/**
 * A dipole beat model. Each wave (P, septal q/r, main R, terminal S, T, and for pathologies an ST
 * plateau or a delayed right-ventricular R') is a Gaussian in time carrying a 3-D heart vector
 * (x = patient left, y = inferior, z = anterior, in mV). A lead records the vector's projection on its
 * axis, so every lead gets its own amplitudes (R-wave progression V1→V6, inverted aVR) and the limb
 * leads obey Einthoven (III = II − I) and Goldberger by construction.
 */

export type Vec3 = [number, number, number];

export interface Wave {
  /** Offset from the R peak, seconds. */
  at: number;
  /** Gaussian width (sigma), seconds. */
  sigma: number;
  vector: Vec3;
}

/** Frontal-plane axes of I and II (hexaxial 0° and 60°); the other limb leads are derived from these. */
export const AXIS_I: Vec3 = [1, 0, 0];
export const AXIS_II: Vec3 = [0.5, 0.866, 0];

/** Precordial axes in the horizontal plane (angle from patient left toward anterior): V1 ≈ 115° … V6 ≈ 0°. */
export const PRECORDIAL_AXES: Record<string, Vec3> = Object.fromEntries(
  [
    ['V1', 115],
    ['V2', 94],
    ['V3', 72],
    ['V4', 50],
    ['V5', 25],
    ['V6', 0],
  ].map(([name, deg]) => {
    const a = ((deg as number) * Math.PI) / 180;
    return [name as string, [Math.cos(a), 0.15, Math.sin(a)] as Vec3];
  }),
);

function scale(v: Vec3, k: number): Vec3 {
  return [v[0] * k, v[1] * k, v[2] * k];
}

export interface BeatOptions {
  pWave: boolean;
  /** Multiplies QRS widths: > 1.6 gives a QRS over 120 ms. */
  qrsWidening: number;
  /** ST plateau vector (mV), null for an isoelectric ST segment. */
  stVector: Vec3 | null;
  /** Delayed right-ventricular activation (RBBB-like R' in V1, broad S in I and V6). */
  lateRightVentricle: boolean;
  /** QT scales with the RR interval (Bazett): longer at slow rates. */
  rrSeconds: number;
  /** Per-recording amplitude of the main QRS vector (body habitus, electrode contact). */
  amplitude: number;
}

export function beatWaves(o: BeatOptions): Wave[] {
  const w = o.qrsWidening;
  const qt = 0.4 * Math.sqrt(Math.min(1.6, Math.max(0.35, o.rrSeconds)));
  const waves: Wave[] = [
    { at: -0.022 * w, sigma: 0.008 * w, vector: [-0.12, 0.05, 0.28] }, // septal: r in V1, q in I/V6
    { at: 0, sigma: 0.011 * w, vector: scale([0.7, 1.05, -0.55], o.amplitude) }, // main left-ventricular R
    { at: 0.026 * w, sigma: 0.01 * w, vector: [-0.25, -0.35, -0.45] }, // terminal basal forces: S waves
    { at: qt - 0.09, sigma: 0.045, vector: [0.22, 0.28, 0.1] }, // T: concordant with the QRS axis
  ];
  if (o.pWave) waves.push({ at: -0.16, sigma: 0.022, vector: [0.06, 0.13, 0.03] });
  if (o.lateRightVentricle) waves.push({ at: 0.07, sigma: 0.02, vector: [-0.35, 0.05, 0.55] });
  // ST elevation: a broad hump from the J point into the T wave (injury current toward the infarct).
  if (o.stVector) waves.push({ at: 0.12, sigma: 0.06, vector: o.stVector });
  return waves;
}

/**
 * Renders the heart vector over time: `beats` are R-peak sample indices, each with its waves.
 * Returns three Float32Arrays (x, y, z) in mV.
 */
export function renderDipole(n: number, fs: number, beats: { r: number; waves: Wave[] }[]): [Float32Array, Float32Array, Float32Array] {
  const out: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (const beat of beats) {
    for (const wave of beat.waves) {
      const centre = beat.r + wave.at * fs;
      const span = Math.ceil(4 * wave.sigma * fs);
      for (let t = Math.max(0, Math.floor(centre - span)); t <= Math.min(n - 1, Math.ceil(centre + span)); t++) {
        const g = Math.exp(-0.5 * ((t - centre) / (wave.sigma * fs)) ** 2);
        out[0][t] = out[0][t]! + g * wave.vector[0];
        out[1][t] = out[1][t]! + g * wave.vector[1];
        out[2][t] = out[2][t]! + g * wave.vector[2];
      }
    }
  }
  return out;
}

export function project(d: [Float32Array, Float32Array, Float32Array], axis: Vec3): Float32Array {
  const out = new Float32Array(d[0].length);
  for (let t = 0; t < out.length; t++) out[t] = d[0][t]! * axis[0] + d[1][t]! * axis[1] + d[2][t]! * axis[2];
  return out;
}
