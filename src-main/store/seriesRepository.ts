/** Series, keyed by Series Instance UID. Non-DICOM objects get derived UIDs from the parsers. */
import type Database from 'better-sqlite3';
import type { Domain, SeriesInfo } from '../parsing/types';
import type { UpsertOutcome } from './patientRepository';

/** The series' study may differ from the one asked for when the series was already filed elsewhere. */
export interface SeriesUpsertOutcome extends UpsertOutcome {
  studyRef: number;
}
import { hasFillableFields, numberOrNull, textOrNull } from './sqlValues';

interface SeriesFields {
  series_number: number | null;
  description: string | null;
  body_part: string | null;
}

interface SeriesRow extends SeriesFields {
  id: number;
  study_ref: number;
  study_instance_uid: string;
}

export function createSeriesRepository(db: Database.Database) {
  const find = db.prepare<[string], SeriesRow>(
    `SELECT x.id, x.study_ref, s.study_instance_uid, x.series_number, x.description, x.body_part
       FROM series x JOIN studies s ON s.id = x.study_ref
      WHERE x.series_instance_uid = ?`,
  );
  const insert = db.prepare<[SeriesFields & { uid: string; study_ref: number; modality: string; domain: Domain }]>(
    `INSERT INTO series (series_instance_uid, study_ref, modality, domain, series_number, description, body_part)
     VALUES (@uid, @study_ref, @modality, @domain, @series_number, @description, @body_part)`,
  );
  const fill = db.prepare<[SeriesFields & { id: number }]>(
    `UPDATE series
        SET series_number = COALESCE(series_number, @series_number),
            description = COALESCE(description, @description),
            body_part = COALESCE(body_part, @body_part)
      WHERE id = @id`,
  );

  return {
    /** Modality and domain are fixed by the series' first object; a series stays in its first study. */
    upsert(series: SeriesInfo, studyRef: number, studyUid: string, domain: Domain): SeriesUpsertOutcome {
      const incoming: SeriesFields = {
        series_number: numberOrNull(series.seriesNumber),
        description: textOrNull(series.description),
        body_part: textOrNull(series.bodyPart),
      };
      const stored = find.get(series.seriesInstanceUid);
      if (!stored) {
        const run = insert.run({
          uid: series.seriesInstanceUid,
          study_ref: studyRef,
          modality: normaliseModality(series.modality),
          domain,
          ...incoming,
        });
        return { id: Number(run.lastInsertRowid), studyRef };
      }
      if (hasFillableFields(stored, incoming)) fill.run({ id: stored.id, ...incoming });
      if (stored.study_ref !== studyRef) {
        return {
          id: stored.id,
          studyRef: stored.study_ref,
          conflict:
            `series ${series.seriesInstanceUid} is stored in study ${stored.study_instance_uid} but this file ` +
            `says ${studyUid}; filed it in the stored study`,
        };
      }
      return { id: stored.id, studyRef };
    },
  };
}

/** Modality codes are upper case in DICOM; normalising at write time keeps the filter an index lookup. */
export function normaliseModality(modality: string): string {
  return modality.trim().toUpperCase() || 'OT';
}

export type SeriesRepository = ReturnType<typeof createSeriesRepository>;
