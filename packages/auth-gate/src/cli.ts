#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { connectShared, disconnect, doctor, reportCliError, type CommandIo } from './cli/commands.js';

const USAGE = `auth-gate: operator commands for the Scalekit environment behind these Actors.
Reads SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET.

  auth-gate doctor [--require notion,gmail,youtube] [--identifier <id> ...]
      check the credentials, the connections, and the accounts of identifiers
  auth-gate connect <connection> --shared <identifier> [--port 4321] [--timeout 600]
      connect a shared account once (opens a local consent page and waits)
  auth-gate disconnect <connection> --identifier <identifier>
      delete a connected account`;

const io: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      require: { type: 'string' },
      identifier: { type: 'string', multiple: true },
      shared: { type: 'string' },
      port: { type: 'string', default: '4321' },
      timeout: { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, connection] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'doctor':
      return doctor(
        { require: values.require ? values.require.split(',').map((s) => s.trim()).filter(Boolean) : [], identifiers: values.identifier ?? [] },
        io,
      );
    case 'connect': {
      const port = Number(values.port);
      const timeoutSecs = Number(values.timeout);
      if (!connection || !values.shared) {
        io.err('connect needs a connection name and --shared <identifier>, e.g. auth-gate connect youtube --shared shared-youtube');
        return 2;
      }
      if (!Number.isInteger(port) || port < 0 || port > 65535 || !(timeoutSecs > 0)) {
        io.err('--port must be 0-65535 and --timeout a positive number of seconds');
        return 2;
      }
      return connectShared({ connection, identifier: values.shared, port, timeoutSecs }, io);
    }
    case 'disconnect':
      if (!connection || values.identifier?.length !== 1) {
        io.err('disconnect needs a connection name and one --identifier <id>');
        return 2;
      }
      return disconnect({ connection, identifier: values.identifier[0]! }, io);
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
