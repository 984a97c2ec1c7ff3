/**
 * Edits the top-level header block of a raw message without touching its body, as Gmail does on
 * send (it fills in From, Date and Message-ID).
 */
export function setHeaders(raw: Buffer, fields: readonly (readonly [name: string, value: string])[]): Buffer {
  const text = raw.toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const rest = split ? text.slice(split.index) : '\r\n\r\n';
  const eol = head.includes('\r\n') || !split ? '\r\n' : '\n';
  const replaced = new Set(fields.map(([name]) => name.toLowerCase()));
  const kept: string[] = [];
  let dropping = false;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      if (!dropping) kept.push(line);
      continue;
    }
    const name = line
      .slice(0, Math.max(0, line.indexOf(':')))
      .trim()
      .toLowerCase();
    dropping = replaced.has(name);
    if (!dropping && line !== '') kept.push(line);
  }
  const added = fields.map(([name, value]) => Buffer.from(`${name}: ${value}`, 'utf8').toString('latin1'));
  return Buffer.from([...added, ...kept].join(eol) + rest, 'latin1');
}
