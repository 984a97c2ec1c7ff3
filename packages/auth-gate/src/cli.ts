#!/usr/bin/env node
import { parseArgs } from 'node:util';
import {
  connectShared,
  createKey,
  disconnect,
  doctor,
  listKeys,
  parseClaims,
  reportCliError,
  revokeKey,
  type CommandIo,
} from './cli/commands.js';

const USAGE = `auth-gate: operator commands for the Scalekit environment behind these Actors.
Reads SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET.

  auth-gate doctor [--require notion,gmail,youtube] [--identifier <id> ...]
      check the credentials, the connections, and the accounts of identifiers
  auth-gate connect <connection> --shared <identifier> [--port 4321] [--host 127.0.0.1] [--timeout 600]
      connect a shared account once (opens a local consent page and waits); the page listens on
      127.0.0.1 only: --host 0.0.0.0 (or an address) exposes it, and whoever presses its button connects
      the account, so do that only on a network you trust. Finish in the browser that pressed Connect.
  auth-gate disconnect <connection> --identifier <identifier>
      delete a connected account
  auth-gate keys create --org <org_id> [--user <user id>] [--claim k=v ...] [--expires-in <secs>] [--description <text>]
      create an API key for Standby callers; it is printed once: store it then
  auth-gate keys list --org <org_id> [--user <user id>]
      list active keys (ids and last characters, never the keys)
  auth-gate keys revoke <token id or key>
      revoke a key at once (prefer the apit_ id: a key typed here lands in shell history)`;

const io: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

interface KeyValues {
  org?: string | undefined;
  user?: string | undefined;
  claim?: string[] | undefined;
  'expires-in'?: string | undefined;
  description?: string | undefined;
}

/** `keys create | list | revoke`: argument checks here, the work in commands.ts. */
function keys([sub, target]: string[], values: KeyValues): Promise<number> | number {
  if (sub === 'revoke') {
    if (!target) return usageError("keys revoke needs the key's token id (apit_…) or the key itself");
    return revokeKey(target, io);
  }
  if (sub !== 'create' && sub !== 'list') return usageError(`keys needs create, list or revoke, got "${sub ?? ''}"`);
  if (!values.org?.trim()) return usageError(`keys ${sub} needs --org <organization id>`);
  if (sub === 'list')
    return listKeys({ organizationId: values.org.trim(), userId: values.user?.trim() || undefined }, io);
  const claims = parseClaims(values.claim ?? []);
  if (typeof claims === 'string') return usageError(claims);
  const expires = values['expires-in'];
  const expiresInSecs = expires === undefined ? undefined : Number(expires);
  if (expiresInSecs !== undefined && !(Number.isInteger(expiresInSecs) && expiresInSecs > 0)) {
    return usageError('--expires-in must be a positive whole number of seconds');
  }
  return createKey(
    {
      organizationId: values.org.trim(),
      userId: values.user?.trim() || undefined,
      claims,
      expiresInSecs,
      description: values.description,
    },
    io,
  );
}

function usageError(message: string): number {
  io.err(message);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      require: { type: 'string' },
      identifier: { type: 'string', multiple: true },
      shared: { type: 'string' },
      port: { type: 'string', default: '4321' },
      host: { type: 'string' },
      org: { type: 'string' },
      user: { type: 'string' },
      claim: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      description: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // An unknown option or a value that looks like one (`--expires-in -5`) is a usage error.
    return usageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, connection] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'doctor':
      return doctor(
        {
          require: values.require
            ? values.require
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : [],
          identifiers: values.identifier ?? [],
        },
        io,
      );
    case 'connect': {
      const port = Number(values.port);
      const timeoutSecs = Number(values.timeout);
      if (!connection || !values.shared) {
        io.err(
          'connect needs a connection name and --shared <identifier>, e.g. auth-gate connect youtube --shared shared-youtube',
        );
        return 2;
      }
      if (!Number.isInteger(port) || port < 0 || port > 65535 || !(timeoutSecs > 0)) {
        io.err('--port must be 0-65535 and --timeout a positive number of seconds');
        return 2;
      }
      if (values.host !== undefined && values.host.trim() === '') {
        io.err('--host needs an address to listen on, e.g. --host 127.0.0.1 (the default) or --host 0.0.0.0');
        return 2;
      }
      return connectShared(
        {
          connection,
          identifier: values.shared,
          port,
          timeoutSecs,
          ...(values.host ? { host: values.host.trim() } : {}),
        },
        io,
      );
    }
    case 'disconnect':
      if (!connection || values.identifier?.length !== 1) {
        io.err('disconnect needs a connection name and one --identifier <id>');
        return 2;
      }
      return disconnect({ connection, identifier: values.identifier[0]! }, io);
    case 'keys':
      return keys(positionals.slice(1), values);
    default:
      io.err(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  try {
    process.exitCode = reportCliError(error, io);
  } catch {
    io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  }
}
