/**
 * Checks a DICOMDIR Referenced File ID (0004,1500) before it is turned into a path (PS3.10 §8.2, PS3.12
 * Annex F): at most 8 components, each 1-8 characters of A-Z 0-9 _. Anything that could leave the media
 * root ('..', '.', absolute or drive-letter paths, separators inside a component) is refused with a reason.
 *
 * Lower case is tolerated (reported, not refused): a CD mounted on Linux or macOS often shows ISO 9660
 * names in lower case, and a strict reader would then refuse whole studies for a cosmetic difference;
 * lower-case letters cannot form a path-traversal sequence.
 */
export type FileIdCheck = { ok: true; components: string[]; lowerCase: boolean } | { ok: false; reason: string };

const MAX_COMPONENTS = 8;
const MAX_COMPONENT_LENGTH = 8;

export function validateFileId(fileId: string): FileIdCheck {
  if (/^[\\/]/.test(fileId) || /^[A-Za-z]:/.test(fileId)) return { ok: false, reason: 'absolute path' };
  const components = fileId.split('\\');
  if (components.some((c) => c === '..' || c === '.')) return { ok: false, reason: "'..' or '.' component (path traversal)" };
  if (components.length > MAX_COMPONENTS) return { ok: false, reason: `${components.length} components (at most ${MAX_COMPONENTS})` };
  for (const c of components) {
    if (c === '') return { ok: false, reason: 'empty component' };
    if (c.length > MAX_COMPONENT_LENGTH) return { ok: false, reason: `component "${c}" is longer than ${MAX_COMPONENT_LENGTH} characters` };
    if (!/^[A-Za-z0-9_]+$/.test(c)) return { ok: false, reason: `component "${c}" has characters outside A-Z, 0-9 and _` };
  }
  return { ok: true, components, lowerCase: /[a-z]/.test(fileId) };
}
