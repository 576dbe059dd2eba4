/**
 * Where the files of an export go, and each source converted once: records name files relative to the
 * source (lab or data file) folder; the export writes them under images/, time-series/, masks/ and
 * videos/ of the output folder with the same relative path (plus the new extension when converted, e.g.
 * `x.dcm` → `x.dcm.png`, keeping the old one so `x.dcm` and a neighbouring `x.png` cannot collide).
 * A source outside the source folder is refused: its relative path would point outside the export.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportEcg } from './exportEcg';
import { exportImage, type ImageExportSettings } from './exportImage';
import { exportMask } from './exportMask';
import { encodeRgbAsPng } from './exportPng';

export class ExportJobError extends Error {}

export interface ExportFileCounts {
  copied: number;
  images: number;
  tensors: number;
  masks: number;
}

export class ExportFiles {
  private readonly done = new Map<string, Promise<string[]>>();
  private readonly written = new Set<string>();
  readonly counts: ExportFileCounts = { copied: 0, images: 0, tensors: 0, masks: 0 };
  readonly warnings: string[] = [];

  constructor(
    private readonly baseDir: string,
    private readonly out: string,
    private readonly settings: ImageExportSettings,
  ) {}

  /** The PNG/JPEG path(s) one record image becomes: several for a volume (one per selected slice). */
  image(relative: string, where: string): Promise<string[]> {
    return this.once('images', relative, where, async (from, target) => {
      const results = await exportImage(from, this.settings);
      return results.map((r) => {
        if (r.kind === 'copy') return this.copy(from, target);
        this.counts.images++;
        return this.write(`${target}${r.suffix}`, r.bytes);
      });
    });
  }

  /** The tensor file of one ECG (`.npy`), or a tensor file kept as it is. */
  async timeSeries(relative: string, where: string): Promise<string> {
    const [target] = await this.once('time-series', relative, where, async (from, target) => {
      const r = await exportEcg(from, this.settings.limits);
      if (r.kind === 'copy') return [this.copy(from, target)];
      if (r.missingLeads.length > 0) this.warnings.push(`${where}: ${relative} lacks lead(s) ${r.missingLeads.join(', ')}; their rows are zeros`);
      this.counts.tensors++;
      return [this.write(`${target}.npy`, r.bytes)];
    });
    return target as string;
  }

  /** The mask as a 2-D image (kept when PNG/JPEG, else converted to a {0, 255} PNG). */
  async mask(relative: string, where: string): Promise<string> {
    const [target] = await this.once('masks', relative, where, async (from, target) => {
      const r = await exportMask(from, this.settings.limits);
      if (r.kind === 'copy') return [this.copy(from, target)];
      this.counts.masks++;
      return [this.write(`${target}.png`, r.bytes)];
    });
    return target as string;
  }

  /**
   * The blank picture the reference data gives ECG-only samples (notes §6): 224×224, black (what PIL's
   * Image.new("RGB", (224, 224)) makes). One file, shared by every such record.
   */
  blankImage(): string {
    const target = 'images/blank-224x224.png';
    if (!this.written.has(target)) this.write(target, encodeRgbAsPng({ width: 224, height: 224, data: new Uint8Array(224 * 224 * 3) }));
    return target;
  }

  /** Copied as they are (the reference reads videos with its own decoder). */
  async video(relative: string, where: string): Promise<string> {
    const [target] = await this.once('videos', relative, where, async (from, target) => [this.copy(from, target)]);
    return target as string;
  }

  get fileCount(): number {
    return this.written.size;
  }

  private once(folder: string, relative: string, where: string, convert: (from: string, target: string) => Promise<string[]>): Promise<string[]> {
    const from = path.resolve(this.baseDir, relative);
    const inside = path.relative(this.baseDir, from);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return Promise.reject(new ExportJobError(`${where}: ${relative} lies outside ${this.baseDir}`));
    if (!existsSync(from)) return Promise.reject(new ExportJobError(`${where}: ${relative} not found in ${this.baseDir}`));
    const key = `${folder}\0${from}`;
    let pending = this.done.get(key);
    if (!pending) {
      const target = path.posix.join(folder, ...inside.split(path.sep));
      pending = convert(from, target).catch((err: unknown) => {
        throw err instanceof ExportJobError ? err : new ExportJobError(`${where}: ${relative}: ${err instanceof Error ? err.message : String(err)}`);
      });
      this.done.set(key, pending);
    }
    return pending;
  }

  private copy(from: string, target: string): string {
    mkdirSync(path.dirname(path.join(this.out, target)), { recursive: true });
    copyFileSync(from, path.join(this.out, target));
    this.counts.copied++;
    this.written.add(target);
    return target;
  }

  private write(target: string, bytes: Uint8Array): string {
    mkdirSync(path.dirname(path.join(this.out, target)), { recursive: true });
    writeFileSync(path.join(this.out, target), bytes);
    this.written.add(target);
    return target;
  }
}
