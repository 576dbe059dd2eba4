import { createRequire } from 'node:module';

/*
 * The @cornerstonejs codec packages are Emscripten builds shipped as CommonJS factories that find their
 * .wasm next to themselves through __dirname, so they are loaded with require() (not bundled) and work
 * under plain Node and Electron's main process alike.
 */
const require = createRequire(import.meta.url);

/** Options an Emscripten module factory accepts; we only redirect its console output. */
interface EmscriptenModuleOptions {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}
type EmscriptenFactory<M> = (options?: EmscriptenModuleOptions) => Promise<M>;

/** A lazily started codec module plus the last lines it printed (its only channel for error text). */
export interface WasmCodec<M> {
  /** The started module; started on first use and reused for the rest of the process. */
  get(): Promise<M>;
  /** Runs a synchronous decode on the module, turning any throw or abort into a specific Error. */
  run<T>(work: (module: M) => T): Promise<T>;
}

export function wasmCodec<M>(codecName: string, specifier: string): WasmCodec<M> {
  let started: Promise<M> | undefined;
  let messages: string[] = [];

  const get = (): Promise<M> => {
    if (!started) {
      const factory = require(specifier) as EmscriptenFactory<M>;
      started = factory({
        // Codecs print their diagnostics instead of returning them; keep the recent lines for errors.
        print: (t) => keep(t),
        printErr: (t) => keep(t),
      });
      started.catch(() => {
        started = undefined; // a failed start is retried next time rather than cached
      });
    }
    return started;
  };
  const keep = (text: string): void => {
    messages.push(text);
    if (messages.length > 20) messages = messages.slice(-20);
  };

  const run = async <T>(work: (module: M) => T): Promise<T> => {
    const module = await get();
    messages = [];
    try {
      return work(module);
    } catch (e) {
      // An Emscripten abort leaves the module unusable, and a C++ exception may leak its state: start a
      // fresh instance next time instead of reusing this one.
      started = undefined;
      throw new Error(`${codecName} could not decode the frame: ${describeThrown(e, messages)}`);
    }
  };
  return { get, run };
}

/** What a codec said: its printed lines, the JS error text, or (for a bare C++ exception) that fact. */
function describeThrown(e: unknown, printed: string[]): string {
  // OpenJPEG narrates its progress with [INFO] lines; only the rest says what went wrong.
  const said = printed.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('[INFO]'));
  let what: string;
  if (e instanceof Error) what = e.message;
  else if (typeof e === 'number') what = 'C++ exception thrown inside the codec';
  else what = String(e);
  return said.length > 0 ? `${what} (codec output: ${said.join(' | ')})` : what;
}
