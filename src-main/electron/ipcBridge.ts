/**
 * Serves the service contract over IPC: one generic handler on 'qoq:invoke' for every operation (like
 * VS Code's ProxyChannel), and every contract event forwarded to the window on 'qoq:event'.
 * Each call is checked in order — sender origin, operation name, payload size, input schema — before
 * the service sees it, and the service's answer is checked against the output schema before the
 * renderer does. The handler never throws: the renderer always gets an InvokeEnvelope.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { InvokeEnvelope } from '../contract/client';
import {
  eventNames,
  events,
  isOperationName,
  operations,
  type EventSource,
  type OperationName,
  type WorkstationApi,
} from '../contract/service';
import { isAppUrl } from './appOrigin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';

/** Largest serialized input accepted; the biggest legitimate one (10k import paths) is well below. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  service: { api: WorkstationApi; events: EventSource };
  /** Where events go: the main window's web contents. */
  target: { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };
  log?: (message: string) => void;
}

function fail(message: string): InvokeEnvelope {
  return { ok: false, error: { message } };
}

/** Trusted only when the calling frame is the top frame of a page served from app://workstation. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

function serializedSize(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
  } catch {
    // Not JSON-serializable (e.g. a BigInt): no contract input looks like that.
    return Number.POSITIVE_INFINITY;
  }
}

export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));

  const invoke = async (operation: OperationName, input: unknown): Promise<InvokeEnvelope> => {
    const spec = operations[operation];
    const parsedInput = spec.input.safeParse(input);
    if (!parsedInput.success) return fail(`${operation}: invalid input: ${parsedInput.error.message}`);
    // The generic call loses the link between name and argument type; the schema above restores it.
    const method = options.service.api[operation] as (input: unknown) => Promise<unknown>;
    let result: unknown;
    try {
      result = await method(parsedInput.data);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    const output = spec.output.safeParse(result);
    if (!output.success) {
      log(`qoq: ${operation} returned output that breaks the contract: ${output.error.message}`);
      return fail(`${operation}: internal error (invalid output)`);
    }
    return { ok: true, result: output.data };
  };

  options.ipcMain.handle(INVOKE_CHANNEL, async (event, operation: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      log(`qoq: refused IPC from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`);
      return fail('refused: untrusted sender');
    }
    if (!isOperationName(operation)) return fail('refused: unknown operation');
    if (serializedSize(input) > MAX_PAYLOAD_BYTES) return fail('refused: payload too large');
    return invoke(operation, input);
  });

  const unsubscribers = eventNames.map((name) =>
    options.service.events.on(name, (payload) => {
      if (options.target.isDestroyed()) return;
      const checked = events[name].safeParse(payload);
      if (!checked.success) return log(`qoq: dropped malformed '${name}' event`);
      options.target.send(EVENT_CHANNEL, { event: name, payload: checked.data });
    }),
  );

  return () => {
    options.ipcMain.removeHandler(INVOKE_CHANNEL);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
