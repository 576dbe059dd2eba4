/**
 * `qoq export-job`: records in the reference trainer's format (notes §9) whose files that trainer (PIL,
 * numpy/torch) can read — DICOM → 8-bit PNG in the reference window, ECG → float32 (8, 2500) `.npy`,
 * masks → PNG — plus a DRPO job config (§5). Expected pixel values are computed here from the DICOM
 * bytes read with the bare dicom-parser library and the PS3.3 linear VOI formula, not with the
 * project's decoding; `.npy` files are parsed with a test-side reader.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseDicom } from 'dicom-parser';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab, type LabRecord } from '../../src-main/lab/index';
import { ecgInput } from '../../src-main/ml/preprocess/ecgInput';
import { readEcgFile } from '../../src-main/parsing/ecg/readEcgFile';
import { exportJob, expandImagePlaceholders, type ReferenceRecord } from '../../src-main/training/exportJob';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { readNpy } from './npyReader';
import { qoq } from './qoqCli';

const tmp = makeTempDir('export-job');
afterAll(() => tmp.cleanup());
const lab = path.join(tmp.dir, 'lab');
let labRecords: LabRecord[] = [];

beforeAll(async () => {
  const counts = { cxr: 1, ct: 1, mri: 1, skin: 1, fundus: 1, pathology: 1, ultrasound: 1, ecg: 1, mammography: 1 };
  labRecords = (await generateLab({ seed: 11, outDir: lab, split: 'train', counts })).records;
});

const readJsonLines = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const REFERENCE_FIELDS = new Set(['problem', 'answer', 'images', 'videos', 'time-series', 'dataset', 'bbox', 'segmentation_path']);
const placeholders = (problem: string): number => problem.split('<image>').length - 1;

/** Stored values, rescale and window of a native (uncompressed) little-endian grey DICOM, read bare. */
function bareDicom(file: string): { rows: number; columns: number; modality: string; values: (i: number) => number; slope: number; intercept: number; center?: number; width?: number } {
  const bytes = new Uint8Array(readFileSync(file));
  const ds = parseDicom(bytes);
  const bits = ds.uint16('x00280100');
  const signed = ds.uint16('x00280103') === 1;
  const el = ds.elements['x7fe00010']!;
  const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset);
  const first = (tag: string): number | undefined => (ds.string(tag) === undefined ? undefined : Number(ds.string(tag)!.split('\\')[0]));
  const center = first('x00281050');
  const width = first('x00281051');
  return {
    rows: ds.uint16('x00280010')!,
    columns: ds.uint16('x00280011')!,
    modality: ds.string('x00080060')!,
    values: (i) => (bits === 8 ? (signed ? view.getInt8(i) : view.getUint8(i)) : signed ? view.getInt16(2 * i, true) : view.getUint16(2 * i, true)),
    slope: first('x00281053') ?? 1,
    intercept: first('x00281052') ?? 0,
    ...(center !== undefined ? { center } : {}),
    ...(width !== undefined ? { width } : {}),
  };
}

/** DICOM PS3.3 C.11.2.1.2.1, written out for the test: the byte a viewer shows for modality value x. */
function linearVoi(x: number, c: number, w: number): number {
  if (x <= c - 0.5 - (w - 1) / 2) return 0;
  if (x > c - 0.5 + (w - 1) / 2) return 255;
  return Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
}

function decodePng(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

/** The PNG's grey at pixel i equals the window of the original pixel, for a spread of pixels incl. extremes. */
function expectWindowed(pngFile: string, dicomFile: string, window?: { center: number; width: number }): void {
  const d = bareDicom(dicomFile);
  const png = decodePng(pngFile);
  expect([png.width, png.height]).toEqual([d.columns, d.rows]);
  const c = window?.center ?? d.center!;
  const w = window?.width ?? d.width!;
  const n = d.rows * d.columns;
  const modality = (i: number): number => d.values(i) * d.slope + d.intercept;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (modality(i) < modality(lo)) lo = i;
    if (modality(i) > modality(hi)) hi = i;
  }
  const probes = [0, Math.floor(n / 3), Math.floor(n / 2) + Math.floor(d.columns / 2), n - 1, lo, hi];
  // A pixel inside the window's ramp (not clamped), so the slope of the mapping is checked too.
  const ramp = Array.from({ length: n }, (_, i) => i).find((i) => Math.abs(modality(i) - c) < w / 4);
  if (ramp !== undefined) probes.push(ramp);
  for (const i of probes) {
    const expected = linearVoi(modality(i), c, w);
    expect(png.data[4 * i], `pixel ${i} (value ${modality(i)})`).toBe(expected);
    expect(png.data[4 * i + 1]).toBe(expected);
  }
  expect(ramp, 'a pixel inside the window').toBeDefined();
}

describe('qoq export-job on a phantom lab', () => {
  const out = path.join(tmp.dir, 'job');
  let records: ReferenceRecord[] = [];

  it('writes §9 records whose files the reference trainer reads, and a DRPO job config', () => {
    const r = qoq(['export-job', '--lab', lab, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Exported ${labRecords.length} records`);
    expect(r.stdout).toMatch(/Converted: 5 PNG images, 1 ECG tensors/); // cxr, mg, us, ct, mri are DICOM

    records = readJsonLines<ReferenceRecord>(path.join(out, 'train.jsonl'));
    expect(records).toHaveLength(labRecords.length);
    records.forEach((rec, i) => {
      const source = labRecords[i]!;
      for (const key of Object.keys(rec)) expect(REFERENCE_FIELDS.has(key), key).toBe(true);
      expect(rec.dataset).toBe(source.dataset);
      expect(rec.answer).toBe(source.answer);
      expect(placeholders(rec.problem)).toBe(rec.images.length);
      expect(rec.bbox).toEqual(source.bbox); // original pixels: the PNGs keep the DICOM grid
      for (const p of [...rec.images, ...rec['time-series'], ...(rec.segmentation_path ? [rec.segmentation_path] : [])]) {
        expect(path.isAbsolute(p)).toBe(false);
        expect(p).toMatch(/^(images|time-series|masks)\//);
        expect(existsSync(path.join(out, p)), p).toBe(true);
      }
      if (source.dataset === 'ecg') {
        // ECG-only samples carry the reference data's blank 224×224 image (notes §6).
        expect(rec.images).toEqual(['images/blank-224x224.png']);
        expect(rec.problem).toBe(`<image>\n${source.problem}`);
        return;
      }
      expect(rec.problem).toBe(source.problem); // one source image → one PNG: the text is unchanged
      expect(rec.images).toHaveLength(source.images.length);
      source.images.forEach((original, k) => {
        const exported = rec.images[k]!;
        if (original.endsWith('.dcm')) {
          expect(exported).toBe(`images/${original}.png`);
        } else {
          // Photos are kept byte for byte.
          expect(exported).toBe(`images/${original}`);
          expect(readFileSync(path.join(out, exported)).equals(readFileSync(path.join(lab, original)))).toBe(true);
        }
      });
      if (source.segmentation_path) {
        expect(rec.segmentation_path).toBe(`masks/${source.segmentation_path}`);
        expect(readFileSync(path.join(out, rec.segmentation_path!)).equals(readFileSync(path.join(lab, source.segmentation_path)))).toBe(true);
      }
    });
    expect(records.some((rec) => rec.segmentation_path !== undefined)).toBe(true);

    const yaml = readFileSync(path.join(out, 'job.yaml'), 'utf8');
    for (const line of ['train_files: train.jsonl', 'prompt_key: problem', 'image_key: images', 'adv_estimator: drpo', 'kl_penalty: low_var_kl', 'kl_coef: 1.0e-4', 'lr: 1.0e-6', 'n: 5']) {
      expect(yaml).toMatch(new RegExp(`^\\s*${line.replace(/[.+]/g, '\\$&')}(\\s|$)`, 'm'));
    }
  });

  it('DICOM images become PNGs windowed like the reference: CT at W700/L80, others in the file window', () => {
    for (const domain of ['ct', 'cxr', 'mammography', 'ultrasound', 'mri']) {
      const i = labRecords.findIndex((r) => r.dataset === domain);
      const source = path.join(lab, labRecords[i]!.images[0]!);
      const modality = bareDicom(source).modality;
      expect(modality === 'CT').toBe(domain === 'ct');
      expectWindowed(path.join(out, records[i]!.images[0]!), source, modality === 'CT' ? { center: 80, width: 700 } : undefined);
    }
  });

  it('the ECG becomes a float32 (8, 2500) .npy equal to the inference preprocessing', async () => {
    const i = labRecords.findIndex((r) => r.dataset === 'ecg');
    const rec = records[i]!;
    const blank = decodePng(path.join(out, rec.images[0]!));
    expect([blank.width, blank.height]).toEqual([224, 224]);
    expect(blank.data.every((v, k) => v === (k % 4 === 3 ? 255 : 0))).toBe(true);
    expect(placeholders(rec.problem)).toBe(1);
    const hea = labRecords[i]!['time-series'][0]!;
    expect(rec['time-series']).toEqual([`time-series/${hea}.npy`]);
    const npy = readNpy(new Uint8Array(readFileSync(path.join(out, rec['time-series'][0]!))));
    expect(npy).toMatchObject({ major: 1, minor: 0, descr: '<f4', fortranOrder: false, shape: [8, 2500] });
    const expected = ecgInput(await readEcgFile(path.join(lab, hea), 'wfdb'));
    expect(npy.data).toEqual(expected.data);
    expectZScored(npy.data);
  });

  it('reads a reference-format JSON-lines file with --data the same way; usage and input errors', async () => {
    const again = path.join(tmp.dir, 'from-data');
    const summary = await exportJob({ data: path.join(lab, 'lab-manifest.jsonl'), out: again });
    expect(summary.records).toBe(labRecords.length);
    expect(readFileSync(summary.trainFile, 'utf8')).toBe(readFileSync(path.join(out, 'train.jsonl'), 'utf8'));
    await expect(exportJob({ lab: path.join(tmp.dir, 'nowhere'), out: path.join(tmp.dir, 'x') })).rejects.toThrow(/cannot read/);
    expect(qoq(['export-job', '--lab', lab, '--data', 'x.jsonl', '--out', again]).status).toBe(2);
    expect(qoq(['export-job', '--lab', lab, '--slices', 'none', '--out', again]).status).toBe(2);
  });
});

/** Each row with real samples has mean 0 and standard deviation 1 (population), as z-scoring gives. */
function expectZScored(data: Float32Array, rows = 8, cols = 2500): void {
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    if (row.every((v) => v === 0)) continue;
    const mean = row.reduce((a, b) => a + b, 0) / cols;
    const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / cols);
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect(sd).toBeCloseTo(1, 3);
  }
}

describe('qoq export-job on real files (../shared/data)', () => {
  const src = path.join(tmp.dir, 'real');
  const out = path.join(tmp.dir, 'real-job');
  const seriesDir = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');

  beforeAll(() => {
    mkdirSync(src, { recursive: true });
    // Links keep the shared corpus where it is while the records' paths stay inside the data folder.
    symlinkSync(seriesDir, path.join(src, 'ct-series'));
    symlinkSync(sharedData('ecg', 'dicom', 'Example_12lead.dcm'), path.join(src, 'ecg12.dcm'));
    symlinkSync(sharedData('ecg', 'wfdb', '100.hea'), path.join(src, '100.hea'));
    symlinkSync(sharedData('ecg', 'wfdb', '100.dat'), path.join(src, '100.dat'));
    symlinkSync(sharedData('seg', 'seg_image_ct_binary.dcm'), path.join(src, 'seg.dcm'));
    symlinkSync(sharedData('nifti', 'anatomical.nii'), path.join(src, 'anatomical.nii'));
    symlinkSync(sharedData('nifti', 'anatomical_label.nii.gz'), path.join(src, 'anatomical_label.nii.gz'));
    const rows = [
      { problem: 'Head CT.\n<image>\nWhat do you see?', answer: ['normal'], images: ['ct-series'], dataset: 'ct', segmentation_path: 'seg.dcm', bbox: [1, 2, 3, 4] },
      { problem: 'Rhythm?', answer: 'sinus rhythm', 'time-series': ['ecg12.dcm'], dataset: 'ecg' },
      { problem: 'Rhythm?', answer: 'sinus rhythm', 'time-series': ['100.hea'], dataset: 'ecg', split: 'test' },
      { prompt: 'Brain MRI: findings?', answer: 'normal', images: ['anatomical.nii'], domain: 'mri', segmentation_path: 'anatomical_label.nii.gz' },
    ];
    writeFileSync(path.join(src, 'data.jsonl'), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  it('a CT series folder becomes its first and last slices (by position), W700/L80, one <image> each', async () => {
    const summary = await exportJob({ data: path.join(src, 'data.jsonl'), out });
    const [ct, ecg12, mri] = readJsonLines<ReferenceRecord>(summary.trainFile);
    expect(ct!.images).toEqual(['images/ct-series.s0000.png', 'images/ct-series.s0027.png']);
    expect(ct!.problem).toBe('Head CT.\n<image><image>\nWhat do you see?');
    expect(ct!.bbox).toEqual([1, 2, 3, 4]);

    // The series' slices ordered along the normal of their orientation, independently of the export.
    const files = (await import('node:fs')).readdirSync(seriesDir).map((f) => path.join(seriesDir, f));
    const position = (f: string): number => {
      const ds = parseDicom(new Uint8Array(readFileSync(f)));
      const p = ds.string('x00200032')!.split('\\').map(Number);
      const o = ds.string('x00200037')!.split('\\').map(Number);
      const normal = [o[1]! * o[5]! - o[2]! * o[4]!, o[2]! * o[3]! - o[0]! * o[5]!, o[0]! * o[4]! - o[1]! * o[3]!];
      return p[0]! * normal[0]! + p[1]! * normal[1]! + p[2]! * normal[2]!;
    };
    const ordered = [...files].sort((a, b) => position(a) - position(b));
    expect(ordered).toHaveLength(28);
    expectWindowed(path.join(out, ct!.images[0]!), ordered[0]!, { center: 80, width: 700 });
    expectWindowed(path.join(out, ct!.images[1]!), ordered[27]!, { center: 80, width: 700 });

    // DICOM SEG → one {0, 255} PNG, the union of its frames.
    expect(ct!.segmentation_path).toBe('masks/seg.dcm.png');
    const mask = decodePng(path.join(out, ct!.segmentation_path!));
    const seg = parseDicom(new Uint8Array(readFileSync(path.join(src, 'seg.dcm'))));
    expect([mask.width, mask.height]).toEqual([seg.uint16('x00280011'), seg.uint16('x00280010')]);
    const frames = Number(seg.string('x00280008'));
    const bitsPerFrame = mask.width * mask.height;
    const segEl = seg.elements['x7fe00010']!;
    const segBytes = seg.byteArray.subarray(segEl.dataOffset, segEl.dataOffset + segEl.length);
    const bit = (k: number): number => (segBytes[k >> 3]! >> (k & 7)) & 1; // PS3.5 8.1.1: bits packed LSB first
    let inside = 0;
    for (let i = 0; i < bitsPerFrame; i++) {
      let any = 0;
      for (let f = 0; f < frames; f++) any |= bit(f * bitsPerFrame + i);
      expect(mask.data[4 * i], `mask pixel ${i}`).toBe(any ? 255 : 0);
      inside += any;
    }
    expect(inside).toBeGreaterThan(0);

    // The 12-lead DICOM ECG → (8, 2500), equal to the inference preprocessing.
    expect(ecg12!['time-series']).toEqual(['time-series/ecg12.dcm.npy']);
    const npy = readNpy(new Uint8Array(readFileSync(path.join(out, ecg12!['time-series'][0]!))));
    expect(npy.shape).toEqual([8, 2500]);
    expect(npy.data).toEqual(ecgInput(await readEcgFile(path.join(src, 'ecg12.dcm'), 'dicom')).data);
    expectZScored(npy.data);

    // NIfTI volume → first and last axial slices; the `prompt`/`domain` spelling maps to problem/dataset.
    expect(mri!.images).toHaveLength(2);
    expect(mri!.images[0]).toMatch(/^images\/anatomical\.nii\.s0000\.png$/);
    expect(placeholders(mri!.problem)).toBe(2);
    expect(mri!.dataset).toBe('mri');

    // NIfTI label map → one {0, 255} PNG: the footprint over all slices, rows flipped like the image slices.
    expect(mri!.segmentation_path).toBe('masks/anatomical_label.nii.gz.png');
    const label = gunzipSync(readFileSync(path.join(src, 'anatomical_label.nii.gz')));
    const [nx, ny, nz] = [label.readInt16LE(42), label.readInt16LE(44), label.readInt16LE(46)];
    expect([nx, ny, nz, label.readInt16LE(70)]).toEqual([33, 41, 25, 512]); // uint16 labels
    const voxels = label.readFloatLE(108);
    const labelMask = decodePng(path.join(out, mri!.segmentation_path!));
    expect([labelMask.width, labelMask.height]).toEqual([nx, ny]);
    let labelled = 0;
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        let any = false;
        for (let z = 0; z < nz; z++) any ||= label.readUInt16LE(voxels + 2 * (z * nx * ny + y * nx + x)) !== 0;
        expect(labelMask.data[4 * ((ny - 1 - y) * nx + x)]).toBe(any ? 255 : 0);
        labelled += any ? 1 : 0;
      }
    }
    expect(labelled).toBeGreaterThan(0);
  });

  it('MIT-BIH 100 (MLII, V5 at 360 Hz): II from MLII, V5 kept, absent leads zero rows, a warning', async () => {
    const [val] = readJsonLines<ReferenceRecord>(path.join(out, 'val.jsonl'));
    const npy = readNpy(new Uint8Array(readFileSync(path.join(out, val!['time-series'][0]!))));
    expect(npy.shape).toEqual([8, 2500]);
    const row = (k: number): Float32Array => npy.data.subarray(k * 2500, (k + 1) * 2500);
    // Leads I, II, V1..V6 → rows 0..7: only II (from MLII) and V5 have data.
    expect([0, 2, 3, 4, 5, 7].every((k) => row(k).every((v) => v === 0))).toBe(true);
    expect(row(1).some((v) => v !== 0) && row(6).some((v) => v !== 0)).toBe(true);
    expect(npy.data).toEqual(ecgInput(await readEcgFile(path.join(src, '100.hea'), 'wfdb')).data);
    const r = qoq(['export-job', '--data', path.join(src, 'data.jsonl'), '--out', path.join(tmp.dir, 'real-cli'), '--slices', '3']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: .*100\.hea lacks lead\(s\) I, V1, V2, V3, V4, V6/);
    const [ct] = readJsonLines<ReferenceRecord>(path.join(tmp.dir, 'real-cli', 'train.jsonl'));
    expect(ct!.images).toEqual(['images/ct-series.s0000.png', 'images/ct-series.s0014.png', 'images/ct-series.s0027.png']);
  });

  it('a record naming a file outside the data folder or a non-image is refused with its line', async () => {
    writeFileSync(path.join(src, 'bad.jsonl'), `${JSON.stringify({ problem: 'Q', answer: 'a', images: ['data.jsonl'], dataset: 'x' })}\n`);
    await expect(exportJob({ data: path.join(src, 'bad.jsonl'), out: path.join(tmp.dir, 'bad-out') })).rejects.toThrow(/bad\.jsonl:1: data\.jsonl: not an image/);
    writeFileSync(path.join(src, 'outside.jsonl'), `${JSON.stringify({ problem: 'Q', answer: 'a', images: ['../lab/x.png'], dataset: 'x' })}\n`);
    await expect(exportJob({ data: path.join(src, 'outside.jsonl'), out: path.join(tmp.dir, 'bad-out2') })).rejects.toThrow(/lies outside/);
    // More images than the job's limit_images (4) is exported, with a warning naming the record.
    writeFileSync(path.join(src, 'many.jsonl'), `${JSON.stringify({ problem: 'Q', answer: 'a', images: ['ct-series'], dataset: 'ct' })}\n`);
    const many = await exportJob({ data: path.join(src, 'many.jsonl'), out: path.join(tmp.dir, 'many-out'), slices: { strategy: 'evenly-spaced', count: 6 } });
    expect(many.converted.images).toBe(6);
    expect(many.warnings).toEqual([expect.stringMatching(/many\.jsonl:1: 6 images, more than the job's limit_images 4/)]);
  });
});

describe('expandImagePlaceholders', () => {
  it('repeats each source image placeholder in place for its slices; falls back to all in front', () => {
    expect(expandImagePlaceholders('A <image> B <image> C', [2, 1])).toBe('A <image><image> B <image> C');
    expect(expandImagePlaceholders('Q?', [2])).toBe('<image><image>\nQ?');
    expect(expandImagePlaceholders('<image>\nQ?', [])).toBe('Q?');
  });
});
