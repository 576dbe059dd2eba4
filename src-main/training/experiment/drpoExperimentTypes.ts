import type { DomainScores } from '../defaultModel/evaluateOnLab.js';

/** The trained arms of the comparison (paper Table 3 style): same start, same data, same budget. */
export const EXPERIMENT_METHODS = ['grpo', 'drpo', 'drpo-inter'] as const;
export type ExperimentMethod = (typeof EXPERIMENT_METHODS)[number];
/** 'sft': the starting checkpoint itself, evaluated once (no seed). */
export type ReportedMethod = ExperimentMethod | 'sft';

export const METHOD_LABELS: Readonly<Record<ReportedMethod, string>> = {
  sft: 'SFT start',
  grpo: 'GRPO',
  drpo: 'DRPO',
  'drpo-inter': 'DRPO inter-domain only',
};

/** One evaluated policy: per-domain held-out scores and their macro means. */
export interface EvaluationRecord {
  readonly method: ReportedMethod;
  readonly seed: number | null;
  readonly domains: Readonly<Record<string, DomainScores>>;
  readonly macro: { readonly f1: number; readonly iou: number; readonly format: number };
  /** Training minutes of this run (0 for the SFT start). */
  readonly trainMinutes: number;
}

/** One point of a reward curve: a domain's mean rollout reward at one training step of one run. */
export interface RewardPoint {
  readonly method: ExperimentMethod;
  readonly seed: number;
  readonly step: number;
  readonly domain: string;
  readonly reward: number;
}
