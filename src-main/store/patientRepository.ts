/** Patients, keyed by DICOM Patient ID (or the format's equivalent). */
import type Database from 'better-sqlite3';
import type { PatientInfo } from '../parsing/types';
import { foldSearchText } from './openDatabase';
import { hasFillableFields, textOrNull } from './sqlValues';

interface PatientFields {
  name: string | null;
  birth_date: string | null;
  sex: string | null;
}

interface PatientRow extends PatientFields {
  id: number;
}

export interface UpsertOutcome {
  id: number;
  /** Set when the stored row disagrees with the incoming object on an identifying field (kept stored). */
  conflict?: string;
}

export function createPatientRepository(db: Database.Database) {
  const find = db.prepare<[string], PatientRow>(
    'SELECT id, name, birth_date, sex FROM patients WHERE patient_id = ?',
  );
  const insert = db.prepare<[PatientFields & { patientId: string }]>(
    'INSERT INTO patients (patient_id, name, birth_date, sex) VALUES (@patientId, @name, @birth_date, @sex)',
  );
  // COALESCE keeps every non-empty stored value: later files only fill gaps, never overwrite.
  const fill = db.prepare<[PatientFields & { id: number }]>(
    `UPDATE patients
        SET name = COALESCE(name, @name), birth_date = COALESCE(birth_date, @birth_date), sex = COALESCE(sex, @sex)
      WHERE id = @id`,
  );

  return {
    upsert(patient: PatientInfo): UpsertOutcome {
      const incoming: PatientFields = {
        name: textOrNull(patient.name),
        birth_date: textOrNull(patient.birthDate),
        sex: textOrNull(patient.sex),
      };
      const stored = find.get(patient.patientId);
      if (!stored) {
        return { id: Number(insert.run({ patientId: patient.patientId, ...incoming }).lastInsertRowid) };
      }
      if (hasFillableFields(stored, incoming)) fill.run({ id: stored.id, ...incoming });
      if (stored.name !== null && incoming.name !== null && !sameName(stored.name, incoming.name)) {
        return {
          id: stored.id,
          conflict:
            `patient ID ${patient.patientId} is stored with name "${stored.name}" but this file says ` +
            `"${incoming.name}"; kept the stored name (check for a patient ID collision)`,
        };
      }
      return { id: stored.id };
    },
  };
}

/** DICOM PN values differ in padding and empty trailing components ("DOE^JOHN^^" = "doe^john"). */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => foldSearchText(s.replace(/[\s^]+$/u, '')).replace(/\s+/gu, ' ').trim();
  return norm(a) === norm(b);
}

export type PatientRepository = ReturnType<typeof createPatientRepository>;
