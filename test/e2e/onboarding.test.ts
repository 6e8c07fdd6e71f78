import { beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, mintToken } from '@backoffice/testkit';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * The platform as users meet it: five subgraphs and the gateway as separate processes, real
 * Postgres and NATS, and the first cross-service flow (hire -> onboarding ticket) through the gateway.
 */
const whole = wholePlatform();
let hr: ReturnType<typeof graphqlClient>;
/** The employee the first scenario hires. */
let graceId: string;

beforeAll(async () => {
  hr = graphqlClient(whole.platform.gatewayUrl, await mintToken({ sub: 'e2e-hr', roles: ['hr'] }));
});

describe('hire -> onboarding ticket, through the gateway', () => {
  it('opens the onboarding ticket for a new employee and serves it on Employee.tickets', async () => {
    const dept = await hr.query(
      'mutation { createDepartment(input: { name: "Back office", costCenter: "BO-1" }) { id } }',
    );
    expect(dept.errors).toBeUndefined();
    const hired = await hr.query(
      `mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id givenName } }`,
      {
        input: {
          givenName: 'Grace',
          familyName: 'Hopper',
          email: 'grace.hopper@example.com',
          departmentId: dept.data.createDepartment.id,
          startDate: '2027-03-01',
          workLocation: 'HYBRID',
          contract: { monthlySalary: '6200.00', currency: 'EUR', fte: 1 },
        },
      },
    );
    expect(hired.errors).toBeUndefined();
    const employeeId = hired.data.hireEmployee.id as string;
    graceId = employeeId;

    // The new employee looks at their own record; IT's part of it arrives through the bus.
    const self = graphqlClient(
      whole.platform.gatewayUrl,
      await mintToken({ sub: 'grace', roles: ['employee'], employeeId }),
    );
    const started = Date.now();
    let tickets: { id: string; title: string; category: string; status: string }[] = [];
    while (Date.now() - started < 15_000) {
      const r = await self.query(
        'query($id: ID!) { employee(id: $id) { givenName tickets { id title category status } } }',
        { id: employeeId },
      );
      expect(r.errors).toBeUndefined();
      tickets = r.data.employee.tickets;
      if (tickets.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'ONBOARDING', status: 'NEW' });
    expect(tickets[0].title).toContain('Grace Hopper');

    // Federated the other way: the ticket's requester resolves in hr.
    const agent = graphqlClient(
      whole.platform.gatewayUrl,
      await mintToken({ sub: 'agent', roles: ['it_agent'] }),
    );
    const ticket = await agent.query(
      'query($id: ID!) { ticket(id: $id) { requester { id familyName } sla { breached } } }',
      { id: tickets[0].id },
    );
    expect(ticket.errors).toBeUndefined();
    expect(ticket.data.ticket.requester).toEqual({ id: employeeId, familyName: 'Hopper' });
  });

  it('keeps the rest of an employee when the caller may not see one of its sections', async () => {
    // hr sees the person, not their service-desk tickets or assets: those answer FORBIDDEN and null alone.
    const r = await hr.query(
      'query($id: ID!) { employee(id: $id) { id givenName tickets { id } assets { id } documents { id } } }',
      { id: graceId },
    );
    expect(r.data.employee).toMatchObject({ id: graceId, givenName: 'Grace', tickets: null, assets: null });
    expect(r.data.employee.documents).toEqual([]);
    const forbidden = (r.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => e.path?.at(-1));
    expect(forbidden.sort()).toEqual(['assets', 'tickets']);
  });

  it('answers UNAUTHENTICATED without a token and FORBIDDEN for the wrong role, keeping the rest', async () => {
    const anonymous = await graphqlClient(whole.platform.gatewayUrl).query('{ departments { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = graphqlClient(
      whole.platform.gatewayUrl,
      await mintToken({ sub: 'analyst', roles: ['analyst'] }),
    );
    const r = await analyst.query('{ departments { name } tickets(first: 5) { totalCount } }');
    expect(r.data.departments.length).toBeGreaterThan(0);
    expect(r.data.tickets.totalCount).toBe(0);
    const hire = await analyst.query(
      'mutation { createDepartment(input: { name: "X", costCenter: "X-1" }) { id } }',
    );
    expect(hire.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const expired = graphqlClient(
      whole.platform.gatewayUrl,
      await mintToken({ sub: 'old', roles: ['hr'] }, { ttl: -60 }),
    );
    const refused = await expired.query('{ departments { id } }');
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves health and readiness', async () => {
    expect((await fetch(`${whole.platform.gatewayOrigin}/health`)).status).toBe(200);
    const ready = await fetch(`${whole.platform.gatewayOrigin}/ready`);
    expect(ready.status).toBe(200);
  });
});
