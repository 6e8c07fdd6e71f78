import { CONSUMERS, hr } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { RetentionService } from '../retention/retention.service.js';

/**
 * hr's employees as documents needs them: who exists (an owner must), and when they left (personnel
 * files are kept two years from then). One durable for hired and terminated keeps them in order.
 */
export const employeeEventsHandler = (
  retention: RetentionService,
): EventHandler<typeof hr.employeeHired | typeof hr.employeeTerminated> => ({
  consumer: CONSUMERS.documents.employees,
  async handle(event, { em }) {
    if (event.type === hr.employeeHired.type) {
      const e = event.data;
      await em.query('INSERT INTO known_employee (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [
        e.employeeId,
      ]);
    } else if (event.type === hr.employeeTerminated.type) {
      const e = event.data;
      await em.query(
        `INSERT INTO known_employee (id, end_date) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET end_date = excluded.end_date, updated_at = now()`,
        [e.employeeId, e.endDate],
      );
      await retention.ownerTerminated(em, e.employeeId, e.endDate);
    }
  },
});
