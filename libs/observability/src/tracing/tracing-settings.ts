import { basename, dirname } from 'node:path';

export interface TracingSettings {
  readonly enabled: boolean;
  readonly serviceName: string;
}

/**
 * Tracing is off unless the standard OpenTelemetry settings ask for export: OTEL_TRACES_EXPORTER
 * (other than `none`) or an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or its traces-only form).
 * OTEL_SDK_DISABLED=true turns it off whatever else is set. The SDK itself reads every other OTEL_*
 * setting (protocol, headers, sampler, batch delays). The service name is OTEL_SERVICE_NAME, else the
 * app the process runs (APP in the image, or the `apps/<app>/` of its entry file).
 */
export function tracingSettingsOf(env: NodeJS.ProcessEnv, entry: string | undefined): TracingSettings {
  const exporter = env['OTEL_TRACES_EXPORTER']?.trim();
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const asked = (exporter !== undefined && exporter !== '' && exporter !== 'none') || Boolean(endpoint);
  const disabled = env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true' || exporter === 'none';
  return { enabled: asked && !disabled, serviceName: env['OTEL_SERVICE_NAME'] ?? env['APP'] ?? appOf(entry) };
}

/** `…/apps/ticket-service/src/main.js` → `ticket-service`. */
function appOf(entry: string | undefined): string {
  if (!entry) return 'switchboard';
  const src = dirname(entry);
  return basename(src) === 'src' ? basename(dirname(src)) : basename(entry).replace(/\.[cm]?[jt]s$/, '');
}
