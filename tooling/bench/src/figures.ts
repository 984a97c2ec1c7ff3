/** One measured number, beside the bound it is held to (or a reference it is compared with). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `max`: should stay at or under `bound`; `min`: at or over; `ref`: a reference, not a pass/fail bound. */
  kind: 'max' | 'min' | 'ref';
  bound: number | undefined;
  note: string;
}

export function verdict(f: Figure): string {
  if (f.kind === 'ref' || f.bound === undefined) return 'ref';
  const ok = f.kind === 'max' ? f.value <= f.bound : f.value >= f.bound;
  return ok ? 'ok' : 'OVER';
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function renderTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value)} ${f.unit}`.trim(),
    f.bound === undefined
      ? ''
      : `${f.kind === 'max' ? '<=' : f.kind === 'min' ? '>=' : '~'} ${f.bound} ${f.unit}`.trim(),
    verdict(f),
    f.note,
  ]);
  const header = ['figure', 'measured', 'bound / reference', '', 'what it is'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
