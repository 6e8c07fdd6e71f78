import { hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { LeaveRequest } from './leave.entity.js';

export const leaveRequested = (
  request: LeaveRequest,
  managerId: string | null,
  days: number,
  actor: Identity,
) =>
  domainEvent(
    hr.leaveRequested,
    request.id,
    {
      leaveRequestId: request.id,
      employeeId: request.employeeId,
      managerId,
      // The kind of leave (sick leave above all) is health data and stays in hr.
      type: 'LEAVE',
      startDate: request.startDate,
      endDate: request.endDate,
      days,
    },
    actor,
  );

export const leaveDecided = (request: LeaveRequest, actor: Identity) =>
  domainEvent(
    hr.leaveDecided,
    request.id,
    {
      leaveRequestId: request.id,
      employeeId: request.employeeId,
      status: request.status,
      days: Number(request.days),
    },
    actor,
  );

export const leaveCancelled = (request: LeaveRequest, actor: Identity) =>
  domainEvent(
    hr.leaveCancelled,
    request.id,
    { leaveRequestId: request.id, employeeId: request.employeeId },
    actor,
  );
