import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../support/service-process';

export const DASHBOARD = 'infra/observability/grafana/switchboard-pipeline.json';
export const ALERT_RULES = 'infra/observability/prometheus/alerts.yml';

/** PromQL words that look like metric names but are not: aggregations, functions' keywords, modifiers. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: label matchers, strings, ranges and grouping clauses
 * are removed, then every identifier that is not a function call (followed by `(`) or a keyword.
 */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter((m) => m[2] === undefined)
    .map((m) => m[1] ?? '');
  return [...new Set(names.filter((name) => !KEYWORDS.has(name.toLowerCase())))];
}

function read(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

interface DashboardJson {
  readonly panels: readonly { readonly title: string; readonly targets?: readonly { readonly expr?: string }[] }[];
}

/** Every PromQL expression of the Grafana dashboard, by panel title. */
export function dashboardExpressions(): { panel: string; expr: string }[] {
  const dashboard = JSON.parse(read(DASHBOARD)) as DashboardJson;
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).flatMap((t) => (t.expr ? [{ panel: panel.title, expr: t.expr }] : [])),
  );
}

interface RuleFile {
  readonly groups: readonly { readonly rules: readonly { readonly alert?: string; readonly expr: string }[] }[];
}

/** Every alert rule's name and expression. */
export function alertRules(): { alert: string; expr: string }[] {
  const file = parse(read(ALERT_RULES)) as RuleFile;
  return file.groups.flatMap((g) => g.rules.map((r) => ({ alert: r.alert ?? '(record)', expr: r.expr })));
}

export const metricNamesUsedByDashboards = (): string[] => [
  ...new Set(dashboardExpressions().flatMap((e) => metricNamesIn(e.expr))),
];
export const metricNamesUsedByAlerts = (): string[] => [...new Set(alertRules().flatMap((r) => metricNamesIn(r.expr)))];

/**
 * The series names a Prometheus text exposition offers, from its `# TYPE` lines, so a metric counts
 * even before its first observation: a histogram offers `_bucket`, `_sum` and `_count`, a summary
 * `_sum` and `_count` (and the name itself with quantiles).
 */
export function exposedMetricNames(exposition: string): string[] {
  const names: string[] = [];
  for (const [, name = '', type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.push(name);
    if (type === 'histogram') names.push(`${name}_bucket`, `${name}_sum`, `${name}_count`);
    if (type === 'summary') names.push(`${name}_sum`, `${name}_count`);
  }
  return names;
}
