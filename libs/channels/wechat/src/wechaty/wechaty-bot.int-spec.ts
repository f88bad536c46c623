import { types } from 'wechaty-puppet';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { parseWechatMediaRef } from '../media-ref';
import type { NormalizedWechatInput } from '../normalized-wechat-input';
import { normalizeWechatyMessage } from './normalize-wechaty-message';
import { WechatyBot } from './wechaty-bot';

describe('WechatyBot on wechaty-puppet-mock', () => {
  it('normalizes a customer’s private message, ignores the bot’s own and group messages, and replies', async () => {
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const [bot, customer, other] = mocker.createContacts(3);
    if (!bot || !customer || !other) throw new Error('no contacts');
    const room = mocker.createRoom({ memberIdList: [bot.id, customer.id, other.id] });
    const handled: NormalizedWechatInput[] = [];
    const errors: unknown[] = [];
    const wechaty = new WechatyBot(puppet, {
      tenant: 'acme',
      botId: 'bot-1',
      handle: async (input) => {
        handled.push(input);
      },
      onError: (error) => errors.push(error),
    });
    await wechaty.start();
    mocker.login(bot);

    customer.say('热水器不出热水 🚿 SB-000321').to(bot);
    bot.say('我是机器人自己').to(customer);
    other.say('群里聊天').to(room);
    // The mock delivers its events asynchronously: wait (bounded) for the three messages.
    for (let i = 0; i < 200 && handled.length + errors.length < 3; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await wechaty.idle();

    expect(errors).toEqual([]);
    const contacts = handled.filter((input) => input.disposition.kind === 'contact');
    expect(contacts).toHaveLength(1);
    const [first] = contacts;
    expect(first?.inbound.bodyText).toBe('热水器不出热水 🚿 SB-000321');
    expect(first?.inbound.conversationKey).toBe(`wechat:bot:bot-1:${customer.id}`);
    expect(first?.inbound.customer).toMatchObject({
      wechatOpenid: customer.id,
      name: customer.payload.name,
      verified: [],
    });
    expect(first?.inbound.hints?.ticketNumber).toBe('SB-000321');
    expect(handled.map((input) => input.disposition)).toEqual(
      expect.arrayContaining([
        { kind: 'noise', reason: 'own_message' },
        { kind: 'noise', reason: 'room_message' },
      ]),
    );

    const received = new Promise<string>((resolve) =>
      customer.once('message', (message) => resolve(message.text() ?? '')),
    );
    await wechaty.reply(customer.id, '已收到，工单 SB-000321 ✅');
    expect(await received).toBe('已收到，工单 SB-000321 ✅');
    await wechaty.stop();
  });

  it('keeps media as a reference to the puppet’s file and unknown types as a note', () => {
    const ctx = { tenant: 'acme', botId: 'bot-1', selfId: 'me', messageId: 'm', receivedAt: new Date(0) };
    const image = normalizeWechatyMessage(
      { id: 'pm-1', talkerId: 'wxid_c', listenerId: 'me', timestamp: 1, type: types.Message.Image, filename: 'a.jpg' },
      undefined,
      ctx,
    );
    expect(parseWechatMediaRef(image.inbound.attachments[0]?.storageRef ?? '')).toEqual({
      api: 'bot',
      ownerId: 'bot-1',
      mediaId: 'pm-1',
    });
    const transfer = normalizeWechatyMessage(
      { id: 'pm-2', talkerId: 'wxid_c', listenerId: 'me', timestamp: 1, type: types.Message.Transfer },
      undefined,
      ctx,
    );
    expect(transfer.disposition).toEqual({ kind: 'contact' });
    expect(transfer.inbound.bodyText).toContain('Unsupported WeChat content: Transfer');
  });
});
