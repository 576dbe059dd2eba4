/**
 * Schema version 1, frozen: later changes are new migrations, never edits here, because databases in the
 * field were created from exactly this text.
 *
 * Conventions:
 * - `id INTEGER PRIMARY KEY` is the store's own key; DICOM identifiers (patient_id, *_uid) are UNIQUE data.
 *   Foreign-key columns are named `<table>_ref` so they cannot be confused with DICOM ids.
 * - STRICT tables: a wrong type from a parser bug fails the batch instead of being stored silently.
 * - Lists and nested values are JSON text, checked with json_valid.
 * - ON DELETE: deleting a study removes its series and their objects (CASCADE); patients are never removed
 *   implicitly (RESTRICT: a patient with studies must be handled on purpose); a `files` row cannot be
 *   deleted while an object or record still uses it (RESTRICT), because the row is the only link to the
 *   bytes on disk: whoever deletes the managed copy deletes the row, never SQLite on its own.
 * - Domains are not CHECKed here (the list may grow; SQLite cannot alter a CHECK without a rebuild);
 *   ingest validates them against DOMAINS instead.
 */
export const SCHEMA_V1 = `
CREATE TABLE patients (
  id          INTEGER PRIMARY KEY,
  patient_id  TEXT NOT NULL UNIQUE CHECK (length(patient_id) > 0),
  name        TEXT,
  birth_date  TEXT,
  sex         TEXT
) STRICT;

CREATE TABLE studies (
  id                 INTEGER PRIMARY KEY,
  study_instance_uid TEXT NOT NULL UNIQUE CHECK (length(study_instance_uid) > 0),
  patient_ref        INTEGER NOT NULL REFERENCES patients(id) ON DELETE RESTRICT,
  study_date         TEXT,
  study_time         TEXT,
  description        TEXT,
  accession_number   TEXT,
  study_id           TEXT,
  imported_at        TEXT NOT NULL -- UTC ISO 8601 of the first import
) STRICT;
CREATE INDEX studies_by_patient  ON studies(patient_ref);
CREATE INDEX studies_by_date     ON studies(study_date, study_time);
CREATE INDEX studies_by_imported ON studies(imported_at);

CREATE TABLE series (
  id                  INTEGER PRIMARY KEY,
  series_instance_uid TEXT NOT NULL UNIQUE CHECK (length(series_instance_uid) > 0),
  study_ref           INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  modality            TEXT NOT NULL, -- upper-case DICOM code, 'ECG', 'XC', 'OT'
  domain              TEXT NOT NULL,
  series_number       REAL,          -- DICOM IS, but the contract allows any number
  description         TEXT,
  body_part           TEXT
) STRICT;
CREATE INDEX series_by_study    ON series(study_ref, series_number);
CREATE INDEX series_by_domain   ON series(domain, study_ref);
CREATE INDEX series_by_modality ON series(modality, study_ref);

CREATE TABLE files (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  stored_path     TEXT NOT NULL,
  original_path   TEXT NOT NULL,
  size            INTEGER NOT NULL CHECK (size >= 0),
  kind            TEXT NOT NULL CHECK (kind IN ('dicom', 'ecg', 'photo', 'volume', 'companion')),
  -- Set when the file is kept (its bytes are in the managed folder) but no object refers to it,
  -- e.g. a second file carrying an already stored SOP Instance UID.
  unlinked_reason TEXT,
  imported_at     TEXT NOT NULL
) STRICT;

-- Companions (WFDB .dat, sidecar JSON, masks) may be shared by several records, hence a link table.
CREATE TABLE file_companions (
  file_ref      INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  companion_ref INTEGER NOT NULL REFERENCES files(id) ON DELETE RESTRICT,
  PRIMARY KEY (file_ref, companion_ref)
) STRICT, WITHOUT ROWID;
CREATE INDEX file_companions_by_companion ON file_companions(companion_ref);

CREATE TABLE instances (
  id                   INTEGER PRIMARY KEY,
  file_ref             INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE RESTRICT,
  series_ref           INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  sop_instance_uid     TEXT NOT NULL UNIQUE CHECK (length(sop_instance_uid) > 0),
  sop_class_uid        TEXT NOT NULL,
  object_type          TEXT NOT NULL
    CHECK (object_type IN ('image', 'seg', 'sr', 'waveform', 'annotation', 'presentation', 'other')),
  transfer_syntax_uid  TEXT NOT NULL,
  instance_number      REAL,
  pixel_rows           INTEGER,
  pixel_columns        INTEGER,
  frames               INTEGER,
  pixel_spacing_row    REAL,
  pixel_spacing_col    REAL,
  slice_thickness      REAL,
  position_x           REAL,
  position_y           REAL,
  position_z           REAL,
  orientation          TEXT CHECK (orientation IS NULL OR json_valid(orientation)),
  bits_allocated       INTEGER,
  bits_stored          INTEGER,
  pixel_representation INTEGER,
  samples_per_pixel    INTEGER,
  photometric          TEXT,
  rescale_slope        REAL,
  rescale_intercept    REAL,
  window_center        REAL,
  window_width         REAL,
  pixel_state          TEXT NOT NULL CHECK (pixel_state IN ('ok', 'none', 'undecodable')),
  pixel_error          TEXT,
  flags                TEXT NOT NULL CHECK (json_valid(flags)),
  warnings             TEXT NOT NULL CHECK (json_valid(warnings))
) STRICT;
CREATE INDEX instances_by_series ON instances(series_ref, instance_number, position_z);

CREATE TABLE waveforms (
  id               INTEGER PRIMARY KEY,
  file_ref         INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE RESTRICT,
  series_ref       INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  record_id        TEXT,
  format           TEXT NOT NULL CHECK (format IN ('dicom', 'wfdb', 'hl7-aecg', 'philips-xml', 'scp')),
  leads            TEXT NOT NULL CHECK (json_valid(leads)),
  sampling_rate_hz REAL NOT NULL,
  samples_per_lead INTEGER NOT NULL,
  units            TEXT NOT NULL,
  duration_s       REAL NOT NULL,
  filter_info      TEXT,
  flags            TEXT NOT NULL CHECK (json_valid(flags)),
  warnings         TEXT NOT NULL CHECK (json_valid(warnings))
) STRICT;
CREATE INDEX waveforms_by_series ON waveforms(series_ref);

CREATE TABLE images (
  id          INTEGER PRIMARY KEY,
  file_ref    INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE RESTRICT,
  series_ref  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  format      TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'tiff')),
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  channels    INTEGER NOT NULL,
  bit_depth   INTEGER,
  domain      TEXT NOT NULL,
  sidecar     TEXT CHECK (sidecar IS NULL OR json_valid(sidecar)),
  pixel_state TEXT NOT NULL CHECK (pixel_state IN ('ok', 'none', 'undecodable')),
  pixel_error TEXT,
  flags       TEXT NOT NULL CHECK (json_valid(flags)),
  warnings    TEXT NOT NULL CHECK (json_valid(warnings))
) STRICT;
CREATE INDEX images_by_series ON images(series_ref);

CREATE TABLE volumes (
  id           INTEGER PRIMARY KEY,
  file_ref     INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE RESTRICT,
  series_ref   INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  format       TEXT NOT NULL CHECK (format IN ('nifti1', 'nifti2')),
  dims         TEXT NOT NULL CHECK (json_valid(dims)),
  spacing      TEXT NOT NULL CHECK (json_valid(spacing)),
  affine       TEXT NOT NULL CHECK (json_valid(affine)),
  datatype     TEXT NOT NULL,
  is_label_map INTEGER NOT NULL CHECK (is_label_map IN (0, 1)),
  pixel_state  TEXT NOT NULL CHECK (pixel_state IN ('ok', 'none', 'undecodable')),
  pixel_error  TEXT,
  flags        TEXT NOT NULL CHECK (json_valid(flags)),
  warnings     TEXT NOT NULL CHECK (json_valid(warnings))
) STRICT;
CREATE INDEX volumes_by_series ON volumes(series_ref);

-- Every stored object of a series, one row per main file (a DICOM ECG is both an instance and a
-- waveform of the same file, so counts use DISTINCT file_ref).
CREATE VIEW series_objects AS
  SELECT series_ref, file_ref FROM instances
  UNION ALL SELECT series_ref, file_ref FROM waveforms
  UNION ALL SELECT series_ref, file_ref FROM images
  UNION ALL SELECT series_ref, file_ref FROM volumes;

-- seq is assigned by the appender (last + 1) so gaps are visible; details is canonical JSON or NULL.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at_utc      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  details     TEXT CHECK (details IS NULL OR json_valid(details)),
  prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash        TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_log_by_object ON audit_log(object_type, object_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
`;
