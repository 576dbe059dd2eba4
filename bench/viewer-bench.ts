/**
 * npm run bench:viewer — how long the workstation takes to show a series and its MPR, and what memory it
 * keeps, next to a plain cornerstone3D page measured in the same run (the ratio ≈ the UI's overhead).
 *
 * Datasets: the 28-slice CT and the 40-slice MR of ../shared/data, and a 512 × 512 × 300 CT generated
 * into a temp folder (BENCH_CT_SLICES / BENCH_CT_SIZE change it). All three are imported into one temp
 * store served by the loopback browser host over the BUILT renderer (out/renderer).
 * Baseline: bench/viewer/plain, bundled with Vite into a temp folder and served by a tiny loopback
 * server with the same headers and the same /files/instances/<id> route (same store lookup).
 * Per dataset, BENCH_RUNS (default 3) runs per side, each in a fresh Chromium; sides alternate.
 * Timings (page clock, see bench/viewer/probe.ts): first image = click on the study (app) or call of
 * openStack (plain) → first frame in the stack viewport; MPR ready = click on MPR (app) or call of
 * openMpr (plain) → every slice in the volume and all three planes drawn. Memory: bench/viewer/memory.ts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import type { Instance } from '../src-main/contract/schemas';
import { startBrowserHost } from '../src-main/host/browserHost';
import { createWorkstationService } from '../src-main/services/createWorkstationService';
import { displayableInstances, orderBySlicePosition } from '../src-shared/hangingProtocol/sliceOrder';
import { ensureRendererBuilt, rendererDir } from '../tests/e2e/ensureRendererBuilt';
import { sharedDataDir } from '../tests/helpers/sharedData';
import { generateCtSeries } from './viewer/generateCtSeries';
import { buildPlainPage, servePlainPage } from './viewer/plainPage';
import { printReport, type DatasetResult } from './viewer/report';
import { runApp, runPlain, type RunResult, type ViewportSizes } from './viewer/runs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CT_SIZE = Number(process.env.BENCH_CT_SIZE ?? 512);
const CT_SLICES = Number(process.env.BENCH_CT_SLICES ?? 300);
/** BENCH_ONLY=text: measure only the datasets whose name contains it (e.g. "generated", "MR"). */
const ONLY = process.env.BENCH_ONLY;

interface Dataset {
  name: string;
  source: string;
}

const datasets: Dataset[] = [
  { name: 'CT 28 slices (phantom head, 5 mm)', source: path.join(sharedDataDir, 'ct', 'series_philips_ingenuity_phantom_brain5mm') },
  { name: 'MR 40 slices (Toshiba DTI ortho)', source: path.join(sharedDataDir, 'mr', 'series_toshiba_galan_dti_ortho_vol1') },
];

/** Bits per stored voxel, from the first slice's header (the volume's voxel bytes use it). */
function bitsAllocated(filePath: string): number {
  const ds = dicomParser.parseDicom(readFileSync(filePath), { untilTag: 'x7fe00010' });
  return ds.uint16('x00280100') ?? 16;
}

const started = new Date();
ensureRendererBuilt();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-viewer-'));
try {
  const t0 = performance.now();
  const generated = generateCtSeries(path.join(tmp, 'ct-generated'), { size: CT_SIZE, slices: CT_SLICES });
  datasets.push({ name: `CT ${CT_SIZE}×${CT_SIZE}×${CT_SLICES} (generated)`, source: generated.dir });
  console.log(`generated ${CT_SLICES} slices of ${CT_SIZE}² in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const service = createWorkstationService({ dataDir: path.join(tmp, 'store'), actor: 'bench', workers: 1 });
  // One import per folder: its report names the study the folder became.
  const studyIds: number[] = [];
  for (const d of datasets) {
    const report = await service.api.importPaths({ paths: [d.source] });
    if (report.rejected.length > 0 || report.studyIds.length !== 1) throw new Error(`${d.name}: unexpected import ${JSON.stringify(report)}`);
    studyIds.push(report.studyIds[0] as number);
  }
  // A private copy of the built renderer: other work on this checkout may rebuild out/ mid-benchmark,
  // and every run must see the same bundle.
  const rendererCopy = path.join(tmp, 'renderer');
  cpSync(rendererDir, rendererCopy, { recursive: true });
  const host = await startBrowserHost({ service, rendererDir: rendererCopy });
  await buildPlainPage(path.join(tmp, 'plain'));
  const plain = await servePlainPage(path.join(tmp, 'plain'), (id) => service.getInstancePath(id));
  const bundle = readdirSync(path.join(rendererCopy, 'assets')).find((f) => /^index-.*\.js$/.test(f));
  console.log(`app bundle: out/renderer/assets/${bundle}`);
  console.log(`store and plain page ready; ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);

  const results: DatasetResult[] = [];
  for (const [n, dataset] of datasets.entries()) {
    if (ONLY && !dataset.name.includes(ONLY)) continue;
    // The first displayable series is the one the app opens (each dataset is one series).
    const detail = await service.api.getStudy({ studyId: studyIds[n] as number });
    const series = detail.series.find((x) => displayableInstances(x.instances).length > 0);
    if (!series) throw new Error(`${dataset.name}: no image series`);
    const study = {
      patientName: detail.study.patientName ?? detail.study.patientId,
      instances: orderBySlicePosition(displayableInstances(series.instances)),
    };
    const first = study.instances[0] as Instance;
    const bytesPerVoxel = bitsAllocated(service.getInstancePath(first.id) as string) / 8;
    const voxelBytes = (first.rows ?? 0) * (first.columns ?? 0) * study.instances.length * bytesPerVoxel;
    const imageIds = study.instances.map((i) => `wadouri:${plain.origin}/files/instances/${i.id}`);

    const app: RunResult[] = [];
    const base: RunResult[] = [];
    let sizes: ViewportSizes | null = null;
    for (let run = 0; run < RUNS; run++) {
      // Alternate which side goes first, so a noisy moment on this shared machine hits both alike. The
      // app goes first in run 0: the plain page copies the viewport sizes it lays out.
      const order = run % 2 === 0 ? (['app', 'plain'] as const) : (['plain', 'app'] as const);
      for (const side of order) {
        if (side === 'app') {
          const r = await runApp(host.launchUrl, study.patientName);
          sizes ??= r.sizes;
          app.push(r);
        } else {
          if (!sizes) throw new Error('viewport sizes unknown');
          base.push(await runPlain(plain.origin, imageIds, sizes));
        }
        const last = side === 'app' ? app.at(-1) : base.at(-1);
        console.log(
          `  ${dataset.name} run ${run + 1} ${side.padEnd(5)}: first image ${last?.firstImageMs.toFixed(0)} ms, MPR ready ${last?.mprReadyMs.toFixed(0)} ms`,
        );
      }
    }
    results.push({
      name: dataset.name,
      dims: `${first.columns}×${first.rows}×${study.instances.length}, ${bytesPerVoxel * 8}-bit`,
      voxelBytes,
      sizes: sizes as ViewportSizes,
      app,
      plain: base,
    });
  }
  await plain.close();
  await host.close();
  await service.close();
  printReport(results, { started, runs: RUNS, loadAverage: os.loadavg()[0] ?? 0 });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
