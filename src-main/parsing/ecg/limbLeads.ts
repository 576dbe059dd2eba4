import type { DecodedLead } from './ecgRecord';

/**
 * The four limb leads that are linear combinations of I and II (Einthoven's law and Goldberger's
 * augmented leads): III = II − I, aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2.
 */
const DERIVATIONS: [string, (i: number, ii: number) => number][] = [
  ['III', (i, ii) => ii - i],
  ['aVR', (i, ii) => -(i + ii) / 2],
  ['aVL', (i, ii) => i - ii / 2],
  ['aVF', (i, ii) => ii - i / 2],
];

/**
 * Adds whichever of III, aVR, aVL, aVF the file omits, computed from I and II. Leads the file has are
 * never replaced (a recorded lead beats a computed one). Returns the names that were derived.
 */
export function deriveMissingLimbLeads(leads: DecodedLead[]): string[] {
  const i = leads.find((l) => l.name === 'I')?.samplesUv;
  const ii = leads.find((l) => l.name === 'II')?.samplesUv;
  if (!i || !ii || i.length !== ii.length) return [];
  const derived: string[] = [];
  for (const [name, f] of DERIVATIONS) {
    if (leads.some((l) => l.name === name)) continue;
    const out = new Float32Array(i.length);
    for (let k = 0; k < out.length; k++) out[k] = f(i[k]!, ii[k]!);
    leads.push({ name, samplesUv: out });
    derived.push(name);
  }
  return derived;
}
