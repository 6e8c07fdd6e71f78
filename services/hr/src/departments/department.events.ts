import { hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Department } from './department.entity.js';

export const departmentCreated = (d: Department, actor: Identity) =>
  domainEvent(
    hr.departmentCreated,
    d.id,
    { departmentId: d.id, name: d.name, costCenter: d.costCenter, parentId: d.parentId },
    actor,
  );
