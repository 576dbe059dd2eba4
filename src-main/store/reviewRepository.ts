/**
 * The review tables (schema v2): stored analyses, reviewed findings and first reads. Every write the
 * reader makes commits in ONE transaction together with its audit entry (before/after in the details), so
 * the log never misses a change and never records one that was rolled back. The connection runs with
 * synchronous=FULL, so a returned write survives a power cut.
 *
 * Which findings a study's review shows: those of its LATEST analysis that produced findings (completed:
 * finish reason eos or length) plus every reader-added finding. Earlier analyses and their findings stay
 * stored with their decisions (history, audit, exports of old runs); a new run starts a fresh set of
 * pending findings. Cancelled runs are stored (their text was shown) but create no findings: a cut-off
 * answer is not a proposal to review.
 */
import type Database from 'better-sqlite3';
import type { AnalysisResult } from '../contract/schemas';
import type { FirstRead, ReviewBox, ReviewedFinding, StoredAnalysis } from '../contract/reviewSchemas';
import { applyChange, type FindingChange } from './applyFindingChange';
import type { AuditLog } from './Store';
import {
  boxesJson,
  toFirstRead,
  toReviewedFinding,
  toStoredAnalysis,
  type AnalysisRow,
  type FindingRow,
  type FirstReadRow,
} from './reviewRows';
import { toStoreError } from './storeErrors';

export type { FindingChange } from './applyFindingChange';

export interface NewFinding {
  label: string;
  boxes: ReviewBox[];
  comment?: string;
}

export interface ReviewRepository {
  storeAnalysis(result: AnalysisResult, actor: string): StoredAnalysis;
  listAnalyses(studyId: number): StoredAnalysis[];
  /** Whether any AI output of the study was stored (cancelled runs included): the blinded-read gate. */
  hasAnalysis(studyId: number): boolean;
  /** The findings the review shows (see the file comment), in the model's order, added ones last. */
  currentFindings(studyId: number): ReviewedFinding[];
  getFinding(findingId: number): ReviewedFinding | undefined;
  decideFinding(findingId: number, change: FindingChange, actor: string): ReviewedFinding;
  addFinding(studyId: number, finding: NewFinding, actor: string): ReviewedFinding;
  getFirstRead(studyId: number): FirstRead | null;
  recordFirstRead(studyId: number, read: { impression: string; labels: string[] }, actor: string): FirstRead;
}

/** A request that contradicts the stored state (unknown finding, study without that id …). */
export class ReviewStateError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'conflict',
  ) {
    super(message);
    this.name = 'ReviewStateError';
  }
}

export function createReviewRepository(db: Database.Database, audit: AuditLog, now: () => Date): ReviewRepository {
  const studyUid = db.prepare<[number], string>('SELECT study_instance_uid FROM studies WHERE id = ?').pluck();
  const insertAnalysis = db.prepare<[Record<string, string | number>]>(
    `INSERT INTO analyses (study_ref, job_id, model_id, model_sha256, seed, finish_reason, result, created_by, created_at)
     VALUES (@study_ref, @job_id, @model_id, @model_sha256, @seed, @finish_reason, @result, @created_by, @created_at)`,
  );
  const analysesOf = db.prepare<[number], AnalysisRow>('SELECT * FROM analyses WHERE study_ref = ? ORDER BY id');
  const analysisById = db.prepare<[number], AnalysisRow>('SELECT * FROM analyses WHERE id = ?');
  const anyAnalysis = db.prepare<[number], number>('SELECT 1 FROM analyses WHERE study_ref = ? LIMIT 1').pluck();
  const latestWithFindings = db
    .prepare<[number], number>(
      `SELECT id FROM analyses WHERE study_ref = ? AND finish_reason <> 'cancelled' ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const insertFinding = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO findings (study_ref, analysis_ref, position, label, boxes, original, sentences, decision,
                           decided_by, decided_at, comment)
     VALUES (@study_ref, @analysis_ref, @position, @label, @boxes, @original, @sentences, @decision,
             @decided_by, @decided_at, @comment)`,
  );
  const findingById = db.prepare<[number], FindingRow>('SELECT * FROM findings WHERE id = ?');
  const findingsOf = db.prepare<[number, number | null], FindingRow>(
    `SELECT * FROM findings WHERE study_ref = ? AND (analysis_ref = ? OR analysis_ref IS NULL)
      ORDER BY analysis_ref IS NULL, position, id`,
  );
  const nextAddedPosition = db
    .prepare<[number], number>('SELECT COALESCE(MAX(position) + 1, 0) FROM findings WHERE study_ref = ? AND analysis_ref IS NULL')
    .pluck();
  const updateFinding = db.prepare<[Record<string, string | number | null>]>(
    `UPDATE findings SET label = @label, boxes = @boxes, decision = @decision, decided_by = @decided_by,
            decided_at = @decided_at, comment = @comment WHERE id = @id`,
  );
  const firstReadOf = db.prepare<[number], FirstReadRow>('SELECT * FROM first_reads WHERE study_ref = ?');
  const upsertFirstRead = db.prepare<[FirstReadRow]>(
    `INSERT INTO first_reads (study_ref, impression, labels, recorded_by, recorded_at)
     VALUES (@study_ref, @impression, @labels, @recorded_by, @recorded_at)
     ON CONFLICT (study_ref) DO UPDATE SET impression = excluded.impression, labels = excluded.labels,
       recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
  );

  const uidOf = (studyId: number): string => {
    const uid = studyUid.get(studyId);
    if (uid === undefined) throw new ReviewStateError(`no study with id ${studyId}`, 'not-found');
    return uid;
  };
  /** Runs `fn` in one IMMEDIATE transaction; the audit append inside it becomes a savepoint of it. */
  const write = <T>(what: string, fn: () => T): T => {
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      if (err instanceof ReviewStateError) throw err;
      throw toStoreError(err, what);
    }
  };

  const storeAnalysis = (result: AnalysisResult, actor: string): StoredAnalysis =>
    write('Storing the analysis', () => {
      const uid = uidOf(result.studyId);
      const at = now().toISOString();
      const id = Number(
        insertAnalysis.run({
          study_ref: result.studyId,
          job_id: result.jobId,
          model_id: result.model.id,
          model_sha256: result.model.sha256,
          seed: result.seed,
          finish_reason: result.finishReason,
          result: JSON.stringify(result),
          created_by: actor,
          created_at: at,
        }).lastInsertRowid,
      );
      const withFindings = result.finishReason !== 'cancelled';
      if (withFindings) {
        result.findings.forEach((f, position) => {
          insertFinding.run({
            study_ref: result.studyId,
            analysis_ref: id,
            position,
            label: f.label,
            boxes: boxesJson(f.boxes),
            original: JSON.stringify({ label: f.label, boxes: JSON.parse(boxesJson(f.boxes)) as unknown, inAnswer: f.inAnswer }),
            sentences: JSON.stringify(f.sentences),
            decision: 'pending',
            decided_by: null,
            decided_at: null,
            comment: null,
          });
        });
      }
      audit.append({
        actor,
        action: 'analysis.stored',
        objectType: 'study',
        objectId: uid,
        details: {
          studyId: result.studyId,
          analysisId: id,
          jobId: result.jobId,
          model: result.model,
          seed: result.seed,
          finishReason: result.finishReason,
          pendingFindings: withFindings ? result.findings.length : 0,
        },
      });
      return toStoredAnalysis(analysisById.get(id)!);
    });

  const decideFinding = (findingId: number, change: FindingChange, actor: string): ReviewedFinding =>
    write('Saving the review decision', () => {
      const row = findingById.get(findingId);
      if (!row) throw new ReviewStateError(`no finding with id ${findingId}`, 'not-found');
      const before = toReviewedFinding(row);
      const after = applyChange(before, change);
      const pending = after.decision === 'pending';
      updateFinding.run({
        id: findingId,
        label: after.label,
        boxes: boxesJson(after.boxes),
        decision: after.decision,
        decided_by: pending ? null : actor,
        decided_at: pending ? null : now().toISOString(),
        comment: after.comment,
      });
      const saved = toReviewedFinding(findingById.get(findingId)!);
      audit.append({
        actor,
        action: `finding.${saved.decision}`,
        objectType: 'finding',
        objectId: String(findingId),
        details: { studyId: row.study_ref, studyUid: uidOf(row.study_ref), analysisId: row.analysis_ref, before: auditView(before), after: auditView(saved) },
      });
      return saved;
    });

  const addFinding = (studyId: number, finding: NewFinding, actor: string): ReviewedFinding =>
    write('Adding the finding', () => {
      const uid = uidOf(studyId);
      const id = Number(
        insertFinding.run({
          study_ref: studyId,
          analysis_ref: null,
          position: nextAddedPosition.get(studyId) ?? 0,
          label: finding.label,
          boxes: boxesJson(finding.boxes),
          original: null,
          sentences: '[]',
          decision: 'added',
          decided_by: actor,
          decided_at: now().toISOString(),
          comment: finding.comment ? finding.comment : null,
        }).lastInsertRowid,
      );
      const saved = toReviewedFinding(findingById.get(id)!);
      audit.append({
        actor,
        action: 'finding.added',
        objectType: 'finding',
        objectId: String(id),
        details: { studyId, studyUid: uid, analysisId: null, before: null, after: auditView(saved) },
      });
      return saved;
    });

  const recordFirstRead = (studyId: number, read: { impression: string; labels: string[] }, actor: string): FirstRead =>
    write('Recording the first read', () => {
      const uid = uidOf(studyId);
      const previous = firstReadOf.get(studyId);
      upsertFirstRead.run({
        study_ref: studyId,
        impression: read.impression,
        labels: JSON.stringify(read.labels),
        recorded_by: actor,
        recorded_at: now().toISOString(),
      });
      const saved = toFirstRead(firstReadOf.get(studyId)!);
      audit.append({
        actor,
        action: 'firstRead.recorded',
        objectType: 'study',
        objectId: uid,
        details: { studyId, before: previous ? toFirstRead(previous) : null, after: saved },
      });
      return saved;
    });

  return {
    storeAnalysis,
    listAnalyses: (studyId) => analysesOf.all(studyId).map(toStoredAnalysis),
    hasAnalysis: (studyId) => anyAnalysis.get(studyId) !== undefined,
    currentFindings: (studyId) => findingsOf.all(studyId, latestWithFindings.get(studyId) ?? null).map(toReviewedFinding),
    getFinding: (id) => {
      const row = findingById.get(id);
      return row ? toReviewedFinding(row) : undefined;
    },
    decideFinding,
    addFinding,
    getFirstRead: (studyId) => {
      const row = firstReadOf.get(studyId);
      return row ? toFirstRead(row) : null;
    },
    recordFirstRead,
  };
}

/** What the audit log keeps of a finding: enough to replay the change, nothing derived. */
function auditView(f: ReviewedFinding) {
  return { label: f.label, boxes: f.boxes, decision: f.decision, comment: f.comment };
}
