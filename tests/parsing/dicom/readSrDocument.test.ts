/**
 * The SR content-tree reader on crafted reports (its agreement with DCMTK's dsrdump on real SR files is
 * tests/services/getStructuredReport.test.ts): the root must be a CONTAINER, and a tree over MAX_NODES
 * items is cut with the count of what was left out.
 */
import { describe, expect, it } from 'vitest';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { MAX_NODES, readSrDocument, SrReadError } from '../../../src-main/parsing/dicom/readSrDocument';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { el, item, part10, sq } from './craftDicom';

const code = (meaning: string) => [...el(0x0008, 0x0100, 'SH', 'X1'), ...el(0x0008, 0x0102, 'SH', '99T'), ...el(0x0008, 0x0104, 'LO', meaning)];
const textItem = (i: number) =>
  item([...el(0x0040, 0xa010, 'CS', 'CONTAINS'), ...el(0x0040, 0xa040, 'CS', 'TEXT'), ...sq(0x0040, 0xa043, [item(code('Note'))]), ...el(0x0040, 0xa160, 'UT', `note ${i}`)]);

function report(children: number[][], valueType = 'CONTAINER') {
  const bytes = part10(
    [
      ...el(0x0008, 0x0016, 'UI', '1.2.840.10008.5.1.4.1.1.88.11'),
      ...el(0x0008, 0x0018, 'UI', '1.2.3.4.6'),
      ...el(0x0040, 0xa040, 'CS', valueType),
      ...sq(0x0040, 0xa043, [item(code('Findings'))]),
      ...el(0x0040, 0xa491, 'CS', 'COMPLETE'),
      ...el(0x0040, 0xa493, 'CS', 'VERIFIED'),
      ...sq(0x0040, 0xa730, children),
    ],
    { sopClass: '1.2.840.10008.5.1.4.1.1.88.11' },
  );
  return readSrDocument(readDicom(bytes, DEFAULT_LIMITS).dataSet);
}

describe('readSrDocument', () => {
  it('reads title, flags and items', () => {
    const doc = report([textItem(1), textItem(2)]);
    expect(doc).toMatchObject({ title: 'Findings', completion: 'COMPLETE', verification: 'VERIFIED', omitted: 0 });
    expect(doc.root.children).toEqual([1, 2].map((i) => ({ relationship: 'CONTAINS', valueType: 'TEXT', concept: 'Note', value: `note ${i}`, children: [] })));
  });

  it('refuses a document whose root is not a CONTAINER', () => {
    expect(() => report([], 'TEXT')).toThrow(new SrReadError('not an SR document: its root is a TEXT, not a CONTAINER'));
  });

  it(`keeps at most ${MAX_NODES} items and counts the rest`, () => {
    const doc = report(Array.from({ length: MAX_NODES + 3 }, (_, i) => textItem(i)));
    // The root is one of the MAX_NODES.
    expect(doc.root.children).toHaveLength(MAX_NODES - 1);
    expect(doc.omitted).toBe(4);
    expect(doc.root.children.at(-1)?.value).toBe(`note ${MAX_NODES - 2}`);
  });
});
