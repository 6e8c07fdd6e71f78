import { zonedInstant } from '../sla/sla.calendar.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_WORKING_CALENDAR } from '../sla/sla.rules.js';
import {
  type ChecklistEmployee,
  type ChecklistOptions,
  type ChecklistTicket,
  fullName,
  localDateTime,
  markdownText,
  priorityToMeet,
  requireDate,
  requireText,
  taskList,
} from './checklist.common.js';

/**
 * The offboarding ticket IT opens when HR terminates someone: every asset back and every access
 * revoked by the end of the last day, because access that outlives employment is a security risk.
 */
export interface OffboardingAsset {
  tag: string;
  model: string;
}

export interface OffboardingInput {
  employee: Pick<ChecklistEmployee, 'givenName' | 'familyName' | 'departmentName'> &
    Partial<Pick<ChecklistEmployee, 'workLocation'>>;
  /** The last working day, `YYYY-MM-DD`. */
  endDate: string;
  assets: readonly OffboardingAsset[];
  /** Access groups and systems the employee holds. */
  accesses: readonly string[];
  /** When the ticket is raised; a termination at short notice gets a more urgent priority. */
  now?: Date;
}

export interface OffboardingOptions extends ChecklistOptions {
  /** Local time on the end date by which all must be done; default 17:00. */
  dueBy?: string;
}

/** Revoking access is security work, so offboarding starts at P2. */
export const OFFBOARDING_BASE_PRIORITY = 'P2';

export function offboardingChecklist(
  input: OffboardingInput,
  options: OffboardingOptions = {},
): ChecklistTicket {
  const calendar = options.calendar ?? DEFAULT_WORKING_CALENDAR;
  const name = fullName(input.employee);
  const endDate = requireDate(input.endDate, 'endDate');
  // The same tag twice is one laptop, and the same access twice is one revocation.
  const assets = [
    ...new Map(
      input.assets.map((asset, i) => {
        const tag = requireText(asset.tag, `assets.${i}.tag`);
        return [tag, { tag, model: asset.model?.trim() || 'unknown model' }] as const;
      }),
    ).values(),
  ];
  const accesses = [...new Set(input.accesses.map((access) => access.trim()).filter(Boolean))];
  const remote = input.employee.workLocation === 'REMOTE';

  const assetItems = assets.map(({ tag, model }) => `Collect asset ${tag} (${model}) from ${name}`);
  const items = [
    ...(remote && assets.length ? [`Send ${name} a prepaid return box for the equipment`] : []),
    ...assetItems,
    `Confirm with the manager that ${name} holds no unregistered equipment`,
    ...accesses.map((access) => `Revoke access "${access}"`),
    `Disable the SSO account of ${name} and end all sessions at the end of ${endDate}`,
    `Hand over the mailbox and files of ${name} to the manager`,
    'Wipe the collected devices and return them to stock',
  ];

  const dueAt = zonedInstant(endDate, options.dueBy ?? '17:00', calendar.timeZone);
  const department = input.employee.departmentName?.trim();
  const description = [
    `## Offboarding: ${markdownText(name)}`,
    '',
    `- **Last day:** ${endDate}`,
    `- **Department:** ${department ? markdownText(department) : 'not set'}`,
    `- **Due:** ${localDateTime(dueAt, calendar)}`,
    '',
    '### Assets to collect',
    '',
    assets.length ? taskList(assetItems) : 'No assets are registered to this employee.',
    '',
    '### Access to revoke',
    '',
    accesses.length
      ? taskList(accesses.map((access) => `Revoke access "${access}"`))
      : 'No access is recorded.',
    '',
    '### Checklist',
    '',
    taskList(items),
    '',
  ].join('\n');

  return {
    title: `Offboarding: ${name} (last day ${endDate})`,
    description,
    items,
    dueAt,
    category: 'OFFBOARDING',
    priority: priorityToMeet(
      dueAt,
      OFFBOARDING_BASE_PRIORITY,
      input.now,
      calendar,
      options.targets ?? DEFAULT_SLA_TARGETS,
    ),
  };
}
