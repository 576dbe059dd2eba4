import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCacheDir, bundleForNode } from '../bundleForNode';
import type { BenchMessage, ChildJob, ChildMessage, DoneMessage, ReadyMessage, RunSample } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Both children as plain-node bundles (see bench/bundleForNode.ts for why). */
export function bundleChildren(): Promise<{ engine: string; bare: string }> {
  return bundleForNode({ engine: path.join(HERE, 'engineChild.ts'), bare: path.join(HERE, 'bareChild.ts') }, benchCacheDir('qoq-bench-infer'));
}

/** One measured child process, alive from load to finish, asked for one run at a time. */
export class MeasuredChild {
  readonly #proc: ChildProcess;
  readonly #inbox: ChildMessage[] = [];
  #waiter: ((m: ChildMessage) => void) | null = null;
  #failure: Error | null = null;
  #stderr = '';

  private constructor(readonly name: string, script: string, job: ChildJob) {
    // execArgv [] so the bench's own tsx loader is not inherited: the child is plain node on a bundle.
    this.#proc = fork(script, [JSON.stringify(job)], { execArgv: [], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    this.#proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.#stderr += d));
    this.#proc.on('message', (m: ChildMessage) => this.#deliver(m));
    this.#proc.on('exit', (code) => {
      if (code !== 0) this.#fail(new Error(`${name} child exited with ${code}:\n${this.#stderr}`));
    });
  }

  /** Starts the child and waits until its sessions are open. */
  static async start(name: string, script: string, job: ChildJob): Promise<{ child: MeasuredChild; ready: ReadyMessage }> {
    const child = new MeasuredChild(name, script, job);
    return { child, ready: await child.#expect('ready') };
  }

  async run(): Promise<RunSample> {
    this.#send({ type: 'run' });
    return (await this.#expect('sample')).sample;
  }

  /** Ends the child; its peak RSS figures come back. */
  async finish(): Promise<DoneMessage> {
    this.#send({ type: 'finish' });
    return this.#expect('done');
  }

  #send(message: BenchMessage): void {
    this.#proc.send(message);
  }

  #deliver(m: ChildMessage): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    if (waiter) waiter(m);
    else this.#inbox.push(m);
  }

  #fail(err: Error): void {
    this.#failure = err;
    this.#waiter = null;
    this.#rejecter?.(err);
  }

  #rejecter: ((err: Error) => void) | null = null;

  #expect<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      const accept = (m: ChildMessage): void => {
        this.#rejecter = null;
        if (m.type === type) resolve(m as Extract<ChildMessage, { type: T }>);
        else reject(new Error(`${this.name}: expected '${type}', got '${m.type}'`));
      };
      const queued = this.#inbox.shift();
      if (queued) return accept(queued);
      this.#waiter = accept;
      this.#rejecter = reject;
    });
  }
}
