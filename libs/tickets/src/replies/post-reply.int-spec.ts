import { ReadOnlyWorld } from '../testing/read-only-world.fixture';
import { PostReplyUseCase } from './post-reply.use-case';

describe('PostReplyUseCase on real Postgres', () => {
  let world: ReadOnlyWorld;
  let postReply: PostReplyUseCase;

  beforeAll(async () => {
    world = await ReadOnlyWorld.open('post-reply');
    postReply = new PostReplyUseCase(world.db, () => undefined);
  });
  afterAll(() => world.close());

  const reply = (number: string) =>
    postReply.execute(world.admin, { ref: { kind: 'number', number }, bodyText: 'Please restart the printer.' });

  it('answers an open ticket: one outbound message, one event, the event and OutboundMessage in the outbox', async () => {
    const ticket = await world.ticket('open');
    const before = await world.footprint(ticket.id);
    const posted = await reply(ticket.number);
    expect(posted).toMatchObject({ ticketId: ticket.id, direction: 'outbound', subject: 'Re: Printer jam' });
    expect(await world.footprint(ticket.id)).toMatchObject({
      messages: Number(before['messages']) + 1,
      events: Number(before['events']) + 1,
      outbox: Number(before['outbox']) + 2,
    });
  });

  it.each([
    ['archived', 'ticket_archived'],
    ['merged', 'ticket_merged'],
  ] as const)('refuses a reply to a %s ticket with %s and writes nothing', async (fate, code) => {
    const ticket = await world.ticket(fate);
    const before = await world.footprint(ticket.id);
    await expect(reply(ticket.number)).rejects.toMatchObject({ code });
    expect(await world.footprint(ticket.id)).toEqual(before);
  });

  it('answers a ticket of another tenant like a missing one', async () => {
    const ticket = await world.ticket('open');
    const stranger = { ...world.admin, tenantId: '00000000-0000-7000-8000-000000000000' };
    await expect(
      postReply.execute(stranger, { ref: { kind: 'id', id: ticket.id }, bodyText: 'hi' }),
    ).rejects.toMatchObject({ code: 'ticket_not_found' });
  });
});
