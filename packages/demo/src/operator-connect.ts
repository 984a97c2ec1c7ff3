import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The operator connects the shared YouTube account once, with the auth-gate CLI, exactly as the
 * README tells an operator to. `consent` plays the operator's browser (or waits for a person).
 */
export function connectSharedWithCli(options: {
  env: Record<string, string>;
  connection: string;
  identifier: string;
  consent: (pageUrl: string) => Promise<void>;
}): Promise<void> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@repo/auth-gate')), 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'connect', options.connection, '--shared', options.identifier, '--port', '0', '--timeout', '600'], {
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+) in a browser/.exec(chunk.toString());
      if (match?.[1]) options.consent(match[1]).catch(reject);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`auth-gate connect failed (${code}): ${output.trim()}`))));
  });
}
