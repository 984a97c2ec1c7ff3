import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { approveConsent } from './local-run.js';

/**
 * The operator connects a shared account once with the auth-gate CLI, exactly as the READMEs tell
 * an operator to (`auth-gate connect <connection> --shared <identifier>`). `consent` plays the
 * operator's browser on the page the CLI prints; by default it approves at once.
 */
export function connectSharedAccount(options: {
  env: Record<string, string>;
  connection: string;
  identifier: string;
  consent?: (pageUrl: string) => Promise<void>;
  timeoutSecs?: number;
}): Promise<void> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@repo/auth-gate')), 'cli.js');
  const consent = options.consent ?? ((pageUrl: string) => approveConsent(pageUrl, options.connection));
  const args = [cli, 'connect', options.connection, '--shared', options.identifier, '--port', '0', '--timeout', String(options.timeoutSecs ?? 600)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let approval: Promise<void> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+) in a browser/.exec(output);
      if (match?.[1] && !approval) approval = consent(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      void (async () => {
        try {
          await approval;
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (code === 0) resolve();
        else reject(new Error(`auth-gate connect exited with ${code}: ${output.trim()}`));
      })();
    });
  });
}
