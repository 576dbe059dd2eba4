/**
 * The part of dcmjs the exporters use: reading a Part-10 file into its dict form and writing a dict back.
 * dcmjs ships no type declarations.
 */
declare module 'dcmjs' {
  interface DcmjsElement {
    vr: string;
    Value?: unknown[];
  }
  type DcmjsDict = Record<string, DcmjsElement>;
  class DicomDict {
    constructor(meta: DcmjsDict);
    meta: DcmjsDict;
    dict: DcmjsDict;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }
  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict };
    };
  };
  export default dcmjs;
}
