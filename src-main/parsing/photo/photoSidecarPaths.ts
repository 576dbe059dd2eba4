import path from 'node:path';

/** `x.jpg` → `x`; `x.ome.tif` → `x.ome` (only the last extension is an image-type marker). */
export function photoStem(filePath: string): string {
  return path.parse(filePath).name;
}

/**
 * Where a photo's sidecar may be, most specific first: `<basename>.json` (`x.jpg.json`), then `<stem>.json`
 * (`x.json`, the ISIC layout).
 */
export function sidecarCandidates(imagePath: string): string[] {
  const dir = path.dirname(imagePath);
  return [`${imagePath}.json`, path.join(dir, `${photoStem(imagePath)}.json`)];
}
