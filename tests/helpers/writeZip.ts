/**
 * Writes ZIP archives for tests with python3's zipfile — a writer independent of the yauzl reader under
 * test — including the odd entries a hostile or damaged archive has: duplicate names, symbolic links, the
 * encryption flag, and deflate data damaged at its first byte.
 */
import { spawnSync } from 'node:child_process';

export interface ZipEntrySpec {
  /** Name inside the archive. */
  name: string;
  /** The entry's bytes: a file's contents, or a text. */
  file?: string;
  text?: string;
  /** Makes the entry a symbolic link to this target. */
  symlinkTo?: string;
  /** Sets the "encrypted" flag (the data stays plain: a reader must not try to use it). */
  encrypted?: boolean;
  /** Damages the deflate stream: its first byte becomes 0xFF, a block of the reserved type 3. */
  damaged?: boolean;
}

const SCRIPT = String.raw`
import json, struct, sys, warnings, zipfile
warnings.simplefilter('ignore')  # duplicate names are wanted here
spec = json.load(sys.stdin)
damaged = []
encrypted = []
with zipfile.ZipFile(spec['zip'], 'w', zipfile.ZIP_DEFLATED) as z:
    for e in spec['entries']:
        info = zipfile.ZipInfo(e['name'], date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        if 'symlinkTo' in e:
            info.external_attr = 0o120777 << 16
            data = e['symlinkTo'].encode()
        elif 'file' in e:
            data = open(e['file'], 'rb').read()
        else:
            data = e.get('text', '').encode()
        z.writestr(info, data)
        if e.get('damaged'):
            damaged.append(info)
        if e.get('encrypted'):
            encrypted.append(info)
with open(spec['zip'], 'r+b') as f:
    raw = bytearray(f.read())
for info in damaged:
    name_len, extra_len = struct.unpack_from('<HH', raw, info.header_offset + 26)
    raw[info.header_offset + 30 + name_len + extra_len] = 0xFF
# zipfile clears flags it does not set itself, so the encryption bit is set in the written bytes: in the
# local header and in the entry's central-directory record (which readers trust).
for info in encrypted:
    raw[info.header_offset + 6] |= 0x1
    at = raw.find(b'PK\x01\x02')
    while at >= 0:
        name_len = struct.unpack_from('<H', raw, at + 28)[0]
        if struct.unpack_from('<I', raw, at + 42)[0] == info.header_offset:
            raw[at + 8] |= 0x1
        at = raw.find(b'PK\x01\x02', at + 46 + name_len)
with open(spec['zip'], 'wb') as f:
    f.write(raw)
`;

export function writeZip(zipPath: string, entries: ZipEntrySpec[]): void {
  const r = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify({ zip: zipPath, entries }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 zipfile failed: ${r.stderr}`);
}
