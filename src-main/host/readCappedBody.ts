import type http from 'node:http';

/**
 * A request body of at most `maxBytes`. A longer one is drained rather than cut off (so the client still
 * reads the refusal) and rejected with `tooLarge()`; nothing past the cap is kept in memory.
 */
export function readCappedBody(req: http.IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => (size > maxBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
