import { DomainError } from '@backoffice/kit/errors';
import accessTableData from './onboarding.access.json' with { type: 'json' };

/**
 * Which access groups a new employee gets. Everyone gets the baseline; a department adds its own
 * groups. A department is recognised by cost center first (stable when a department is renamed), then
 * by name, both ignoring case and surrounding spaces. An unknown department gets the baseline only, so
 * an agent grants the rest by hand instead of guessing.
 */
export interface DepartmentAccess {
  names: readonly string[];
  costCenters?: readonly string[];
  groups: readonly string[];
}

export interface AccessTable {
  baseline: readonly string[];
  departments: readonly DepartmentAccess[];
}

export const DEFAULT_ACCESS_TABLE: AccessTable = accessTableData;

function normalise(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** The department entry for a cost center or name, or null when the table does not know it. */
export function findDepartmentAccess(
  department: { name?: string | null; costCenter?: string | null },
  table: AccessTable = DEFAULT_ACCESS_TABLE,
): DepartmentAccess | null {
  const costCenter = normalise(department.costCenter);
  if (costCenter) {
    const byCostCenter = table.departments.find((entry) =>
      (entry.costCenters ?? []).some((candidate) => normalise(candidate) === costCenter),
    );
    if (byCostCenter) return byCostCenter;
  }
  const name = normalise(department.name);
  if (!name) return null;
  return (
    table.departments.find((entry) => entry.names.some((candidate) => normalise(candidate) === name)) ?? null
  );
}

/** Baseline plus department groups, without duplicates, in table order. */
export function accessGroupsFor(
  department: { name?: string | null; costCenter?: string | null },
  table: AccessTable = DEFAULT_ACCESS_TABLE,
): string[] {
  if (!Array.isArray(table.baseline) || !Array.isArray(table.departments)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'The access table needs a baseline and a department list.',
      'accessTable',
    );
  }
  const groups = [...table.baseline, ...(findDepartmentAccess(department, table)?.groups ?? [])];
  return [...new Set(groups.map((group) => group.trim()).filter(Boolean))];
}
