import rules from './retention.rules.json' with { type: 'json' };

/**
 * How long a type of document is kept: years counted from its upload, from its owner's termination, or
 * from the end of the year it was filed in (`year_end`: the fiscal retention, fiscale bewaarplicht, runs
 * from the end of the year the records belong to). `basis` and `source` say which law asks for it.
 */
export interface RetentionRule {
  years: number;
  from: 'upload' | 'termination' | 'year_end';
  basis?: string;
  source?: string;
}

export const RETENTION_RULES: Readonly<Record<string, RetentionRule>> = rules as Record<
  string,
  RetentionRule
>;

/** `date` plus whole years; 29 February becomes 28 February in a year without it. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * The date until which a document must be kept, or null when no rule says (a type without a rule, or
 * a personnel file whose owner still works here): such documents are kept until someone deletes them.
 */
export function retentionUntil(
  documentType: string | null,
  facts: { uploadedOn: string; ownerEndDate?: string | null },
  table: Readonly<Record<string, RetentionRule>> = RETENTION_RULES,
): string | null {
  const rule = documentType ? table[documentType] : undefined;
  if (!rule) return null;
  if (rule.from === 'upload') return addYears(facts.uploadedOn, rule.years);
  if (rule.from === 'year_end') return addYears(`${facts.uploadedOn.slice(0, 4)}-12-31`, rule.years);
  return facts.ownerEndDate ? addYears(facts.ownerEndDate, rule.years) : null;
}

/** A document past its date may be purged, unless a legal hold stands: holds always win. */
export function mayPurge(retention: string | null, today: string, underLegalHold: boolean): boolean {
  return retention !== null && retention < today && !underLegalHold;
}
