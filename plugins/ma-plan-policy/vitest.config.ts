import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  test: { name: 'plugin-ma-plan-policy' },
});
