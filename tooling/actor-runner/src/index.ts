export {
  startLocalRun,
  readRecord,
  readDataset,
  waitForAuthorizePhase,
  approveConsent,
  type LocalRun,
  type LocalRunOptions,
  type LocalRunResult,
} from './local-run.js';
export { connectSharedAccount } from './operator-connect.js';
export { migrateAfterStep, type MigratedRun } from './migration.js';
export { BrowserSession } from './browser-session.js';
export { leaksIn, scanRun, secretsOf, type SecretLeak } from './secret-scan.js';
