import type { ModelSession } from './createSession.js';
import type { HostTensor } from './hostTensor.js';

/** Runs one inference: feeds by input name → outputs by name as plain typed arrays. */
export function run(
  session: ModelSession,
  feeds: Readonly<Record<string, HostTensor>>,
  outputNames?: readonly string[],
): Promise<Record<string, HostTensor>> {
  return session.run(feeds, outputNames);
}
