import { seedTicketTypes } from '../ticket-types/seed-ticket-types';
import { ReadOnlyWorld } from '../testing/read-only-world.fixture';
import { UpdateTicketFieldsUseCase } from './update-ticket-fields.use-case';

describe('UpdateTicketFieldsUseCase on real Postgres', () => {
  let world: ReadOnlyWorld;
  let updateFields: UpdateTicketFieldsUseCase;

  beforeAll(async () => {
    world = await ReadOnlyWorld.open('update-fields');
    await world.db.transaction((tx) => seedTicketTypes(tx, world.tenantId));
    updateFields = new UpdateTicketFieldsUseCase(world.db, () => undefined);
  });
  afterAll(() => world.close());

  const setRepairFields = (number: string) =>
    updateFields.execute(
      world.admin,
      { kind: 'number', number },
      { typeKey: 'repair', fields: { product_model: 'Washer W7', fault: 'Leaks water' } },
    );

  it('sets the type and fields of an open ticket, with its event and outbox row', async () => {
    const ticket = await world.ticket('open');
    const before = await world.footprint(ticket.id);
    const view = await setRepairFields(ticket.number);
    expect(view).toMatchObject({ ticketType: 'repair', incomplete: false, missingFields: [] });
    const after = await world.footprint(ticket.id);
    expect(after['custom_fields']).toMatchObject({ product_model: 'Washer W7', fault: 'Leaks water' });
    expect(after).toMatchObject({
      version: Number(before['version']) + 1,
      events: Number(before['events']) + 1,
      outbox: Number(before['outbox']) + 1,
    });
  });

  it.each([
    ['archived', 'ticket_archived'],
    ['merged', 'ticket_merged'],
  ] as const)('refuses to change the fields of a %s ticket with %s and changes nothing', async (fate, code) => {
    const ticket = await world.ticket(fate);
    const before = await world.footprint(ticket.id);
    await expect(setRepairFields(ticket.number)).rejects.toMatchObject({ code });
    expect(await world.footprint(ticket.id)).toEqual(before);
  });
});
