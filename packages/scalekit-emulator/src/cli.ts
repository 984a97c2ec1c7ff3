#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';
import { StateFileError } from './persistence/state-format.js';

const USAGE = `Usage: scalekit-emulator [--port 8787] [--host 127.0.0.1] [--seed 1] [--client-secret <secret>] [--state <file>]

Starts a local Scalekit AgentKit emulator and prints the SCALEKIT_* variables to export.
--state <file> keeps connections, accounts (with their credentials: the file is mode 0600) and
sandbox contents across restarts; delete the file to start afresh.`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: process.env['EMULATOR_PORT'] ?? '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: '1' },
        'client-secret': { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    process.exit(2);
  }
  if (!Number.isInteger(seed)) {
    console.error(`--seed must be an integer, got "${values.seed}"`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    seed,
    clientSecret: values['client-secret'] ?? 'emulator-secret',
    ...(values.state === undefined ? {} : { persistPath: values.state }),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof StateFileError) {
      console.error(error.message);
      process.exit(1);
    }
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is in use. Start with --port 0 (any free port) or another port.`);
      process.exit(1);
    }
    throw error;
  });
  console.log(`Scalekit emulator listening on ${emulator.envUrl}

Export these to point @scalekit-sdk/node (and every actor here) at it:

export SCALEKIT_ENV_URL=${emulator.envUrl}
export SCALEKIT_CLIENT_ID=${emulator.clientId}
export SCALEKIT_CLIENT_SECRET=${emulator.clientSecret}

Web UI:    ${emulator.envUrl}/  (accounts, calls, sandbox contents)
Admin API: ${emulator.adminUrl}/accounts  (calls, counters, faults: see the package README)${
    values.state === undefined
      ? ''
      : `
State:     ${values.state} (restored at start, saved on changes and on exit)`
  }
Press Ctrl-C to stop.`);
  const stop = (): void => {
    void emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        // Closing also saves the --state file; say so plainly if that failed.
        console.error(`Stopped, but could not save the state: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
