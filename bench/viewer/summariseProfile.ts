/**
 * Totals a Chrome .cpuprofile (as BENCH_PROFILE writes) by self time: per function and per script, so two
 * profiles (app vs plain page) can be compared side by side.
 * Usage: npx tsx bench/viewer/summariseProfile.ts FILE.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: summariseProfile.ts FILE.cpuprofile [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
// timeDeltas[i] is the time before sample i; it is charged to the sample's node (DevTools does the same).
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byScript = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
  const script = url.split('/').at(-1) || '(native)';
  byFunction.set(`${functionName || '(anonymous)'} ${script}:${lineNumber}`, (byFunction.get(`${functionName || '(anonymous)'} ${script}:${lineNumber}`) ?? 0) + us);
  byScript.set(script, (byScript.get(script) ?? 0) + us);
}
const top = Number(topArg ?? 25);
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time by script', byScript);
print('self time by function', byFunction);
