import { createAuthGate, perUser, type ActorRuntime } from '@repo/auth-gate';
import { detachedRuntime } from '@repo/auth-gate/operator';
import { startEmulator } from '@repo/scalekit-emulator';
import { percentile, type Figure } from '../figures.js';
import { approveConsent } from '@repo/actor-runner';

/** A gate outside any run, as one user (off the platform the user id comes from AUTH_GATE_USER_ID). */
function runtimeFor(userId: string): ActorRuntime {
  return detachedRuntime({ env: { AUTH_GATE_USER_ID: userId } });
}

const TOOL_CALLS = 20;
const CONSENTS = 20;

/** Round trips on the warm path, and how fast a run resumes after the verify callback. */
export async function authBench(): Promise<Figure[]> {
  const emulator = await startEmulator({
    connections: [
      { name: 'alpha', provider: 'ALPHA', auth: 'OAUTH' },
      { name: 'beta', provider: 'BETA', auth: 'OAUTH' },
    ],
  });
  const credentials = { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  const connectors = { alpha: perUser(), beta: perUser() };
  try {
    // First run: consent for both (not measured), so the second run is warm.
    const first = await createAuthGate({
      connectors,
      page: { port: 0 },
      credentials,
      runtime: runtimeFor('bench-user'),
    });
    const connecting = first.connect(['alpha', 'beta']);
    await approveConsent(first.pageUrl, 'alpha');
    await approveConsent(first.pageUrl, 'beta');
    await connecting;
    await first.close();

    await emulator.admin.resetCalls();
    const warm = await createAuthGate({
      connectors,
      page: { port: 0 },
      credentials,
      runtime: runtimeFor('bench-user'),
    });
    const { alpha, beta } = await warm.connect(['alpha', 'beta']);
    for (let i = 0; i < TOOL_CALLS; i += 1)
      await (i % 2 === 0 ? alpha : beta).tool(i % 2 === 0 ? 'alpha_echo' : 'beta_echo', { i });
    await warm.close();
    const roundTrips = warm.metrics().scalekitRoundTrips;
    const wire = (await emulator.admin.calls()).filter((c) => c.kind !== 'token' && c.kind !== 'consent');
    const rejected = wire.filter((c) => c.status === 'unauthenticated').length;

    // Consent resume: verify callback -> connect() resolved, over several consents.
    const resume: number[] = [];
    for (let i = 0; i < CONSENTS; i += 1) {
      const gate = await createAuthGate({
        connectors: { alpha: perUser() },
        page: { port: 0 },
        credentials,
        runtime: runtimeFor(`consent-${i}`),
      });
      const waiting = gate.connect(['alpha']);
      await approveConsent(gate.pageUrl, 'alpha');
      await waiting;
      resume.push(...gate.metrics().consentResumeMs);
      await gate.close();
    }
    const minimum = 2 + TOOL_CALLS;
    return [
      {
        name: 'auth.round_trips_warm',
        value: roundTrips,
        unit: '',
        kind: 'max',
        bound: minimum,
        note: `Scalekit calls by auth-gate: 2 connectors, ${TOOL_CALLS} tool calls, warm`,
      },
      {
        name: 'auth.round_trips_minimum',
        value: minimum,
        unit: '',
        kind: 'ref',
        bound: undefined,
        note: '2 lookups + one execution per tool call',
      },
      {
        name: 'auth.wire_calls_warm',
        value: wire.length,
        unit: '',
        kind: 'ref',
        bound: minimum + 1,
        note: `as the emulator saw them, ${rejected} of them refused before the SDK fetched its token`,
      },
      {
        name: 'auth.consent_resume_ms_p95',
        value: percentile(resume, 95),
        unit: 'ms',
        kind: 'max',
        bound: 200,
        note: `verify request arrives -> connect() resumes, p95 of ${resume.length}; 5 s polling averages ~2500 ms`,
      },
    ];
  } finally {
    await emulator.close();
  }
}
