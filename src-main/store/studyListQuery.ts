/**
 * The study list (worklist): search, filter, sort and page, plus the one-study summary getStudy reuses.
 * One statement per sort order, prepared once; optional filters use "@param IS NULL OR …" so the SQL
 * text never depends on the query.
 */
import type Database from 'better-sqlite3';
import type { StudySummary } from '../contract/schemas';
import type { Domain } from '../parsing/types';
import { foldSearchText } from './openDatabase';
import { normaliseModality } from './seriesRepository';
import { parseJson } from './sqlValues';
import type { ListStudiesQuery, StudySort } from './Store';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface SummaryRow {
  id: number;
  study_instance_uid: string;
  patient_id: string;
  patient_name: string | null;
  study_date: string | null;
  description: string | null;
  accession_number: string | null;
  imported_at: string;
  modalities: string;
  domains: string;
  series_count: number;
  object_count: number;
}

const SUMMARY_COLUMNS = `
  s.id, s.study_instance_uid, p.patient_id, p.name AS patient_name, s.study_date, s.description,
  s.accession_number, s.imported_at,
  (SELECT json_group_array(DISTINCT x.modality) FROM series x WHERE x.study_ref = s.id) AS modalities,
  (SELECT json_group_array(DISTINCT x.domain) FROM series x WHERE x.study_ref = s.id) AS domains,
  (SELECT count(*) FROM series x WHERE x.study_ref = s.id) AS series_count,
  (SELECT count(DISTINCT o.file_ref) FROM series x JOIN series_objects o ON o.series_ref = x.id
    WHERE x.study_ref = s.id) AS object_count`;

const FROM = 'FROM studies s JOIN patients p ON p.id = s.patient_ref';

// fold() is registered by openDatabase; the pattern is folded the same way and has its wildcards escaped.
const FILTER = `
  WHERE (@pattern IS NULL
         OR fold(p.patient_id) LIKE @pattern ESCAPE '\\'
         OR fold(p.name) LIKE @pattern ESCAPE '\\'
         OR fold(s.description) LIKE @pattern ESCAPE '\\'
         OR fold(s.accession_number) LIKE @pattern ESCAPE '\\'
         OR fold(s.study_instance_uid) LIKE @pattern ESCAPE '\\')
    AND (@domain IS NULL OR s.id IN (SELECT study_ref FROM series WHERE domain = @domain))
    AND (@modality IS NULL OR s.id IN (SELECT study_ref FROM series WHERE modality = @modality))`;

/** Unknown values sort last; ties fall back to the newest row so paging is stable. */
const ORDER_BY: Record<StudySort, string> = {
  date: 's.study_date IS NULL, s.study_date DESC, s.study_time DESC, s.id DESC',
  patient: 'p.name IS NULL, fold(p.name), p.patient_id, s.study_date DESC, s.id DESC',
  imported: 's.imported_at DESC, s.id DESC',
};

interface FilterParams {
  pattern: string | null;
  domain: Domain | null;
  modality: string | null;
}

export function createStudyListQuery(db: Database.Database) {
  const count = db.prepare<[FilterParams], number>(`SELECT count(*) ${FROM} ${FILTER}`).pluck();
  const pages = Object.fromEntries(
    (Object.keys(ORDER_BY) as StudySort[]).map((sort) => [
      sort,
      db.prepare<[FilterParams & { limit: number; offset: number }], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} ${FROM} ${FILTER} ORDER BY ${ORDER_BY[sort]} LIMIT @limit OFFSET @offset`,
      ),
    ]),
  ) as Record<StudySort, Database.Statement<[FilterParams & { limit: number; offset: number }], SummaryRow>>;
  const one = db.prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE s.id = ?`);

  return {
    list(q: ListStudiesQuery): { studies: StudySummary[]; total: number } {
      const filter: FilterParams = {
        pattern: q.text?.trim() ? `%${escapeLike(foldSearchText(q.text.trim()))}%` : null,
        domain: q.domain ?? null,
        modality: q.modality?.trim() ? normaliseModality(q.modality) : null,
      };
      const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
      const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
      // Count and page in one read transaction so total matches the page under concurrent imports.
      return db.transaction(() => ({
        total: count.get(filter) ?? 0,
        studies: pages[q.sort ?? 'date'].all({ ...filter, limit, offset }).map(toSummary),
      }))();
    },

    summary(id: number): StudySummary | undefined {
      const row = one.get(id);
      return row && toSummary(row);
    },
  };
}

/** Makes %, _ and the escape character itself literal in a LIKE pattern (ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toSummary(r: SummaryRow): StudySummary {
  return {
    id: r.id,
    studyInstanceUid: r.study_instance_uid,
    patientId: r.patient_id,
    patientName: r.patient_name,
    studyDate: r.study_date,
    description: r.description,
    accessionNumber: r.accession_number,
    modalities: parseJson<string[]>(r.modalities).sort(),
    domains: parseJson<Domain[]>(r.domains).sort(),
    seriesCount: r.series_count,
    objectCount: r.object_count,
    importedAt: r.imported_at,
  };
}

export type StudyListQuery = ReturnType<typeof createStudyListQuery>;
