import { previousBusinessDay, zonedInstant } from '../sla/sla.calendar.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_WORKING_CALENDAR } from '../sla/sla.rules.js';
import { type AccessTable, accessGroupsFor, DEFAULT_ACCESS_TABLE } from './onboarding.access.js';
import {
  type ChecklistEmployee,
  type ChecklistOptions,
  type ChecklistTicket,
  fullName,
  localDateTime,
  markdownText,
  priorityToMeet,
  requireDate,
  requireWorkLocation,
  taskList,
} from './checklist.common.js';

/**
 * The onboarding ticket IT opens when HR hires someone. Everything must be ready the business day
 * before the first day at opening time, which leaves that day to fix what went wrong.
 */
export interface OnboardingEmployee extends ChecklistEmployee {
  /** The first working day, `YYYY-MM-DD`. */
  startDate: string;
}

export interface OnboardingInput {
  employee: OnboardingEmployee;
  /** When the ticket is raised; a late hire gets a more urgent priority. */
  now?: Date;
}

export interface OnboardingOptions extends ChecklistOptions {
  accessTable?: AccessTable;
  /** Local time on the business day before the start date by which all must be ready; default 09:00. */
  readyBy?: string;
}

/** An onboarding ticket is P3 unless the start date is too close for P3's resolution target. */
export const ONBOARDING_BASE_PRIORITY = 'P3';

const LOCATION_LABELS = { OFFICE: 'Office', REMOTE: 'Remote', HYBRID: 'Hybrid' } as const;

export function onboardingChecklist(
  input: OnboardingInput,
  options: OnboardingOptions = {},
): ChecklistTicket {
  const calendar = options.calendar ?? DEFAULT_WORKING_CALENDAR;
  const { employee } = input;
  const name = fullName(employee);
  const startDate = requireDate(employee.startDate, 'employee.startDate');
  const workLocation = requireWorkLocation(employee.workLocation, 'employee.workLocation');
  const groups = accessGroupsFor(
    { name: employee.departmentName, costCenter: employee.departmentCostCenter },
    options.accessTable ?? DEFAULT_ACCESS_TABLE,
  );

  const items = [
    `Create the email account and mailbox for ${name}`,
    `Create the SSO account for ${name} and prepare multi-factor enrolment`,
    `Prepare a laptop for ${name}: install the standard image, encrypt the disk and enrol it in device management`,
    ...(workLocation === 'OFFICE' || workLocation === 'HYBRID'
      ? [`Issue an office access badge for ${name}`]
      : []),
    // A remote or hybrid worker needs a workplace at home from day one, so the kit ships before the start.
    ...(workLocation === 'REMOTE' || workLocation === 'HYBRID'
      ? [
          `Ship a home-office kit (monitor, keyboard, mouse, headset) to ${name} to arrive before ${startDate}`,
        ]
      : []),
    ...groups.map((group) => `Grant access group "${group}"`),
    `Schedule the IT welcome session with ${name} on ${startDate}`,
  ];

  const dueAt = zonedInstant(
    previousBusinessDay(startDate, calendar),
    options.readyBy ?? '09:00',
    calendar.timeZone,
  );
  const department = employee.departmentName?.trim();
  const costCenter = employee.departmentCostCenter?.trim();
  const departmentLine = department
    ? `${markdownText(department)}${costCenter ? ` (${markdownText(costCenter)})` : ''}`
    : costCenter
      ? markdownText(costCenter)
      : 'not set';
  const description = [
    `## Onboarding: ${markdownText(name)}`,
    '',
    `- **Start date:** ${startDate}`,
    `- **Department:** ${departmentLine}`,
    `- **Work location:** ${LOCATION_LABELS[workLocation]}`,
    `- **Ready by:** ${localDateTime(dueAt, calendar)}`,
    '',
    '### Checklist',
    '',
    taskList(items),
    '',
  ].join('\n');

  return {
    title: `Onboarding: ${name} (starts ${startDate})`,
    description,
    items,
    dueAt,
    category: 'ONBOARDING',
    priority: priorityToMeet(
      dueAt,
      ONBOARDING_BASE_PRIORITY,
      input.now,
      calendar,
      options.targets ?? DEFAULT_SLA_TARGETS,
    ),
  };
}
