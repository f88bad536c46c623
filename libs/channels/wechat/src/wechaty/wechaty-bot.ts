import { newId } from '@switchboard/ids';
import type { Puppet } from 'wechaty-puppet';
import type { NormalizedWechatInput } from '../normalized-wechat-input';
import { normalizeWechatyMessage } from './normalize-wechaty-message';

export interface WechatyBotOptions {
  readonly tenant: string;
  readonly botId: string;
  /** Publishes (or answers) one normalized message; the bot waits for it, message by message. */
  readonly handle: (input: NormalizedWechatInput) => Promise<void>;
  /** A message that could not be read or handled: reported, never dropped silently. */
  readonly onError: (error: unknown, puppetMessageId: string) => void;
  readonly now?: () => Date;
}

/**
 * A personal WeChat account through a Wechaty puppet (the puppet is chosen in config and built by the
 * adapter): every message the puppet reports is loaded, normalized and handed over in order; replies go
 * back with `messageSendText`. No 48-hour rule applies to a personal account.
 */
export class WechatyBot {
  private queue: Promise<void> = Promise.resolve();
  private readonly onMessage = ({ messageId }: { messageId: string }): void => {
    this.queue = this.queue.then(() => this.intake(messageId));
  };

  constructor(
    private readonly puppet: Puppet,
    private readonly options: WechatyBotOptions,
  ) {}

  async start(): Promise<void> {
    this.puppet.on('message', this.onMessage);
    await this.puppet.start();
  }

  async stop(): Promise<void> {
    this.puppet.off('message', this.onMessage);
    await this.queue;
    await this.puppet.stop();
  }

  /** Resolves when every message reported so far was handled (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  async reply(contactId: string, text: string): Promise<void> {
    await this.puppet.messageSendText(contactId, text);
  }

  private async intake(puppetMessageId: string): Promise<void> {
    try {
      const message = await this.puppet.messagePayload(puppetMessageId);
      const talker = await this.puppet.contactPayload(message.talkerId).catch(() => undefined);
      const selfId = this.puppet.isLoggedIn ? this.puppet.currentUserId : undefined;
      const normalized = normalizeWechatyMessage(message, talker, {
        tenant: this.options.tenant,
        botId: this.options.botId,
        selfId,
        messageId: newId(),
        receivedAt: this.options.now?.() ?? new Date(),
      });
      await this.options.handle(normalized);
    } catch (error) {
      this.options.onError(error, puppetMessageId);
    }
  }
}
