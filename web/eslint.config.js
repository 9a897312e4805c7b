// ESLint for the console and the portal (issue 13 §8): eslint's recommended
// rules and eslint-plugin-vue's "recommended" set for Vue 3 single-file
// components. Run by `npm run lint` and `make check-web`, which allow no
// warning. The layout rules of the Vue set are off: the code keeps its
// compact one-element-per-line templates (STYLE.md), correctness rules stay on.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

export default [
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.{js,mjs,vue}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // Pages are named by their route (Home, Login, Complaint), not used as tags.
      'vue/multi-word-component-names': ['error', { ignores: ['Home', 'Login', 'Complaint'] }],
      // `_` marks an argument kept for its position.
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'vite.config.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
]
