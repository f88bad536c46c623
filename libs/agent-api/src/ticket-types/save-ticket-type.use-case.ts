import { inTenant, type Database } from '@switchboard/persistence';
import { FieldValidator, checkTemplate, saveTicketType } from '@switchboard/tickets';
import type { Agent } from '../agents/agent.repository';
import type { SaveTicketTypeCommand } from './ticket-type.dto';
import { TicketTypeException, TicketTypeExceptionCode } from './ticket-type.exception';
import { toTicketTypeView, type TicketTypeView } from './ticket-type.view';

/** PUT /api/v1/ticket-types/:key — an admin (the controller's @Roles) creates a type or replaces its definition. */
export class SaveTicketTypeUseCase {
  constructor(private readonly db: Database) {}

  async execute(
    caller: Agent,
    key: string,
    command: SaveTicketTypeCommand,
  ): Promise<{ created: boolean; type: TicketTypeView }> {
    const template = checkTemplate(command.fieldSchema, command.layout);
    if (!template.ok) {
      throw new TicketTypeException(
        TicketTypeExceptionCode.InvalidTemplate,
        'The template is not valid.',
        template.errors,
      );
    }
    assertCompiles(template.fieldSchema);
    const { type, created } = await inTenant(this.db, caller.tenantId, (tx) =>
      saveTicketType(tx, caller.tenantId, {
        key,
        name: command.name,
        description: command.description,
        reviewRequired: command.reviewRequired,
        reviewerRole: command.reviewerRole,
        fieldSchema: template.fieldSchema,
        layout: template.layout,
        enabled: command.enabled,
      }),
    );
    return { created, type: toTicketTypeView(type) };
  }
}

/** The subset check should make this impossible; the JSON Schema compiler has the last word anyway. */
function assertCompiles(fieldSchema: ConstructorParameters<typeof FieldValidator>[0]): void {
  try {
    new FieldValidator(fieldSchema);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TicketTypeException(TicketTypeExceptionCode.InvalidTemplate, 'The template is not valid.', [
      { field: 'fieldSchema', reason: 'invalid_template', message },
    ]);
  }
}
