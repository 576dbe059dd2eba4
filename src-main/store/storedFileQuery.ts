/**
 * The stored file behind one viewable record, for the hosts' pixel routes (/files/<kind>/<id>): a DICOM
 * instance, a photo or a NIfTI volume. Ids are looked up here; nothing from a request becomes a path.
 */
import type Database from 'better-sqlite3';

export type StoredFileKind = 'instances' | 'images' | 'volumes';

export interface StoredFileRow {
  path: string;
  size: number;
  /** 'dicom' for instances, the image format (png/jpeg/tiff) or the volume format (nifti1/nifti2). */
  format: string;
}

// Table names come from this fixed map, never from input.
const SQL: Record<StoredFileKind, string> = {
  instances: "SELECT f.stored_path AS path, f.size AS size, 'dicom' AS format FROM instances r JOIN files f ON f.id = r.file_ref WHERE r.id = ?",
  images: 'SELECT f.stored_path AS path, f.size AS size, r.format AS format FROM images r JOIN files f ON f.id = r.file_ref WHERE r.id = ?',
  volumes: 'SELECT f.stored_path AS path, f.size AS size, r.format AS format FROM volumes r JOIN files f ON f.id = r.file_ref WHERE r.id = ?',
};

export function createStoredFileQuery(db: Database.Database): (kind: StoredFileKind, id: number) => StoredFileRow | undefined {
  const statements = {
    instances: db.prepare<[number], StoredFileRow>(SQL.instances),
    images: db.prepare<[number], StoredFileRow>(SQL.images),
    volumes: db.prepare<[number], StoredFileRow>(SQL.volumes),
  };
  return (kind, id) => statements[kind].get(id);
}
