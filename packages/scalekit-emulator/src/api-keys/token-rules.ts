import { invalidArgument } from '../grpc/errors.js';

// The limits come from the buf.validate rules embedded in the SDK's tokens_pb descriptors
// (CreateToken.custom_claims, description; ListTokensRequest.organization_id, page_size).
export const MAX_CLAIMS = 20;
const MAX_CLAIM_KEY = 30;
const MAX_CLAIM_VALUE = 256;
const MAX_DESCRIPTION = 255;
const MAX_ORGANIZATION_ID = 32;
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 30;

/**
 * Scalekit requires an existing organization. The emulator has no organizations, so it accepts any
 * id shaped like one (`org_…`, at most 32 characters: ListTokens' own rule), on create as on list.
 */
export function checkOrganizationId(value: string | undefined, field: string): string {
  if (!value) throw invalidArgument('organization_id is required', field);
  if (!value.startsWith('org_') || value.length > MAX_ORGANIZATION_ID) {
    throw invalidArgument(
      `organization_id must start with "org_" and have at most ${MAX_ORGANIZATION_ID} characters`,
      field,
    );
  }
  return value;
}

export function checkClaims(claims: Record<string, string>, field: string): void {
  const entries = Object.entries(claims);
  if (entries.length > MAX_CLAIMS) throw invalidArgument(`custom_claims accepts at most ${MAX_CLAIMS} entries`, field);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > MAX_CLAIM_KEY) {
      throw invalidArgument(`custom claim keys must have 1 to ${MAX_CLAIM_KEY} characters`, field);
    }
    if (value.length < 1 || value.length > MAX_CLAIM_VALUE) {
      throw invalidArgument(`custom claim values must have 1 to ${MAX_CLAIM_VALUE} characters`, field);
    }
  }
}

export function checkDescription(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_DESCRIPTION)
    throw invalidArgument(`description must have at most ${MAX_DESCRIPTION} characters`, field);
  return value;
}

export function checkPageSize(value: number): number {
  if (value < 0 || value > MAX_PAGE_SIZE)
    throw invalidArgument(`page_size must be from 0 to ${MAX_PAGE_SIZE}`, 'page_size');
  return value === 0 ? DEFAULT_PAGE_SIZE : value;
}
