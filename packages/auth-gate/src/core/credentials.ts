import { MissingCredentialsError } from './errors.js';

export interface ScalekitCredentials {
  envUrl: string;
  clientId: string;
  clientSecret: string;
}

export const CREDENTIAL_VARIABLES = ['SCALEKIT_ENV_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'] as const;

/** Reads the three SCALEKIT_* variables; all missing ones are named in one error. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): ScalekitCredentials {
  const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new MissingCredentialsError([...missing]);
  const envUrl = env['SCALEKIT_ENV_URL']!.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(envUrl)) {
    throw new MissingCredentialsError([
      `SCALEKIT_ENV_URL (a full URL such as https://yourenv.scalekit.dev, got "${envUrl}")`,
    ]);
  }
  return { envUrl, clientId: env['SCALEKIT_CLIENT_ID']!.trim(), clientSecret: env['SCALEKIT_CLIENT_SECRET']!.trim() };
}
