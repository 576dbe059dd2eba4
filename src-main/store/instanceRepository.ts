/** DICOM instances: one row per SOP Instance UID, pointing at the file it was read from. */
import type Database from 'better-sqlite3';
import type { Instance } from '../contract/schemas';
import type { DicomObject } from '../parsing/types';
import { jsonOrNull, numberOrNull, parseJson, parseJsonOrNull, pixelColumns, type PixelColumns } from './sqlValues';

interface InstanceRow extends PixelColumns {
  id: number;
  series_ref: number;
  sop_instance_uid: string;
  sop_class_uid: string;
  object_type: Instance['objectType'];
  transfer_syntax_uid: string;
  instance_number: number | null;
  pixel_rows: number | null;
  pixel_columns: number | null;
  frames: number | null;
  pixel_spacing_row: number | null;
  pixel_spacing_col: number | null;
  slice_thickness: number | null;
  position_x: number | null;
  position_y: number | null;
  position_z: number | null;
  orientation: string | null;
  flags: string;
  stored_path: string;
  size: number;
  sha256: string;
}

export function createInstanceRepository(db: Database.Database) {
  const findSop = db.prepare<[string], { sha256: string }>(
    'SELECT f.sha256 FROM instances i JOIN files f ON f.id = i.file_ref WHERE i.sop_instance_uid = ?',
  );
  const insert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO instances (
       file_ref, series_ref, sop_instance_uid, sop_class_uid, object_type, transfer_syntax_uid, instance_number,
       pixel_rows, pixel_columns, frames, pixel_spacing_row, pixel_spacing_col, slice_thickness,
       position_x, position_y, position_z, orientation, bits_allocated, bits_stored, pixel_representation,
       samples_per_pixel, photometric, rescale_slope, rescale_intercept, window_center, window_width,
       pixel_state, pixel_error, flags, warnings)
     VALUES (
       @file_ref, @series_ref, @sop_instance_uid, @sop_class_uid, @object_type, @transfer_syntax_uid, @instance_number,
       @pixel_rows, @pixel_columns, @frames, @pixel_spacing_row, @pixel_spacing_col, @slice_thickness,
       @position_x, @position_y, @position_z, @orientation, @bits_allocated, @bits_stored, @pixel_representation,
       @samples_per_pixel, @photometric, @rescale_slope, @rescale_intercept, @window_center, @window_width,
       @pixel_state, @pixel_error, @flags, @warnings)`,
  );
  // Instance number first (the producer's intended order), then z for series that lack numbers.
  const listForStudy = db.prepare<[number], InstanceRow>(
    `SELECT i.*, f.stored_path, f.size, f.sha256
       FROM instances i JOIN series x ON x.id = i.series_ref JOIN files f ON f.id = i.file_ref
      WHERE x.study_ref = ?
      ORDER BY i.series_ref, i.instance_number IS NULL, i.instance_number, i.position_z IS NULL, i.position_z, i.id`,
  );

  const fileOfInstance = db.prepare<[number], { stored_path: string; size: number }>(
    'SELECT f.stored_path, f.size FROM instances i JOIN files f ON f.id = i.file_ref WHERE i.id = ?',
  );

  return {
    /** Stored file of one instance (for the viewer's pixel route), if the id exists. */
    fileOf(instanceId: number): { path: string; size: number } | undefined {
      const row = fileOfInstance.get(instanceId);
      return row ? { path: row.stored_path, size: row.size } : undefined;
    },

    /** SHA-256 of the file already holding this SOP Instance UID, if any. */
    fileHoldingSop(sopInstanceUid: string): string | undefined {
      return findSop.get(sopInstanceUid)?.sha256;
    },

    add(o: DicomObject, fileRef: number, seriesRef: number): void {
      const g = o.geometry;
      insert.run({
        file_ref: fileRef,
        series_ref: seriesRef,
        sop_instance_uid: o.sopInstanceUid,
        sop_class_uid: o.sopClassUid,
        object_type: o.objectType,
        transfer_syntax_uid: o.transferSyntaxUid,
        instance_number: numberOrNull(o.instanceNumber),
        pixel_rows: numberOrNull(g?.rows),
        pixel_columns: numberOrNull(g?.columns),
        frames: numberOrNull(g?.frames),
        pixel_spacing_row: numberOrNull(g?.pixelSpacing?.[0]),
        pixel_spacing_col: numberOrNull(g?.pixelSpacing?.[1]),
        slice_thickness: numberOrNull(g?.sliceThickness),
        position_x: numberOrNull(g?.imagePosition?.[0]),
        position_y: numberOrNull(g?.imagePosition?.[1]),
        position_z: numberOrNull(g?.imagePosition?.[2]),
        orientation: jsonOrNull(g?.imageOrientation),
        bits_allocated: numberOrNull(g?.bitsAllocated),
        bits_stored: numberOrNull(g?.bitsStored),
        pixel_representation: numberOrNull(g?.pixelRepresentation),
        samples_per_pixel: numberOrNull(g?.samplesPerPixel),
        photometric: g?.photometricInterpretation ?? null,
        rescale_slope: numberOrNull(g?.rescaleSlope),
        rescale_intercept: numberOrNull(g?.rescaleIntercept),
        window_center: numberOrNull(g?.windowCenter),
        window_width: numberOrNull(g?.windowWidth),
        ...pixelColumns(o.pixels),
        flags: JSON.stringify(o.flags),
        warnings: JSON.stringify(o.warnings),
      });
    },

    /** Instances of a study, in display order, with the id of their series. */
    listForStudy(studyRef: number): { seriesRef: number; instance: Instance }[] {
      return listForStudy.all(studyRef).map((r) => ({ seriesRef: r.series_ref, instance: toInstance(r) }));
    },
  };
}

function toInstance(r: InstanceRow): Instance {
  return {
    id: r.id,
    sopInstanceUid: r.sop_instance_uid,
    sopClassUid: r.sop_class_uid,
    objectType: r.object_type,
    transferSyntaxUid: r.transfer_syntax_uid,
    instanceNumber: r.instance_number,
    path: r.stored_path,
    size: r.size,
    sha256: r.sha256,
    rows: r.pixel_rows,
    columns: r.pixel_columns,
    frames: r.frames,
    pixelSpacing:
      r.pixel_spacing_row !== null && r.pixel_spacing_col !== null ? [r.pixel_spacing_row, r.pixel_spacing_col] : null,
    sliceThickness: r.slice_thickness,
    imagePosition:
      r.position_x !== null && r.position_y !== null && r.position_z !== null
        ? [r.position_x, r.position_y, r.position_z]
        : null,
    imageOrientation: parseJsonOrNull<[number, number, number, number, number, number]>(r.orientation),
    pixelState: r.pixel_state,
    pixelError: r.pixel_error,
    flags: parseJson<string[]>(r.flags),
  };
}

export type InstanceRepository = ReturnType<typeof createInstanceRepository>;
