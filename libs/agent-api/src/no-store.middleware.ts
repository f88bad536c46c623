import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/**
 * Tokens and tickets are private to one agent: no shared cache may keep any agent-API answer, errors
 * included. Applied to the module's own routes only (the process may serve other modules too).
 */
@Injectable()
export class NoStoreMiddleware implements NestMiddleware {
  use(_request: unknown, response: ServerResponse, next: () => void): void {
    response.setHeader('cache-control', 'no-store');
    next();
  }
}
