// The decision rules of the review (one place for UI, CLI and store): undo restores the AI's proposal,
// accepting a changed finding records an edit, reader-added findings stay 'added' until withdrawn.
import { describe, expect, it } from 'vitest';
import type { ReviewedFinding } from '../../src-main/contract/reviewSchemas';
import { applyChange } from '../../src-main/store/applyFindingChange';

const box = { x1: 1, y1: 2, x2: 3, y2: 4, ref: 'image:1' };
const moved = { ...box, x1: 0 };
const ai: ReviewedFinding = {
  id: 1,
  studyId: 1,
  analysisId: 1,
  label: 'nevus',
  boxes: [box],
  original: { label: 'nevus', boxes: [box], inAnswer: true },
  sentences: [],
  decision: 'pending',
  decidedBy: null,
  decidedAt: null,
  comment: null,
};
const added: ReviewedFinding = { ...ai, analysisId: null, original: null, decision: 'added' };

describe('applyChange', () => {
  it('accepts an unchanged AI finding, and records accepting a changed one as an edit', () => {
    expect(applyChange(ai, { decision: 'accepted' }).decision).toBe('accepted');
    expect(applyChange({ ...ai, boxes: [moved] }, { decision: 'accepted' }).decision).toBe('edited');
    expect(applyChange(ai, { decision: 'edited', label: 'melanoma' })).toMatchObject({ decision: 'edited', label: 'melanoma', boxes: [box] });
  });

  it('undoes a review back to the AI original, keeping the comment unless cleared', () => {
    const edited = { ...ai, label: 'melanoma', boxes: [moved], decision: 'edited' as const, comment: 'why' };
    expect(applyChange(edited, { decision: 'pending' })).toMatchObject({ decision: 'pending', label: 'nevus', boxes: [box], comment: 'why' });
    expect(applyChange(edited, { decision: 'pending', comment: '' }).comment).toBeNull();
  });

  it('keeps the current values on rejection', () => {
    expect(applyChange({ ...ai, boxes: [moved] }, { decision: 'rejected' })).toMatchObject({ decision: 'rejected', boxes: [moved] });
  });

  it('keeps a reader-added finding "added" through edits, and rejects it only when withdrawn', () => {
    expect(applyChange(added, { decision: 'edited', boxes: [moved] })).toMatchObject({ decision: 'added', boxes: [moved] });
    expect(applyChange(added, { decision: 'accepted' }).decision).toBe('added');
    expect(applyChange(added, { decision: 'pending' }).decision).toBe('added');
    expect(applyChange(added, { decision: 'rejected' }).decision).toBe('rejected');
  });
});
