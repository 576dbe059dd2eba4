import type { WorkstationService } from '../../services/createWorkstationService';
import { table } from '../format';

/** `qoq audit`: newest entries first; exit 1 when the hash chain does not verify. */
export async function auditCommand(service: WorkstationService, limit: number, json: boolean): Promise<number> {
  const { entries, verification } = await service.api.auditLog({ limit });
  if (json) {
    process.stdout.write(`${JSON.stringify({ entries, verification }, null, 2)}\n`);
  } else {
    const rows = entries.map((e) => [e.seq, e.atUtc, e.actor, e.action, `${e.objectType}:${e.objectId}`]);
    process.stdout.write(`${table(['seq', 'time (UTC)', 'actor', 'action', 'object'], rows)}\n`);
    process.stdout.write(
      verification.ok
        ? `Hash chain verified (${verification.entries} entries).\n`
        : `HASH CHAIN BROKEN at entry ${verification.firstBadSeq}: the audit log was altered.\n`,
    );
  }
  return verification.ok ? 0 : 1;
}
