/**
 * Building blocks for redactable personal data: addresses (SW Address), aliases (Pointer
 * EMAIL/PHONE_NUMBER), Dutch tax numbers (BSN, 11-check) and passport numbers. The gateway must
 * redact these, so they are realistic in shape (brief; SW UserPersonRead, UserCompany).
 */
import type { Rng } from '../core/rng';
import type { Json, Pointer } from '../core/types';
import { CITIES } from './sample-data';

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

export function addressJson(rng: Rng): Json {
  const c = rng.pick(CITIES);
  return {
    street: rng.pick(c.streets),
    house_number: String(rng.int(1, 420)),
    po_box: null,
    postal_code: `${c.postal} ${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
    city: c.city,
    country: 'NL',
    extra: null,
    mailbox_name: null,
    province: null,
    is_user_address_updated: false,
  };
}

export function emailAlias(local: string, domain: string): Pointer {
  const value = `${local}@${domain}`;
  return { type: 'EMAIL', value, name: value };
}

export function phoneAlias(rng: Rng): Pointer {
  const value = `+316${rng.digits(8)}`;
  return { type: 'PHONE_NUMBER', value, name: value };
}

/** A 9-digit Dutch BSN passing the 11-proef (weights 9..2, last digit −1). */
export function bsn(rng: Rng): string {
  for (;;) {
    const d = rng.digits(9);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
    sum -= Number(d[8]);
    if (sum % 11 === 0 && d[0] !== '0') return d;
  }
}

/** Dutch passport number shape: 2 letters, 6 letters/digits, 1 digit; never the letter O. */
export function passportNumber(rng: Rng): string {
  const letters = 'ABCDEFGHIJKLMNPQRSTUVWXYZ';
  const alnum = `${letters}0123456789`;
  let out = '';
  for (let i = 0; i < 2; i++) out += letters[rng.int(0, letters.length - 1)];
  for (let i = 0; i < 6; i++) out += alnum[rng.int(0, alnum.length - 1)];
  return out + rng.digits(1);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
