/**
 * `qoq`: the command-line host of the service contract. Each command is a thin wrapper over one
 * contract operation; nothing here talks to the store or the parsers directly.
 */
import { parseArgs } from 'node:util';
import { createWorkstationService, type WorkstationService } from '../services/createWorkstationService';
import { validatedApi } from '../services/dispatch';
import { resolveDataDir } from '../services/dataDir';
import { DomainSchema } from '../contract/schemas';
import { advantagesCommand } from './commands/advantagesCommand';
import { analyzeCommand } from './commands/analyzeCommand';
import { auditCommand } from './commands/auditCommand';
import { evalCommand } from './commands/evalCommand';
import { exportCommand } from './commands/exportCommand';
import { exportJobCommand } from './commands/exportJobCommand';
import { importCommand } from './commands/importCommand';
import { labCommand } from './commands/labCommand';
import { modelsCommand } from './commands/modelsCommand';
import { serveCommand } from './commands/serveCommand';
import { reviewCommand } from './commands/reviewCommand';
import { showCommand } from './commands/showCommand';
import { studiesCommand } from './commands/studiesCommand';
import { trainCommand } from './commands/trainCommand';
import { USAGE, UsageError } from './usage';

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  search: { type: 'string' },
  domain: { type: 'string' },
  modality: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  port: { type: 'string' },
  'no-open': { type: 'boolean', default: false },
  in: { type: 'string' },
  model: { type: 'string' },
  seed: { type: 'string' },
  'max-tokens': { type: 'string' },
  question: { type: 'string' },
  clinical: { type: 'string' },
  out: { type: 'string' },
  split: { type: 'string' },
  counts: { type: 'string' },
  config: { type: 'string' },
  resume: { type: 'boolean', default: false },
  data: { type: 'string' },
  lab: { type: 'string' },
  slices: { type: 'string' },
  studies: { type: 'string' },
  format: { type: 'string' },
  deidentify: { type: 'boolean', default: false },
} as const;

const SORTS = ['date', 'patient', 'imported'] as const;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const known = ['import', 'studies', 'show', 'review', 'analyze', 'audit', 'models', 'serve', 'advantages', 'lab', 'train', 'eval', 'export-job', 'export'];
  if (!known.includes(command)) return usageError(`unknown command "${command}"`);

  // Pure computations need no store.
  if (command === 'advantages' || command === 'lab' || command === 'train' || command === 'eval' || command === 'export-job') {
    try {
      if (command === 'advantages') return advantagesCommand(values.in);
      if (command === 'train') return await trainCommand({ resume: values.resume, dataDir: resolveDataDir(values['data-dir']), ...(values.config ? { config: values.config } : {}), ...(values.out ? { out: values.out } : {}) });
      if (command === 'eval') {
        const maxNewTokens = positiveInt(values['max-tokens'], 'max-tokens');
        return await evalCommand({ json: values.json, ...(values.model ? { model: values.model } : {}), ...(values.data ? { data: values.data } : {}), ...(maxNewTokens !== undefined ? { maxNewTokens } : {}) });
      }
      if (command === 'export-job') {
        return await exportJobCommand({
          ...(values.lab ? { lab: values.lab } : {}),
          ...(values.data ? { data: values.data } : {}),
          ...(values.out ? { out: values.out } : {}),
          ...(values.model ? { model: values.model } : {}),
          ...(values.slices ? { slices: values.slices } : {}),
        });
      }
      const seed = positiveInt(values.seed, 'seed', true);
      return await labCommand({
        ...(values.out ? { out: values.out } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.split ? { split: values.split } : {}),
        ...(values.counts ? { counts: values.counts } : {}),
      });
    } catch (err) {
      if (err instanceof UsageError) return usageError(err.message);
      process.stderr.write(`qoq: ${(err as Error).message}\n`);
      return 1;
    }
  }

  let opened;
  const dataDir = resolveDataDir(values['data-dir']);
  try {
    opened = createWorkstationService({ dataDir });
  } catch (err) {
    process.stderr.write(`qoq: cannot open the store in ${dataDir}: ${(err as Error).message}\n`);
    return 1;
  }
  // Commands call the API through the contract's validation, as the UI's hosts do.
  const service: WorkstationService = { ...opened, api: validatedApi(opened.api) };
  if (service.networkFs) {
    process.stderr.write(`qoq: warning: the store is on a network filesystem (${service.networkFs}); SQLite cannot guarantee durability there.\n`);
  }
  try {
    switch (command) {
      case 'import':
        return await importCommand(service, rest, values.json);
      case 'studies':
        return await studiesCommand(service, studiesQuery(values), values.json);
      case 'show':
        return await showCommand(service, rest[0], values.json);
      case 'review':
        return await reviewCommand(service, rest[0], values.json);
      case 'export':
        return await exportCommand(service, { studies: values.studies, format: values.format, out: values.out, deidentify: values.deidentify, json: values.json });
      case 'analyze': {
        const seed = positiveInt(values.seed, 'seed', true);
        const maxNewTokens = positiveInt(values['max-tokens'], 'max-tokens');
        return await analyzeCommand(service, {
          study: rest[0],
          json: values.json,
          ...(values.model ? { modelDir: values.model } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(maxNewTokens !== undefined ? { maxNewTokens } : {}),
          ...(values.question ? { question: values.question } : {}),
          ...(values.clinical ? { clinicalText: values.clinical } : {}),
        });
      }
      case 'models':
        return await modelsCommand(service, values.json);
      case 'audit':
        return await auditCommand(service, positiveInt(values.limit, 'limit') ?? 50, values.json);
      default:
        // The host validates every request itself (dispatch): it gets the service as it is.
        return await serveCommand(opened, portOption(values.port));
    }
  } catch (err) {
    if (err instanceof UsageError) return usageError(err.message);
    process.stderr.write(`qoq: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await service.close();
  }
}

function studiesQuery(values: { search?: string; domain?: string; modality?: string; sort?: string; limit?: string; offset?: string }) {
  const domain = values.domain === undefined ? undefined : DomainSchema.safeParse(values.domain);
  if (domain && !domain.success) throw new UsageError(`--domain must be one of ${DomainSchema.options.join(', ')}`);
  const sort = values.sort === undefined ? undefined : SORTS.find((s) => s === values.sort);
  if (values.sort !== undefined && !sort) throw new UsageError(`--sort must be one of ${SORTS.join(', ')}`);
  return {
    ...(values.search ? { text: values.search } : {}),
    ...(domain?.data ? { domain: domain.data } : {}),
    ...(values.modality ? { modality: values.modality.toUpperCase() } : {}),
    ...(sort ? { sort } : {}),
    limit: positiveInt(values.limit, 'limit') ?? 100,
    offset: positiveInt(values.offset, 'offset', true) ?? 0,
  };
}

/** --port: a TCP port, 0 (or absent) for a free one. */
function portOption(value: string | undefined): number | undefined {
  const port = positiveInt(value, 'port', true);
  if (port !== undefined && port > 65_535) throw new UsageError('--port must be a TCP port, 0–65535 (0 or absent: a free one)');
  return port;
}

function positiveInt(value: string | undefined, name: string, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
  return n;
}

function usageError(message: string): number {
  process.stderr.write(`qoq: ${message}\n\n${USAGE}\n`);
  return 2;
}
