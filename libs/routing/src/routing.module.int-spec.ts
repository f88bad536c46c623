import { Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@switchboard/config';
import { CAPACITY_STORE, InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { DATABASE, openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { DryRunRoutingUseCase } from './admin/dry-run-routing.use-case';
import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from './admin/routing-rule-admin.exception';
import { SaveRoutingRuleUseCase } from './admin/save-routing-rule.use-case';
import { RoutingDirectory } from './directory/routing-directory';
import { RoutingModule } from './routing.module';

/** What the app's global infrastructure modules provide. */
@Module({})
class TestInfrastructureModule {}

describe('RoutingModule (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let app: INestApplicationContext;
  const tenantId = newId();
  const teamId = newId();
  const agentId = newId();
  const editor = { tenantId, agentId };
  const draft = (name: string, position: number) => ({
    name,
    position,
    enabled: true,
    conditions: {},
    requiredSkills: [],
    teamId,
    priority: null,
    tags: [],
    slaPolicy: null,
    setCategory: null,
  });

  beforeAll(async () => {
    testDb = await createTestDatabase('routing_module');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Support')`, [teamId, tenantId]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, role) VALUES ($1, $2, $3, 'ada@acme.test', 'Ada', 'admin')`,
      [agentId, tenantId, teamId],
    );
    const moduleRef = await Test.createTestingModule({
      imports: [
        {
          module: TestInfrastructureModule,
          global: true,
          providers: [
            { provide: DATABASE, useValue: db },
            { provide: CAPACITY_STORE, useValue: new InMemoryCapacityStore() },
          ],
          exports: [DATABASE, CAPACITY_STORE],
        },
        RoutingModule,
      ],
    }).compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    await app.close();
    await db.close();
    await testDb.drop();
  });

  it('shares one directory, which a rule saved through the admin use-case drops at once', async () => {
    const directory = app.get(RoutingDirectory);
    expect(app.get(DryRunRoutingUseCase)).toBeInstanceOf(DryRunRoutingUseCase);
    // Cached with no rules: without the invalidation the next read would serve this for the TTL (2 s).
    expect((await directory.forTenant(db, 'acme'))?.rules).toHaveLength(0);
    await app.get(SaveRoutingRuleUseCase).create(editor, draft('Everything', 1));
    expect((await directory.forTenant(db, 'acme'))?.rules.map((rule) => rule.name)).toEqual(['Everything']);
  });

  it('answers a rule for an unknown team with the wire code validation_failed, an invalid request', async () => {
    const refused = await app
      .get(SaveRoutingRuleUseCase)
      .create(editor, { ...draft('Nowhere', 2), teamId: newId() })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RoutingRuleAdminException);
    expect(refused).toMatchObject({ code: RoutingRuleAdminExceptionCode.InvalidRule, kind: 'invalid' });
    expect((refused as RoutingRuleAdminException).code).toBe('validation_failed');
  });
});
