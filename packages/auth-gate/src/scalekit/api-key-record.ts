import type { Token } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/tokens/tokens_pb.js';
import type { CreateTokenOptions } from '@scalekit-sdk/node/lib/token.js';

/** An API key's metadata as Scalekit returns it. Never the key itself (only its last characters). */
export interface ApiKeyInfo {
  /** `apit_…`: the key's public handle (list, revoke); not a secret and never accepted as a key. */
  tokenId: string;
  organizationId: string;
  /** Set for user-scoped keys. */
  userId: string | undefined;
  claims: Record<string, string>;
  description: string | undefined;
  /** The key's last characters, so a person can tell keys apart. */
  suffix: string;
  createdAt: Date | undefined;
  expiresAt: Date | undefined;
}

type Timestamp = NonNullable<CreateTokenOptions['expiry']>;

// auth-gate does not depend on @bufbuild/protobuf, so Timestamps are converted by hand.
function dateOf(timestamp: { seconds: bigint; nanos: number } | undefined): Date | undefined {
  if (!timestamp) return undefined;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}

export function timestampOf(date: Date): Timestamp {
  const ms = date.getTime();
  return {
    $typeName: 'google.protobuf.Timestamp',
    seconds: BigInt(Math.floor(ms / 1000)),
    nanos: (ms % 1000) * 1_000_000,
  };
}

export function apiKeyInfo(token: Token): ApiKeyInfo {
  return {
    tokenId: token.tokenId,
    organizationId: token.organizationId,
    userId: token.userId || undefined,
    claims: { ...token.customClaims },
    description: token.description || undefined,
    suffix: token.tokenSuffix,
    createdAt: dateOf(token.createdAt),
    expiresAt: dateOf(token.expiry),
  };
}
