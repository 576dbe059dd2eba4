import { z } from 'zod';
import type { DrpoState } from './DrpoState';

const domainHistorySchema = z
  .object({
    domain: z.string(),
    dim: z.number().int().positive(),
    seen: z.number().int().nonnegative(),
    vectors: z.array(z.number()),
    centroids: z.array(z.array(z.number())),
  })
  .refine((h) => h.vectors.length % h.dim === 0, 'vectors must hold whole rows of dim values')
  .refine((h) => h.vectors.length / h.dim <= h.seen, 'more retained vectors than questions seen')
  .refine((h) => h.centroids.every((c, i) => c.length === (i + 1) * h.dim), 'centroids[k − 1] must hold k × dim');

const drpoStateSchema = z
  .object({
    version: z.literal(1),
    seed: z.number().int().min(0).max(0xffffffff),
    maxHistoryPerDomain: z.number().int().positive().nullable(),
    domains: z.array(domainHistorySchema),
  })
  .refine((s) => new Set(s.domains.map((d) => d.domain)).size === s.domains.length, 'duplicate domain');

/** Validates a checkpointed DRPO state (e.g. `JSON.parse` output); throws a ZodError when malformed. */
export function parseDrpoState(json: unknown): DrpoState {
  return drpoStateSchema.parse(json);
}
