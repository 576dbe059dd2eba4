/**
 * Structured reports for the reader: the content tree read in a parse worker, checked item by item against
 * DCMTK's dsrdump (an independent SR reader) on the SR files of ../shared/data — relationship, value type,
 * concept name and nesting of every item, and the values dsrdump prints in full.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SrNode } from '../../src-main/contract/schemas';
import { readDicom } from '../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../src-main/parsing/types';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { dsrdump } from '../helpers/exportValidators';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

const SR_FILES = [sharedData('sr', 'sr_document_tid1500.dcm'), sharedData('sr', 'test-SR.dcm'), sharedData('malformed', 'report_dfl')];

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
/** Original file → the instance id it was stored under. */
const instanceOf = new Map<string, number>();
let ctInstance = 0;

beforeAll(async () => {
  tmp = makeTempDir('structured-report');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1 });
  const ct = sharedData('ct', 'CT_small.dcm');
  await service.api.importPaths({ paths: [...SR_FILES, ct] });
  const { studies } = await service.api.listStudies({ limit: 50 });
  for (const s of studies) {
    for (const series of (await service.api.getStudy({ studyId: s.id })).series) {
      for (const instance of series.instances) {
        if (instance.objectType === 'sr') instanceOf.set(instance.sopInstanceUid, instance.id);
        if (instance.objectType === 'image') ctInstance = instance.id;
      }
    }
  }
}, 60_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

interface Item {
  depth: number;
  relationship: string | null;
  valueType: string;
  concept: string | null;
  value?: string;
}

/** dsrdump's tree: `<has obs context TEXT:(,,"Concept")="value">`, by-reference items as `<inferred from 1.2.2.1>`. */
function dsrdumpItems(file: string): Item[] {
  const { status, out } = dsrdump(file);
  expect(status, out).toBe(0);
  return out.split('\n').flatMap((line): Item[] => {
    const byReference = /^(\s*)<([a-z ]+) ([\d.]+)>/.exec(line);
    if (byReference) return [{ depth: byReference[1]!.length / 2, relationship: byReference[2]!.toUpperCase(), valueType: 'BY-REFERENCE', concept: null, value: `see item ${byReference[3]}` }];
    const m = /^(\s*)<(?:([a-z ]+?) )?([A-Z0-9]+):(?:\([^,]*,[^,]*,"([^"]*)"\))?=(.*)>/.exec(line);
    if (!m) return [];
    const text = /^"([^"]*)"$/.exec(m[5]!)?.[1];
    return [{ depth: m[1]!.length / 2, relationship: m[2]?.toUpperCase() ?? null, valueType: m[3]!, concept: m[4] ?? null, ...(text !== undefined ? { value: text } : {}) }];
  });
}

/** The stored instance of a file, by its SOP Instance UID (read with the importer's reader: identity only). */
function instanceIdOf(file: string): number {
  const uid = readDicom(readFileSync(file), DEFAULT_LIMITS).dataSet.string('x00080018') ?? '';
  const id = instanceOf.get(uid);
  if (id === undefined) throw new Error(`${file} was not stored as an SR instance`);
  return id;
}

function flatten(node: SrNode, depth = 0): Item[] {
  return [{ depth, relationship: node.relationship, valueType: node.valueType, concept: node.concept, ...(node.value !== null ? { value: node.value } : {}) }, ...node.children.flatMap((c) => flatten(c, depth + 1))];
}

describe('getStructuredReport', () => {
  it.each(SR_FILES)('%s: the same tree as dsrdump, item by item', async (file) => {
    const expected = dsrdumpItems(file);
    const report = await service.api.getStructuredReport({ instanceId: instanceIdOf(file) });
    const items = flatten(report.root);
    expect(items.length).toBe(expected.length);
    items.forEach((item, i) => {
      const want = expected[i]!;
      expect({ depth: item.depth, relationship: item.relationship, valueType: item.valueType, concept: item.concept }, `item ${i}`).toEqual({
        depth: want.depth,
        relationship: want.relationship,
        valueType: want.valueType,
        concept: want.concept,
      });
      // dsrdump shortens long texts with "..."; the values it prints whole must be ours exactly.
      if (want.value !== undefined && !want.value.endsWith('...') && !/\\[rn]/.test(want.value)) expect(item.value, `item ${i}`).toBe(want.value);
    });
    expect(report.title).toBe(expected[0]!.concept);
  });

  it('reads a measurement with its unit, and a finding by its code meaning', async () => {
    const id = instanceIdOf(SR_FILES[0]!);
    const items = flatten((await service.api.getStructuredReport({ instanceId: id })).root);
    expect(items).toContainEqual({ depth: 3, relationship: 'CONTAINS', valueType: 'NUM', concept: 'Area of defined region', value: '1.7 cm2' });
    expect(items).toContainEqual({ depth: 3, relationship: 'CONTAINS', valueType: 'CODE', concept: 'Finding', value: 'Spinal cord' });
  });

  it('answers an image, or an unknown instance, with a reason (through the contract, as the hosts call it)', async () => {
    await expect(dispatch(service.api, 'getStructuredReport', { instanceId: ctInstance })).rejects.toThrow(/cannot read the structured report: not an SR document/);
    await expect(dispatch(service.api, 'getStructuredReport', { instanceId: 999_999 })).rejects.toThrow('no instance with id 999999');
    await expect(dispatch(service.api, 'getStructuredReport', { instanceId: -1 })).rejects.toThrow(/invalid input/);
  });
});
