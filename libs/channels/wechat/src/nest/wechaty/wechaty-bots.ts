import type { InboundSink } from '@switchboard/channel-sdk';
import type { Logger } from '@switchboard/logger';
import type { Puppet } from 'wechaty-puppet';
import type { NormalizedWechatInput } from '../../normalized-wechat-input';
import { WechatyBot } from '../../wechaty/wechaty-bot';
import type { WechatBotConfig } from '../config/wechat-channel.config';

/** Builds a bot's puppet; the default imports the package named in config (tests pass wechaty-puppet-mock). */
export type PuppetFactory = (bot: WechatBotConfig) => Promise<Puppet>;

type PuppetClass = new (options: Record<string, unknown>) => Puppet;

const isPuppetClass = (value: unknown): value is PuppetClass =>
  typeof value === 'function' && /^class\s/.test(Function.prototype.toString.call(value));

/** `import()` of the configured puppet package (its default export, else its first exported class). */
export const importPuppet: PuppetFactory = async (bot) => {
  const loaded = (await import(bot.puppet)) as Record<string, unknown>;
  const PuppetType = [loaded['default'], ...Object.values(loaded)].find(isPuppetClass);
  if (!PuppetType) throw new Error(`${bot.puppet} exports no Puppet class`);
  return new PuppetType({ ...bot.puppetOptions, ...(bot.puppetToken ? { token: bot.puppetToken } : {}) });
};

/**
 * The configured personal-account bots (Wechaty), started with the app: each customer message goes to
 * the SDK's ingress in order (the bot waits for the broker before the next one); the bot's own, group
 * and recalled messages are noise. A personal account logs in once: run bots in one instance only.
 */
export class WechatyBots {
  private readonly running = new Map<string, { readonly tenant: string; readonly bot: WechatyBot }>();

  constructor(
    private readonly configs: readonly WechatBotConfig[],
    private readonly puppets: PuppetFactory,
    private readonly ingress: InboundSink,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    for (const config of this.configs) {
      const bot = new WechatyBot(await this.puppets(config), {
        tenant: config.tenant,
        botId: config.id,
        handle: (input) => this.handle(input),
        onError: (error, puppetMessageId) =>
          this.log.error({ err: error, bot: config.id, puppetMessageId }, 'bot message not taken'),
      });
      await bot.start();
      this.running.set(config.id, { tenant: config.tenant, bot });
    }
  }

  async stop(): Promise<void> {
    for (const { bot } of this.running.values()) await bot.stop();
    this.running.clear();
  }

  /** The running bot of this tenant, for its conversations' replies. */
  bot(tenant: string, botId: string): WechatyBot | undefined {
    const found = this.running.get(botId);
    return found?.tenant === tenant ? found.bot : undefined;
  }

  private async handle(input: NormalizedWechatInput): Promise<void> {
    if (input.disposition.kind === 'contact' || input.disposition.kind === 'menu_click')
      await this.ingress.accept([input.inbound]);
  }
}
