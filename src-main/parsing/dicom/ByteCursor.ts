import type { DataSetEncoding } from './transferSyntax';

/** Bounds-checked little/big-endian reads over the file bytes, shared by the element walker and the probe. */
export class ByteCursor {
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  u16(pos: number, littleEndian: boolean): number {
    return this.view.getUint16(pos, littleEndian);
  }

  u32(pos: number, littleEndian: boolean): number {
    return this.view.getUint32(pos, littleEndian);
  }

  /** Two ASCII characters, as an explicit VR. */
  vr(pos: number): string {
    return String.fromCharCode(this.bytes[pos] ?? 0, this.bytes[pos + 1] ?? 0);
  }

  ascii(pos: number, length: number): string {
    let s = '';
    for (let i = pos; i < pos + length && i < this.bytes.length; i++) s += String.fromCharCode(this.bytes[i] ?? 0);
    return s;
  }

  /** (group, element) of the tag at `pos` in the given byte order. */
  tag(pos: number, enc: DataSetEncoding): [number, number] {
    return [this.u16(pos, enc.littleEndian), this.u16(pos + 2, enc.littleEndian)];
  }

  allZero(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.bytes[i] !== 0) return false;
    return true;
  }
}
