import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

// js-yaml is electron-builder's own YAML reader (untyped here), so the test reads the file as it will.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

type PlatformConfig = { target: string[]; files?: string[] };
interface BuilderConfig {
  productName: string;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: PlatformConfig & { category: string };
  win: PlatformConfig;
  mac: PlatformConfig & { hardenedRuntime: boolean; entitlements: string };
}

const config = load(readFileSync('build/electron-builder.yml', 'utf8')) as BuilderConfig;

describe('build/electron-builder.yml', () => {
  it('sets the release fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('unpacks and rebuilds native modules', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/onnxruntime-node/**']),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('ships the bundled model packages unpacked, README included (the manifest pins it)', () => {
    const { files } = config;
    expect(files).toContain('models/**/*');
    // Order matters in electron-builder: the re-include must come after the '!**/*.md' exclusion.
    expect(files.indexOf('models/*/README.md')).toBeGreaterThan(files.indexOf('!**/*.md'));
    expect(config.asarUnpack).toContain('models/**');
  });

  it('ships the two fonts the PDF report embeds and none of the package’s other faces', () => {
    // Matched with electron-builder's own glob matcher (app-builder-lib's minimatch), excludes in order.
    const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
    const { minimatch } = builderRequire('minimatch') as { minimatch(path: string, pattern: string): boolean };
    const excluded = (file: string) => config.files.filter((p) => p.startsWith('!')).some((p) => minimatch(file, p.slice(1)));
    const faces = readdirSync('node_modules/dejavu-fonts-ttf/ttf').map((f) => `node_modules/dejavu-fonts-ttf/ttf/${f}`);
    const kept = faces.filter((f) => !excluded(f)).map((f) => f.split('/').pop()).sort();
    expect(kept).toEqual(['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);
    expect(excluded('node_modules/dejavu-fonts-ttf/LICENSE')).toBe(false); // the licence travels with the fonts
  });

  it('builds the agreed targets into release/', () => {
    expect(config.productName).toBe('QoQ Workstation');
    expect(config.directories.output).toBe('release/');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it.each([
    ['linux', ['win32', 'darwin']],
    ['win', ['linux', 'darwin']],
    ['mac', ['linux', 'win32']],
  ] as const)("%s excludes the other platforms' onnxruntime-node binaries", (platform, others) => {
    expect(config[platform].files).toEqual(
      others.map((os) => `!node_modules/onnxruntime-node/bin/napi-v*/${os}/**`),
    );
  });

  it('has a 512×512 icon', () => {
    const icon = PNG.sync.read(readFileSync('build/icon.png'));
    expect([icon.width, icon.height]).toEqual([512, 512]);
  });
});
