/**
 * Fields of a sandbox UserCompany (SW UserCompanyRead; bunq-api.md §2.3): chamber of commerce
 * number, UBOs with birth data and nationality, addresses, directors — all redactable data.
 */
import type { Rng } from '../core/rng';
import type { Json, Pointer } from '../core/types';
import { externalIban } from '../core/iban';
import { COMPANY_NAMES, COMPANY_SECTORS, FIRST_NAMES, LAST_NAMES } from './sample-data';
import { addressJson, asciiSlug, emailAlias, isoDate, phoneAlias } from './identity';

export interface CompanyData {
  displayName: string;
  aliases: Pointer[];
  profile: Json;
}

function personName(rng: Rng): string {
  const last = rng.pick(LAST_NAMES);
  return `${rng.pick(FIRST_NAMES).name} ${last.prefix ? `${last.prefix} ` : ''}${last.name}`;
}

export function makeCompany(rng: Rng, taxResidentId: number): CompanyData {
  const name = `${rng.pick(COMPANY_NAMES)} B.V.`;
  const aliases = [phoneAlias(rng), emailAlias(`finance.${asciiSlug(name)}`, 'sandbox.example.com')];
  const address = addressJson(rng);
  const ubo = [0, 1].map(() => ({
    name: personName(rng),
    date_of_birth: isoDate(rng.int(1958, 1995), rng.int(1, 12), rng.int(1, 28)),
    nationality: rng.pick(['NL', 'NL', 'DE', 'BE']),
  }));
  const profile: Json = {
    name,
    display_name: name,
    public_nick_name: name,
    alias: aliases,
    chamber_of_commerce_number: rng.digits(8),
    legal_form: 'BV',
    type_of_business_entity: 'BUSINESS',
    sector_of_industry: rng.pick(COMPANY_SECTORS),
    counter_bank_iban: externalIban(rng),
    address_main: address,
    address_postal: address,
    address_shipping: null,
    version_terms_of_service: '1.6',
    directors: ubo.map((u) => ({ uuid: null, display_name: u.name, country: 'NL', avatar: null, public_nick_name: u.name })),
    language: 'nl_NL',
    country: 'NL',
    region: 'nl_NL',
    ubo,
    status: 'ACTIVE',
    sub_status: 'NONE',
    daily_limit_without_confirmation_login: { value: '1000.00', currency: 'EUR' },
    notification_filters: [],
    customer: null,
    customer_limit: null,
    billing_contract: [],
    deny_reason: null,
    relations: [],
    tax_resident: [{ country: 'NL', tax_number: `NL${rng.digits(9)}B01`, status: 'CONFIRMED', id: taxResidentId }],
  };
  return { displayName: name, aliases, profile };
}
