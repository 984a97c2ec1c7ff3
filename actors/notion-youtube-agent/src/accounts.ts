// The connected accounts this Actor uses, shared by normal runs (live-view consent) and the
// Standby API (API keys): the user's own Notion and the operator's shared YouTube account.

import { perUser, shared, type ConnectorSpec } from '@repo/auth-gate';

export type Connectors = 'notion' | 'youtube';

/** Set by the operator in the Actor's environment; Store users and API callers cannot change it. */
export const YOUTUBE_IDENTIFIER_VARIABLE = 'YOUTUBE_SHARED_IDENTIFIER';
export const DEFAULT_YOUTUBE_IDENTIFIER = 'shared-youtube';
/** Notion's published average for one integration. */
const NOTION_REQUESTS_PER_SECOND = 3;

export function connectorSpecs(env: Readonly<Record<string, string | undefined>>): Record<Connectors, ConnectorSpec> {
  return {
    notion: perUser({ label: 'Notion', requestsPerSecond: NOTION_REQUESTS_PER_SECOND }),
    youtube: shared(env[YOUTUBE_IDENTIFIER_VARIABLE]?.trim() || DEFAULT_YOUTUBE_IDENTIFIER, { label: 'YouTube' }),
  };
}
