/**
 * A text flame summary of a V8 CPU profile (`node --cpu-prof`), for bench/RESULTS.md:
 *   tsx bench/lib/cpu-profile.ts <file.cpuprofile> [--top 25]
 * Prints the top frames by self time, and self time per package (node_modules/<pkg>, the repo's own
 * folders, node: internals), as shares of the samples taken while not idle, leaving out the profiler's
 * own work (bench/lib/cpu-profiler.mjs stopping and writing a profile).
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/lib/cpu-profile.ts <file.cpuprofile> [--top 25]');
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex === -1 ? 25 : Number(process.argv[topIndex + 1]);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** Where a frame comes from: a package, a folder of the repository, or node's internals. */
function origin(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(libs\/[^/]+|services\/[^/]+|gateway)\//.exec(url);
  return own ? own[1] : url.replace(/^file:\/\//, '');
}

const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
/** Frames of the profiler itself (bench/lib/cpu-profiler.mjs writing a snapshot): not the process's work. */
const profilerOwn = new Map<number, boolean>();
function isProfilerOwn(id: number): boolean {
  let own = profilerOwn.get(id);
  if (own === undefined) {
    const node = byId.get(id);
    const parent = parentOf.get(id);
    own =
      !!node?.callFrame.url.endsWith('cpu-profiler.mjs') || (parent !== undefined && isProfilerOwn(parent));
    profilerOwn.set(id, own);
  }
  return own;
}

const selfByFrame = new Map<string, number>();
const selfByOrigin = new Map<string, number>();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const us = profile.timeDeltas[i] ?? 0;
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)' || isProfilerOwn(node.id)) continue;
  busy += us;
  const short = url
    .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^file:\/\/.*?\/(libs|services|gateway)\//, '$1/');
  const frame = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
  selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + us);
  const o = origin(url) === '(native)' ? functionName : origin(url);
  selfByOrigin.set(o, (selfByOrigin.get(o) ?? 0) + us);
}

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
console.log(`busy ${Math.round(busy / 1000)} ms of samples`);
console.log('\nself time by origin:');
for (const [o, us] of [...selfByOrigin].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`${pct(us)}  ${o}`);
console.log(`\ntop ${TOP} frames by self time:`);
for (const [f, us] of [...selfByFrame].sort((a, b) => b[1] - a[1]).slice(0, TOP))
  console.log(`${pct(us)}  ${f}`);
