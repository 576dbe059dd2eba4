/** One study with its series and every stored object, in display order (the viewer's input). */
import type Database from 'better-sqlite3';
import type { Series, StudyDetail } from '../contract/schemas';
import type { ImageRepository } from './imageRepository';
import type { InstanceRepository } from './instanceRepository';
import type { StudyListQuery } from './studyListQuery';
import type { VolumeRepository } from './volumeRepository';
import type { WaveformRepository } from './waveformRepository';

interface SeriesRow {
  id: number;
  series_instance_uid: string;
  modality: string;
  domain: Series['domain'];
  series_number: number | null;
  description: string | null;
}

export interface StudyDetailSources {
  list: StudyListQuery;
  instances: InstanceRepository;
  waveforms: WaveformRepository;
  images: ImageRepository;
  volumes: VolumeRepository;
}

export function createStudyDetailQuery(db: Database.Database, src: StudyDetailSources) {
  const seriesOfStudy = db.prepare<[number], SeriesRow>(
    `SELECT id, series_instance_uid, modality, domain, series_number, description
       FROM series WHERE study_ref = ?
      ORDER BY series_number IS NULL, series_number, id`,
  );

  // One read transaction: the study cannot change between the queries that assemble it.
  const read = db.transaction((id: number): StudyDetail | undefined => {
    const study = src.list.summary(id);
    if (!study) return undefined;
    const byId = new Map<number, Series>();
    for (const r of seriesOfStudy.all(id)) {
      byId.set(r.id, {
        id: r.id,
        seriesInstanceUid: r.series_instance_uid,
        modality: r.modality,
        domain: r.domain,
        seriesNumber: r.series_number,
        description: r.description,
        instances: [],
        waveforms: [],
        images: [],
        volumes: [],
      });
    }
    // Each list query already returns rows in display order; pushing preserves it per series.
    for (const { seriesRef, instance } of src.instances.listForStudy(id)) byId.get(seriesRef)?.instances.push(instance);
    for (const { seriesRef, waveform } of src.waveforms.listForStudy(id)) byId.get(seriesRef)?.waveforms.push(waveform);
    for (const { seriesRef, image } of src.images.listForStudy(id)) byId.get(seriesRef)?.images.push(image);
    for (const { seriesRef, volume } of src.volumes.listForStudy(id)) byId.get(seriesRef)?.volumes.push(volume);
    return { study, series: [...byId.values()] };
  });

  return { get: (id: number): StudyDetail | undefined => read(id) };
}
