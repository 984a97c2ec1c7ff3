import { readFile } from 'node:fs/promises';

/** Samples a process's resident memory (Linux /proc) until stopped; returns the peak in MB. */
export function samplePeakRss(pid: number, everyMs = 200): { stop(): number } {
  let peakKb = 0;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8')
      .then((status) => {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      })
      .catch(() => undefined);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}
