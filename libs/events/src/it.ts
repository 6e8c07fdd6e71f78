import { z } from 'zod';
import { defineEvent } from './contract.js';

/** it's events: tickets (and their SLA), the service desk's agents, and assets. Instants are ISO 8601. */

const producer = 'it';

/** What every ticket event says about its ticket. */
const ticket = z.object({
  ticketId: z.string(),
  title: z.string(),
  category: z.string(),
  priority: z.string(),
  status: z.string(),
  requesterEmployeeId: z.string(),
  assigneeEmployeeId: z.string().nullable(),
});

export const ticketCreated = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'created',
  summary: 'A ticket opened (by a person, or by an event such as a hire: causedByEventId).',
  schema: ticket.extend({ dueAt: z.string().nullable(), causedByEventId: z.string().nullable() }),
});

export const ticketAssigned = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'assigned',
  summary: 'A ticket (re)assigned.',
  schema: ticket.extend({ previousAssigneeEmployeeId: z.string().nullable() }),
});

export const ticketStatusChanged = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'status_changed',
  summary: "A ticket's status moved from one to another.",
  schema: ticket.extend({ from: z.string(), to: z.string() }),
});

export const ticketResolved = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'resolved',
  summary: 'A ticket resolved.',
  schema: ticket.extend({ resolvedAt: z.string().nullable() }),
});

export const ticketSlaBreached = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'sla_breached',
  summary: 'A ticket missed its response or resolution time and was escalated.',
  schema: z.object({
    ticketId: z.string(),
    priority: z.string(),
    kinds: z.array(z.enum(['RESPONSE', 'RESOLUTION'])),
    escalatedPriority: z.string(),
  }),
});

export const ticketWatcherAdded = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'watcher_added',
  summary: 'An employee watches a ticket.',
  schema: z.object({ ticketId: z.string(), employeeId: z.string() }),
});

export const ticketWatcherRemoved = defineEvent({
  producer,
  aggregate: 'ticket',
  verb: 'watcher_removed',
  summary: 'An employee no longer watches a ticket.',
  schema: z.object({ ticketId: z.string(), employeeId: z.string() }),
});

export const agentRegistered = defineEvent({
  producer,
  aggregate: 'agent',
  verb: 'registered',
  summary: 'An employee joins the service desk (lead: takes breached tickets).',
  schema: z.object({ employeeId: z.string(), lead: z.boolean() }),
});

export const agentRetired = defineEvent({
  producer,
  aggregate: 'agent',
  verb: 'retired',
  summary: 'An employee leaves the service desk.',
  schema: z.object({ employeeId: z.string() }),
});

export const assetRegistered = defineEvent({
  producer,
  aggregate: 'asset',
  verb: 'registered',
  summary: 'An asset (hardware or licence) taken into stock.',
  schema: z.object({ assetId: z.string(), tag: z.string(), model: z.string(), kind: z.string() }),
});

export const assetAssigned = defineEvent({
  producer,
  aggregate: 'asset',
  verb: 'assigned',
  summary: 'An asset handed to an employee.',
  schema: z.object({ assetId: z.string(), tag: z.string(), employeeId: z.string() }),
});

export const assetReturned = defineEvent({
  producer,
  aggregate: 'asset',
  verb: 'returned',
  summary: 'An asset back in stock from an employee.',
  schema: z.object({ assetId: z.string(), tag: z.string(), employeeId: z.string() }),
});
