/**
 * Word lists for realistic, deterministic sandbox data. Several entries are deliberately
 * non-ASCII (é, ë, ü, ø, €) so every response exercises bunq's ASCII-only \uXXXX escaping
 * (bunq-clients.md §1.5 trap 2; src/lib/bunq-json.ts).
 */
export const FIRST_NAMES = [
  { name: 'Zoë', gender: 'FEMALE' }, { name: 'Anaïs', gender: 'FEMALE' }, { name: 'Sanne', gender: 'FEMALE' },
  { name: 'Chloé', gender: 'FEMALE' }, { name: 'Fleur', gender: 'FEMALE' }, { name: 'Joël', gender: 'MALE' },
  { name: 'Sören', gender: 'MALE' }, { name: 'Daan', gender: 'MALE' }, { name: 'Thijs', gender: 'MALE' },
  { name: 'Bram', gender: 'MALE' },
] as const;

export const LAST_NAMES = [
  { prefix: 'de', name: 'Vries' }, { prefix: '', name: 'Jansen' }, { prefix: '', name: 'Bakker' },
  { prefix: 'van den', name: 'Berg' }, { prefix: '', name: 'Müller' }, { prefix: '', name: 'Visser' },
  { prefix: 'van', name: 'Dijk' }, { prefix: '', name: 'Smit' }, { prefix: '', name: 'Meijer' },
] as const;

export const CITIES = [
  { city: 'Amsterdam', postal: '1012', streets: ['Prinsengracht', 'Keizersgracht', 'Overtoom'] },
  { city: 'Utrecht', postal: '3511', streets: ['Oudegracht', 'Biltstraat', 'Twijnstraat'] },
  { city: 'Rotterdam', postal: '3011', streets: ['Witte de Withstraat', 'Coolsingel', 'Nieuwe Binnenweg'] },
  { city: 'Den Haag', postal: '2511', streets: ['Lange Voorhout', 'Frederikstraat', 'Zeestraat'] },
  { city: 'Groningen', postal: '9711', streets: ['Herestraat', 'Oosterstraat', 'Zuiderdiep'] },
] as const;

export const COMPANY_NAMES = ['Zoë Bakker Design', 'Brouwerij De Molen', 'Café Zoë', 'Noorderlicht Software', 'Atelier Müller'];
export const COMPANY_SECTORS = ['IT_SERVICES', 'CONSULTANCY', 'HOSPITALITY', 'CREATIVE_INDUSTRY'] as const;

/** Card merchants: no IBAN on the counterparty (type MASTERCARD), with an MCC. */
export const CARD_MERCHANTS = [
  { name: 'Albert Heijn 1403', mcc: '5411', min: 300, max: 8500 },
  { name: 'Jumbo Utrecht', mcc: '5411', min: 250, max: 6500 },
  { name: 'Café Zoë €', mcc: '5814', min: 350, max: 4200 },
  { name: 'Bäckerei Müller', mcc: '5462', min: 180, max: 1600 },
  { name: 'NS Reizen', mcc: '4112', min: 240, max: 4800 },
  { name: 'HEMA', mcc: '5311', min: 200, max: 3500 },
  { name: 'Kruidvat', mcc: '5912', min: 199, max: 2800 },
  { name: 'Ærø Ørsted Rejser', mcc: '4722', min: 2500, max: 19000 },
  { name: 'Thuisbezorgd.nl', mcc: '5812', min: 1500, max: 4500 },
] as const;

/** Monthly direct debits / transfers to external IBANs (EBA_SDD / EBA_SCT). */
export const BILLERS = [
  { name: 'Vattenfall Klantenservice N.V.', desc: 'Termijnbedrag energie', min: 9000, max: 16000, day: 3 },
  { name: 'Ziggo B.V.', desc: 'Ziggo abonnement', min: 5500, max: 6500, day: 8 },
  { name: 'Spotify AB', desc: 'Spotify Premium', min: 1099, max: 1099, day: 12 },
  { name: 'Zilveren Kruis Zorgverzekeringen', desc: 'Premie zorgverzekering', min: 13500, max: 14500, day: 1 },
  { name: 'Gemeente Amsterdam', desc: 'Gemeentelijke belastingen termijn', min: 4000, max: 6000, day: 28 },
] as const;

export const IDEAL_SHOPS = ['Bol.com', 'Coolblue B.V.', 'Zalando SE', 'Booking.com B.V.'] as const;

export const FRIEND_DESCRIPTIONS = ['Tikkie: pizza 🍕', 'Etentje vrijdag', 'Concertkaartjes', 'Café Zoë — koffie', 'Boodschappen weekend', 'Verjaardagscadeau'];

export const EMPLOYERS = ['Noorderlicht Software B.V.', 'Gemeente Utrecht', 'Studio Ærø B.V.'] as const;
export const CLIENTS = ['Brouwerij De Molen B.V.', 'Atelier Müller GmbH', 'Het Café Zoë V.O.F.', 'Kaaswinkel Jansen'] as const;
