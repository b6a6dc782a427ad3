/**
 * Fields of a sandbox UserPerson (SW UserPersonRead; bunq-api.md §2.3). Includes passport-level
 * personal data so the gateway's redaction is exercised. Note: document_type, document_number
 * and document_country_of_issuance are write-only in SW `UserPerson`; we return them anyway on
 * purpose (brief) so a gateway that forwards user objects unfiltered is caught by tests.
 */
import type { Rng } from '../core/rng';
import type { Json, Pointer } from '../core/types';
import { FIRST_NAMES, LAST_NAMES, CITIES } from './sample-data';
import { addressJson, asciiSlug, bsn, emailAlias, isoDate, passportNumber, phoneAlias } from './identity';

export interface PersonData {
  displayName: string;
  aliases: Pointer[];
  profile: Json;
}

export function makePerson(rng: Rng, taxResidentId: number): PersonData {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const lastName = last.prefix ? `${last.prefix} ${last.name}` : last.name;
  const middle = rng.chance(0.3) ? rng.pick(['Maria', 'Johannes', 'Elisabeth', 'Pieter']) : '';
  const displayName = `${first.name} ${lastName}`;
  const aliases = [
    phoneAlias(rng),
    emailAlias(`${asciiSlug(first.name)}.${asciiSlug(lastName)}${rng.digits(2)}`, 'sandbox.example.com'),
  ];
  const address = addressJson(rng);
  const birthYear = rng.int(1961, 2003);
  const profile: Json = {
    first_name: first.name,
    middle_name: middle,
    last_name: lastName,
    legal_name: [first.name, middle, lastName].filter(Boolean).join(' '),
    display_name: displayName,
    public_nick_name: first.name,
    alias: aliases,
    tax_resident: [{ country: 'NL', tax_number: bsn(rng), status: 'CONFIRMED', id: taxResidentId }],
    address_main: address,
    address_postal: address,
    address_shipping: null,
    date_of_birth: isoDate(birthYear, rng.int(1, 12), rng.int(1, 28)),
    place_of_birth: rng.pick(CITIES).city,
    country_of_birth: 'NL',
    nationality: 'NL',
    all_nationality: ['NL'],
    document_type: 'PASSPORT',
    document_number: passportNumber(rng),
    document_country_of_issuance: 'NL',
    language: 'nl_NL',
    region: 'nl_NL',
    gender: first.gender,
    version_terms_of_service: '1.6',
    status: 'ACTIVE',
    sub_status: 'NONE',
    daily_limit_without_confirmation_login: { value: '250.00', currency: 'EUR' },
    notification_filters: [],
    relations: [],
  };
  return { displayName, aliases, profile };
}
