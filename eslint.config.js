import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The rooms: what each top-level folder may import of ours (README, "Layout"). Imports run one way, index.ts ->
 * app.ts -> bots/, server/ -> channels/, dialogs/ -> cards/ -> state/ -> services/ -> config/, logging/, so no two
 * folders import each other. Only bots/, channels/, server/, dialogs/ and app.ts speak botbuilder.
 */
const LAYERS = {
  bots: ['channels', 'dialogs', 'cards', 'state', 'services', 'config', 'logging'],
  server: ['channels', 'dialogs', 'cards', 'state', 'services', 'config', 'logging'],
  channels: ['cards', 'state', 'services', 'config', 'logging'],
  dialogs: ['cards', 'state', 'services', 'config', 'logging'],
  cards: ['state', 'services', 'config', 'logging'],
  state: ['services', 'config', 'logging'],
  services: ['config', 'logging'],
  config: ['logging'],
  logging: [],
};
const SPEAKS_BOTBUILDER = new Set(['bots', 'channels', 'server', 'dialogs']);
const OUR_FOLDERS = [...Object.keys(LAYERS), 'app.js', 'index.js'];

/** One no-restricted-imports block per folder and depth, so `../` counts exactly up to the top level. */
function layerZones() {
  const zones = [];
  for (const [folder, allowed] of Object.entries(LAYERS)) {
    const forbidden = OUR_FOLDERS.filter((name) => name !== folder && !allowed.includes(name));
    for (let depth = 1; depth <= 5; depth++) {
      const up = '\\.\\./'.repeat(depth);
      const patterns = [
        {
          regex: `^${up}(${forbidden.map((name) => name.replace('.', '\\.')).join('|')})(/|$)`,
          message: `${folder}/ may import only ${allowed.length ? allowed.map((name) => name + '/').join(', ') : 'its own files'} of ours (README, "Layout").`,
        },
      ];
      if (!SPEAKS_BOTBUILDER.has(folder)) {
        patterns.push({ group: ['botbuilder*', 'botframework-*'], message: 'Only bots/, channels/, server/, dialogs/ and app.ts import botbuilder.' });
      }
      zones.push({ files: [`${folder}/${'*/'.repeat(depth - 1)}*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } });
    }
  }
  return zones;
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unawaited promises lose errors and turns; these are the bugs that matter in a bot.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only config/ reads the environment.',
        },
      ],
    },
  },
  {
    files: ['config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The try-out page's scripts run in the browser, with the renderers its page loads before them.
    files: ['channels/tryout/page/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'console', 'fetch', 'crypto', 'localStorage', 'navigator', 'EventSource', 'FileReader', 'AdaptiveCards'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // CommonJS that mocha loads before the test process starts (.mocharc.cjs and what it requires).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layerZones(),
  {
    // What differs between channels lives in the channel's own folder (config/ names the variables it reads).
    files: ['**/*.ts'],
    ignores: ['channels/**', 'config/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only config/ reads the environment.',
        },
        {
          selector: 'Literal[value=/^(msteams|slack|emulator|webchat|directline|tryout)$/i]',
          message: 'Channel-specific code belongs in that channel\'s folder under channels/.',
        },
      ],
    },
  },
);
