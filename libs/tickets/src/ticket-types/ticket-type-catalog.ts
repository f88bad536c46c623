import type { TicketTypeDefinition } from './ticket-type.repository';
import { TEMPLATE_DIALECT, type FieldSchema, type LayoutSection } from './ticket-type';

type Field = Record<string, unknown>;

const text = (title: string, extra: Field = {}): Field => ({ type: 'string', title, maxLength: 2000, ...extra });
const date = (title: string): Field => ({ type: 'string', format: 'date', title });
const choice = (title: string, options: string[], extra: Field = {}): Field => ({
  type: 'string',
  title,
  enum: options,
  ...extra,
});
const multi = (title: string, options: string[]): Field => ({
  type: 'array',
  title,
  items: { type: 'string', enum: options },
  uniqueItems: true,
});
const attachment = (title: string): Field => ({ type: 'object', 'x-switchboard-kind': 'attachment', title });
const customer = (title: string): Field => ({
  type: 'string',
  format: 'uuid',
  'x-switchboard-kind': 'customer_ref',
  title,
});

function template(properties: Record<string, Field>, required: string[]): FieldSchema {
  return { $schema: TEMPLATE_DIALECT, type: 'object', properties, required, additionalProperties: false };
}

function type(
  key: string,
  name: string,
  description: string,
  fieldSchema: FieldSchema,
  layout: LayoutSection[],
  review: TicketTypeDefinition['reviewerRole'] = null,
): TicketTypeDefinition {
  return {
    key,
    name,
    description,
    reviewRequired: review !== null,
    reviewerRole: review,
    fieldSchema,
    layout,
    enabled: true,
  };
}

/** The ticket types every new tenant starts with; admins edit or disable them afterwards. */
export const DEFAULT_TICKET_TYPES: readonly TicketTypeDefinition[] = [
  type(
    'return',
    'After-sales return / 售后退货',
    'A customer sends goods back for a refund or an exchange.',
    template(
      {
        order_number: text('Order number / 订单号', { pattern: '^[A-Za-z0-9-]{4,32}$', maxLength: 32 }),
        purchase_date: date('Purchase date / 购买日期'),
        reason: choice('Reason / 退货原因', ['defective', 'wrong_item', 'not_as_described', 'changed_mind']),
        resolution: choice('Wanted resolution / 处理方式', ['refund', 'exchange'], { default: 'refund' }),
        item_count: { type: 'integer', title: 'Items / 件数', minimum: 1, maximum: 100, default: 1 },
        photo: attachment('Photo of the item / 商品照片'),
      },
      ['order_number', 'reason'],
    ),
    [
      { section: 'order', title: 'Order / 订单', fields: ['order_number', 'purchase_date', 'item_count'] },
      { section: 'return', title: 'Return / 退货', fields: ['reason', 'resolution', 'photo'] },
    ],
  ),
  type(
    'repair',
    'Repair / 维修',
    'A product needs a repair, under warranty or paid.',
    template(
      {
        product_model: text('Product model / 产品型号', { maxLength: 100 }),
        serial_number: text('Serial number / 序列号', { maxLength: 64 }),
        fault: text('Fault description / 故障描述'),
        under_warranty: choice('Under warranty / 是否在保', ['yes', 'no', 'unknown'], { default: 'unknown' }),
        symptoms: multi('Symptoms / 症状', ['no_power', 'noise', 'overheating', 'display', 'leak', 'other']),
        preferred_date: date('Preferred visit date / 期望上门日期'),
      },
      ['product_model', 'fault'],
    ),
    [
      { section: 'product', title: 'Product / 产品', fields: ['product_model', 'serial_number', 'under_warranty'] },
      { section: 'fault', title: 'Fault / 故障', fields: ['fault', 'symptoms', 'preferred_date'] },
    ],
  ),
  type(
    'it_request',
    'Internal IT request / 内部IT申请',
    'An employee asks IT for hardware, software, access or help.',
    template(
      {
        request_kind: choice('Request / 申请类型', ['hardware', 'software', 'access', 'account', 'other']),
        systems: multi('Systems / 涉及系统', ['email', 'vpn', 'erp', 'crm', 'wifi', 'printer']),
        details: text('Details / 详细说明'),
        needed_by: date('Needed by / 需要日期'),
        cost_center: text('Cost center / 成本中心', { pattern: '^[A-Z0-9]{2,12}$', maxLength: 12 }),
      },
      ['request_kind', 'details'],
    ),
    [
      { section: 'request', title: 'Request / 申请', fields: ['request_kind', 'systems', 'details'] },
      { section: 'planning', title: 'Planning / 计划', fields: ['needed_by', 'cost_center'] },
    ],
  ),
  type(
    'approval',
    'Admin approval / 行政审批',
    'A request that a manager approves before it is done.',
    template(
      {
        approval_kind: choice('Kind / 审批类型', ['purchase', 'travel', 'leave', 'expense', 'contract']),
        amount: { type: 'number', title: 'Amount (CNY) / 金额（元）', minimum: 0 },
        justification: text('Justification / 申请理由'),
        start_date: date('Start date / 开始日期'),
        end_date: date('End date / 结束日期'),
        supporting_document: attachment('Supporting document / 附件'),
      },
      ['approval_kind', 'justification'],
    ),
    [
      { section: 'request', title: 'Request / 申请', fields: ['approval_kind', 'amount', 'justification'] },
      { section: 'period', title: 'Period / 时间', fields: ['start_date', 'end_date', 'supporting_document'] },
    ],
    'manager',
  ),
  type(
    'project_task',
    'Project task / 项目任务',
    'A piece of work inside a customer project.',
    template(
      {
        project: text('Project / 项目', { maxLength: 200 }),
        deliverable: text('Deliverable / 交付物'),
        due_date: date('Due date / 截止日期'),
        estimate_hours: { type: 'number', title: 'Estimate (hours) / 预估工时', minimum: 0, maximum: 1000 },
        labels: multi('Labels / 标签', ['design', 'development', 'testing', 'documentation', 'deployment']),
        client: customer('Client contact / 客户联系人'),
      },
      ['project', 'deliverable', 'due_date'],
    ),
    [
      { section: 'task', title: 'Task / 任务', fields: ['project', 'deliverable', 'labels'] },
      { section: 'schedule', title: 'Schedule / 排期', fields: ['due_date', 'estimate_hours', 'client'] },
    ],
  ),
  type(
    'supplier_issue',
    'Supplier issue / 供应商问题',
    'A problem with a supplier: late delivery, quality, invoice.',
    template(
      {
        supplier_name: text('Supplier / 供应商', { maxLength: 200 }),
        purchase_order: text('Purchase order / 采购单号', { maxLength: 64 }),
        issue_kind: choice('Issue / 问题类型', ['late_delivery', 'quality', 'quantity', 'invoice', 'other']),
        severity: choice('Severity / 严重程度', ['low', 'medium', 'high'], { default: 'medium' }),
        detected_on: date('Detected on / 发现日期'),
        evidence: attachment('Evidence / 证据'),
      },
      ['supplier_name', 'issue_kind'],
    ),
    [
      { section: 'supplier', title: 'Supplier / 供应商', fields: ['supplier_name', 'purchase_order'] },
      { section: 'issue', title: 'Issue / 问题', fields: ['issue_kind', 'severity', 'detected_on', 'evidence'] },
    ],
  ),
];
