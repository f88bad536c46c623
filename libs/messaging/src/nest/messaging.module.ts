import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, Provider } from '@nestjs/common';
import { CONFIG } from '@switchboard/config';
import type { Config } from '@switchboard/config';
import { allTopics } from '@switchboard/contracts';
import { createTransport } from '../create-transport';
import type { Transport } from '../transport';
import { BatchTransportServer } from './batch-transport.server';
import { TRANSPORT } from './messaging.tokens';
import { TransportClient } from './transport.client';

export interface MessagingModuleOptions {
  /**
   * An already created transport (tests, the embedded mode sharing one). Its owner closes it;
   * without it the module creates one from CONFIG and closes it on shutdown.
   */
  readonly transport?: Transport;
}

const OWNS_TRANSPORT = Symbol('OWNS_TRANSPORT');

/**
 * Closes the transport on application shutdown. Nest stops connected microservices (the consumers,
 * which finish and commit their batches) in dispose(), before onApplicationShutdown runs.
 */
@Injectable()
class TransportCloser implements OnApplicationShutdown {
  constructor(
    @Inject(TRANSPORT) private readonly transport: Transport,
    @Inject(OWNS_TRANSPORT) private readonly owned: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.transport.close();
  }
}

/** The process's Transport, its Nest transport strategy and client, for every module (global). */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(clientId: string, options: MessagingModuleOptions = {}): DynamicModule {
    const given = options.transport;
    // Topics (and their DLQs) exist before anything can publish or subscribe.
    const transport: Provider = given
      ? { provide: TRANSPORT, useFactory: () => withTopics(given) }
      : {
          provide: TRANSPORT,
          inject: [CONFIG],
          useFactory: (config: Config) => withTopics(createTransport(config, clientId)),
        };
    return {
      module: MessagingModule,
      providers: [
        transport,
        { provide: OWNS_TRANSPORT, useValue: given === undefined },
        TransportCloser,
        BatchTransportServer,
        TransportClient,
      ],
      exports: [TRANSPORT, BatchTransportServer, TransportClient],
    };
  }
}

async function withTopics(transport: Transport): Promise<Transport> {
  try {
    await transport.ensureTopics(allTopics());
    return transport;
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
}
