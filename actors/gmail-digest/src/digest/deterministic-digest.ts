import { type ParsedMail } from '../mail/index.js';
import { assembleDigest } from './digest-assembly.js';
import { type Digest, type DigestOptions } from './digest-types.js';
import { analyzeMail, createAnalysisContext } from './mail-analysis.js';

export interface DeterministicDigestOptions extends DigestOptions {
  /** Why Claude was not used (no key, API error, invalid answer); shown in the digest. */
  fallbackReason?: string;
}

/**
 * The digest without an LLM: rules classify, rank and summarise every mail extractively.
 * Same input, same output: nothing here reads the clock or the network.
 */
export function buildDeterministicDigest(mails: readonly ParsedMail[], options: DeterministicDigestOptions): Digest {
  const context = createAnalysisContext(mails, options);
  const reason = options.fallbackReason?.trim();
  return assembleDigest(
    mails.map((m) => analyzeMail(m, context)),
    {
      generatedBy: 'deterministic',
      model: null,
      note: reason !== undefined && reason !== '' ? `Claude was not used: ${reason}` : null,
      now: options.now,
      timeZone: options.timeZone,
    },
  );
}
