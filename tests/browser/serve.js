// serve.js -- the browser test of `draagkracht serve` (run.sh calls it):
// a server on a free loopback port, headless Chromium driven through its
// DevTools protocol over a pipe (--remote-debugging-pipe: no WebSocket,
// no npm package), and what a school leader does: open the start page in
// Dutch, upload a class list, run it, edit a cell in the table above the
// report, run it again, then plan and compare.  Every check prints one
// line; any console message (a CSP refusal among them) fails.
//   node tests/browser/serve.js CHROME BINARY OUTDIR
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const [chromePath, bin, out] = process.argv.slice(2);
const here = process.cwd();
let checks = 0, failed = 0;
function check(ok, what, why) {
  checks++;
  if (ok) return;
  failed++;
  console.log(`FAIL browser: serve: ${what}${why ? ': ' + why : ''}`);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const s = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--threads', '2'],
                    { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    s.stderr.on('data', (d) => {
      err += d;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) resolve({ proc: s, url: m[1] });
    });
    s.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
}

// The DevTools protocol over fds 3 (to Chromium) and 4 (from it): JSON
// messages ended by a NUL byte.
function startChrome() {
  const c = spawn(chromePath, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
    '--mute-audio', '--no-first-run', '--remote-debugging-pipe',
    `--user-data-dir=${path.resolve(out, 'serve-profile')}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const pending = new Map(), listeners = [];
  let id = 0, buf = '';
  c.stdio[4].on('data', (d) => {
    buf += d.toString('utf8');
    let z;
    while ((z = buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buf.slice(0, z));
      buf = buf.slice(z + 1);
      if (msg.id && pending.has(msg.id)) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        msg.error ? p.reject(new Error(JSON.stringify(msg.error))) : p.resolve(msg.result);
      } else if (msg.method) {
        listeners.forEach((f) => f(msg));
      }
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const m = { id: ++id, method, params };
    if (sessionId) m.sessionId = sessionId;
    pending.set(m.id, { resolve, reject });
    c.stdio[3].write(JSON.stringify(m) + '\0');
  });
  return { proc: c, send, on: (f) => listeners.push(f) };
}

function waitFor(cdp, method, sessionId, ms = 30000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${method} in ${ms} ms`)), ms);
    cdp.on((m) => {
      if (m.method === method && m.sessionId === sessionId) {
        clearTimeout(t);
        resolve(m.params);
      }
    });
  });
}

async function main() {
  const server = await startServer();
  const cdp = startChrome();
  const consoleLines = [];
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId: s } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    cdp.on((m) => {
      if (m.sessionId !== s) return;
      if (m.method === 'Runtime.consoleAPICalled')
        consoleLines.push(m.params.args.map((a) => a.value).join(' '));
      if (m.method === 'Log.entryAdded')
        consoleLines.push(`${m.params.entry.level}: ${m.params.entry.text}`);
    });
    for (const d of ['Page', 'Runtime', 'Log', 'DOM']) await cdp.send(`${d}.enable`, {}, s);
    await cdp.send('Emulation.setDeviceMetricsOverride',
                   { width: 1100, height: 1400, deviceScaleFactor: 1, mobile: false }, s);
    const js = async (expr) => {
      const r = await cdp.send('Runtime.evaluate', { expression: expr, returnByValue: true }, s);
      return r.result.value;
    };
    const load = async (action) => {
      const loaded = waitFor(cdp, 'Page.loadEventFired', s);
      await action();
      await loaded;
    };
    // a real mouse click in the middle of the element
    const click = async (selector) => {
      const box = await js(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        if (!e) return null; e.scrollIntoView({block: 'center'});
        const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`);
      if (!box) throw new Error(`no element ${selector}`);
      for (const type of ['mousePressed', 'mouseReleased'])
        await cdp.send('Input.dispatchMouseEvent',
                       { type, x: box[0], y: box[1], button: 'left', clickCount: 1 }, s);
    };
    const shot = async (name) => {
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' }, s);
      fs.writeFileSync(path.join(out, name), Buffer.from(data, 'base64'));
    };

    // the start page, in Dutch as a Dutch browser asks for it
    await cdp.send('Network.setExtraHTTPHeaders',
                   { headers: { 'Accept-Language': 'nl-NL,nl;q=0.9' } }, s).catch(() => {});
    await cdp.send('Network.enable', {}, s);
    await cdp.send('Network.setExtraHTTPHeaders',
                   { headers: { 'Accept-Language': 'nl-NL,nl;q=0.9' } }, s);
    await load(() => cdp.send('Page.navigate', { url: server.url }, s));
    check(await js('document.documentElement.lang') === 'nl', 'the start page is Dutch for a Dutch browser',
          await js('document.documentElement.lang'));
    check(await js('document.querySelectorAll("input[name=t_class]").length') === 8,
          'the start page holds the example school\'s 8 classes');
    await shot('serve-start.png');
    const fits = async (where) => check(await js('document.documentElement.scrollWidth <= innerWidth + 1'),
      `${where} fits the window`, `${await js('document.documentElement.scrollWidth')} > ${await js('innerWidth')}`);
    await fits('the start page at 1100 px');

    // upload a class list and ask how the teachers are doing
    const { root } = await cdp.send('DOM.getDocument', {}, s);
    const { nodeId } = await cdp.send('DOM.querySelector',
                                      { nodeId: root.nodeId, selector: 'input[type=file]' }, s);
    await cdp.send('DOM.setFileInputFiles',
                   { nodeId, files: [path.join(here, 'scenarios/klassen-po.csv')] }, s);
    await load(() => click('button[formaction="/simulate"]'));
    if (process.env.DEBUG) console.log(await js("location.href + \" \" + document.body.innerText.slice(0, 400)"));
    const h1 = await js('(document.querySelector("main h1") || {}).textContent || ""');
    check(/klassen-po\.csv/.test(await js('document.body.innerText')) && h1.length > 0,
          'the uploaded list gives its report', h1);
    const classes = await js('[...document.querySelectorAll("input[name=t_class]")].map(e => e.value)');
    check(classes.length === 8 && classes[0] === 'groep 1-2',
          'the table above the report holds the uploaded list', JSON.stringify(classes));
    await shot('serve-result.png');
    await fits('the result page at 1100 px');

    // edit a cell: groep 3 gets 12 pupils with a support need, run again
    const rowOf = (name) => `[...document.querySelectorAll("input[name=t_class]")].findIndex(e => e.value === ${JSON.stringify(name)})`;
    const row = await js(rowOf('groep 3'));
    await click(`tbody tr:nth-child(${row + 1}) input[name=t_ob]`);
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'a', code: 'KeyA',
                                               modifiers: 2, windowsVirtualKeyCode: 65 }, s);
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'a', code: 'KeyA', modifiers: 2 }, s);
    await cdp.send('Input.insertText', { text: '12' }, s);
    await load(() => click('button[formaction="/simulate"]'));
    const cell = await js(`(() => { const r = [...document.querySelectorAll("main table tr")]
        .find(tr => tr.cells[0] && tr.cells[0].textContent.trim() === "groep 3");
        return r ? r.cells[2].textContent.trim() : null; })()`);
    check(cell === '12', 'an edited cell reaches the report (groep 3: 12 with a support need)',
          `report says ${cell}`);
    check(await js(`document.querySelectorAll("input[name=t_ob]")[${row}].value`) === '12',
          'the edited value stays in the table');

    // plan a budget of 1 fte, then compare
    await click('input[name=budget]');
    await cdp.send('Input.insertText', { text: '1' }, s);
    await load(() => click('button[formaction="/plan"]'));
    check(/fte/i.test(await js('document.querySelector("main").innerText')) &&
          await js('document.querySelectorAll("main svg").length') > 0,
          'plan answers with its report and charts');
    await load(() => click('button[formaction="/compare"]'));
    check(await js('document.querySelectorAll("main svg").length') > 0 &&
          await js('document.documentElement.lang') === 'nl', 'compare answers, in Dutch');
    await cdp.send('Emulation.setDeviceMetricsOverride',
                   { width: 390, height: 844, deviceScaleFactor: 1, mobile: true }, s);
    await load(() => cdp.send('Page.navigate', { url: server.url }, s));
    await fits('the start page at 390 px');
    check(consoleLines.length === 0, 'no console message (the CSP allows the pages\' own styles)',
          consoleLines[0]);
  } catch (e) {
    check(false, 'the walk through the pages', String(e.message || e));
  } finally {
    cdp.proc.kill();
    server.proc.kill('SIGTERM');
  }
  console.log(`browser: serve: ${checks} checks, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
