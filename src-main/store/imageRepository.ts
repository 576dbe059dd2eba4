/** Non-DICOM photographs (dermoscopy, fundus, pathology tiles …) with their optional JSON sidecar. */
import type Database from 'better-sqlite3';
import type { ImageRecord } from '../contract/schemas';
import type { PhotoObject } from '../parsing/types';
import { jsonOrNull, parseJsonOrNull, pixelColumns, type PixelColumns } from './sqlValues';

interface ImageRow extends PixelColumns {
  id: number;
  series_ref: number;
  format: ImageRecord['format'];
  width: number;
  height: number;
  channels: number;
  domain: ImageRecord['domain'];
  sidecar: string | null;
  stored_path: string;
  sha256: string;
}

export function createImageRepository(db: Database.Database) {
  const insert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO images (file_ref, series_ref, format, width, height, channels, bit_depth, domain, sidecar,
                         pixel_state, pixel_error, flags, warnings)
     VALUES (@file_ref, @series_ref, @format, @width, @height, @channels, @bit_depth, @domain, @sidecar,
             @pixel_state, @pixel_error, @flags, @warnings)`,
  );
  const listForStudy = db.prepare<[number], ImageRow>(
    `SELECT m.id, m.series_ref, m.format, m.width, m.height, m.channels, m.domain, m.sidecar,
            m.pixel_state, m.pixel_error, f.stored_path, f.sha256
       FROM images m JOIN series x ON x.id = m.series_ref JOIN files f ON f.id = m.file_ref
      WHERE x.study_ref = ?
      ORDER BY m.series_ref, m.id`,
  );

  return {
    add(o: PhotoObject, fileRef: number, seriesRef: number): void {
      insert.run({
        file_ref: fileRef,
        series_ref: seriesRef,
        format: o.format,
        width: o.width,
        height: o.height,
        channels: o.channels,
        bit_depth: o.bitDepth,
        domain: o.domain,
        sidecar: jsonOrNull(o.sidecar),
        ...pixelColumns(o.pixels),
        flags: JSON.stringify(o.flags),
        warnings: JSON.stringify(o.warnings),
      });
    },

    listForStudy(studyRef: number): { seriesRef: number; image: ImageRecord }[] {
      return listForStudy.all(studyRef).map((r) => ({
        seriesRef: r.series_ref,
        image: {
          id: r.id,
          path: r.stored_path,
          sha256: r.sha256,
          format: r.format,
          width: r.width,
          height: r.height,
          channels: r.channels,
          domain: r.domain,
          sidecar: parseJsonOrNull<Record<string, unknown>>(r.sidecar),
          pixelState: r.pixel_state,
          pixelError: r.pixel_error,
        },
      }));
    },
  };
}

export type ImageRepository = ReturnType<typeof createImageRepository>;
