/**
 * ECG-JEPA's cross-attention pattern over tokens ordered `lead·P + p`: token i may attend to token j
 * iff they share the lead or the time patch. Returns an (L·P, L·P) table, 1 = allowed.
 */
export function leadTimeMask(leads: number, patches: number): Uint8Array {
  const n = leads * patches;
  const allowed = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sameLead = Math.floor(i / patches) === Math.floor(j / patches);
      const samePatch = i % patches === j % patches;
      allowed[i * n + j] = sameLead || samePatch ? 1 : 0;
    }
  }
  return allowed;
}
