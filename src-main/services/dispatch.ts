import { isOperationName, operations, type OperationName, type WorkstationApi } from '../contract/service';

/** An error whose message is safe and useful to show the user (bad input, unknown study, …). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-request' | 'not-found' | 'internal' = 'bad-request',
  ) {
    super(message);
  }
}

/**
 * The one entry every host goes through: checks the operation name, validates the input against the
 * contract, runs it, and validates the output too (a bug in the service must not leak malformed data to
 * the UI). Electron IPC and the browser host call this with untrusted input.
 */
export async function dispatch(api: WorkstationApi, op: unknown, rawInput: unknown): Promise<unknown> {
  if (!isOperationName(op)) throw new ServiceError(`unknown operation: ${String(op).slice(0, 64)}`);
  const spec = operations[op];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new ServiceError(`invalid input for ${op}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const handler = api[op as OperationName] as (input: unknown) => Promise<unknown>;
  const result = await handler(parsed.data);
  const checked = spec.output.safeParse(result);
  if (!checked.success) throw new ServiceError(`internal error: ${op} produced an invalid result`, 'internal');
  return checked.data;
}

/**
 * The service's API with every call going through `dispatch`: what the CLI uses, so a command-line
 * argument is held to the same contract as input from the UI (a 100,000-character `--clinical` text was
 * handed to the model, which then asked ONNX Runtime for 47 GB).
 */
export function validatedApi(api: WorkstationApi): WorkstationApi {
  const checked: Partial<Record<OperationName, (input: unknown) => Promise<unknown>>> = {};
  for (const op of Object.keys(operations) as OperationName[]) checked[op] = (input) => dispatch(api, op, input);
  // Each entry has its operation's signature: dispatch validates the input and output against it.
  return checked as unknown as WorkstationApi;
}
