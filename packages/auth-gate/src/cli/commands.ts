import type { ApiKeyInfo } from '../scalekit/api-key-record.js';
import { credentialsFromEnv } from '../core/credentials.js';
import { AuthGateError } from '../core/errors.js';
import { emptyMetrics } from '../core/metrics.js';
import { ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { connectSharedAccount } from '../operator/connect-shared.js';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Checks an environment before publishing: credentials, connections, and accounts of identifiers. */
export async function doctor(options: { require: string[]; identifiers: string[] }, io: CommandIo): Promise<number> {
  const credentials = credentialsFromEnv();
  const gateway = new ScalekitGateway(credentials, emptyMetrics());
  io.out(`Scalekit environment: ${credentials.envUrl}`);
  const connections = await gateway.listConnections();
  io.out(`Credentials: valid (client ${credentials.clientId})`);
  io.out(
    `Connections (${connections.length}): ${connections.map((c) => `${c.name} [${c.provider}, ${c.type}]`).join(', ') || 'none'}`,
  );
  let problems = 0;
  for (const name of options.require) {
    if (!connections.some((c) => c.name === name)) {
      problems += 1;
      io.err(
        `Missing connection "${name}": create it in the Scalekit dashboard (AgentKit > Connections) with exactly this name.`,
      );
    }
  }
  for (const identifier of options.identifiers) {
    const accounts = await gateway.listAccounts(identifier);
    if (accounts.length === 0) io.out(`Accounts of "${identifier}": none`);
    for (const account of accounts) {
      io.out(`Account ${account.connection} / ${identifier}: ${account.status}`);
      if (account.status !== 'ACTIVE') problems += 1;
    }
  }
  io.out(problems === 0 ? 'All checks passed.' : `${problems} problem(s) found.`);
  return problems === 0 ? 0 : 1;
}

/**
 * Connects a shared connector once, as the operator: serves the consent page and waits. The page
 * connects whoever presses its button, so it listens on this machine only by default.
 */
export async function connectShared(
  options: { connection: string; identifier: string; port: number; host?: string; timeoutSecs: number },
  io: CommandIo,
): Promise<number> {
  const { accountId } = await connectSharedAccount({
    ...options,
    onPageReady: (pageUrl) =>
      io.out(`Open ${pageUrl} in a browser to connect ${options.connection} as "${options.identifier}".`),
    runtime: { print: (line) => io.out(line) },
  });
  io.out(`Connected: ${options.connection} / ${options.identifier} is ACTIVE (account ${accountId}).`);
  return 0;
}

export async function disconnect(options: { connection: string; identifier: string }, io: CommandIo): Promise<number> {
  const gateway = new ScalekitGateway(credentialsFromEnv(), emptyMetrics());
  const deleted = await gateway.deleteAccount(options.connection, options.identifier);
  io.out(
    deleted
      ? `Deleted ${options.connection} / ${options.identifier}.`
      : `No ${options.connection} account for "${options.identifier}".`,
  );
  return 0;
}

function gatewayFromEnv(): ScalekitGateway {
  return new ScalekitGateway(credentialsFromEnv(), emptyMetrics());
}

/** `k=v` pairs of `--claim`; a message for the first malformed one. */
export function parseClaims(pairs: readonly string[]): Record<string, string> | string {
  const claims: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) return `--claim must be key=value, got "${pair}"`;
    claims[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return claims;
}

function scopeOf(info: ApiKeyInfo): string {
  return info.userId
    ? `organization ${info.organizationId}, user ${info.userId}`
    : `organization ${info.organizationId} (organization key)`;
}

export interface CreateKeyOptions {
  organizationId: string;
  userId: string | undefined;
  claims: Record<string, string>;
  expiresInSecs: number | undefined;
  description: string | undefined;
}

/** Creates a key and prints it this once; nothing else (logs, lists) ever shows it again. */
export async function createKey(options: CreateKeyOptions, io: CommandIo): Promise<number> {
  const expiresAt =
    options.expiresInSecs === undefined ? undefined : new Date(Date.now() + options.expiresInSecs * 1000);
  const { key, info } = await gatewayFromEnv().createApiKey(options.organizationId, {
    userId: options.userId,
    claims: options.claims,
    expiresAt,
    description: options.description,
  });
  io.out(
    `Created API key ${info.tokenId} for ${scopeOf(info)}; ${info.expiresAt ? `expires ${info.expiresAt.toISOString()}` : 'does not expire'}.`,
  );
  io.out('Store it now in a secret store: it is shown only this once and cannot be retrieved later.');
  io.out('');
  io.out(`  ${key}`);
  io.out('');
  io.out(`Revoke it with: auth-gate keys revoke ${info.tokenId}`);
  return 0;
}

function keyLine(info: ApiKeyInfo): string {
  const claims = Object.entries(info.claims)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return [
    info.tokenId,
    info.userId ? `user ${info.userId}` : 'organization',
    `…${info.suffix}`,
    `created ${info.createdAt?.toISOString() ?? '?'}`,
    info.expiresAt ? `expires ${info.expiresAt.toISOString()}` : 'no expiry',
    ...(claims ? [`claims ${claims}`] : []),
    ...(info.description ? [JSON.stringify(info.description)] : []),
  ].join('  ');
}

/** Lists an organization's active keys (metadata and the last characters only, never a key). */
export async function listKeys(
  options: { organizationId: string; userId: string | undefined },
  io: CommandIo,
): Promise<number> {
  const gateway = gatewayFromEnv();
  let pageToken: string | undefined;
  let count = 0;
  do {
    const page = await gateway.listApiKeys(options.organizationId, {
      pageSize: 30,
      ...(options.userId ? { userId: options.userId } : {}),
      ...(pageToken ? { pageToken } : {}),
    });
    for (const info of page.keys) io.out(keyLine(info));
    count += page.keys.length;
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  const whose = `${options.organizationId}${options.userId ? ` / user ${options.userId}` : ''}`;
  io.out(count === 0 ? `No active API keys for ${whose}.` : `${count} active API key(s) for ${whose}.`);
  return 0;
}

/** Revokes by token id (preferred: a key on a command line lands in shell history) or by key. */
export async function revokeKey(keyOrTokenId: string, io: CommandIo): Promise<number> {
  const label = keyOrTokenId.startsWith('apit_') ? keyOrTokenId : `the key ending in …${keyOrTokenId.slice(-4)}`;
  if (!(await gatewayFromEnv().revokeApiKey(keyOrTokenId))) {
    io.err(
      `Scalekit knows no API key ${keyOrTokenId.startsWith('apit_') ? `with id ${keyOrTokenId}` : 'with that value'}; nothing was revoked.`,
    );
    return 1;
  }
  io.out(`Revoked ${label}: it is refused from now on (revoking it again is harmless).`);
  return 0;
}

/** Known failures print their message (never a stack or a secret); anything else is re-thrown. */
export function reportCliError(error: unknown, io: CommandIo): number {
  if (error instanceof AuthGateError) {
    io.err(error.message);
    return 1;
  }
  throw error;
}
