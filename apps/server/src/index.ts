export { startServer, type RunningServer, type StartOptions } from './server.js';
export { createApp, type AppOptions } from './app.js';
export { readEnv, envSchema, EnvError, bodyLimitBytes, settingWarnings, type Env } from './env.js';
export { createLogger, REDACTED_PATHS } from './logger.js';
export { createJobs, AUDIT_QUEUE, type Jobs } from './jobs.js';
export { hashPassword, SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER } from './auth.js';
export { OIDC_STATE_COOKIE } from './oidc/routes.js';
export { seedDemoIfEmpty, DEMO_ORG, type DemoAccount } from './demo.js';
export { loadServerPlugins, BUILT_IN_PLUGINS } from './plugins.js';
