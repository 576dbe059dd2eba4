/** NIfTI volumes (and label maps), stored as one object per file. */
import type Database from 'better-sqlite3';
import type { VolumeRecord } from '../contract/schemas';
import type { VolumeObject } from '../parsing/types';
import { parseJson, pixelColumns } from './sqlValues';

interface VolumeRow {
  id: number;
  series_ref: number;
  format: VolumeRecord['format'];
  dims: string;
  spacing: string;
  affine: string;
  datatype: string;
  is_label_map: 0 | 1;
  stored_path: string;
  sha256: string;
}

export function createVolumeRepository(db: Database.Database) {
  const insert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO volumes (file_ref, series_ref, format, dims, spacing, affine, datatype, is_label_map,
                          pixel_state, pixel_error, flags, warnings)
     VALUES (@file_ref, @series_ref, @format, @dims, @spacing, @affine, @datatype, @is_label_map,
             @pixel_state, @pixel_error, @flags, @warnings)`,
  );
  const listForStudy = db.prepare<[number], VolumeRow>(
    `SELECT v.id, v.series_ref, v.format, v.dims, v.spacing, v.affine, v.datatype, v.is_label_map,
            f.stored_path, f.sha256
       FROM volumes v JOIN series x ON x.id = v.series_ref JOIN files f ON f.id = v.file_ref
      WHERE x.study_ref = ?
      ORDER BY v.series_ref, v.id`,
  );

  return {
    add(o: VolumeObject, fileRef: number, seriesRef: number): void {
      insert.run({
        file_ref: fileRef,
        series_ref: seriesRef,
        format: o.format,
        dims: JSON.stringify(o.dims),
        spacing: JSON.stringify(o.spacing),
        affine: JSON.stringify(o.affine),
        datatype: o.datatype,
        // better-sqlite3 does not bind booleans.
        is_label_map: o.isLabelMap ? 1 : 0,
        ...pixelColumns(o.pixels),
        flags: JSON.stringify(o.flags),
        warnings: JSON.stringify(o.warnings),
      });
    },

    listForStudy(studyRef: number): { seriesRef: number; volume: VolumeRecord }[] {
      return listForStudy.all(studyRef).map((r) => ({
        seriesRef: r.series_ref,
        volume: {
          id: r.id,
          path: r.stored_path,
          sha256: r.sha256,
          format: r.format,
          dims: parseJson<number[]>(r.dims),
          spacing: parseJson<number[]>(r.spacing),
          affine: parseJson<number[]>(r.affine),
          datatype: r.datatype,
          isLabelMap: r.is_label_map === 1,
        },
      }));
    },
  };
}

export type VolumeRepository = ReturnType<typeof createVolumeRepository>;
