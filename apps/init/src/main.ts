import { ConfigError, loadConfig } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import { prepareDeployment } from './prepare-deployment';

/** APP=init: migrations and topics, once per deployment (compose's init service, the k8s Jobs); exits 0 when done. */
const log = createLogger('init');
try {
  await prepareDeployment(loadConfig());
  log.info('init done');
  process.exit(0);
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`init: ${error.message}\n`);
  else log.fatal({ err: error }, 'init failed');
  process.exit(1);
}
