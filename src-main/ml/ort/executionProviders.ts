/**
 * Execution providers the app may ask for, in preference order. How each becomes available:
 * - 'cpu': always (bundled).
 * - 'cuda': Linux/Windows x64 with an NVIDIA driver, only when onnxruntime-node was installed with
 *   `ONNXRUNTIME_NODE_INSTALL=cuda12` (its postinstall fetches the CUDA 12 provider libraries; the
 *   default install here is `skip`, i.e. CPU only).
 * - 'dml': DirectML, shipped inside the Windows package.
 * - 'coreml': shipped inside the macOS package.
 * ORT assigns each node to the first listed provider that supports it; 'cpu' is always appended last
 * so unsupported nodes still run.
 */
export type ExecutionProvider = 'cpu' | 'cuda' | 'dml' | 'coreml';

export function providerList(requested: readonly ExecutionProvider[] | undefined): ExecutionProvider[] {
  const list = [...(requested ?? ['cpu'])].filter((p, i, all) => all.indexOf(p) === i && p !== 'cpu');
  return [...list, 'cpu'];
}
