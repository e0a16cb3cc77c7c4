import { chronicleConfig } from '@chronicle/eslint-config';

export default chronicleConfig({
  pure: ['packages/dataset/src/**/*.ts', 'packages/rules/src/**/*.ts'],
});
