/**
 * Text with ISO 2022 code extensions, checked against the worked examples of DICOM PS3.5 (Annex H:
 * Japanese, Annex I: Korean, Annex J: Chinese) — bytes and expected names as the standard prints them.
 */
import { describe, expect, it } from 'vitest';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { readHeaderInfo } from '../../../src-main/parsing/dicom/readHeaderInfo';
import { iso2022Decoder, usesCodeExtensions } from '../../../src-main/parsing/dicom/iso2022Text';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { el, minimalImage, part10 } from './craftDicom';

const ESC = 0x1b;
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** ESC $ B (JIS X 0208), ESC ( B (ASCII), ESC ( J (JIS X 0201 Romaji), ESC $ ) C (KS X 1001), ESC $ ) A (GB 2312). */
const TO_0208 = [ESC, 0x24, 0x42];
const TO_ASCII = [ESC, 0x28, 0x42];
const TO_ROMAJI = [ESC, 0x28, 0x4a];
const TO_KSX1001 = [ESC, 0x24, 0x29, 0x43];
const TO_GB2312 = [ESC, 0x24, 0x29, 0x41];

const decode = (charset: string, bytes: number[]) => iso2022Decoder(charset.split('\\')).decode(Uint8Array.from(bytes));

describe('ISO 2022 text (PS3.5 Annexes H, I, J)', () => {
  it('H.3.1: Japanese kanji and hiragana under "\\ISO 2022 IR 87"', () => {
    const bytes = [
      ...ascii('Yamada^Tarou='),
      ...TO_0208, 0x3b, 0x33, 0x45, 0x44, ...TO_ASCII, ...ascii('^'), ...TO_0208, 0x42, 0x40, 0x4f, 0x3a, ...TO_ASCII,
      ...ascii('='),
      ...TO_0208, 0x24, 0x64, 0x24, 0x5e, 0x24, 0x40, ...TO_ASCII, ...ascii('^'), ...TO_0208, 0x24, 0x3f, 0x24, 0x6d, 0x24, 0x26, ...TO_ASCII,
    ];
    expect(decode('\\ISO 2022 IR 87', bytes)).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
  });

  it('H.3.2: half-width katakana in G1 under "ISO 2022 IR 13\\ISO 2022 IR 87"', () => {
    const bytes = [
      0xd4, 0xcf, 0xc0, 0xde, ...ascii('^'), 0xc0, 0xdb, 0xb3, ...ascii('='),
      ...TO_0208, 0x3b, 0x33, 0x45, 0x44, ...TO_ROMAJI, ...ascii('^'), ...TO_0208, 0x42, 0x40, 0x4f, 0x3a, ...TO_ROMAJI,
      ...ascii('='),
      ...TO_0208, 0x24, 0x64, 0x24, 0x5e, 0x24, 0x40, ...TO_ROMAJI, ...ascii('^'), ...TO_0208, 0x24, 0x3f, 0x24, 0x6d, 0x24, 0x26, ...TO_ROMAJI,
    ];
    expect(decode('ISO 2022 IR 13\\ISO 2022 IR 87', bytes)).toBe('ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう');
  });

  it('I.2: Korean hanja and hangul under "\\ISO 2022 IR 149", with no escape sequence left in the text', () => {
    const bytes = [
      ...ascii('Hong^Gildong='),
      ...TO_KSX1001, 0xfb, 0xf3, ...ascii('^'), ...TO_KSX1001, 0xd1, 0xce, 0xd4, 0xd7, ...ascii('='),
      ...TO_KSX1001, 0xc8, 0xab, ...ascii('^'), ...TO_KSX1001, 0xb1, 0xe6, 0xb5, 0xbf,
    ];
    expect(decode('\\ISO 2022 IR 149', bytes)).toBe('Hong^Gildong=洪^吉洞=홍^길동');
  });

  it('J: Chinese (GB 2312) under "\\ISO 2022 IR 58"', () => {
    const bytes = [...ascii('Zhang^XiaoDong='), ...TO_GB2312, 0xd5, 0xc5, ...ascii('^'), ...TO_GB2312, 0xd0, 0xa1, 0xb6, 0xab, ...ascii('=')];
    expect(decode('\\ISO 2022 IR 58', bytes)).toBe('Zhang^XiaoDong=张^小东=');
  });

  it('reads a Latin-1 upper half named by "ISO 2022 IR 100", and leaves plain ASCII alone', () => {
    expect(decode('ISO 2022 IR 100', [...ascii('M'), 0xfc, ...ascii('ller^J'), 0xf6, ...ascii('rg')])).toBe('Müller^Jörg');
    expect(decode('', ascii('Doe^John'))).toBe('Doe^John');
  });

  it('says which Specific Character Sets need it', () => {
    expect(usesCodeExtensions(['', 'ISO 2022 IR 149'])).toBe(true);
    expect(usesCodeExtensions(['ISO_IR 192'])).toBe(false);
    expect(usesCodeExtensions([''])).toBe(false);
  });

  it('gives the store the decoded name of a Korean file', () => {
    const name = [...ascii('Hong^Gildong='), ...TO_KSX1001, 0xfb, 0xf3, ...ascii('^'), ...TO_KSX1001, 0xd1, 0xce, 0xd4, 0xd7];
    if (name.length % 2) name.push(0x20);
    const bytes = part10([...el(0x0008, 0x0005, 'CS', '\\ISO 2022 IR 149'), ...minimalImage(el(0x0010, 0x0010, 'PN', name))]);
    const read = readDicom(bytes, DEFAULT_LIMITS);
    const header = readHeaderInfo(read.dataSet, bytes, []);
    expect(header.patient.name).toBe('Hong^Gildong=洪^吉洞');
  });
});
