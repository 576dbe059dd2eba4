import { describe, expect, it, vi } from 'vitest';
import {
  createClient,
  httpTransport,
  ipcTransport,
  type FetchLike,
  type QoqBridge,
} from '../../src-main/contract/client';

const progress = { jobId: 'j', phase: 'scanning', done: 0, total: 3, imported: 0, skipped: 0, rejected: 0 };

function fakeBridge(answer: unknown) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge: QoqBridge = {
    invoke: vi.fn(async () => answer),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
    pathsForFiles: vi.fn(() => []),
  };
  return { bridge, listeners };
}

describe('createClient over IPC', () => {
  it('returns the validated result', async () => {
    const { bridge } = fakeBridge({ ok: true, result: { studies: [], total: 0 } });
    const client = createClient(ipcTransport(bridge));
    await expect(client.listStudies({ text: 'x' })).resolves.toEqual({ studies: [], total: 0 });
    expect(bridge.invoke).toHaveBeenCalledWith('listStudies', { text: 'x' });
  });

  it('rejects output that does not match the contract', async () => {
    const { bridge } = fakeBridge({ ok: true, result: { studies: 'no' } });
    await expect(createClient(ipcTransport(bridge)).listStudies({})).rejects.toThrow(/does not match the contract/);
  });

  it('rejects a getFirstImage reply that names a view the contract does not know', async () => {
    const { bridge } = fakeBridge({ ok: true, result: { seriesId: 1, view: 'mosaic', instance: null } });
    await expect(createClient(ipcTransport(bridge)).getFirstImage({ studyId: 1 })).rejects.toThrow(/getFirstImage: response does not match/);
  });

  it('surfaces the host error message', async () => {
    const { bridge } = fakeBridge({ ok: false, error: { message: 'no study with id 9' } });
    await expect(createClient(ipcTransport(bridge)).getStudy({ studyId: 9 })).rejects.toThrow('no study with id 9');
  });

  it('refuses an invalid input without calling the host', async () => {
    const { bridge } = fakeBridge({ ok: true, result: {} });
    await expect(createClient(ipcTransport(bridge)).getStudy({ studyId: -1 })).rejects.toThrow();
    expect(bridge.invoke).not.toHaveBeenCalled();
  });

  it('delivers valid events and drops malformed ones', () => {
    const { bridge, listeners } = fakeBridge(null);
    const listener = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const off = createClient(ipcTransport(bridge)).on('importProgress', listener);
    listeners.get('importProgress')?.(progress);
    listeners.get('importProgress')?.({ phase: 'bogus' });
    expect(listener).toHaveBeenCalledExactlyOnceWith(progress);
    off();
    expect(listeners.size).toBe(0);
    warn.mockRestore();
  });
});

describe('createClient over HTTP', () => {
  function http(body: unknown, status = 200) {
    const fetch = vi.fn<FetchLike>(async () => ({ status, json: async () => body }));
    const streams: Array<{ url: string; onData: (data: unknown) => void; close: ReturnType<typeof vi.fn> }> = [];
    const transport = httpTransport({
      fetch,
      openEventStream: (url, onData) => {
        const stream = { url, onData, close: vi.fn() };
        streams.push(stream);
        return stream;
      },
    });
    return { client: createClient(transport), fetch, streams };
  }

  it('POSTs JSON to /api/<operation> same-origin', async () => {
    const { client, fetch } = http({ ok: true, result: { studies: [], total: 0 } });
    await client.listStudies({ sort: 'patient' });
    expect(fetch).toHaveBeenCalledWith('/api/listStudies', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sort: 'patient' }),
      credentials: 'same-origin',
    });
  });

  it('reports error envelopes and non-JSON answers', async () => {
    await expect(http({ ok: false, error: { message: 'unauthorised' } }, 401).client.listStudies({})).rejects.toThrow(
      'unauthorised',
    );
    const broken = http(null, 502);
    broken.fetch.mockResolvedValueOnce({ status: 502, json: async () => Promise.reject(new SyntaxError('x')) });
    await expect(broken.client.listStudies({})).rejects.toThrow(/HTTP 502/);
  });

  it('shares one SSE stream at /api/events and closes it with the last listener', () => {
    const { client, streams } = http(null);
    const a = vi.fn();
    const offA = client.on('importProgress', a);
    const offB = client.on('importProgress', vi.fn());
    expect(streams).toHaveLength(1);
    expect(streams[0]?.url).toBe('/api/events');
    streams[0]?.onData(JSON.stringify({ event: 'importProgress', payload: progress }));
    streams[0]?.onData('not json');
    expect(a).toHaveBeenCalledExactlyOnceWith(progress);
    offA();
    expect(streams[0]?.close).not.toHaveBeenCalled();
    offB();
    expect(streams[0]?.close).toHaveBeenCalled();
  });
});
