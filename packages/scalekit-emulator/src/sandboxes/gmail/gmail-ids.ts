/**
 * Gmail message ids are 16 hex digits that grow with time (the creation millisecond in the high
 * bits, 20 low bits to tell apart messages of the same millisecond); a thread takes the id of its
 * first message.
 */
export function gmailId(epochMs: number, low20: number): string {
  const value = (BigInt(Math.max(0, Math.floor(epochMs))) << 20n) | BigInt(low20 & 0xfffff);
  return value.toString(16).padStart(16, '0').slice(-16);
}

export function isGmailIdShape(id: string): boolean {
  return /^[0-9a-f]{1,16}$/i.test(id);
}
