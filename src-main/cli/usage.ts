export const USAGE = `qoq — QoQ workstation command line (research use only — not for diagnostic use)

Usage:
  qoq import <paths…> [--json]      Import files, folders, DICOMDIRs and ZIP archives
  qoq studies [--search TEXT] [--domain D] [--modality M] [--sort date|patient|imported] [--limit N] [--json]
  qoq show <study> [--json]         Study detail (study id, Study Instance UID or accession number)
  qoq review <study> [--json]       AI analyses, findings with the reader's decisions, first read, ground truth
  qoq analyze <study> [--model DIR] [--seed N] [--max-tokens N] [--question TEXT] [--clinical TEXT] [--json]
                                    Run the model on a study: streams the reasoning, then findings and boxes
  qoq export --studies ID[,ID…] --format pdf|sr|fhir|json[,…] [--deidentify] --out DIR [--json]
                                    Report per study: PDF (key images, findings, trace, model hash), DICOM SR
                                    TID 1500, FHIR R4 DiagnosticReport Bundle, JSON; --deidentify applies
                                    DICOM PS3.15 Annex E (Basic Profile) to every output
  qoq audit [--limit N] [--json]    Audit log, newest first, with hash-chain verification
  qoq models [--json]               Installed model packages, each verified against its SHA-256 pins
  qoq serve [--port N]              Serve the workstation UI on 127.0.0.1 (browser host)
  qoq advantages --in FILE.json     GRPO and DRPO advantages of recorded steps (DRPO history carried over)
  qoq lab --out DIR [--seed N] [--split train|test] [--counts cxr=10,ecg=2,…]
                                    Write a seeded phantom lab: synthetic studies of all nine domains
  qoq train --config JOB.json [--out DIR] [--resume]
                                    Run an SFT or GRPO/DRPO training job (text-only, tiny decoder) in a child
                                    process; Ctrl-C checkpoints and exits 130, --resume continues
  qoq eval --model DIR --data FILE.jsonl [--max-tokens N] [--json]
                                    Greedy responses of a trained checkpoint scored per domain (F1, IoU, format, reward)
  qoq export-job (--lab DIR | --data FILE.jsonl) --out DIR [--model PATH] [--slices first-last|N]
                                    Dataset + DRPO job config for the reference (verl) trainer, for 7B runs on a GPU cluster

Options:
  --data-dir DIR   Store location (default: QOQ_DATA_DIR, else the OS app-data folder)
  --json           Machine-readable output on stdout
  -h, --help       This help

Exit status: 0 success; 1 some input rejected or not found; 2 usage error; 130 training stopped by Ctrl-C (resumable).`;

/** A mistake in how the command was called: printed with the usage, exit status 2. */
export class UsageError extends Error {}
