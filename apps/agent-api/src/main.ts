import { runNestService } from '@switchboard/bootstrap';
import { AgentApiAppModule } from './agent-api-app.module';

runNestService('agent-api', {
  module: (config) => {
    if (!config.jwtSecret) throw new Error('JWT_SECRET is required: agent-api signs and checks bearer tokens with it');
    return AgentApiAppModule.forRoot(config);
  },
  port: (config) => config.http.agentApiPort,
  openApi: { title: 'Switchboard agent API' },
});
