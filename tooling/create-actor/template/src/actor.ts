import { Actor } from 'apify';
import { perUser, runGatedActor } from '@repo/auth-gate';
import { z } from 'zod';

/** The Scalekit connection this actor uses for the user's own account (created in the dashboard). */
const CONNECTION = '__CONNECTOR__';

/** The input, checked in code too (API callers bypass the input schema); a bad field fails the run with one message. */
const inputSchema = z.object({
  query: z.string('must be a text, e.g. "Roadmap"').trim().min(1, 'must not be empty, e.g. "Roadmap"'),
});

/**
 * A minimal actor of this suite: the user's own account through auth-gate (consent once on the
 * Live View page), one Scalekit tool call, the result in the dataset. runGatedActor owns the rest
 * (init, input, the gate, a clean failure, exit). Replace the tool call with the actor's real work.
 */
export async function runActor(): Promise<void> {
  await runGatedActor(
    {
      connectors: { account: perUser({ connection: CONNECTION }) },
      page: { title: '__ACTOR_TITLE__' },
      input: inputSchema,
      connect: ['account'],
    },
    async ({ input, handles: { account } }) => {
      const result = await account.tool(`${CONNECTION}_page_search`, { query: input.query });
      await Actor.pushData({ query: input.query, result: result.data });
      return { summary: `Searched ${CONNECTION} for "${input.query}".` };
    },
  );
}
