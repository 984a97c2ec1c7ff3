// Claude through the real SDK, for both normal runs and Standby tasks. ANTHROPIC_BASE_URL points
// it elsewhere (the emulator's scripted Messages API in tests and offline demos).

import Anthropic from '@anthropic-ai/sdk';
import type { CallModel } from './agent/index.js';

/** The SDK's own retries of a failed model call; failure messages mention them. */
export const ANTHROPIC_MAX_RETRIES = 2;

export function anthropicCallModel(apiKey: string, env: Readonly<Record<string, string | undefined>>): CallModel {
  const client = new Anthropic({
    apiKey,
    baseURL: env['ANTHROPIC_BASE_URL'] || undefined,
    maxRetries: ANTHROPIC_MAX_RETRIES,
  });
  return (request) => client.messages.create(request);
}
