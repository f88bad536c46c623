import { ivrSettingsSchema, type IvrSettings } from '../voice/ivr-menu';

/** The example menu of the issue: 1 after-sales, 2 billing, 3 other, 9 ticket status. */
export function testIvrSettings(overrides: Partial<Record<keyof IvrSettings, unknown>> = {}): IvrSettings {
  return ivrSettingsSchema.parse({
    languages: ['en-US', 'zh-CN'],
    greeting: { 'en-US': 'Welcome to Acme support.', 'zh-CN': '欢迎致电Acme客服。' },
    options: [
      {
        digit: '1',
        category: 'after_sales',
        label: { 'en-US': 'For after-sales service', 'zh-CN': '售后服务' },
        keywords: ['after sales', 'repair', '售后', '维修'],
      },
      {
        digit: '2',
        category: 'billing',
        label: { 'en-US': 'For billing', 'zh-CN': '账单问题' },
        keywords: ['billing', 'invoice', '账单', '发票'],
      },
      {
        digit: '3',
        category: 'other',
        label: { 'en-US': 'For anything else', 'zh-CN': '其他问题' },
        keywords: ['other', '其他'],
      },
    ],
    statusKey: '9',
    voicemailPrompt: { 'en-US': 'Please leave a message after the beep.', 'zh-CN': '请在提示音后留言。' },
    ...overrides,
  });
}
