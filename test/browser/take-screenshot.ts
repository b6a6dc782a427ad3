// Makes docs/console.png and docs/console-create.png for the README: the console with the
// demo's tokens after a few calls (one payment, so the spend meters show something).
// Run: npx tsx test/browser/take-screenshot.ts   (not a test; needs /usr/bin/chromium)
import path from 'node:path';
import { issueDemoTokens, DEMO_PAYEE_IBAN } from '../../src/cli/demo-tokens';
import { startAdminFixture } from '../admin/support/admin-fixture';
import { launchChromium } from './support/launch';

async function main(): Promise<void> {
  const f = await startAdminFixture();
  const chromium = await launchChromium();
  try {
    const tokens = await issueDemoTokens(f.t.runtime, f.t.user);
    const base = `${f.t.url}/v1/user/${f.t.user.userId}`;
    await fetch(`${base}/monetary-account`, { headers: { authorization: `Bearer ${tokens.widget.bearer}` } });
    await fetch(`${base}/monetary-account/${f.t.personal.id}/payment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.bookkeeper.bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: { value: '42.50', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: DEMO_PAYEE_IBAN, name: 'Landlord' }, description: 'Rent share' }),
    });
    await fetch(`${base}/monetary-account/${f.t.joint.id}/payment`, { headers: { authorization: `Bearer ${tokens.sync.bearer}` } });
    const page = await chromium.context.newPage();
    await page.goto(f.admin.url);
    await page.getByLabel('Admin credential').fill(f.credential);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('table.tokens').waitFor();
    const out = (name: string) => path.join(__dirname, '..', '..', 'docs', name);
    await page.screenshot({ path: out('console.png'), fullPage: true });
    await page.goto(`${f.admin.url}/#/new`);
    await page.locator('[data-preset="bookkeeper"]').click();
    await page.locator('label.account', { hasText: f.t.personal.iban }).locator('input').check();
    await page.getByLabel('Allowed payees (IBANs)').fill(`${DEMO_PAYEE_IBAN}\nNL00 ABNA 0417 1643 00`);
    await page.getByText('check digits do not match').waitFor();
    await page.screenshot({ path: out('console-create.png'), fullPage: true });
    await page.goto(`${f.admin.url}/#/audit`);
    await page.locator('table.audit').waitFor();
    await page.screenshot({ path: out('console-audit.png'), fullPage: false });
  } finally {
    await chromium.close();
    await f.close();
  }
}

void main();
