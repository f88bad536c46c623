/** Who reviews a type's tickets before they resolve. */
export type ReviewerRole = 'agent' | 'manager' | 'admin';

/** One form section: an ordered group of fields. */
export interface LayoutSection {
  readonly section: string;
  readonly title: string;
  readonly fields: readonly string[];
}

/** A field template: the JSON Schema (2020-12 subset) an object of custom fields must match. */
export interface FieldSchema {
  readonly $schema?: string;
  readonly type: 'object';
  readonly title?: string;
  readonly description?: string;
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
}

/** A tenant's kind of ticket (return, repair, IT request ...) with the template its custom fields follow. */
export interface TicketType {
  readonly id: string;
  readonly tenantId: string;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly reviewRequired: boolean;
  readonly reviewerRole: ReviewerRole | null;
  readonly fieldSchema: FieldSchema;
  readonly layout: readonly LayoutSection[];
  readonly enabled: boolean;
  readonly updatedAt: Date;
}

/** One field's problem; the same shape as the HTTP error's `fields` entries. */
export interface TicketFieldError {
  readonly field: string;
  /** snake_case: required, invalid_type, not_allowed, invalid_date, unknown_customer, ... */
  readonly reason: string;
  readonly message: string;
}

/** The kinds of field a template may declare; each maps to one JSON Schema shape (see field-kinds.ts). */
export type FieldKind = 'text' | 'number' | 'date' | 'enum' | 'multi_select' | 'attachment' | 'customer_ref';

/** The JSON Schema dialect templates are written in. */
export const TEMPLATE_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The annotation that marks Switchboard's own field kinds inside a template. */
export const KIND_ANNOTATION = 'x-switchboard-kind';
