/**
 * Splits the files of a drop into upload requests under the host's limits (uploadLimits.ts), so a CD's
 * worth of images is imported in parts instead of refused whole. Files that name each other travel in the
 * same request, because the host resolves companions by name inside one request's folder: a WFDB header
 * and its signal file (`100.hea`, `100.dat`), a photo and its sidecar and masks (`ISIC_1.jpg`,
 * `ISIC_1.json`, `ISIC_1_segmentation.png`), a NIfTI and its JSON (`sub-01_T1w.nii.gz`, `sub-01_T1w.json`).
 */
import { MULTIPART_BYTES_PER_FILE, type UploadLimits } from './uploadLimits';

export interface PlannedFile {
  name: string;
  size: number;
}

export interface UploadPlan {
  /** Indices into the input, one array per request, in input order within each. */
  batches: number[][];
  /** Indices of files that alone are over one request's bytes: they can only be imported by path. */
  tooLarge: number[];
}

/** Characters after which a longer name still belongs to the shorter one's files (as maskCompanions has it). */
const SEPARATORS = new Set(['_', '-', '.', ' ']);

/** A name without its last extension: `100.hea` → `100`, `x.nii.gz` → `x.nii`. */
function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The group a name belongs to: the shortest stem of the drop that its own stem starts with, cut at a
 * separator (`ISIC_1_segmentation` → `ISIC_1` when `ISIC_1.jpg` is there; `sub-01_T1w.nii` → `sub-01_T1w`
 * when `sub-01_T1w.json` is), else its own stem.
 */
function groupKeys(names: readonly string[]): string[] {
  const stems = new Set(names.map(stemOf));
  return names.map((name) => {
    const stem = stemOf(name);
    for (let i = 1; i < stem.length; i++) {
      if (SEPARATORS.has(stem[i]!) && stems.has(stem.slice(0, i))) return stem.slice(0, i);
    }
    return stem;
  });
}

export function planUploadBatches(files: readonly PlannedFile[], limits: UploadLimits): UploadPlan {
  const budget = (count: number) => limits.maxBytes - count * MULTIPART_BYTES_PER_FILE;
  const tooLarge: number[] = [];
  const groups = new Map<string, number[]>();
  groupKeys(files.map((f) => f.name)).forEach((key, i) => {
    if (files[i]!.size > budget(1)) tooLarge.push(i);
    else groups.set(key, [...(groups.get(key) ?? []), i]);
  });

  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  const fits = (count: number, size: number) => current.length + count <= limits.maxFiles && bytes + size <= budget(current.length + count);
  const close = () => {
    if (current.length > 0) batches.push(current);
    current = [];
    bytes = 0;
  };
  for (const members of groups.values()) {
    const size = members.reduce((sum, i) => sum + files[i]!.size, 0);
    if (!fits(members.length, size)) close();
    if (fits(members.length, size)) {
      current.push(...members);
      bytes += size;
      continue;
    }
    // A group bigger than one request on its own (thousands of files derived from one name): it is split.
    for (const i of members) {
      if (!fits(1, files[i]!.size)) close();
      current.push(i);
      bytes += files[i]!.size;
    }
  }
  close();
  return { batches: batches.map((b) => b.sort((x, y) => x - y)), tooLarge };
}
