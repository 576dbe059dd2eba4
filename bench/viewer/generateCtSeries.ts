// Writes a large synthetic CT series (default 512 × 512 × 300, 16-bit, uncompressed) as one DICOM file per
// slice, through the phantom lab's own Part-10 writer, so the viewer benchmark has a realistic-size
// volume without committing 150 MB of data. Content: a body ellipse with fat, muscle, two lungs, a
// spine and bounded noise; what matters for the benchmark is the size and the geometry, not anatomy.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DicomStudy, GreyFrame } from '../../src-main/lab/labTypes';
import { encodeDicomFrame, type DicomIdentity } from '../../src-main/lab/writers/dicomImage';
import { deriveUid } from '../../src-main/util/uid';

export interface GeneratedSeries {
  dir: string;
  rows: number;
  columns: number;
  slices: number;
  /** The patient name written (the study list shows it). */
  patientName: string;
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
/** Stored value = HU + 1024 (RescaleIntercept −1024), as most scanners write it. */
const OFFSET = 1024;

/** Fills `values` with slice z of the phantom (stored values). Deterministic: noise from a hash. */
function fillSlice(values: Uint16Array, n: number, z: number, slices: number): void {
  const c = n / 2;
  // The body narrows a little towards both ends so sagittal/coronal planes are not a plain box.
  const taper = 1 - 0.25 * Math.abs(z / (slices - 1) - 0.5);
  const rx = 0.42 * n * taper;
  const ry = 0.32 * n * taper;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const dx = (x - c) / rx;
      const dy = (y - c) / ry;
      const r = dx * dx + dy * dy;
      let hu = -1000;
      if (r <= 1) {
        hu = r > 0.8 ? -100 : 40; // fat rim, muscle/organs inside
        const lx = (Math.abs(x - c) - 0.2 * n * taper) / (0.12 * n * taper);
        const ly = (y - c + 0.04 * n) / (0.18 * n * taper);
        if (lx * lx + ly * ly <= 1) hu = -850; // lungs
        const sx = (x - c) / (0.04 * n);
        const sy = (y - c - 0.2 * n * taper) / (0.04 * n);
        if (sx * sx + sy * sy <= 1) hu = 700; // vertebral body
      }
      // ±12 HU of hash noise keeps values realistic without a PRNG state to thread through.
      const h = Math.imul(x * 73856093 ^ y * 19349663 ^ z * 83492791, 0x9e3779b1) >>> 0;
      values[y * n + x] = Math.max(0, Math.min(4095, Math.round(hu + OFFSET + ((h % 25) - 12))));
    }
  }
}

/** Writes the series into `dir` (created) and returns its description. */
export function generateCtSeries(dir: string, opts: { size?: number; slices?: number } = {}): GeneratedSeries {
  const n = opts.size ?? 512;
  const slices = opts.slices ?? 300;
  mkdirSync(dir, { recursive: true });
  const patientName = `BENCH^CT${n}x${slices}`;
  const uid = (what: string) => deriveUid(`qoq-viewer-bench:ct:${n}:${slices}:${what}`);
  const identity: DicomIdentity = {
    patientId: `BENCH-CT${n}`,
    patientName,
    patientSex: 'O',
    studyInstanceUid: uid('study'),
    seriesInstanceUid: uid('series'),
    frameOfReferenceUid: uid('frame-of-reference'),
    implementationUid: deriveUid('qoq-viewer-bench:implementation'),
    sopInstanceUid: (k) => uid(`instance:${k}`),
    studyDate: '20261125',
    studyTime: '120000',
    accessionNumber: 'BENCH512',
    studyId: '1',
  };
  // One frame buffer, refilled per slice: encodeDicomFrame reads frames[k] synchronously, so the whole
  // 150 MB volume never has to be held in memory at once.
  const frame: GreyFrame = { width: n, height: n, values: new Uint16Array(n * n), findings: [] };
  const study: DicomStudy = {
    format: 'dicom',
    domain: 'ct',
    labels: ['normal'],
    reasoning: '',
    difficulty: 0,
    measurements: {},
    keyFrame: 0,
    frames: Array.from({ length: slices }, () => frame),
    series: {
      modality: 'CT',
      sopClassUid: CT_IMAGE_STORAGE,
      bodyPart: 'CHEST',
      studyDescription: `Viewer benchmark CT ${n}x${n}x${slices}`,
      seriesDescription: 'synthetic 1 mm axial',
      bitsAllocated: 16,
      bitsStored: 12,
      pixelSpacing: [0.7, 0.7],
      spacingAttribute: 'PixelSpacing',
      rescale: { slope: 1, intercept: -OFFSET, type: 'HU' },
      window: { center: [40], width: [400] },
      volume: { thickness: 1, spacing: 1, origin: [-0.35 * n, -0.35 * n, 0] },
      extra: [],
    },
  };
  for (let k = 0; k < slices; k++) {
    fillSlice(frame.values, n, k, slices);
    writeFileSync(path.join(dir, `slice${String(k + 1).padStart(4, '0')}.dcm`), encodeDicomFrame(study, k, identity));
  }
  return { dir, rows: n, columns: n, slices, patientName };
}
