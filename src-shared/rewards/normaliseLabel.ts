/**
 * The form in which labels are compared (F1 reward, matching boxes and trace sentences to findings):
 * Unicode NFKC (full-width letters, ligatures), whitespace runs collapsed to one space, trimmed,
 * lower-cased with the locale-independent toLowerCase so results do not depend on the machine.
 * Punctuation and LaTeX wrappers are left alone: changing them would merge labels a dataset keeps apart.
 */
export function normaliseLabel(label: string): string {
  return label.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
