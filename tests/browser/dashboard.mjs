// Drives the s1mig dashboard in Debian's headless Chromium through playwright-core: a Supplier
// Party signs in, looks up one of its installations (clause-by-clause explanation), is told
// another supplier's installation is not found, and sees its notices; the DCC runs a what-if.
// Environment: S1MIG_URL, SUP_TOKEN, DCC_TOKEN, OUT_DIR (screenshots), SCREENSHOT (optional
// extra path for the lookup screenshot), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';

const base = process.env.S1MIG_URL;
const outDir = process.env.OUT_DIR;
const fail = (msg) => { console.error('FAIL: ' + msg); process.exitCode = 1; throw new Error(msg); };

let pageForFailure = null;
const consoleErrors = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  pageForFailure = page;
  // Chromium logs every 4xx answer as "Failed to load resource"; the 401 and 404 here are expected.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Nothing may be fetched from anywhere but this server.
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });

  await page.goto(base + '/');
  await page.fill('#token', 'not-a-valid-token');
  await page.click('#login-button');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent.includes('not valid'));

  // 1. A Supplier Party signs in; the token appears in no URL and no storage.
  await page.fill('#token', process.env.SUP_TOKEN);
  await page.click('#login-button');
  await page.waitForSelector('#kpis .kpi.eligible');
  const party = await page.textContent('#who-party');
  if (party !== 'SUP01') fail('signed in as ' + party);
  if (page.url().includes(process.env.SUP_TOKEN)) fail('the token is in the URL');
  const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie);
  if (stored.includes(process.env.SUP_TOKEN)) fail('the token is in browser storage');
  await page.waitForSelector('#chart-reasons svg rect');
  const total = await page.textContent('#kpis .kpi.total .k-value');
  if (total.trim() !== '7') fail('SUP01 should see 7 installations, saw ' + total);
  await page.screenshot({ path: outDir + '/dashboard-summary.png', fullPage: true });

  // 2. Lookup of one of its installations: the explanation, clause by clause.
  await page.click('.tab[data-view=lookup]');
  await page.fill('#lookup-id', 'G1-ioc-30h');
  await page.click('#lookup-form button[type=submit]');
  await page.waitForSelector('#lookup-decision .checks-table tbody tr');
  const decision = await page.textContent('#lookup-decision');
  for (const want of ['G1-ioc-30h', 'ELIGIBLE', 'GT01_COMMS', 'TMAD', 'U1-GT01-72H']) {
    if (!decision.includes(want)) fail('the explanation of G1-ioc-30h lacks ' + want);
  }
  const rows = await page.$$eval('#lookup-decision .checks-table tbody tr', (r) => r.length);
  if (rows < 4) fail('expected a row per check, got ' + rows);
  // A blocked one (SUP01 is its gas supplier): the failing clause and why.
  await page.fill('#lookup-id', 'N3-wrong-cert');
  await page.click('#lookup-form button[type=submit]');
  await page.waitForFunction(() => (document.querySelector('#lookup-decision .id') || {}).textContent === 'N3-wrong-cert');
  const blocked = await page.textContent('#lookup-decision');
  for (const want of ['BLOCKED', 'NETWORK_PARTY', 'TMAD Table 5.10 step 5.10.17', 'Registration Data names CADENT']) {
    if (!blocked.includes(want)) fail('the explanation of N3-wrong-cert lacks ' + want);
  }
  await page.screenshot({ path: outDir + '/dashboard-lookup.png', fullPage: true });
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });

  // 3. Another supplier's installation is not found (as if it did not exist).
  await page.fill('#lookup-id', 'G2-secure-30h');
  await page.click('#lookup-form button[type=submit]');
  await page.waitForSelector('#lookup-not-found');
  const nf = await page.textContent('#lookup-not-found');
  if (!nf.includes('Not found')) fail('expected not found, got ' + nf);
  if (await page.$('#lookup-decision')) fail('a decision is shown for another party\'s installation');

  // 4. Its DMCT notices with their deadlines, as of a chosen instant (the toolbar).
  await page.click('.tab[data-view=notices]');
  await page.waitForSelector('#notices-table tbody tr');
  await page.fill('#as-of', '2021-10-20T09:00:00+01:00');
  await page.click('#apply-time');
  await page.waitForFunction(() => (document.querySelector('#notices-table') || { textContent: '' }).textContent.includes('as of 2021-10-20'));
  const notices = await page.$$eval('#notices-table tbody tr', (r) => r.map((x) => x.textContent));
  if (notices.length !== 1 || !notices[0].includes('2021-10-28') || !notices[0].includes('8 calendar days left'))
    fail('SUP01 notices: ' + JSON.stringify(notices));
  await page.screenshot({ path: outDir + '/dashboard-notices.png', fullPage: true });

  // 5. The DCC: the what-if numbers for a baseline and a proposal.
  await page.fill('#as-of', '');
  await page.click('#apply-time');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#token', process.env.DCC_TOKEN);
  await page.click('#login-button');
  await page.waitForSelector('#kpis .kpi.eligible');
  const dccTotal = await page.textContent('#kpis .kpi.total .k-value');
  if (dccTotal.trim() !== '13') fail('the DCC should see 13 installations, saw ' + dccTotal);
  await page.click('.tab[data-view=whatif]');
  await page.waitForSelector('#proposal-list input');
  await page.click('#whatif-run');
  await page.waitForSelector('#whatif-kpis .kpi');
  const kpis = await page.textContent('#whatif-kpis');
  if (!kpis.includes('Unblocked')) fail('what-if numbers missing');
  await page.screenshot({ path: outDir + '/dashboard-whatif.png', fullPage: true });

  if (foreign.length) fail('requests left the server: ' + foreign.join(', '));
  if (consoleErrors.length) fail('console errors: ' + consoleErrors.join(' | '));
  pageForFailure = null;
  console.log('OK: dashboard signed in as SUP01 (7 installations), explained G1-ioc-30h and N3-wrong-cert, hid G2-secure-30h, listed 1 notice; DCC what-if ran');
} catch (e) {
  // Keep what the page showed when it went wrong.
  if (pageForFailure) await pageForFailure.screenshot({ path: outDir + '/failure.png', fullPage: true }).catch(() => {});
  console.error('FAIL: ' + (e && e.message ? e.message.split('\n')[0] : e) + ' (see ' + outDir + '/failure.png)');
  if (consoleErrors.length) console.error('console errors: ' + consoleErrors.join(' | '));
  process.exitCode = 1;
} finally {
  await browser.close();
}
