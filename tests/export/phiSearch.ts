/** Finds planted PHI in an output's text: every needle, dates also in ISO spelling. */
import type { PlantedFile } from './plantPhi';

export function phiHits(text: string, planted: Pick<PlantedFile, 'strings' | 'dates' | 'uids'>): string[] {
  const needles = [...planted.strings, ...planted.uids, ...planted.dates, ...planted.dates.map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`)];
  return needles.filter((n) => text.includes(n));
}
