import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The controls the extension puts into the webmail act only on the user's own input (src/ui/from-user.ts): the
    // page's scripts can reach them through the open shadow roots.
    files: [
      'src/page/**/*.tsx',
      'src/ui/message-toolbar.tsx',
      'src/ui/selection-bar.tsx',
      'src/ui/header-report/**/*.tsx',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "JSXOpeningElement[name.name=/^[a-z]/] > JSXAttribute[name.name=/^on[A-Z]/] > JSXExpressionContainer > :not(CallExpression[callee.name='fromUser'])",
          message: 'Wrap the handler of an in-page control in fromUser(…), so a script in the page cannot trigger it.',
        },
      ],
    },
  },
  {
    // Command-line tools and the replica talk to the person running them.
    files: ['scripts/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
