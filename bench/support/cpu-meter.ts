import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) per component, read from /proc: what each part of the pipeline costs the machine. */
export type CpuSnapshot = Map<string, number>;

const TICKS_PER_SECOND = 100;

/** The component a process belongs to, from its command line; null for processes the bench ignores. */
export type Classifier = (pid: number, commandLine: string) => string | null;

export const classifyPipelineProcess =
  (services: ReadonlyMap<number, string>): Classifier =>
  (pid, commandLine) => {
    const service = services.get(pid);
    if (service) return service;
    if (pid === process.pid) return 'bench (producer + observer)';
    if (commandLine.startsWith('postgres')) return 'postgres';
    if (commandLine.includes('kafka.Kafka')) return 'kafka broker';
    if (commandLine.startsWith('redis-server')) return 'redis';
    return null;
  };

function cpuMsOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Per component, the CPU time its processes used so far (processes that exited are not counted). */
export function cpuSnapshot(classify: Classifier): CpuSnapshot {
  const totals: CpuSnapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    const component = classify(Number(pid), commandLine);
    const ms = component === null ? null : cpuMsOf(pid);
    if (component !== null && ms !== null) totals.set(component, (totals.get(component) ?? 0) + ms);
  }
  return totals;
}

/** CPU used between two snapshots, per component, largest first. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): [string, number][] {
  return [...after]
    .map(([component, ms]): [string, number] => [component, ms - (before.get(component) ?? 0)])
    .sort((a, b) => b[1] - a[1]);
}
