export const USAGE = `qoq — QoQ workstation command line (research use only — not for diagnostic use)

Usage:
  qoq import <paths…> [--json]      Import files, folders, DICOMDIRs and ZIP archives
  qoq studies [--search TEXT] [--domain D] [--modality M] [--sort date|patient|imported] [--limit N] [--json]
  qoq show <study> [--json]         Study detail (study id, Study Instance UID or accession number)
  qoq analyze <study> [--model DIR] [--seed N] [--max-tokens N] [--question TEXT] [--clinical TEXT] [--json]
                                    Run the model on a study: streams the reasoning, then findings and boxes
  qoq audit [--limit N] [--json]    Audit log, newest first, with hash-chain verification
  qoq models [--json]               Installed model packages, each verified against its SHA-256 pins
  qoq serve [--port N]              Serve the workstation UI on 127.0.0.1 (browser host)
  qoq advantages --in FILE.json     GRPO and DRPO advantages of recorded steps (DRPO history carried over)
  qoq lab --out DIR [--seed N] [--split train|test] [--counts cxr=10,ecg=2,…]
                                    Write a seeded phantom lab: synthetic studies of all nine domains

Options:
  --data-dir DIR   Store location (default: QOQ_DATA_DIR, else the OS app-data folder)
  --json           Machine-readable output on stdout
  -h, --help       This help

Exit status: 0 success; 1 some input rejected or not found; 2 usage error.`;

/** A mistake in how the command was called: printed with the usage, exit status 2. */
export class UsageError extends Error {}
