import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { advantagesForSteps } from '../../ml/advantages/advantagesForSteps';
import { UsageError } from '../usage';

const GroupId = z.union([z.string(), z.number()]);
const StepSchema = z
  .object({ question: z.array(GroupId).min(1), domain: z.array(z.string()), reward: z.array(z.number()) })
  .refine((s) => s.domain.length === s.question.length && s.reward.length === s.question.length, {
    message: 'question, domain and reward must have one entry per sampled response',
  });
const InputSchema = z.object({ steps: z.array(StepSchema).min(1) });

/**
 * `qoq advantages --in FILE.json`: GRPO and DRPO advantages for recorded training steps, with the DRPO
 * history carried from step to step and default settings — for auditing the algorithm against the
 * reference. Prints `{"grpo": [[…]], "drpo": [[…]]}`.
 */
export function advantagesCommand(file: string | undefined): number {
  if (!file) throw new UsageError('advantages needs --in FILE.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`qoq: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = InputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    process.stderr.write(`qoq: ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}\n`);
    return 1;
  }
  try {
    process.stdout.write(`${JSON.stringify(advantagesForSteps(parsed.data))}\n`);
  } catch (err) {
    process.stderr.write(`qoq: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}
