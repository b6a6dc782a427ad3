// OWASP API3:2023 Broken Object Property Level Authorization (mass assignment) and body
// smuggling: payment bodies written so that the check and the forward could read different
// values (duplicate keys, prototype keys, case-varied keys, trailing data), money and IBAN
// values that a lenient parser would "fix", and fields a token must not be able to set.
// Every case is refused with the exact status and code, and nothing reaches bunq. IBANs that
// merely differ in case or spacing are NORMALISED and allowed: asserted separately.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { JSON_CT, OTHER_IBAN, PAYEE, auth, expectRefused, paymentJson, sendRaw, upstreamCount, type AttackCase, type Expected } from './support/kit';

let t: TestGateway;
let bearer: string;
let u: number;
let acc: number;

beforeAll(async () => {
  t = await startTestGateway();
  bearer = (
    await t.issue({
      scopes: ['read-balance', 'create-payment', 'create-request', 'cancel-request', 'read-key-requests'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '10.00', ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id], outsideAllowlist: 'deny' },
    })
  ).bearer;
  u = t.user.userId;
  acc = t.personal.id;
});
afterAll(async () => t?.close());

const BODY: Expected = { status: 400, code: 'body_invalid' };
const TYPE: Expected = { status: 415, code: 'invalid_request' };
const payTarget = () => `/v1/user/${u}/monetary-account/${acc}/payment`;
const post = (body: () => string | Buffer, headers: readonly (readonly [string, string])[] = [JSON_CT], target = payTarget) => () => ({
  method: 'POST',
  target: target(),
  headers: [auth(bearer), ...headers],
  body: body(),
});
const amt = (value: string, currency = 'EUR', iban = PAYEE) =>
  `{"amount":{"value":${value},"currency":"${currency}"},"counterparty_alias":{"type":"IBAN","value":"${iban}","name":"Payee"},"description":"invoice"}`;
const alias = (aliasJson: string) => `{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":${aliasJson},"description":"invoice"}`;
const ibanAlias = (value: string) => alias(`{"type":"IBAN","value":${JSON.stringify(value)},"name":"Payee"}`);

const bodyCases: AttackCase[] = [
  { name: 'a duplicate top-level key (amount twice, small then large)', request: post(() => `{"amount":{"value":"1.00","currency":"EUR"},"amount":{"value":"9999.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`), expect: BODY },
  { name: 'a duplicate nested key (value twice)', request: post(() => `{"amount":{"value":"1.00","value":"9999.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`), expect: BODY },
  { name: 'a duplicate counterparty IBAN (allowlisted, then another)', request: post(() => `{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","value":"${OTHER_IBAN}","name":"P"},"description":"x"}`), expect: BODY },
  { name: 'a duplicate key spelled with a \\u escape', request: post(() => `{"amount":{"value":"1.00","currency":"EUR"},"\\u0061mount":{"value":"9999.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`), expect: BODY },
  { name: 'a case-varied key "Amount" next to "amount"', request: post(() => paymentJson('1.00', PAYEE, ',"Amount":{"value":"9999.00","currency":"EUR"}')), expect: BODY },
  { name: 'a case-varied key "Amount" instead of "amount"', request: post(() => paymentJson('1.00').replace('"amount"', '"Amount"')), expect: BODY },
  { name: 'a case-varied "Value" inside amount', request: post(() => paymentJson('1.00').replace('"value":"1.00"', '"value":"1.00","Value":"9999.00"')), expect: BODY },
  { name: 'an unknown extra top-level field', request: post(() => paymentJson('1.00', PAYEE, ',"foo":1')), expect: BODY },
  { name: 'an extra field inside amount', request: post(() => paymentJson('1.00').replace('"currency":"EUR"', '"currency":"EUR","value_override":"9999.00"')), expect: BODY },
  { name: 'a nested override object', request: post(() => paymentJson('1.00', PAYEE, ',"payment":{"amount":{"value":"9999.00","currency":"EUR"}}')), expect: BODY },
  { name: 'a "__proto__" key carrying an amount', request: post(() => paymentJson('1.00', PAYEE, ',"__proto__":{"amount":{"value":"9999.00","currency":"EUR"}}')), expect: BODY },
  { name: 'a nested "__proto__" key', request: post(() => paymentJson('1.00').replace('"currency":"EUR"', '"currency":"EUR","__proto__":{"value":"9999.00"}')), expect: BODY },
  { name: 'a "constructor" key', request: post(() => paymentJson('1.00', PAYEE, ',"constructor":{"prototype":{"x":1}}')), expect: BODY },
  { name: 'a "prototype" key', request: post(() => paymentJson('1.00', PAYEE, ',"prototype":{}')), expect: BODY },
  { name: 'a /* comment */', request: post(() => paymentJson('1.00').replace('{', '{/* amount 9999 */')), expect: BODY },
  { name: 'a // line comment', request: post(() => `${paymentJson('1.00')}\n// trailing`), expect: BODY },
  { name: 'a UTF-8 byte order mark', request: post(() => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(paymentJson('1.00'))])), expect: BODY },
  { name: 'trailing data (a second object)', request: post(() => `${paymentJson('1.00')}{"amount":{"value":"9999.00","currency":"EUR"}}`), expect: BODY },
  { name: 'trailing garbage', request: post(() => `${paymentJson('1.00')}x`), expect: BODY },
  { name: 'NaN as the amount', request: post(() => amt('NaN')), expect: BODY },
  { name: 'Infinity as the amount', request: post(() => amt('Infinity')), expect: BODY },
  { name: 'single-quoted strings', request: post(() => paymentJson('1.00').replace(/"/g, "'")), expect: BODY },
  { name: 'a top-level array', request: post(() => `[${paymentJson('1.00')}]`), expect: BODY },
  { name: 'a top-level null', request: post(() => 'null'), expect: BODY },
  { name: 'an empty body', request: post(() => ''), expect: BODY },
  { name: 'invalid UTF-8 in the description', request: post(() => Buffer.concat([Buffer.from(paymentJson('1.00').replace('"invoice"', '"inv')), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])), expect: BODY },
  { name: 'a lone surrogate escape', request: post(() => paymentJson('1.00').replace('"invoice"', '"\\ud800"')), expect: BODY },
  { name: 'a control character in the description', request: post(() => paymentJson('1.00').replace('"invoice"', '"a\\u0007b"')), expect: BODY },
  { name: 'a right-to-left override in the description', request: post(() => paymentJson('1.00').replace('"invoice"', '"\\u202egnp.exe"')), expect: BODY },
  { name: 'a 141-character description', request: post(() => paymentJson('1.00').replace('"invoice"', `"${'d'.repeat(141)}"`)), expect: BODY },
  { name: 'form-encoded content', request: post(() => 'amount[value]=1.00&amount[currency]=EUR', [['Content-Type', 'application/x-www-form-urlencoded']]), expect: TYPE },
  { name: 'JSON sent as text/plain', request: post(() => paymentJson('1.00'), [['Content-Type', 'text/plain']]), expect: TYPE },
  { name: 'multipart content', request: post(() => '--x\r\n\r\n{}\r\n--x--', [['Content-Type', 'multipart/form-data; boundary=x']]), expect: TYPE },
  { name: 'application/json with charset latin1', request: post(() => paymentJson('1.00'), [['Content-Type', 'application/json; charset=iso-8859-1']]), expect: TYPE },
  { name: 'application/json-patch+json', request: post(() => paymentJson('1.00'), [['Content-Type', 'application/json-patch+json']]), expect: TYPE },
  { name: 'two Content-Type headers', request: post(() => paymentJson('1.00'), [JSON_CT, ['Content-Type', 'text/plain']]), expect: { status: 400, code: 'invalid_request' } },
  { name: 'Content-Encoding: gzip', request: post(() => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), [JSON_CT, ['Content-Encoding', 'gzip']]), expect: TYPE },
  { name: 'Content-Encoding: deflate', request: post(() => paymentJson('1.00'), [JSON_CT, ['Content-Encoding', 'deflate']]), expect: TYPE },
  { name: 'Content-Encoding: br', request: post(() => paymentJson('1.00'), [JSON_CT, ['Content-Encoding', 'br']]), expect: TYPE },
  { name: 'a body on a GET', request: () => ({ method: 'GET', target: `/v1/user/${u}/monetary-account/${acc}`, headers: [auth(bearer), JSON_CT], body: '{"a":1}' }), expect: BODY },
  { name: 'an empty JSON object on a GET', request: () => ({ method: 'GET', target: `/v1/user/${u}/monetary-account/${acc}`, headers: [auth(bearer)], body: '{}' }), expect: BODY },
];

const moneyCases: AttackCase[] = [
  ...([
    ['a negative amount', '"-5.00"'],
    ['zero', '"0"'],
    ['zero with decimals', '"0.00"'],
    ['an exponent', '"1e2"'],
    ['three decimals', '"5.001"'],
    ['a leading space', '" 5.00"'],
    ['a trailing space', '"5.00 "'],
    ['a decimal comma', '"5,00"'],
    ['a number instead of a string', '5'],
    ['a float number', '5.5'],
    ['a hex string', '"0x10"'],
    ['an over-long amount (14 integer digits)', '"99999999999999.99"'],
    ['a plus sign', '"+5.00"'],
    ['a leading zero', '"05.00"'],
    ['a trailing dot', '"5."'],
    ['a leading dot', '".50"'],
    ['fullwidth digits', '"\uff15.00"'],
    ['an empty string', '""'],
    ['null', 'null'],
    ['"Infinity" as a string', '"Infinity"'],
    ['a thousands separator', '"1,000.00"'],
  ] as const).map(([what, value]): AttackCase => ({ name: `${what} (${value})`, request: post(() => amt(value)), expect: BODY })),
  { name: 'one cent over the per-payment max (10.01)', request: post(() => amt('"10.01"')), expect: { status: 403, code: 'amount_exceeds_max' } },
  { name: 'the largest amount bunq accepts (999999999999.99)', request: post(() => amt('"999999999999.99"')), expect: { status: 403, code: 'amount_exceeds_max' } },
  { name: 'a wrong currency (USD)', request: post(() => amt('"1.00"', 'USD')), expect: { status: 403, code: 'currency_not_allowed' } },
  { name: 'a lower-case currency (eur)', request: post(() => amt('"1.00"', 'eur')), expect: BODY },
  { name: 'a four-letter currency (EURO)', request: post(() => amt('"1.00"', 'EURO')), expect: BODY },
  { name: 'a currency with a space', request: post(() => amt('"1.00"', 'EUR ')), expect: BODY },
];

const ibanCases: AttackCase[] = [
  { name: 'a bad checksum', request: post(() => ibanAlias('NL92ABNA0417164300')), expect: BODY },
  { name: 'a Cyrillic "А" in the bank code', request: post(() => ibanAlias('NL91\u0410BNA0417164300')), expect: BODY },
  { name: 'a Greek "Ν" for the country', request: post(() => ibanAlias('\u039DL91ABNA0417164300')), expect: BODY },
  { name: 'the letter O for the digit 0', request: post(() => ibanAlias('NL91ABNAO417164300')), expect: BODY },
  { name: 'a zero-width space', request: post(() => ibanAlias('NL91ABNA\u200B0417164300')), expect: BODY },
  { name: 'a zero-width joiner', request: post(() => ibanAlias('NL91ABNA0417\u200D164300')), expect: BODY },
  { name: 'a non-breaking space', request: post(() => ibanAlias('NL91\u00A0ABNA0417164300')), expect: BODY },
  { name: 'a tab', request: post(() => ibanAlias('NL91\tABNA0417164300')), expect: BODY },
  { name: 'a dash', request: post(() => ibanAlias('NL91-ABNA-0417-1643-00')), expect: BODY },
  { name: 'fullwidth letters', request: post(() => ibanAlias('\uFF2E\uFF2C91ABNA0417164300')), expect: BODY },
  { name: 'an extra trailing character', request: post(() => ibanAlias(`${PAYEE}0`)), expect: BODY },
  { name: 'an empty IBAN', request: post(() => ibanAlias('')), expect: BODY },
  { name: 'a valid IBAN outside the allowlist', request: post(() => ibanAlias(OTHER_IBAN)), expect: { status: 403, code: 'counterparty_not_allowed' } },
  { name: 'an IBAN with no name', request: post(() => alias(`{"type":"IBAN","value":"${PAYEE}"}`)), expect: BODY },
  { name: 'a lower-case pointer type "iban"', request: post(() => alias(`{"type":"iban","value":"${PAYEE}","name":"P"}`)), expect: BODY },
  { name: 'an unknown pointer type', request: post(() => alias(`{"type":"BUNQME","value":"${PAYEE}","name":"P"}`)), expect: BODY },
  { name: 'an EMAIL counterparty (deny mode)', request: post(() => alias('{"type":"EMAIL","value":"someone@example.com","name":"P"}')), expect: { status: 403, code: 'counterparty_not_allowed' } },
  { name: 'an EMAIL counterparty with allow_bunqto true', request: post(() => `{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"someone@example.com"},"description":"x","allow_bunqto":true}`), expect: { status: 403, code: 'counterparty_not_allowed' } },
  { name: 'a PHONE_NUMBER counterparty', request: post(() => alias('{"type":"PHONE_NUMBER","value":"+31612345678"}')), expect: { status: 403, code: 'counterparty_not_allowed' } },
  { name: 'the allowlisted IBAN smuggled into the name', request: post(() => alias(`{"type":"IBAN","value":"${OTHER_IBAN}","name":"${PAYEE}"}`)), expect: { status: 403, code: 'counterparty_not_allowed' } },
  { name: 'a "service" field on the pointer', request: post(() => alias(`{"type":"IBAN","value":"${PAYEE}","name":"P","service":"x"}`)), expect: BODY },
];

const riTarget = () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry`;
const dpTarget = () => `/v1/user/${u}/monetary-account/${acc}/draft-payment`;
const ri = (extra: string) => `{"amount_inquired":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"a@example.com"},"description":"x","allow_bunqme":true${extra}}`;
const entry = `{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`;
const massCases: AttackCase[] = [
  ...([
    ['allow_bunqto as a string', ',"allow_bunqto":"true"'],
    ['monetary_account_id (another source account)', `,"monetary_account_id":1`],
    ['status', ',"status":"ACCEPTED"'],
    ['id', ',"id":1'],
    ['alias (the sender)', `,"alias":{"type":"IBAN","value":"${OTHER_IBAN}","name":"x"}`],
    ['attachment', ',"attachment":[{"id":1}]'],
    ['amount_billing', ',"amount_billing":{"value":"9999.00","currency":"EUR"}'],
    ['type', ',"type":"BUNQ"'],
    ['request_reference_split_the_bill', ',"request_reference_split_the_bill":[]'],
    ['counterparty_alias twice via a second name (counterparty)', `,"counterparty":{"type":"IBAN","value":"${OTHER_IBAN}","name":"x"}`],
  ] as const).map(([what, extra]): AttackCase => ({ name: `payment with ${what}`, request: post(() => paymentJson('1.00', PAYEE, extra)), expect: BODY })),
  { name: 'payment with an "iban" field inside counterparty_alias', request: post(() => alias(`{"type":"IBAN","value":"${PAYEE}","name":"P","iban":"${OTHER_IBAN}"}`)), expect: BODY },
  { name: 'request-inquiry with status', request: post(() => ri(',"status":"ACCEPTED"'), [JSON_CT], riTarget), expect: BODY },
  { name: 'request-inquiry with event_id', request: post(() => ri(',"event_id":1'), [JSON_CT], riTarget), expect: BODY },
  { name: 'request-inquiry with want_tip', request: post(() => ri(',"want_tip":true'), [JSON_CT], riTarget), expect: BODY },
  { name: 'request-inquiry with allow_amount_higher', request: post(() => ri(',"allow_amount_higher":true'), [JSON_CT], riTarget), expect: BODY },
  { name: 'request-inquiry with an http redirect_url', request: post(() => ri(',"redirect_url":"http://evil.example"'), [JSON_CT], riTarget), expect: BODY },
  { name: 'request-inquiry with a negative amount', request: post(() => ri('').replace('"1.00"', '"-1.00"'), [JSON_CT], riTarget), expect: BODY },
  { name: 'draft-payment with two entries', request: post(() => `{"entries":[${entry},${entry}],"number_of_required_accepts":1}`, [JSON_CT], dpTarget), expect: BODY },
  { name: 'draft-payment with number_of_required_accepts 0', request: post(() => `{"entries":[${entry}],"number_of_required_accepts":0}`, [JSON_CT], dpTarget), expect: BODY },
  { name: 'draft-payment with status ACCEPTED', request: post(() => `{"entries":[${entry}],"number_of_required_accepts":1,"status":"ACCEPTED"}`, [JSON_CT], dpTarget), expect: BODY },
  { name: 'draft-payment with a schedule', request: post(() => `{"entries":[${entry}],"number_of_required_accepts":1,"schedule":{"time_start":"2030-01-01"}}`, [JSON_CT], dpTarget), expect: BODY },
  { name: 'request-inquiry revoke with another status', request: () => ({ method: 'PUT', target: `${riTarget()}/1`, headers: [auth(bearer), JSON_CT], body: '{"status":"ACCEPTED"}' }), expect: BODY },
  { name: 'request-inquiry revoke with an amount', request: () => ({ method: 'PUT', target: `${riTarget()}/1`, headers: [auth(bearer), JSON_CT], body: '{"status":"REVOKED","amount_inquired":{"value":"9999.00","currency":"EUR"}}' }), expect: BODY },
];

test('control: an allowed payment (at the max) goes through the same way', async () => {
  const before = upstreamCount(t);
  const res = await sendRaw(t.url, post(() => amt('"10.00"'))());
  expect(res.status).toBe(200);
  expect(upstreamCount(t) - before).toBe(1);
});

describe('body smuggling', () => {
  test.each(bodyCases.map((c) => [c.name, c] as const))('when the body has %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});
describe('money values', () => {
  test.each(moneyCases.map((c) => [c.name, c] as const))('when the amount is %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});
describe('IBAN values', () => {
  test.each(ibanCases.map((c) => [c.name, c] as const))('when the counterparty is %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
  test.each([
    ['lower case', PAYEE.toLowerCase()],
    ['grouped in fours with spaces', 'NL91 ABNA 0417 1643 00'],
    ['mixed case with spaces', 'nl91 AbNa 0417164300'],
  ])('when the allowlisted IBAN is written in %s, then it is normalised, allowed, and bunq receives the canonical IBAN', async (_n, written) => {
    const before = t.emulator.control.requests({ pathPrefix: '/v1/user' }).length;
    const res = await sendRaw(t.url, post(() => ibanAlias(written))());
    expect(res.status).toBe(200);
    const sent = t.emulator.control.requests({ pathPrefix: '/v1/user' }).slice(before);
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]!.body) as { counterparty_alias: { value: string } };
    expect(body.counterparty_alias.value).toBe(PAYEE);
  });
});
describe('mass assignment', () => {
  test.each(massCases.map((c) => [c.name, c] as const))('when the caller sends %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});
