import { existsSync, statSync } from 'node:fs';
import { generateLab, LAB_DOMAIN_NAMES, type LabDomain } from '../../lab/index';
import { UsageError } from '../usage';

/**
 * `qoq lab --out DIR [--seed N] [--split train|test] [--counts domain=n,…]`: writes a phantom lab (synthetic
 * studies the importer reads, plus lab-manifest.jsonl in the reference trainer's record format).
 */
export async function labCommand(args: { out?: string; seed?: number; split?: string; counts?: string }): Promise<number> {
  if (!args.out) throw new UsageError('lab needs --out DIR');
  const split = args.split ?? 'train';
  if (split !== 'train' && split !== 'test') throw new UsageError('--split must be train or test');
  if (existsSync(args.out) && !statSync(args.out).isDirectory()) throw new UsageError(`--out ${args.out} is a file, not a folder`);
  const summary = await generateLab({ seed: args.seed ?? 0, outDir: args.out, split, ...(args.counts ? { counts: parseCounts(args.counts) } : {}) });
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`Wrote ${total} synthetic studies to ${args.out} (${Object.entries(summary.counts).filter(([, n]) => n > 0).map(([d, n]) => `${d} ${n}`).join(', ')}).\nManifest: ${summary.manifestPath}\nImport with: qoq import ${args.out}/studies\n`);
  return 0;
}

function parseCounts(text: string): Partial<Record<LabDomain, number>> {
  const counts: Partial<Record<LabDomain, number>> = {};
  for (const part of text.split(',')) {
    const [name, n] = part.split('=');
    if (!LAB_DOMAIN_NAMES.includes(name as LabDomain) || !/^\d+$/.test(n ?? '')) {
      throw new UsageError(`--counts takes domain=n pairs; domains: ${LAB_DOMAIN_NAMES.join(', ')}`);
    }
    counts[name as LabDomain] = Number(n);
  }
  return counts;
}
