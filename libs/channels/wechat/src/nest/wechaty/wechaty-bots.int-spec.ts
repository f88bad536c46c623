import { Module, type DynamicModule } from '@nestjs/common';
import { BusRecorder, eventually } from '@switchboard/channel-sdk/testing';
import { ConfigModule, loadConfig } from '@switchboard/config';
import {
  Channel,
  DeliveryReport_Status,
  OutboundMessageSchema,
  Topics,
  create,
  encodeOutboundMessage,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { bootAppModule, type BootedApp } from '@switchboard/testing';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { InMemoryWechatSharedStore } from '../../api/shared-store';
import { ChannelWechatModule } from '../channel-wechat.module';
import { loadWechatChannelConfig } from '../config/wechat-channel.config';
import { importPuppet } from './wechaty-bots';

@Module({})
class BotModule {
  static forRoot(transport: InProcessTransport, puppet: PuppetMock): DynamicModule {
    const config = loadWechatChannelConfig({
      WECHAT_BOTS: JSON.stringify([{ id: 'shop-bot', tenant: 'acme', puppet: 'wechaty-puppet-mock' }]),
    });
    return {
      module: BotModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('wechaty-bots', { transport }),
        ChannelWechatModule.forRoot({
          config,
          store: new InMemoryWechatSharedStore(),
          puppets: async () => puppet,
        }),
      ],
    };
  }
}

/** A personal account through Wechaty in the channel's module: a customer's message in, the agent's reply out. */
describe('Wechaty bots in the WeChat channel', () => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const transport = new InProcessTransport();
  let app: BootedApp;
  let bus: BusRecorder;

  beforeAll(async () => {
    bus = await BusRecorder.start(transport, Topics.outboundWechat);
    app = await bootAppModule(BotModule.forRoot(transport, puppet));
  });
  afterAll(async () => {
    await app.close();
    await bus.stop();
    await transport.close();
  });

  it('publishes a customer’s private message and delivers the reply through the bot', async () => {
    const [bot, customer] = mocker.createContacts(2);
    if (!bot || !customer) throw new Error('no contacts');
    mocker.login(bot);
    customer.say('我的快递丢了 📦').to(bot);
    const conversationKey = `wechat:bot:shop-bot:${customer.id}`;
    await eventually(() => bus.inbound.some((m) => m.conversationKey === conversationKey), 'the bot message');
    expect(bus.inbound.find((m) => m.conversationKey === conversationKey)).toMatchObject({
      tenant: 'acme',
      channel: Channel.WECHAT,
      bodyText: '我的快递丢了 📦',
    });

    const received = new Promise<string>((resolve) =>
      customer.once('message', (message) => resolve(message.text() ?? '')),
    );
    const answer = create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'acme',
      ticketId: newId(),
      ticketNumber: 'SB-000077',
      channel: Channel.WECHAT,
      conversationKey,
      bodyText: '已为您登记补发 ✅',
    });
    await transport.publish(Topics.outboundWechat, [{ key: conversationKey, value: encodeOutboundMessage(answer) }]);
    expect(await received).toBe('已为您登记补发 ✅');
    await eventually(
      () => bus.reports.some((r) => r.messageId === answer.messageId && r.status === DeliveryReport_Status.SENT),
      'the SENT report',
    );
  });

  it('builds the puppet named in config from its package', async () => {
    const built = await importPuppet({ id: 'b', tenant: 'acme', puppet: 'wechaty-puppet-mock', puppetOptions: {} });
    expect(built).toBeInstanceOf(PuppetMock);
  });
});
