/**
 * SR content items (PS3.3 C.17.3) as dcmjs dicts: one small constructor per value type used by the
 * TID 1500 report, so the template code reads like the template table.
 */
import { code, seq, str, type CodedConcept, type DicomDict } from '../dicomDict';

export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'SELECTED FROM' | 'INFERRED FROM' | 'HAS PROPERTIES';

const item = (rel: Relationship, type: string, name: CodedConcept, extra: DicomDict): DicomDict => ({
  '0040A010': str('CS', rel),
  '0040A040': str('CS', type),
  '0040A043': seq(code(name)),
  ...extra,
});

export const container = (rel: Relationship, name: CodedConcept, children: DicomDict[], template?: string): DicomDict =>
  item(rel, 'CONTAINER', name, {
    '0040A050': str('CS', 'SEPARATE'),
    ...(template ? { '0040A504': seq({ '00080105': str('CS', 'DCMR'), '0040DB00': str('CS', template) }) } : {}),
    ...(children.length ? { '0040A730': seq(...children) } : {}),
  });

export const codeItem = (rel: Relationship, name: CodedConcept, value: CodedConcept, children: DicomDict[] = []): DicomDict =>
  item(rel, 'CODE', name, { '0040A168': seq(code(value)), ...(children.length ? { '0040A730': seq(...children) } : {}) });

/** TEXT values are UT: no length limit; empty text is not allowed (Type 1), so callers skip it. */
export const textItem = (rel: Relationship, name: CodedConcept, value: string): DicomDict => item(rel, 'TEXT', name, { '0040A160': str('UT', value) });

export const uidItem = (rel: Relationship, name: CodedConcept, uid: string): DicomDict => item(rel, 'UIDREF', name, { '0040A124': str('UI', uid) });

export interface ImageReference {
  sopClassUid: string;
  sopInstanceUid: string;
  /** 1-based Referenced Frame Number, for multi-frame objects only. */
  frame?: number;
}

export const referencedSop = (ref: ImageReference): DicomDict => ({
  '00081150': str('UI', ref.sopClassUid),
  '00081155': str('UI', ref.sopInstanceUid),
  ...(ref.frame !== undefined ? { '00081160': str('IS', ref.frame) } : {}),
});

/** An Image Library entry (TID 1601): IMAGE items need no concept name (PS3.3 C.17.3, Type 1C). */
export const imageItem = (rel: Relationship, ref: ImageReference): DicomDict => ({
  '0040A010': str('CS', rel),
  '0040A040': str('CS', 'IMAGE'),
  '00081199': seq(referencedSop(ref)),
});

/**
 * A rectangle as a closed POLYLINE in image pixel coordinates (column, row), selected from the image it
 * was drawn on: the TID 1410 "Image Region".
 */
export const rectangleRegion = (name: CodedConcept, box: { x1: number; y1: number; x2: number; y2: number }, ref: ImageReference): DicomDict => ({
  '0040A010': str('CS', 'CONTAINS'),
  '0040A040': str('CS', 'SCOORD'),
  '0040A043': seq(code(name)),
  '00700023': str('CS', 'POLYLINE'),
  '00700022': { vr: 'FL', Value: [box.x1, box.y1, box.x2, box.y1, box.x2, box.y2, box.x1, box.y2, box.x1, box.y1] },
  '0040A730': seq({ '0040A010': str('CS', 'SELECTED FROM'), '0040A040': str('CS', 'IMAGE'), '00081199': seq(referencedSop(ref)) }),
});
