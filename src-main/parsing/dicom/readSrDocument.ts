/**
 * A DICOM Structured Report's content tree (PS3.3 C.17.3, SR Document Content) as plain data for the
 * reader: each content item's relationship to its parent, value type, concept name and value in words
 * (`NUM` "12.5 mm", `CODE` "Mass", `TEXT` as written, an image reference by SOP Instance UID). The SR is
 * untrusted input like any imported file: this runs in a parse worker on a data set readDicom has
 * already bounded (lengths, sequence depth), and the tree is capped at MAX_NODES items.
 */
import type { DataSet } from 'dicom-parser';
// One content item and its children, as the contract sends it (the reply needs no mapping).
import type { SrNode } from '../../contract/schemas';
import { decoderFor, readText, type DicomTextDecoder } from './decodeText';

export interface SrDocument {
  /** The root container's concept name: the document title ("Imaging Measurement Report"). */
  title: string | null;
  completion: string | null;
  verification: string | null;
  root: SrNode;
  /** Items left out because the tree was over MAX_NODES. */
  omitted: number;
}

/** Enough for any report a reader would go through; a tree beyond it is cut and says so. */
export const MAX_NODES = 5000;

const TAG = {
  valueType: 'x0040a040',
  relationshipType: 'x0040a010',
  conceptName: 'x0040a043',
  contentSequence: 'x0040a730',
  textValue: 'x0040a160',
  conceptCode: 'x0040a168',
  codeMeaning: 'x00080104',
  codeValue: 'x00080100',
  measuredValues: 'x0040a300',
  numericValue: 'x0040a30a',
  units: 'x004008ea',
  date: 'x0040a121',
  time: 'x0040a122',
  dateTime: 'x0040a120',
  personName: 'x0040a123',
  uid: 'x0040a124',
  referencedSop: 'x00081199',
  referencedSopInstance: 'x00081155',
  graphicType: 'x00700023',
  graphicData: 'x00700022',
  referencedItem: 'x0040db73',
  completion: 'x0040a491',
  verification: 'x0040a493',
} as const;

export class SrReadError extends Error {}

export function readSrDocument(dataSet: DataSet): SrDocument {
  const decoder = decoderFor(dataSet);
  const valueType = readText(dataSet, TAG.valueType, decoder);
  if (valueType !== 'CONTAINER') {
    throw new SrReadError(valueType ? `not an SR document: its root is a ${valueType}, not a CONTAINER` : 'not an SR document: no content tree (Value Type (0040,A040) missing)');
  }
  const budget = { left: MAX_NODES, omitted: 0 };
  const root = readItem(dataSet, decoder, budget, true);
  return {
    title: root.concept,
    completion: readText(dataSet, TAG.completion, decoder) ?? null,
    verification: readText(dataSet, TAG.verification, decoder) ?? null,
    root,
    omitted: budget.omitted,
  };
}

function readItem(item: DataSet, decoder: DicomTextDecoder, budget: { left: number; omitted: number }, isRoot = false): SrNode {
  budget.left--;
  const text = (tag: string, ds: DataSet = item) => readText(ds, tag, decoder) ?? null;
  const valueType = text(TAG.valueType) ?? (item.elements[TAG.referencedItem] ? 'BY-REFERENCE' : 'UNKNOWN');
  const children: SrNode[] = [];
  for (const child of sequenceItems(item, TAG.contentSequence)) {
    if (budget.left <= 0) {
      budget.omitted++;
      continue;
    }
    children.push(readItem(child, decoder, budget));
  }
  return {
    relationship: isRoot ? null : text(TAG.relationshipType),
    valueType,
    concept: codeMeaning(sequenceItems(item, TAG.conceptName)[0], decoder),
    value: valueOf(item, valueType, decoder),
    children,
  };
}

function valueOf(item: DataSet, valueType: string, decoder: DicomTextDecoder): string | null {
  const text = (tag: string, ds: DataSet = item) => readText(ds, tag, decoder) ?? null;
  switch (valueType) {
    case 'TEXT':
      return text(TAG.textValue);
    case 'CODE':
      return codeMeaning(sequenceItems(item, TAG.conceptCode)[0], decoder);
    case 'NUM': {
      const measured = sequenceItems(item, TAG.measuredValues)[0];
      if (!measured) return null;
      const value = text(TAG.numericValue, measured);
      const unit = sequenceItems(measured, TAG.units)[0];
      // UCUM's code value is the unit as written ("mm", "cm2"); "1" means no unit.
      const symbol = unit ? (text(TAG.codeValue, unit) ?? codeMeaning(unit, decoder)) : null;
      return value === null ? null : symbol && symbol !== '1' ? `${value} ${symbol}` : value;
    }
    case 'DATE':
      return text(TAG.date);
    case 'TIME':
      return text(TAG.time);
    case 'DATETIME':
      return text(TAG.dateTime);
    case 'PNAME':
      return text(TAG.personName);
    case 'UIDREF':
      return text(TAG.uid);
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const ref = sequenceItems(item, TAG.referencedSop)[0];
      const uid = ref ? text(TAG.referencedSopInstance, ref) : null;
      return uid ? `${valueType.toLowerCase()} ${uid}` : null;
    }
    case 'SCOORD':
    case 'SCOORD3D': {
      const shape = text(TAG.graphicType);
      const data = item.elements[TAG.graphicData];
      const numbers = data ? Math.floor(data.length / 4) : 0; // FL values
      const points = Math.floor(numbers / (valueType === 'SCOORD3D' ? 3 : 2));
      return shape ? `${shape}, ${points} point${points === 1 ? '' : 's'}` : null;
    }
    case 'BY-REFERENCE': {
      const el = item.elements[TAG.referencedItem];
      if (!el) return null;
      const path = Array.from({ length: Math.floor(el.length / 4) }, (_, i) => item.uint32(TAG.referencedItem, i));
      return `see item ${path.join('.')}`;
    }
    default:
      return null;
  }
}

function codeMeaning(code: DataSet | undefined, decoder: DicomTextDecoder): string | null {
  return code ? (readText(code, TAG.codeMeaning, decoder) ?? null) : null;
}

function sequenceItems(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).flatMap((i) => (i.dataSet ? [i.dataSet] : []));
}
