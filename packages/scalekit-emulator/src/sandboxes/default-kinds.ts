import { gmailSandboxKind } from './gmail/gmail-sandbox.js';
import { notionSandboxKind } from './notion/notion-sandbox.js';
import type { SandboxKind } from './sandbox.js';
import { youtubeSandboxKind } from './youtube/youtube-sandbox.js';

/** Provider sandboxes served by default; every other provider gets the generic sandbox. */
export const DEFAULT_SANDBOX_KINDS: readonly SandboxKind[] = [youtubeSandboxKind, notionSandboxKind, gmailSandboxKind];
