import {
  EVENTS,
  type EmployeeHiredData,
  type EmployeeTerminatedData,
  type EventHandler,
} from '@backoffice/kit';
import type { RetentionService } from '../retention/retention.service.js';

/**
 * hr's employees as documents needs them: who exists (an owner must), and when they left (personnel
 * files are kept two years from then). One durable for hired and terminated keeps them in order.
 */
export const employeeEventsHandler = (
  retention: RetentionService,
): EventHandler<EmployeeHiredData | EmployeeTerminatedData> => ({
  durable: 'documents-employees',
  subject: 'backoffice.hr.employee.*',
  async handle(event, { em }) {
    if (event.type === EVENTS.employeeHired) {
      const e = event.data as EmployeeHiredData;
      await em.query('INSERT INTO known_employee (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [
        e.employeeId,
      ]);
    } else if (event.type === EVENTS.employeeTerminated) {
      const e = event.data as EmployeeTerminatedData;
      await em.query(
        `INSERT INTO known_employee (id, end_date) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET end_date = excluded.end_date, updated_at = now()`,
        [e.employeeId, e.endDate],
      );
      await retention.ownerTerminated(em, e.employeeId, e.endDate);
    }
  },
});
