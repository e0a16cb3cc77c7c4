import { chronicleConfig } from '@chronicle/eslint-config';

export default [
  ...chronicleConfig({
    pure: [
      'packages/dataset/src/**/*.ts',
      'packages/rules/src/**/*.ts',
      'packages/report/src/sampling/**/*.ts',
      'packages/report/src/what-if/**/*.ts',
    ],
  }),
  {
    // Migrations are frozen in time: they see the database as `Kysely<any>`, never the
    // current table types, so that later schema changes cannot alter what they did.
    files: ['packages/db/src/migrations/**/*.ts', 'packages/db/src/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
