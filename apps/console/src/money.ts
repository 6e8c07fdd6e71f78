/** Money in the browser without floats: decimal strings to integer cents (BigInt) and back. */
export function toCents(value: string): bigint | null {
  const text = value.trim();
  if (text === '') return 0n;
  const match = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
