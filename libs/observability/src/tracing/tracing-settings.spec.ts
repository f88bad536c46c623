import { tracingSettingsOf } from './tracing-settings';

describe('tracingSettingsOf', () => {
  const entry = '/app/dist/apps/ticket-service/src/main.js';

  it('is off by default: nothing is exported unless the OTEL_* settings ask for it', () => {
    expect(tracingSettingsOf({}, entry)).toEqual({ enabled: false, serviceName: 'ticket-service' });
  });

  it('turns on with an OTLP endpoint or a traces exporter, and off again with OTEL_SDK_DISABLED or none', () => {
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, entry).enabled).toBe(true);
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }, entry).enabled).toBe(
      true,
    );
    expect(tracingSettingsOf({ OTEL_TRACES_EXPORTER: 'otlp' }, entry).enabled).toBe(true);
    expect(
      tracingSettingsOf({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c' }, entry).enabled,
    ).toBe(false);
    expect(tracingSettingsOf({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, entry).enabled).toBe(false);
  });

  it('names the service by OTEL_SERVICE_NAME, else APP, else the app of the entry file', () => {
    expect(tracingSettingsOf({ OTEL_SERVICE_NAME: 'web-eu', APP: 'channel-web' }, entry).serviceName).toBe('web-eu');
    expect(tracingSettingsOf({ APP: 'channel-web' }, entry).serviceName).toBe('channel-web');
    expect(tracingSettingsOf({}, undefined).serviceName).toBe('switchboard');
  });
});
