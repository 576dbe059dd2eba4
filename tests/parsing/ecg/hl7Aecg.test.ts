import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleEcgXml } from '../../../src-main/parsing/ecg/handleEcgXml';
import { readHl7Aecg, readHl7AecgDetailed } from '../../../src-main/parsing/ecg/readHl7Aecg';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const aecg = (name: string): Uint8Array => new Uint8Array(readFileSync(sharedData('ecg', 'hl7-aecg', name)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Digits of the first SLIST_PQ following a lead code, pulled out of the raw text with a regex. */
function rawDigits(xml: string, leadCode: string): number[] {
  const at = xml.indexOf(`code="${leadCode}"`);
  const m = /<digits>([^<]*)<\/digits>/.exec(xml.slice(at));
  return m![1]!.trim().split(/\s+/).map(Number);
}

describe('readHl7Aecg', () => {
  it('decodes the HL7 ballot example rhythm series: 12 leads × 5000 samples at 500 Hz', () => {
    const bytes = aecg('Example_aECG.xml');
    const { record: r, warnings, documentId } = readHl7AecgDetailed(bytes, DEFAULT_LIMITS);
    expect(r.summary).toMatchObject({ format: 'hl7-aecg', samplingRateHz: 500, samplesPerLead: 5000, durationS: 10 });
    expect(r.summary.leads).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'III', 'aVR', 'aVL', 'aVF']);
    expect(r.summary.filterInfo).toBe('low-pass 150 Hz; high-pass (FIR); notch (Adaptive) 60 Hz');
    expect(r.patient).toEqual({ patientId: 'SBJ-123', name: 'Clark', sex: 'M', birthDate: '19530508' });
    expect(r.acquisitionDateTime).toBe('2002-11-22T09:10:00.000');
    expect(documentId).toBe('61d1a24f-b47e-41aa-ae95-f8ac302f4eeb');
    expect(warnings).toEqual([]);
    // Every sample = origin 0 + digit × scale 2.5 uV, digits read from the raw text (rhythm, not the beats).
    const xml = new TextDecoder().decode(bytes);
    for (const [code, name] of [
      ['MDC_ECG_LEAD_I', 'I'],
      ['MDC_ECG_LEAD_AVF', 'aVF'],
      ['MDC_ECG_LEAD_V6', 'V6'],
    ] as const) {
      const digits = rawDigits(xml, code);
      expect(digits).toHaveLength(5000);
      const lead = r.leads.find((l) => l.name === name)!;
      expect(Array.from(lead.samplesUv)).toEqual(digits.map((d) => d * 2.5));
    }
  });

  it('reads the minimal aECG (1 lead, 13 samples) and the one without a UUID', () => {
    for (const name of ['minimum_aecg.xml', 'minimum_aecg_nouuid.xml']) {
      const { record: r, documentId } = readHl7AecgDetailed(aecg(name), DEFAULT_LIMITS);
      expect(r.summary.leads).toEqual(['II']);
      expect(r.summary.samplesPerLead).toBe(13);
      expect(Array.from(r.leads[0]!.samplesUv)).toEqual([-2, -2, -2, -2, -3, -4, -3, -5, -5, -4, -6, -9, -9].map((d) => d * 2.5));
      expect(documentId === undefined).toBe(name.includes('nouuid'));
    }
  });

  it('derives III, aVR, aVL, aVF from I and II only when the file omits them, with a warning', () => {
    const doc = `<?xml version="1.0"?>
<AnnotatedECG xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <component><series><code code="RHYTHM"/><component><sequenceSet>
  <component><sequence><code code="TIME_RELATIVE"/><value xsi:type="GLIST_PQ"><head value="0" unit="s"/><increment value="4" unit="ms"/></value></sequence></component>
  <component><sequence><code code="MDC_ECG_LEAD_I"/><value xsi:type="SLIST_PQ"><origin value="0.1" unit="mV"/><scale value="1" unit="uV"/><digits>0 100 -50</digits></value></sequence></component>
  <component><sequence><code code="MDC_ECG_LEAD_II"/><value xsi:type="SLIST_PQ"><origin value="0" unit="uV"/><scale value="0.01" unit="mV"/><digits>10 -20 5</digits></value></sequence></component>
  <component><sequence><code code="MDC_ECG_LEAD_AVR"/><value xsi:type="SLIST_PQ"><origin value="0" unit="uV"/><scale value="1" unit="uV"/><digits>7 7 7</digits></value></sequence></component>
 </sequenceSet></component></series></component>
</AnnotatedECG>`;
    const { record: r, warnings } = readHl7AecgDetailed(enc(doc), DEFAULT_LIMITS);
    expect(r.summary.samplingRateHz).toBe(250);
    const get = (n: string): number[] => Array.from(r.leads.find((l) => l.name === n)!.samplesUv);
    const I = [100, 200, 50]; // 0.1 mV origin + digit × 1 uV
    const II = [100, -200, 50]; // digit × 0.01 mV
    expect(get('I')).toEqual(I);
    expect(get('II')).toEqual(II);
    expect(get('aVR')).toEqual([7, 7, 7]); // present in the file: kept, not recomputed
    expect(get('III')).toEqual([0, -400, 0]); // II − I
    expect(get('aVL')).toEqual([50, 300, 25]); // I − II/2
    expect(get('aVF')).toEqual([50, -300, 25]); // II − I/2
    expect(r.summary.leads).toEqual(['I', 'II', 'aVR', 'III', 'aVL', 'aVF']);
    expect(warnings).toEqual(['leads III, aVL, aVF absent from the file: derived from I and II']);
  });

  it('refuses billion-laughs and XXE documents quickly, before any expansion', async () => {
    const lol = [`<!ENTITY lol "lol">`];
    for (let k = 1; k < 10; k++) lol.push(`<!ENTITY lol${k} "${`&lol${k === 1 ? '' : k - 1};`.repeat(10)}">`);
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE AnnotatedECG [\n${lol.join('\n')}\n]>\n<AnnotatedECG xmlns="urn:hl7-org:v3"><id root="&lol9;"/></AnnotatedECG>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE AnnotatedECG [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><AnnotatedECG xmlns="urn:hl7-org:v3"><id root="&xxe;"/></AnnotatedECG>`;
    for (const doc of [laughs, xxe]) {
      const t0 = performance.now();
      expect(() => readHl7Aecg(enc(doc), DEFAULT_LIMITS)).toThrow(/DOCTYPE with entities/);
      const o = await handleEcgXml({ path: '/media/evil.xml', bytes: enc(doc) }, DEFAULT_LIMITS);
      expect(o).toMatchObject({ status: 'rejected' });
      expect((o as { reason: string }).reason).toMatch(/entity expansion risk/);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });

  it('handleEcgXml parses aECG into an ecg object and skips other XML', async () => {
    const bytes = aecg('Example_aECG.xml');
    const o = await handleEcgXml({ path: '/x/Example_aECG.xml', bytes }, DEFAULT_LIMITS);
    expect(o).toMatchObject({
      status: 'parsed',
      object: {
        kind: 'ecg',
        domain: 'ecg',
        recordId: '61d1a24f-b47e-41aa-ae95-f8ac302f4eeb',
        patient: { patientId: 'SBJ-123', name: 'Clark', sex: 'M', birthDate: '19530508' },
        study: { studyDate: '20021122', studyTime: '091000' },
        waveform: { format: 'hl7-aecg', samplesPerLead: 5000 },
      },
    });
    expect(await handleEcgXml({ path: '/x/a.xml', bytes: enc('<?xml version="1.0"?><svg/>') }, DEFAULT_LIMITS)).toBe('skip');
    expect(await handleEcgXml({ path: '/x/a.txt', bytes: enc('hello') }, DEFAULT_LIMITS)).toBe('skip');
    const broken = await handleEcgXml({ path: '/x/b.xml', bytes: enc('<AnnotatedECG><component>') }, DEFAULT_LIMITS);
    expect(broken).toMatchObject({ status: 'rejected' });
    // A real file cut inside a tag: the reason says the XML is malformed, not the parser's internals alone.
    const text = Buffer.from(bytes).toString('utf8');
    const cut = await handleEcgXml({ path: '/x/cut.xml', bytes: enc(text.slice(0, text.indexOf('<component>', 2000) + 5)) }, DEFAULT_LIMITS);
    expect(cut).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^HL7 aECG cut\.xml: malformed XML \(.+\)$/) });
    const tooBig = await handleEcgXml({ path: '/x/Example.xml', bytes }, { ...DEFAULT_LIMITS, maxTextBytes: 1000 });
    expect((tooBig as { reason: string }).reason).toMatch(/maxTextBytes/);
  });
});
