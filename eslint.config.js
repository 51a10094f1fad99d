import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // Only channels/, server/, bot/, handlers/ and app.ts speak botbuilder; the rest works with our own types.
    files: ['services/**/*.ts', 'documents/**/*.ts', 'render/**/*.ts', 'commands/**/*.ts', 'state/**/*.ts', 'config/**/*.ts', 'logging/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder*', 'botframework-*'], message: 'Only channels/, server/, bot/, handlers/ and app.ts import botbuilder.' }] },
      ],
    },
  },
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
          selector: 'Literal[value=/^(msteams|slack|emulator|webchat|directline)$/i]',
          message: 'Channel-specific code belongs in that channel\'s folder under channels/.',
        },
      ],
    },
  },
);
