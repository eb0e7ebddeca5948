// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Typed rules load TypeScript as a library, which is why the project pins typescript@6 (TS 7 has no JS API).
export default tseslint.config(
  { ignores: ["node_modules/", "reports/", ".stryker-tmp/", ".cronstorm/", "harness/fixtures/next-app/.next*/", "dist/", "harness/package/scratch-app/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Interface methods (fault start/heal) are async by contract even when one implementation needs no await.
      "@typescript-eslint/require-await": "off",
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  // The Next.js fixture is JavaScript (a .ts file there makes Next write a tsconfig into the repo).
  { files: ["harness/fixtures/next-app/**/*.{js,mjs}"], ...tseslint.configs.disableTypeChecked },
  // The published bin is plain JavaScript (it registers the TypeScript loader before anything else loads).
  { files: ["bin/**/*.js"], ...tseslint.configs.disableTypeChecked, languageOptions: { parserOptions: { projectService: false }, globals: { process: "readonly" } } },
);
