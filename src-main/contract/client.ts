/**
 * The typed client of the service contract, used by the renderer. Same API whichever host serves it:
 * Electron IPC (window.qoq from the preload) or the loopback browser host over HTTP + Server-Sent Events.
 * Inputs are checked before sending and outputs validated on arrival, so a bug or a compromised host
 * cannot hand the UI data of the wrong shape.
 *
 * No DOM or Node globals here (this file is type-checked for both): fetch and EventSource are injected.
 */
import { z } from 'zod';
import {
  events,
  operationNames,
  operations,
  type EventName,
  type EventSource,
  type OperationName,
  type WorkstationApi,
} from './service';

/** What every host answers to an operation call (IPC return value, HTTP response body). */
export type InvokeEnvelope = { ok: true; result: unknown } | { ok: false; error: { message: string } };

/** What every host pushes for an event (IPC 'qoq:event' message, one SSE message). */
export type EventMessage = { event: string; payload: unknown };

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);
const EventMessageSchema = z.object({ event: z.string(), payload: z.unknown() });

/** The object the Electron preload exposes as window.qoq — exactly three functions. */
export interface QoqBridge {
  invoke(operation: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Filesystem paths of dropped File objects (typed unknown: this file has no DOM types); files without
   * one (made by page script) are left out. Electron only: the browser host uploads the bytes instead.
   */
  pathsForFiles(files: readonly unknown[]): string[];
}

/** Moves raw calls and events; knows nothing about schemas. */
export interface Transport {
  invoke(operation: OperationName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export class ServiceError extends Error {
  override name = 'ServiceError';
}

/** The result of an envelope, or its error thrown as a ServiceError (also used for the browser host's upload route). */
export function unwrap(operation: string, body: unknown): unknown {
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new ServiceError(`${operation}: malformed response from the host`);
  if (!envelope.data.ok) throw new ServiceError(envelope.data.error.message);
  return envelope.data.result;
}

export function createClient(transport: Transport): WorkstationApi & EventSource {
  const call = async (operation: OperationName, input: unknown): Promise<unknown> => {
    const spec = operations[operation];
    const body = await transport.invoke(operation, spec.input.parse(input));
    const output = spec.output.safeParse(body);
    if (!output.success) throw new ServiceError(`${operation}: response does not match the contract`);
    return output.data;
  };
  // Built from the operation table so a new contract operation needs no client change. The cast is
  // sound: each entry calls `call` with its own name, whose output schema matches OperationOutput<K>.
  const api = Object.fromEntries(
    operationNames.map((operation) => [operation, (input: unknown) => call(operation, input)]),
  ) as unknown as WorkstationApi;

  const on: EventSource['on'] = (event, listener) =>
    transport.subscribe(event, (raw) => {
      const payload = events[event].safeParse(raw);
      // A malformed event is dropped, not thrown: it arrives outside any caller's try/catch.
      if (payload.success) listener(payload.data as Parameters<typeof listener>[0]);
      else console.warn(`qoq: dropped malformed '${event}' event`);
    });
  return { ...api, on };
}

/** Electron: calls go through the preload bridge; the main process answers with an InvokeEnvelope. */
export function ipcTransport(bridge: QoqBridge): Transport {
  return {
    invoke: async (operation, input) => unwrap(operation, await bridge.invoke(operation, input)),
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}

/** The parts of fetch / EventSource the HTTP transport uses (the DOM versions satisfy them). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; credentials: 'same-origin' },
) => Promise<{ status: number; json(): Promise<unknown> }>;
/** An open SSE stream; `onData` gets each message's data string. */
export interface EventStreamLike {
  close(): void;
}

export interface HttpTransportOptions {
  fetch: FetchLike;
  openEventStream: (url: string, onData: (data: unknown) => void) => EventStreamLike;
  /** Prefix of the API routes; same-origin by default (the host's session cookie rides along). */
  baseUrl?: string;
}

/** Browser host: POST /api/<operation>, events from one shared SSE stream at GET /api/events. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: EventStreamLike | null = null;

  const dispatch = (data: unknown): void => {
    let message: unknown;
    try {
      message = typeof data === 'string' ? JSON.parse(data) : data;
    } catch {
      return;
    }
    const parsed = EventMessageSchema.safeParse(message);
    if (!parsed.success) return;
    for (const listener of listeners.get(parsed.data.event) ?? []) listener(parsed.data.payload);
  };

  return {
    async invoke(operation, input) {
      const response = await options.fetch(`${base}/api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'same-origin',
      });
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ServiceError(`${operation}: HTTP ${response.status} without a JSON body`);
      }
      return unwrap(operation, body);
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      // One stream for all events, opened on first use and closed when nobody listens.
      if (!stream) {
        stream = options.openEventStream(`${base}/api/events`, dispatch);
      }
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          stream?.close();
          stream = null;
        }
      };
    },
  };
}
