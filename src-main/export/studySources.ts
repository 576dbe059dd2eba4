/**
 * The stored objects a report points at: box references resolved to instances/photos/volumes, and the
 * DICOM headers the exports need (patient/study modules for the SR, burned-in-text flags, and every
 * identifying value for cleaning free text). Headers are read from the object store with dcmjs up to
 * Pixel Data only; the files were accepted by the sandboxed import before, and a header that does not
 * read is treated as absent rather than failing the export.
 */
import { readFile } from 'node:fs/promises';
import dcmjs from 'dcmjs';
import type { StudyReport } from '../contract/reviewSchemas';
import type { ImageRecord, Instance, Series, VolumeRecord } from '../contract/schemas';
import { profileRowFor } from './basicProfileTable';
import { stringValues, type DicomDict } from './dicomDict';
import { parseRef } from './mapRef';
import type { TextScrubber } from './scrubText';

export interface StudySources {
  instances: Map<string, { instance: Instance; series: Series }>;
  images: Map<number, { image: ImageRecord; series: Series }>;
  volumes: Map<number, { volume: VolumeRecord; series: Series }>;
  /** Header (no pixel data) per SOP Instance UID, for the instances read. */
  headers: Map<string, DicomDict>;
  /** The header the SR copies patient and study attributes from (first image instance), if any. */
  studyHeader: DicomDict | undefined;
}

export async function collectStudySources(report: StudyReport): Promise<StudySources> {
  const sources: StudySources = { instances: new Map(), images: new Map(), volumes: new Map(), headers: new Map(), studyHeader: undefined };
  for (const series of report.detail.series) {
    for (const instance of series.instances) sources.instances.set(instance.sopInstanceUid, { instance, series });
    for (const image of series.images) sources.images.set(image.id, { image, series });
    for (const volume of series.volumes) sources.volumes.set(volume.id, { volume, series });
  }
  const wanted = new Set<string>();
  for (const ref of allRefs(report)) {
    const parsed = parseRef(ref);
    if (parsed?.kind === 'dicom' && sources.instances.has(parsed.id)) wanted.add(parsed.id);
  }
  const first = report.detail.series.flatMap((s) => s.instances).find((i) => i.objectType === 'image') ?? report.detail.series[0]?.instances[0];
  if (first) wanted.add(first.sopInstanceUid);
  for (const uid of wanted) {
    const header = await readHeader(sources.instances.get(uid)!.instance.path);
    if (header) sources.headers.set(uid, header);
  }
  if (first) sources.studyHeader = sources.headers.get(first.sopInstanceUid);
  return sources;
}

/** Every image reference of the report: boxes of findings (current and original), analyses, ground truth. */
export function allRefs(report: StudyReport): string[] {
  const { review } = report;
  return [
    ...review.findings.flatMap((f) => [...f.boxes, ...(f.original?.boxes ?? [])].map((b) => b.ref)),
    ...review.analyses.flatMap((a) => [...a.result.inputs.map((i) => i.ref), ...a.result.findings.flatMap((f) => f.boxes.map((b) => b.ref))]),
    ...(review.groundTruth?.boxes.map((b) => b.ref) ?? []),
  ];
}

async function readHeader(path: string): Promise<DicomDict | undefined> {
  try {
    const bytes = await readFile(path);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return dcmjs.data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false }).dict as DicomDict;
  } catch {
    return undefined;
  }
}

/**
 * Teaches the scrubber every value the profile would remove or blank from a header, at any depth, private
 * elements included: what the standard calls identifying must not come back through free text either.
 */
export function harvestIdentifiers(dict: DicomDict, scrubber: TextScrubber): void {
  for (const [tag, el] of Object.entries(dict)) {
    if (el.vr === 'SQ') {
      for (const item of el.Value ?? []) if (item && typeof item === 'object') harvestIdentifiers(item as DicomDict, scrubber);
      continue;
    }
    // UIDs are replaced, not cleaned; binary values are not text; CS values are defined terms
    // ("NORMAL", "AXIAL"), and cutting them out of free text would only garble it.
    if (el.vr === 'UI' || el.vr === 'OB' || el.vr === 'OW' || el.vr === 'UN' || el.vr === 'CS') continue;
    const row = profileRowFor(tag);
    const isPrivate = parseInt(tag.slice(0, 4), 16) % 2 === 1;
    if (isPrivate) {
      // Private values are unknown text: only whole values that look like identifiers (a digit, or long).
      for (const v of stringValues(el)) if (/\d/.test(v) || v.trim().length >= 6) scrubber.add(v);
      continue;
    }
    const identifying = el.vr === 'PN' || el.vr === 'DA' || el.vr === 'DT' || (row !== undefined && row.action !== 'K' && row.action !== 'U');
    if (!identifying) continue;
    for (const v of stringValues(el)) {
      if (el.vr === 'PN') scrubber.addName(v);
      else scrubber.add(v);
    }
  }
}

/** Why a key image may not go into a de-identified export (PS3.15 E.1.1 note 5 on burned-in text). */
export function burnedInReason(header: DicomDict | undefined, modality: string): string | undefined {
  const burned = header?.['00280301'] ? stringValues(header['00280301'])[0]?.trim().toUpperCase() : undefined;
  const sopClass = header?.['00080016'] ? stringValues(header['00080016'])[0] : undefined;
  if (burned === 'YES') return 'Burned In Annotation is YES';
  if (modality === 'US' || modality === 'XC') return `${modality} images often carry burned-in text`;
  if (sopClass?.startsWith('1.2.840.10008.5.1.4.1.1.7')) return 'secondary capture images often carry burned-in text';
  return undefined;
}
