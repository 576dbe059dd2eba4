/** Thrown between encoder calls when the caller aborts before generation starts; runModel turns it into a 'cancelled' result. */
export class RunCancelled extends Error {
  constructor() {
    super('Run cancelled');
    this.name = 'RunCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunCancelled();
}
