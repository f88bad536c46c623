import js from '@eslint/js';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads Nx's cached project graph (.nx/workspace-data) and silently
// skips itself when there is none (fresh clone, CI) or uses stale tags after a project.json edit.
// Refreshing it here keeps plain `eslint .` correct; it is incremental, so cheap when nothing changed.
await createProjectGraphAsync({ exitOnError: true });

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// Libs are imported only through their public entry; Nx already rejects relative imports into
// another project, this also rejects climbing out of a project's src/ (into its root or beyond).
const deepImport = {
  // A lib's test helpers have their own entry (`@switchboard/<lib>/testing`), kept out of production code.
  regex: '^@switchboard/[^/]+/(?!testing$)',
  message: 'Import a lib only through its public entry (@switchboard/<lib>), never a deep path.',
};
const restrictImports = (levels) => [
  'error',
  {
    patterns: [
      deepImport,
      {
        regex: `^(\\.\\./){${levels},}`,
        message: 'Relative import climbs out of src/: export it from the lib entry and import @switchboard/<lib>.',
      },
    ],
  },
];
// A file d folders below src/ leaves src/ with d + 1 "../" segments.
const srcDepthOverrides = Array.from({ length: 8 }, (_, depth) => ({
  files: ['{apps,libs}/*/src/', 'libs/channels/*/src/'].map((root) => `${root}${'*/'.repeat(depth)}*.ts`),
  rules: { 'no-restricted-imports': restrictImports(depth + 1) },
}));

export default defineConfig(
  {
    // Mirrors .gitignore plus generated protobuf code and the vendored Kafka broker.
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/data/',
      '**/coverage/',
      '.nx/',
      '.runtime/',
      'test-results/',
      'infra/**',
      'libs/contracts/src/gen/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // Plain JS config files (jest.config.js, this file): no type information.
  {
    files: JS_FILES,
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  // All TypeScript is type-checked through the root tsconfig.json (projectService).
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // In-memory adapters and test doubles implement async ports without awaiting anything;
      // forgotten awaits are caught by no-floating-promises instead.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],

      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:channel', onlyDependOnLibsWithTags: ['scope:channel', 'scope:shared'] },
            { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The agent API is the admin edge of every module, the channels' admin use-cases included.
            {
              sourceTag: 'scope:edge',
              onlyDependOnLibsWithTags: ['scope:edge', 'scope:core', 'scope:channel', 'scope:shared'],
            },
            // apps/standalone runs every service in one process, so it composes every scope.
            {
              sourceTag: 'scope:all',
              onlyDependOnLibsWithTags: ['scope:edge', 'scope:core', 'scope:channel', 'scope:shared'],
            },
            // Layers order the libs: each depends only on the layers below it (base is the shared libs).
            { sourceTag: 'layer:base', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'layer:channel', onlyDependOnLibsWithTags: ['layer:channel', 'layer:base'] },
            { sourceTag: 'layer:infra', onlyDependOnLibsWithTags: ['layer:infra', 'layer:base'] },
            {
              sourceTag: 'layer:ticketing',
              onlyDependOnLibsWithTags: ['layer:ticketing', 'layer:infra', 'layer:base'],
            },
            {
              sourceTag: 'layer:routing',
              onlyDependOnLibsWithTags: ['layer:routing', 'layer:ticketing', 'layer:infra', 'layer:base'],
            },
            {
              sourceTag: 'layer:edge',
              onlyDependOnLibsWithTags: [
                'layer:edge',
                'layer:routing',
                'layer:ticketing',
                'layer:infra',
                'layer:channel',
                'layer:base',
              ],
            },
          ],
        },
      ],

      'no-restricted-imports': restrictImports(3),
    },
  },

  ...srcDepthOverrides,

  // Must stay last: turns off formatting rules that Prettier owns.
  prettier,
);
