/**
 * Writes one in-memory study as the real files the importer reads, under
 * `studies/<domain>/<id>/`, and the ground-truth masks of DICOM studies under `masks/<domain>/<id>/`
 * (kept out of the study tree so importing `studies/` brings in no stray PNGs; a photo's mask must lie
 * beside the photo, where its sidecar's maskPath points). Returns paths relative to the lab root.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Box } from '../parsing/types';
import { deriveUid } from '../util/uid';
import type { DicomStudy, EcgStudy, LabFinding, LabStudy, PhotoStudy } from './labTypes';
import { unionMasks } from './raster/mask';
import { encodeDicomFrame, type DicomIdentity } from './writers/dicomImage';
import { encodeMaskPng, encodeRgbPng } from './writers/png';
import { encodeWfdb } from './writers/wfdb';

/** What was written for one image the model sees. */
export interface WrittenImage {
  image: string;
  /** Union box of the image's findings (inclusive pixel bounds), absent when it has none. */
  bbox?: Box;
  segmentationPath?: string;
  objects: { label: string; bbox_2d: Box }[];
}

export interface WrittenStudy {
  /** Every file of the study that the importer reads (slices, photo + sidecar + mask, .hea + .dat). */
  files: string[];
  /** The image shown to the model (key slice for volumes); absent for ECG. */
  key?: WrittenImage;
  /** Volumes: every slice that carries a finding. */
  lesionSlices?: WrittenImage[];
  timeSeries?: string;
}

export interface StudyContext {
  root: string;
  id: string;
  labSeed: number;
  /** Index of the study in the whole lab: spreads the study dates deterministically. */
  ordinal: number;
}

function rel(...parts: string[]): string {
  return parts.join('/');
}

async function put(root: string, relative: string, data: Uint8Array | string): Promise<void> {
  const target = path.join(root, ...relative.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, data);
}

function unionBox(findings: readonly LabFinding[]): Box | undefined {
  if (findings.length === 0) return undefined;
  return [
    Math.min(...findings.map((f) => f.box[0])),
    Math.min(...findings.map((f) => f.box[1])),
    Math.max(...findings.map((f) => f.box[2])),
    Math.max(...findings.map((f) => f.box[3])),
  ];
}

function studyDate(ordinal: number): string {
  // Fixed epoch plus one day per study: deterministic, never the wall clock.
  return new Date(Date.UTC(2024, 0, 1) + ordinal * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}

async function writeDicomStudy(study: DicomStudy, ctx: StudyContext): Promise<WrittenStudy> {
  const uid = (what: string): string => deriveUid(`qoq-phantom-lab:${ctx.labSeed}:${ctx.id}:${what}`);
  const identity: DicomIdentity = {
    patientId: `LAB-${ctx.id}`,
    patientName: `PHANTOM^${ctx.id.toUpperCase()}`,
    patientSex: (['M', 'F', 'O'] as const)[ctx.ordinal % 3]!,
    studyInstanceUid: uid('study'),
    seriesInstanceUid: uid('series'),
    frameOfReferenceUid: uid('frame-of-reference'),
    implementationUid: deriveUid('qoq-phantom-lab:implementation'),
    sopInstanceUid: (k) => uid(`instance:${k}`),
    studyDate: studyDate(ctx.ordinal),
    studyTime: '090000',
    accessionNumber: `PL${String(ctx.ordinal).padStart(8, '0')}`,
    studyId: ctx.id.slice(-16),
  };
  const dir = rel('studies', study.domain, ctx.id);
  const maskDir = rel('masks', study.domain, ctx.id);
  const volume = study.frames.length > 1;
  const files: string[] = [];
  const images: WrittenImage[] = [];
  for (let k = 0; k < study.frames.length; k++) {
    const frame = study.frames[k]!;
    const stem = volume ? `${ctx.id}_s${String(k + 1).padStart(3, '0')}` : ctx.id;
    const image = rel(dir, `${stem}.dcm`);
    await put(ctx.root, image, encodeDicomFrame(study, k, identity));
    files.push(image);
    const written: WrittenImage = { image, objects: frame.findings.map((f) => ({ label: f.label, bbox_2d: f.box })) };
    const bbox = unionBox(frame.findings);
    if (bbox) {
      written.bbox = bbox;
      written.segmentationPath = rel(maskDir, `${stem}_mask.png`);
      await put(ctx.root, written.segmentationPath, encodeMaskPng(unionMasks(frame.width, frame.height, frame.findings.map((f) => f.mask))));
    }
    images.push(written);
  }
  const out: WrittenStudy = { files, key: images[study.keyFrame]! };
  if (volume) out.lesionSlices = images.filter((im) => im.bbox);
  return out;
}

async function writePhotoStudy(study: PhotoStudy, ctx: StudyContext): Promise<WrittenStudy> {
  const dir = rel('studies', study.domain, ctx.id);
  const { frame } = study;
  const imageName = `${ctx.id}.png`;
  const image = rel(dir, imageName);
  await put(ctx.root, image, encodeRgbPng(frame.width, frame.height, frame.rgb));
  const files = [image];
  const written: WrittenImage = { image, objects: frame.findings.map((f) => ({ label: f.label, bbox_2d: f.box })) };
  const sidecar: Record<string, unknown> = {
    domain: study.domain,
    modality: study.modality,
    labels: study.labels,
    boxes: frame.findings.map((f) => ({ label: f.label, box: f.box })),
    patientId: `LAB-${ctx.id}`,
    studyDescription: `${study.domain} (phantom)`,
    boxConvention: 'inclusive pixel bounds [x_min, y_min, x_max, y_max]',
    source: 'QoQ phantom lab: synthetic image, not patient data',
  };
  const bbox = unionBox(frame.findings);
  if (bbox) {
    const maskName = `${ctx.id}_mask.png`;
    written.bbox = bbox;
    written.segmentationPath = rel(dir, maskName);
    sidecar['maskPath'] = maskName;
    await put(ctx.root, written.segmentationPath, encodeMaskPng(unionMasks(frame.width, frame.height, frame.findings.map((f) => f.mask))));
    files.push(written.segmentationPath);
  }
  const sidecarPath = rel(dir, `${imageName}.json`);
  await put(ctx.root, sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
  files.push(sidecarPath);
  return { files, key: written };
}

async function writeEcgStudy(study: EcgStudy, ctx: StudyContext): Promise<WrittenStudy> {
  const dir = rel('studies', study.domain, ctx.id);
  const { header, signals } = encodeWfdb(ctx.id, study.samplingRateHz, study.leads, [
    `phantom lab synthetic ECG, not patient data`,
    `labels: ${study.labels.join(', ')}`,
  ]);
  const hea = rel(dir, `${ctx.id}.hea`);
  const dat = rel(dir, `${ctx.id}.dat`);
  await put(ctx.root, hea, header);
  await put(ctx.root, dat, signals);
  return { files: [hea, dat], timeSeries: hea };
}

export function writeStudyFiles(study: LabStudy, ctx: StudyContext): Promise<WrittenStudy> {
  switch (study.format) {
    case 'dicom':
      return writeDicomStudy(study, ctx);
    case 'photo':
      return writePhotoStudy(study, ctx);
    case 'wfdb':
      return writeEcgStudy(study, ctx);
  }
}
