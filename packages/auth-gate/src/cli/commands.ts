import { credentialsFromEnv } from '../config/credentials.js';
import { shared } from '../config/connectors.js';
import { AuthGateError } from '../errors.js';
import { createAuthGate } from '../gate.js';
import { emptyMetrics } from '../metrics.js';
import { ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { consoleRuntime } from './console-runtime.js';

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
  io.out(`Connections (${connections.length}): ${connections.map((c) => `${c.name} [${c.provider}, ${c.type}]`).join(', ') || 'none'}`);
  let problems = 0;
  for (const name of options.require) {
    if (!connections.some((c) => c.name === name)) {
      problems += 1;
      io.err(`Missing connection "${name}": create it in the Scalekit dashboard (AgentKit > Connections) with exactly this name.`);
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

/** Connects a shared connector once, as the operator: serves the consent page and waits. */
export async function connectShared(
  options: { connection: string; identifier: string; port: number; timeoutSecs: number },
  io: CommandIo,
): Promise<number> {
  const gate = await createAuthGate({
    connectors: { [options.connection]: shared(options.identifier) },
    page: { title: `Connect the shared ${options.connection} account`, port: options.port },
    consentTimeoutSecs: options.timeoutSecs,
    runtime: consoleRuntime(options.port),
  });
  try {
    io.out(`Open ${gate.pageUrl} in a browser to connect ${options.connection} as "${options.identifier}".`);
    const handles = await gate.connect([options.connection]);
    io.out(`Connected: ${options.connection} / ${options.identifier} is ACTIVE (account ${handles[options.connection]!.accountId}).`);
    await gate.finish({ summary: `${options.connection} connected.` });
    return 0;
  } finally {
    await gate.close();
  }
}

export async function disconnect(options: { connection: string; identifier: string }, io: CommandIo): Promise<number> {
  const gateway = new ScalekitGateway(credentialsFromEnv(), emptyMetrics());
  const deleted = await gateway.deleteAccount(options.connection, options.identifier);
  io.out(deleted ? `Deleted ${options.connection} / ${options.identifier}.` : `No ${options.connection} account for "${options.identifier}".`);
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
