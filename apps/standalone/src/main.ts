import { runNestService } from '@switchboard/bootstrap';
import { DemoSeeder } from '@switchboard/demo';
import { banner } from './banner';
import { localSecret } from './local-secret';
import { StandaloneAppModule } from './standalone-app.module';

runNestService('standalone', {
  // The embedded mode signs agent tokens with a secret kept beside its data when none is configured.
  module: (config) =>
    StandaloneAppModule.forRoot({ ...config, jwtSecret: config.jwtSecret ?? localSecret(config.dataDir) }),
  port: (config) => config.http.port,
  openApi: { title: 'Switchboard', description: 'The agent API and the web channel of the embedded server.' },
  onListening: async (app, config) => {
    const demo = app.get(DemoSeeder);
    process.stdout.write(banner(config, await app.getUrl(), demo.result, demo.demoExists));
  },
});
