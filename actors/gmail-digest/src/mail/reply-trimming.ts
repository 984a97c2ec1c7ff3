/**
 * Reply trimming: a reply usually carries the whole conversation below the new text. These
 * patterns mark where the quoted history or the signature begins.
 */

// "On Mon, 2 Dec 2024 at 09:15, Anna <anna@example.com> wrote:" and its German, French and
// Spanish counterparts from Gmail, Apple Mail and Thunderbird.
// German puts the name after the verb: "Am ... schrieb Anna <anna@example.de>:".
const ATTRIBUTION_END = /(?:\bwrote|\ba écrit|\bescribió|\bha scritto|\bschreef)\s*:\s*$|\bschrieb\b.{0,200}:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:On|Am|Le|El|Il|Op)\s/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i;
const FORWARDED = /^\s*(?:-{3,}\s*Forwarded message\s*-{3,}|Begin forwarded message:)\s*$/i;
const OUTLOOK_SEPARATOR = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?(?:From|Von|De)\s*:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado)\s*:\*?\s+\S/i;
const SIGNATURE_DELIMITER = /^--\s?$/;
const MOBILE_SIGNATURE =
  /^\s*(?:Sent from my \w+|Sent from (?:Outlook|Mail|Yahoo Mail|Gmail)\b.*|Get Outlook for \w+.*|Von meinem \w+ gesendet)\s*$/i;
const QUOTED = /^\s*>/;

function isAttribution(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (!ATTRIBUTION_START.test(line)) return false;
  if (ATTRIBUTION_END.test(line)) return true;
  // Clients wrap long attributions: "On Mon, 2 Dec 2024 at 09:15, Anna Schmidt <" / "anna@x> wrote:".
  const next = lines[index + 1] ?? '';
  return next.length < 200 && ATTRIBUTION_END.test(next) && !QUOTED.test(next);
}

function isOutlookHeader(lines: readonly string[], index: number): boolean {
  if (!OUTLOOK_FROM.test(lines[index] ?? '')) return false;
  return lines.slice(index + 1, index + 5).some((l) => OUTLOOK_SENT.test(l));
}

/** Index of the first line that starts quoted history or a signature; lines.length if none. */
export function findCutLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (
      isAttribution(lines, i) ||
      ORIGINAL_MESSAGE.test(line) ||
      FORWARDED.test(line) ||
      isOutlookHeader(lines, i) ||
      (OUTLOOK_SEPARATOR.test(line) && lines.slice(i + 1, i + 3).some((l) => OUTLOOK_FROM.test(l))) ||
      SIGNATURE_DELIMITER.test(line) ||
      MOBILE_SIGNATURE.test(line)
    ) {
      return i;
    }
  }
  return lines.length;
}

/**
 * Removes quoted replies ("On ... wrote:" blocks, "> " lines, Outlook "From: ... Sent:" and
 * "-----Original Message-----" blocks) and signatures ("-- " delimiter, "Sent from my iPhone"),
 * keeping what the sender wrote now. Inline answers between quoted lines are kept. When nothing
 * new is left (a bare forward or a quote-only message) the full text is returned so the mail
 * still has content to show.
 */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, findCutLine(lines)).filter((line) => !QUOTED.test(line));
  const trimmed = kept
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return trimmed !== '' ? trimmed : text.replace(/\r\n?/g, '\n').trim();
}
