/**
 * The renderer's Content-Security-Policy, sent as a response header on every app:// response (a header
 * also covers workers and cannot be removed by injected markup, unlike the <meta> copy in index.html).
 * 'wasm-unsafe-eval' lets image codecs compile WebAssembly without allowing JS eval; blob: workers are
 * how cornerstone starts its decoders.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
