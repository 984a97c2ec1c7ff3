import { Actor } from 'apify';

/**
 * The run's input as the caller sent it, for the Actor's own checks. `Actor.getInput()` fills in
 * the input schema's defaults by spreading the input into an object, which turns an array into
 * `{ "0": ..., ...defaults }` and hides that it was not an object at all; so only an object goes
 * through it (for the defaults and the decryption of secret fields), anything else is returned as
 * it is, for the Actor to refuse with a clear message before any account is touched.
 */
export async function readActorInput(): Promise<unknown> {
  const raw: unknown = await Actor.getValue(Actor.config.get('inputKey'));
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw) || Buffer.isBuffer(raw))
    return raw;
  return Actor.getInput();
}
