import { timingSafeEqual } from 'node:crypto';
import { secretToken } from '../ids.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export type TokenGrant =
  | { ok: true; body: { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string } }
  | { ok: false; status: 400 | 401; body: { error: string; error_description: string } };

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The environment's client-credentials grant: issues expiring bearer tokens for the one API client
 * the emulator knows, and checks them on every gRPC and proxy call.
 */
export class ClientCredentialsIssuer {
  readonly #tokens = new Map<string, number>();

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly ttlSeconds: number,
  ) {}

  grant(form: URLSearchParams): TokenGrant {
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        ok: false,
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
      };
    }
    const id = form.get('client_id') ?? '';
    const secret = form.get('client_secret') ?? '';
    if (id !== this.credentials.clientId || !sameSecret(secret, this.credentials.clientSecret)) {
      return {
        ok: false,
        status: 401,
        body: { error: 'invalid_client', error_description: 'invalid client credentials' },
      };
    }
    const token = secretToken('skat_');
    this.#tokens.set(token, Date.now() + this.ttlSeconds * 1000);
    return {
      ok: true,
      body: { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope: 'openid profile' },
    };
  }

  /** True when the `Authorization` header carries a live token of this environment. */
  isAuthorized(authorizationHeader: string | null | undefined): boolean {
    const match = /^Bearer (\S+)$/i.exec(authorizationHeader ?? '');
    if (!match?.[1]) return false;
    const expiresAt = this.#tokens.get(match[1]);
    if (expiresAt === undefined) return false;
    if (expiresAt <= Date.now()) {
      this.#tokens.delete(match[1]);
      return false;
    }
    return true;
  }

  /** Ends every issued token at once, so the next call must re-authenticate (fault injection). */
  expireAll(): number {
    const count = this.#tokens.size;
    this.#tokens.clear();
    return count;
  }
}
