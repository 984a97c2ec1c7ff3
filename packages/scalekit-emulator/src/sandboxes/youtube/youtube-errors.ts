import { ProviderError, type JsonObject } from '../sandbox.js';

/** Google's error domains as YouTube Data API v3 reports them. */
export type ErrorDomain =
  'global' | 'youtube.parameter' | 'youtube.part' | 'youtube.quota' | 'youtube.search' | 'youtube.playlistItem';

/**
 * A failure in Google's JSON error format, `{error:{code, message, errors:[{message, domain, reason}]}}`.
 * The reason doubles as the tool error code, so tool callers and REST callers see the same word.
 */
export function youtubeError(
  status: number,
  reason: string,
  message: string,
  options: { domain?: ErrorDomain; location?: string } = {},
): ProviderError {
  const detail: JsonObject = { message, domain: options.domain ?? 'global', reason };
  if (options.location !== undefined) {
    detail['location'] = options.location;
    detail['locationType'] = 'parameter';
  }
  return new ProviderError(status, reason, message, { body: { error: { code: status, message, errors: [detail] } } });
}

export const requiredParameter = (name: string): ProviderError =>
  youtubeError(400, 'required', `Required parameter: ${name}`, { location: name });

export const unknownPart = (part: string): ProviderError =>
  youtubeError(400, 'unknownPart', part, { domain: 'youtube.part', location: 'part' });

export const invalidValue = (name: string, value: string, expectation: string): ProviderError =>
  youtubeError(400, 'invalidParameter', `Invalid value '${value}' for ${name}. ${expectation}`, { location: name });

export const invalidEnum = (name: string, value: string, allowed: readonly string[]): ProviderError =>
  youtubeError(400, 'invalidParameter', `Invalid string value: '${value}'. Allowed values: [${allowed.join(', ')}]`, {
    location: name,
  });

export const outOfRange = (name: string, value: string, min: number, max: number): ProviderError =>
  youtubeError(400, 'invalidParameter', `Invalid value '${value}'. Values must be within the range: [${min}, ${max}]`, {
    location: name,
  });

export const missingFilter = (expected: readonly string[]): ProviderError =>
  youtubeError(400, 'missingRequiredParameter', `No filter selected. Expected one of: ${expected.join(', ')}`, {
    domain: 'youtube.parameter',
  });

export const incompatibleParameters = (names: readonly string[]): ProviderError =>
  youtubeError(400, 'incompatibleParameters', `Incompatible parameters specified in the request: ${names.join(', ')}`, {
    domain: 'youtube.parameter',
  });

export const invalidPageToken = (): ProviderError =>
  youtubeError(400, 'invalidPageToken', 'The request specifies an invalid page token.', {
    domain: 'youtube.parameter',
    location: 'pageToken',
  });

export const quotaExceeded = (): ProviderError =>
  youtubeError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.', {
    domain: 'youtube.quota',
  });
