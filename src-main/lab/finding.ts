import type { LabFinding, Mask } from './labTypes';
import { maskBox } from './raster/mask';

/** A finding whose box is derived from its mask, so the two can never disagree. */
export function makeFinding(label: string, mask: Mask, appearance: LabFinding['appearance'], huRange?: [number, number]): LabFinding {
  const box = maskBox(mask);
  if (!box) throw new Error(`phantom lab: finding '${label}' has an empty mask`);
  const finding: LabFinding = { label, box, mask, appearance };
  if (huRange) finding.huRange = huRange;
  return finding;
}
