import { runNestService } from '@switchboard/bootstrap';
import { TicketServiceAppModule } from './ticket-service-app.module';

runNestService('ticket-service', {
  module: (config) => TicketServiceAppModule.forRoot(config),
  port: (config) => config.http.port,
});
