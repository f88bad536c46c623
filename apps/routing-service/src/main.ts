import { runNestService } from '@switchboard/bootstrap';
import { RoutingServiceAppModule } from './routing-service-app.module';

runNestService('routing-service', {
  module: (config) => RoutingServiceAppModule.forRoot(config),
  port: (config) => config.http.port,
});
