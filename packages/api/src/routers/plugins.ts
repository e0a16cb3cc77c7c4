import type { PluginInfo } from '@chronicle/plugin-api/host';
import { procedure, router } from '../trpc.js';

// The server's plugins as its config loaded them: each one's id, version, state (active,
// inactive, refused, failed), what it contributes and its problems. The console's plugins
// page reads this; `chronicle plugins` prints the same for the CLI's config.

export const pluginsRouter = router({
  list: procedure('plugins.read').query(({ ctx }): PluginInfo[] => ctx.plugins?.list() ?? []),
});
