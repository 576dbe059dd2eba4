/**
 * Schema version 2, frozen: the review of AI output (issue 7). Later changes are new migrations, never
 * edits here, because databases in the field were migrated with exactly this text.
 *
 * - `analyses`: every stored model run, the contract's AnalysisResult as JSON (the whole provenance: model
 *   id + SHA-256, seed, inputs, raw text), with the model id/hash and seed also as columns for queries.
 * - `findings`: one row per finding the reader reviews. AI findings keep the model's proposal in `original`
 *   (never changed after insert, so exports and fine-tuning can learn from edits and rejections); the
 *   current label and boxes are what the reader settled on. Reader-added findings have no analysis and no
 *   original. Boxes are JSON lists of {x1, y1, x2, y2, ref} in original pixels of the referenced image.
 * - `first_reads`: the reader's blinded impression, at most one per study, recorded before AI output.
 * Deleting a study removes its review with it (CASCADE), like its series.
 */
export const SCHEMA_V2 = `
CREATE TABLE analyses (
  id            INTEGER PRIMARY KEY,
  study_ref     INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL UNIQUE,
  model_id      TEXT NOT NULL,
  model_sha256  TEXT NOT NULL,
  seed          INTEGER NOT NULL,
  finish_reason TEXT NOT NULL CHECK (finish_reason IN ('eos', 'length', 'cancelled')),
  result        TEXT NOT NULL CHECK (json_valid(result)),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL -- UTC ISO 8601
) STRICT;
CREATE INDEX analyses_by_study ON analyses(study_ref, id);

CREATE TABLE findings (
  id           INTEGER PRIMARY KEY,
  study_ref    INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  analysis_ref INTEGER REFERENCES analyses(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL, -- order within its analysis (the model's order), or insertion order
  label        TEXT NOT NULL CHECK (length(label) > 0),
  boxes        TEXT NOT NULL CHECK (json_valid(boxes)),
  original     TEXT CHECK (original IS NULL OR json_valid(original)),
  sentences    TEXT NOT NULL CHECK (json_valid(sentences)),
  decision     TEXT NOT NULL CHECK (decision IN ('pending', 'accepted', 'edited', 'rejected', 'added')),
  decided_by   TEXT,
  decided_at   TEXT,
  comment      TEXT,
  -- An AI finding has its original; a reader-added one has neither analysis nor original, and is
  -- either 'added' or withdrawn ('rejected').
  CHECK ((analysis_ref IS NULL) = (original IS NULL)),
  CHECK (analysis_ref IS NOT NULL OR decision IN ('added', 'rejected')),
  CHECK (analysis_ref IS NULL OR decision <> 'added')
) STRICT;
CREATE INDEX findings_by_study ON findings(study_ref, analysis_ref, position);

CREATE TABLE first_reads (
  study_ref   INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  impression  TEXT NOT NULL,
  labels      TEXT NOT NULL CHECK (json_valid(labels)),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
`;
