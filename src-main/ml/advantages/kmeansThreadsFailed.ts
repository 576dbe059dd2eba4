/** A k-means worker thread died or threw mid-pass: the shared state is unusable, the fit must be redone. */
export class KmeansThreadsFailed extends Error {
  constructor(message: string) {
    super(`k-means worker thread: ${message}`);
    this.name = 'KmeansThreadsFailed';
  }
}
