// Flat ESLint config. Besides the recommended rule sets it enforces the project's layer boundaries with
// import zones (after VolView's "featureBoundaries"): the renderer sees only the contract, parsing stays
// free of Electron and the store, and only the Electron shell may import 'electron'.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: "Only src-main/electron/** may import 'electron'." }],
  patterns: [{ group: ['electron/*'], message: "Only src-main/electron/** may import 'electron'." }],
};

// transformers.js keeps ONNX Runtime behind one backend module; so do we (src-main/ml/ort).
const onnxRuntimeOnlyInOrt = {
  paths: [{ name: 'onnxruntime-node', message: 'Only src-main/ml/ort/** may import onnxruntime-node.' }],
  patterns: [{ group: ['onnxruntime-node/*', 'onnxruntime-common'], message: 'Only src-main/ml/ort/** may import ONNX Runtime.' }],
};

const noNodeBuiltins = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: 'Browser code: no Node built-ins.' })),
  patterns: [{ regex: '^node:', message: 'Browser code: no Node built-ins.' }],
};

/** Merges zones: a later config block replaces a rule's options, so each block lists all its zones. */
function restrictImports(...zones) {
  return [
    'error',
    {
      paths: zones.flatMap((zone) => zone.paths ?? []),
      patterns: zones.flatMap((zone) => zone.patterns ?? []),
    },
  ];
}

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'release/', 'node_modules/', 'coverage/', 'test-results/']),

  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // Everything outside the shell: no 'electron' (services, CLI, host and ML code must run in plain Node).
  {
    ignores: ['src-main/electron/**', 'src-main/ml/ort/**'],
    rules: { 'no-restricted-imports': restrictImports(electronOnlyInShell, onnxRuntimeOnlyInOrt) },
  },
  {
    files: ['src-main/ml/ort/**'],
    rules: { 'no-restricted-imports': restrictImports(electronOnlyInShell) },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': restrictImports(onnxRuntimeOnlyInOrt) },
  },

  // The contract is shared by Node and the browser: zod and itself only.
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': restrictImports(electronOnlyInShell, noNodeBuiltins, {
        patterns: [{ regex: '^\\.\\./', message: 'The contract depends on nothing else in src-main.' }],
      }),
    },
  },

  // Pure code both runtimes share (the reward functions the trainer and the review panel score with):
  // browser-safe and free of the rest of the project, so the renderer may import it.
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrictImports(electronOnlyInShell, noNodeBuiltins, {
        patterns: [{ regex: 'src-main/|^(\\.\\./)+src-', message: 'src-shared depends on nothing else in the project.' }],
      }),
    },
  },

  // Renderer: browser code that reaches the back end only through the contract.
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrictImports(electronOnlyInShell, noNodeBuiltins, {
        patterns: [
          {
            regex: 'src-main/(?!contract/)',
            message: 'The renderer may import only src-main/contract/** (use the client) and src-shared/**.',
          },
        ],
      }),
    },
  },

  // Parsing runs on untrusted bytes in a sandboxed worker: no Electron, no store, no shell.
  {
    files: ['src-main/parsing/**'],
    rules: {
      'no-restricted-imports': restrictImports(electronOnlyInShell, onnxRuntimeOnlyInOrt, {
        patterns: [
          {
            regex: '(^(\\.\\./)+|src-main/)(store|electron)(/|$)',
            message: 'Parsing must not import src-main/store or src-main/electron.',
          },
        ],
      }),
    },
  },
]);
