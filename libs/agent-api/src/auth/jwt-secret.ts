import type { Provider } from '@nestjs/common';
import { assertUsableJwtSecret } from '@switchboard/auth';
import { CONFIG, type Config } from '@switchboard/config';

/** The secret bearer tokens are signed and checked with (config.jwtSecret, checked at start-up). */
export const JWT_SECRET = Symbol('AGENT_API_JWT_SECRET');

export const jwtSecretProvider: Provider = {
  provide: JWT_SECRET,
  inject: [CONFIG],
  useFactory: (config: Config): string => {
    if (!config.jwtSecret)
      throw new Error('JWT_SECRET is required: the agent API signs and checks bearer tokens with it');
    assertUsableJwtSecret(config.jwtSecret);
    return config.jwtSecret;
  },
};
