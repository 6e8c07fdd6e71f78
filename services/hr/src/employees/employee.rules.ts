import { badInput } from '@backoffice/kit';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const COUNTRY = /^[A-Z]{2}$/;

export function normaliseName(value: string, field: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > 100) throw badInput(`${field} must be 1 to 100 characters`, field);
  return name;
}

export function normaliseEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw badInput(`"${value}" is not an email address`, field);
  return email;
}

export function normaliseCountry(value: string, field = 'workCountry'): string {
  const country = value.trim().toUpperCase();
  if (!COUNTRY.test(country)) throw badInput(`${field} must be an ISO 3166 alpha-2 code such as NL`, field);
  return country;
}

const isControlCharacter = (ch: string): boolean => {
  const code = ch.charCodeAt(0);
  return (code < 32 && ch !== '\n' && ch !== '\t' && ch !== '\r') || code === 127;
};

/** Free text kept short and printable: addresses and reasons end up on letters and payslips. */
export function normaliseText(value: string | null | undefined, field: string, max = 300): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  if ([...text].some(isControlCharacter)) throw badInput(`${field} contains control characters`, field);
  return text.length === 0 ? null : text;
}

/** IBAN with its mod-97 check (ISO 13616), stored compact and upper case. */
export function normaliseIban(value: string, field = 'iban'): string {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw badInput('iban is not an IBAN', field);
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  if (remainder !== 1) throw badInput('iban fails its check digits (mod 97)', field);
  return iban;
}

/** Dutch BSN with the eleven-test (elfproef): 9 digits, weights 9..2 and -1, sum divisible by 11. */
export function normaliseBsn(value: string, field = 'bsn'): string {
  const bsn = value.replace(/\D/g, '').padStart(9, '0');
  if (!/^\d{9}$/.test(bsn) || value.replace(/[\s.]/g, '').length > 9)
    throw badInput('bsn must be 9 digits', field);
  const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  const sum = weights.reduce((s, w, i) => s + w * Number(bsn[i]), 0);
  if (sum % 11 !== 0 || sum === 0) throw badInput('bsn fails the eleven-test', field);
  return bsn;
}

export function normalisePostcode(value: string, country: string, field = 'postcode'): string {
  const postcode = value.trim().toUpperCase();
  if (country === 'NL') {
    const m = /^([1-9]\d{3})\s?([A-Z]{2})$/.exec(postcode);
    if (!m || ['SA', 'SD', 'SS'].includes(m[2])) throw badInput('a Dutch postcode looks like 1234 AB', field);
    return `${m[1]} ${m[2]}`;
  }
  if (postcode.length === 0 || postcode.length > 12)
    throw badInput('postcode must be 1 to 12 characters', field);
  return postcode;
}
