/** Studies, keyed by Study Instance UID. */
import type Database from 'better-sqlite3';
import type { StudyInfo } from '../parsing/types';
import type { UpsertOutcome } from './patientRepository';
import { hasFillableFields, textOrNull } from './sqlValues';

interface StudyFields {
  study_date: string | null;
  study_time: string | null;
  description: string | null;
  accession_number: string | null;
  study_id: string | null;
}

interface StudyRow extends StudyFields {
  id: number;
  patient_ref: number;
  patient_id: string;
}

export function createStudyRepository(db: Database.Database) {
  const find = db.prepare<[string], StudyRow>(
    `SELECT s.id, s.patient_ref, p.patient_id, s.study_date, s.study_time, s.description, s.accession_number, s.study_id
       FROM studies s JOIN patients p ON p.id = s.patient_ref
      WHERE s.study_instance_uid = ?`,
  );
  const insert = db.prepare<[StudyFields & { uid: string; patient_ref: number; imported_at: string }]>(
    `INSERT INTO studies (study_instance_uid, patient_ref, study_date, study_time, description, accession_number,
                          study_id, imported_at)
     VALUES (@uid, @patient_ref, @study_date, @study_time, @description, @accession_number, @study_id, @imported_at)`,
  );
  const fill = db.prepare<[StudyFields & { id: number }]>(
    `UPDATE studies
        SET study_date = COALESCE(study_date, @study_date),
            study_time = COALESCE(study_time, @study_time),
            description = COALESCE(description, @description),
            accession_number = COALESCE(accession_number, @accession_number),
            study_id = COALESCE(study_id, @study_id)
      WHERE id = @id`,
  );

  return {
    /**
     * Finds or creates the study. An existing study keeps its patient even when a later file names
     * another one (first writer wins; the conflict is reported, since silently moving a study between
     * patients is worse than a visible warning).
     */
    upsert(study: StudyInfo, patientRef: number, patientId: string, importedAt: string): UpsertOutcome {
      const incoming: StudyFields = {
        study_date: textOrNull(study.studyDate),
        study_time: textOrNull(study.studyTime),
        description: textOrNull(study.description),
        accession_number: textOrNull(study.accessionNumber),
        study_id: textOrNull(study.studyId),
      };
      const stored = find.get(study.studyInstanceUid);
      if (!stored) {
        const run = insert.run({
          uid: study.studyInstanceUid,
          patient_ref: patientRef,
          imported_at: importedAt,
          ...incoming,
        });
        return { id: Number(run.lastInsertRowid) };
      }
      if (hasFillableFields(stored, incoming)) fill.run({ id: stored.id, ...incoming });
      if (stored.patient_ref !== patientRef) {
        return {
          id: stored.id,
          conflict:
            `study ${study.studyInstanceUid} is stored under patient ID ${stored.patient_id} but this file ` +
            `says ${patientId}; filed it under the stored patient`,
        };
      }
      return { id: stored.id };
    },
  };
}

export type StudyRepository = ReturnType<typeof createStudyRepository>;
