import { textOf, type XmlElement } from '../xml/safe-xml';

/** Fields every Official Account callback carries. CreateTime and ids stay strings (64-bit MsgIds). */
interface OaBase {
  /** The account's original id (gh_…). */
  readonly toUserName: string;
  /** The customer's OpenID for this account. */
  readonly openId: string;
  readonly createTime: string;
  /** Present only when the account is bound to an Open Platform account and the platform sends it. */
  readonly unionId: string | undefined;
}

export type OaMessage = OaBase &
  (
    | { readonly type: 'text'; readonly msgId: string; readonly content: string; readonly menuId: string | undefined }
    | { readonly type: 'image'; readonly msgId: string; readonly mediaId: string; readonly picUrl: string }
    | {
        readonly type: 'voice';
        readonly msgId: string;
        readonly mediaId: string;
        readonly format: string;
        /** WeChat's speech recognition, when the account enabled it. */
        readonly recognition: string | undefined;
      }
    | {
        readonly type: 'video' | 'shortvideo';
        readonly msgId: string;
        readonly mediaId: string;
        readonly thumbMediaId: string;
      }
    | {
        readonly type: 'location';
        readonly msgId: string;
        readonly latitude: string;
        readonly longitude: string;
        readonly scale: string;
        readonly label: string;
      }
    | {
        readonly type: 'link';
        readonly msgId: string;
        readonly title: string;
        readonly description: string;
        readonly url: string;
      }
    | {
        readonly type: 'file';
        readonly msgId: string;
        readonly title: string;
        readonly description: string;
        readonly fileKey: string;
        readonly mediaId: string | undefined;
        readonly fileSize: string;
      }
    | { readonly type: 'subscribe'; readonly scene: string | undefined; readonly ticket: string | undefined }
    | { readonly type: 'unsubscribe' }
    | { readonly type: 'scan'; readonly scene: string; readonly ticket: string | undefined }
    | { readonly type: 'click'; readonly menuKey: string }
    | { readonly type: 'view'; readonly url: string; readonly menuId: string | undefined }
    | { readonly type: 'location_report'; readonly latitude: string; readonly longitude: string }
    | { readonly type: 'template_send_finished'; readonly templateMsgId: string; readonly status: string }
    | {
        /** A MsgType or Event we do not know: kept, so the customer's contact is never lost. */
        readonly type: 'unsupported';
        readonly msgId: string | undefined;
        readonly rawType: string;
        readonly fields: Readonly<Record<string, string>>;
      }
  );

export type OaMessageType = OaMessage['type'];

const QR_SCENE_PREFIX = 'qrscene_';

function flatFields(xml: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(xml)) if (typeof value === 'string') out[name] = value.slice(0, 2000);
  return out;
}

function eventOf(base: OaBase, xml: XmlElement, text: (name: string) => string): OaMessage {
  const event = text('Event');
  switch (event.toLowerCase()) {
    case 'subscribe': {
      const key = text('EventKey');
      // A subscribe through a parametric QR code carries "qrscene_<scene>" and the code's ticket.
      const scene = key.startsWith(QR_SCENE_PREFIX) ? key.slice(QR_SCENE_PREFIX.length) : undefined;
      return { ...base, type: 'subscribe', scene, ticket: textOf(xml, 'Ticket') };
    }
    case 'unsubscribe':
      return { ...base, type: 'unsubscribe' };
    case 'scan':
      return { ...base, type: 'scan', scene: text('EventKey'), ticket: textOf(xml, 'Ticket') };
    case 'click':
      return { ...base, type: 'click', menuKey: text('EventKey') };
    case 'view':
      return { ...base, type: 'view', url: text('EventKey'), menuId: textOf(xml, 'MenuId') };
    case 'location':
      return { ...base, type: 'location_report', latitude: text('Latitude'), longitude: text('Longitude') };
    case 'templatesendjobfinish':
      return { ...base, type: 'template_send_finished', templateMsgId: text('MsgID'), status: text('Status') };
    default:
      return { ...base, type: 'unsupported', msgId: undefined, rawType: `event:${event}`, fields: flatFields(xml) };
  }
}

/** The typed form of a parsed callback; a type we do not know becomes `unsupported`, never a throw. */
export function readOaMessage(xml: XmlElement): OaMessage {
  const text = (name: string): string => textOf(xml, name) ?? '';
  const base: OaBase = {
    toUserName: text('ToUserName'),
    openId: text('FromUserName'),
    createTime: text('CreateTime'),
    unionId: textOf(xml, 'UnionId') ?? textOf(xml, 'UnionID'),
  };
  const msgType = text('MsgType');
  const msgId = text('MsgId');
  switch (msgType.toLowerCase()) {
    case 'text':
      return { ...base, type: 'text', msgId, content: text('Content'), menuId: textOf(xml, 'bizmsgmenuid') };
    case 'image':
      return { ...base, type: 'image', msgId, mediaId: text('MediaId'), picUrl: text('PicUrl') };
    case 'voice':
      return {
        ...base,
        type: 'voice',
        msgId,
        mediaId: text('MediaId'),
        format: text('Format').toLowerCase(),
        recognition: textOf(xml, 'Recognition') || undefined,
      };
    case 'video':
    case 'shortvideo':
      return {
        ...base,
        type: msgType.toLowerCase() === 'video' ? 'video' : 'shortvideo',
        msgId,
        mediaId: text('MediaId'),
        thumbMediaId: text('ThumbMediaId'),
      };
    case 'location':
      return {
        ...base,
        type: 'location',
        msgId,
        latitude: text('Location_X'),
        longitude: text('Location_Y'),
        scale: text('Scale'),
        label: text('Label'),
      };
    case 'link':
      return { ...base, type: 'link', msgId, title: text('Title'), description: text('Description'), url: text('Url') };
    case 'file':
      return {
        ...base,
        type: 'file',
        msgId,
        title: text('Title'),
        description: text('Description'),
        fileKey: text('FileKey'),
        mediaId: textOf(xml, 'MediaId'),
        fileSize: text('FileTotalLen'),
      };
    case 'event':
      return eventOf(base, xml, text);
    default:
      return { ...base, type: 'unsupported', msgId: msgId || undefined, rawType: msgType, fields: flatFields(xml) };
  }
}
