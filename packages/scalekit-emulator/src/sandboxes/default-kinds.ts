import type { SandboxKind } from './sandbox.js';

/** Provider sandboxes served by default; every other provider gets the generic sandbox. */
export const DEFAULT_SANDBOX_KINDS: readonly SandboxKind[] = [];
