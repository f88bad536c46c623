import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { LocalBlobStore } from '@switchboard/blobs';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { bootAppModule, type BootedApp } from '@switchboard/testing';
import { InMemoryWechatSharedStore } from '../api/shared-store';
import { ChannelWechatModule } from '../nest/channel-wechat.module';
import { loadWechatChannelConfig } from '../nest/config/wechat-channel.config';
import { FakeWechatApi } from './fake-wechat-api';
import type { KfTestAccount, OaTestAccount } from './signed-callbacks';

export const TEST_OA: OaTestAccount & { readonly secret: string } = {
  id: 'acme-oa',
  appId: 'wx5823bf96d3bd56c7',
  token: 'tok-acme',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  originalId: 'gh_acme',
  secret: 'oa-secret',
};

export const TEST_KF: KfTestAccount & { readonly secret: string } = {
  id: 'acme-kf',
  corpId: 'ww-acme',
  token: 'tok-kf',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  secret: 'kf-secret',
};

@Module({})
class WechatHarnessModule {
  static forRoot(
    transport: InProcessTransport,
    api: FakeWechatApi,
    store: InMemoryWechatSharedStore,
    blobDir: string,
  ): DynamicModule {
    const config = loadWechatChannelConfig({
      WECHAT_ACCOUNTS: JSON.stringify([
        { kind: 'oa', tenant: 'acme', ...TEST_OA, appSecret: TEST_OA.secret, mode: 'safe' },
        { kind: 'kf', tenant: 'acme', ...TEST_KF },
      ]),
      WECHAT_OA_BASE_URL: api.baseUrl,
      WECHAT_WECOM_BASE_URL: api.baseUrl,
      WECHAT_API_BACKOFF_MS: '1,1',
      WECHAT_MAX_BODY_BYTES: '8192',
      WECHAT_DELIVERY_ATTEMPTS: '3',
      WECHAT_DELIVERY_BACKOFF_MS: '1',
      WECHAT_DELIVERY_MAX_BACKOFF_MS: '5',
    });
    return {
      module: WechatHarnessModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('wechat-harness', { transport }),
        ChannelWechatModule.forRoot({ config, store, blobs: new LocalBlobStore(blobDir, 1_048_576) }),
      ],
    };
  }
}

/**
 * The channel's module alone (no ticket domain, no self-service binding) on an in-process bus, with
 * the fake WeChat/WeCom API and the in-memory shared store: one safe-mode OA and one kf account of
 * tenant `acme`.
 */
export class WechatChannelHarness {
  private constructor(
    readonly transport: InProcessTransport,
    readonly api: FakeWechatApi,
    readonly store: InMemoryWechatSharedStore,
    readonly booted: BootedApp,
    /** Where inbound media were stored (a temporary directory, removed on close). */
    readonly blobDir: string,
  ) {}

  static async start(): Promise<WechatChannelHarness> {
    const transport = new InProcessTransport();
    const api = await FakeWechatApi.start();
    api.addApp(TEST_OA.appId, TEST_OA.secret);
    api.addCorp(TEST_KF.corpId, TEST_KF.secret);
    const store = new InMemoryWechatSharedStore();
    const blobDir = mkdtempSync(join(tmpdir(), 'sb-wechat-blobs-'));
    const booted = await bootAppModule(WechatHarnessModule.forRoot(transport, api, store, blobDir));
    return new WechatChannelHarness(transport, api, store, booted, blobDir);
  }

  get app(): BootedApp['app'] {
    return this.booted.app;
  }

  async close(): Promise<void> {
    await this.booted.close();
    await this.transport.close();
    await this.api.close();
    rmSync(this.blobDir, { recursive: true, force: true });
  }
}
