#!/usr/bin/env node
'use strict';
/**
 * npm run screenshot: with `npm start` running, opens an example workflow in headless Chromium, opens the
 * Ideogram node's parameter panel and saves docs/node-panel.png. Talks to Chromium over the DevTools
 * protocol with Node's global WebSocket (Node >= 22), so it re-runs itself with the cached Node 24 when
 * started by an older Node. Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM=/path.
 *
 * Env: IDEOGRAM_N8N_PORT (5678), SCREENSHOT_WORKFLOW (ideogramExEdit01), SCREENSHOT_NODE (the workflow's
 *      Ideogram node), SCREENSHOT_OUT (docs/node-panel.png), SCREENSHOT_SIZE (1600x1000),
 *      SCREENSHOT_EXECUTE=0 (do not run the workflow first: the panel then shows no input/output).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const { logger, sleep } = require('./lib/process');

const ROOT = path.resolve(__dirname, '..');

if (Number(process.versions.node.split('.')[0]) < 22 || typeof WebSocket === 'undefined') {
	const { paths } = require('./lib/n8n-install');
	const node = paths().node;
	if (!fs.existsSync(node)) {
		console.error(`[screenshot] needs Node >= 22 (global WebSocket); ${node} is missing: run npm start once first`);
		process.exit(1);
	}
	const result = spawnSync(node, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

const PORT = Number(process.env.IDEOGRAM_N8N_PORT || 5678);
const BASE = `http://localhost:${PORT}`;
const WORKFLOW_ID = process.env.SCREENSHOT_WORKFLOW || 'ideogramExEdit01';
const OUT = path.resolve(ROOT, process.env.SCREENSHOT_OUT || 'docs/node-panel.png');
const [WIDTH, HEIGHT] = (process.env.SCREENSHOT_SIZE || '1600x1000').split('x').map(Number);
const OWNER = { emailOrLdapLoginId: 'owner@example.com', password: 'Ideogram-sandbox-1' };

const say = logger('screenshot');

function chromiumPath() {
	const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
	const found = candidates.find((file) => fs.existsSync(file));
	if (!found) throw new Error('no Chromium found: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome)');
	return found;
}

/** Logs in as the owner `npm start` created; returns the auth cookie. */
async function login() {
	let response;
	// Right after start n8n answers /healthz before its REST routes exist (404): give it a minute.
	for (let attempt = 0; attempt < 60; attempt++) {
		try {
			response = await fetch(`${BASE}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
		} catch (error) {
			if (attempt === 0) throw new Error(`n8n is not answering on ${BASE} (${error.cause?.code ?? error.message}); start it with npm start`);
		}
		if (response?.ok || (response && response.status !== 404 && response.status !== 503)) break;
		await sleep(1000);
	}
	if (!response.ok) throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login answered without an n8n-auth cookie');
	return cookie.split(';')[0].slice('n8n-auth='.length);
}

async function workflowNode(cookie) {
	const response = await fetch(`${BASE}/rest/workflows/${WORKFLOW_ID}`, { headers: { cookie: `n8n-auth=${cookie}` } });
	if (!response.ok) throw new Error(`workflow ${WORKFLOW_ID} not found (HTTP ${response.status}); is this the npm start instance?`);
	const { data } = await response.json();
	const node = data.nodes.find((n) => (process.env.SCREENSHOT_NODE ? n.name === process.env.SCREENSHOT_NODE : n.type === 'n8n-nodes-ideogram.ideogram'));
	if (!node) throw new Error(`no Ideogram node in workflow ${WORKFLOW_ID}`);
	return node;
}

/** A minimal DevTools-protocol client over one WebSocket. */
async function connect(url) {
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
	});
	let nextId = 1;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		const waiter = message.id && pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
		else waiter.resolve(message.result);
	});
	return {
		send(method, params = {}) {
			const id = nextId++;
			socket.send(JSON.stringify({ id, method, params }));
			return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
		},
		close: () => socket.close(),
	};
}

async function evaluate(cdp, expression) {
	const result = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
	return result.result?.value;
}

async function waitFor(cdp, expression, what, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await evaluate(cdp, expression)) return;
		await sleep(250);
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function main() {
	const cookie = await login();
	const node = await workflowNode(cookie);
	say(`logged in; opening workflow ${WORKFLOW_ID}, node "${node.name}"`);

	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-chromium-'));
	const chromium = spawn(
		chromiumPath(),
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
			'--hide-scrollbars',
			`--user-data-dir=${profile}`,
			`--window-size=${WIDTH},${HEIGHT}`,
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	chromium.stderr.on('data', (chunk) => (stderr += chunk));
	try {
		const portFile = path.join(profile, 'DevToolsActivePort');
		for (let i = 0; i < 120 && !fs.existsSync(portFile); i++) await sleep(250);
		if (!fs.existsSync(portFile)) throw new Error(`Chromium did not start:\n${stderr.slice(-2000)}`);
		const [port] = fs.readFileSync(portFile, 'utf8').split('\n');
		const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
		const page = targets.find((t) => t.type === 'page');
		const cdp = await connect(page.webSocketDebuggerUrl);
		await cdp.send('Page.enable');
		await cdp.send('Network.enable');
		await cdp.send('Emulation.setDeviceMetricsOverride', { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1, mobile: false });
		await cdp.send('Network.setCookie', { name: 'n8n-auth', value: cookie, url: BASE, path: '/', httpOnly: true });

		const panelOpen = `!!document.querySelector('[data-test-id="ndv"] [data-test-id="node-parameters"], [data-test-id="node-parameters"]')`;
		const nodeBox = `(() => { const el = document.querySelector('[data-node-name=${JSON.stringify(node.name)}]') || [...document.querySelectorAll('[data-test-id="canvas-node"]')].find((e) => e.textContent.includes(${JSON.stringify(node.name)}));
			if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`;
		const openByDoubleClick = async () => {
			const box = await evaluate(cdp, nodeBox);
			if (!box) throw new Error(`node "${node.name}" not found on the canvas`);
			for (const type of ['mousePressed', 'mouseReleased']) {
				await cdp.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 2 });
			}
			await waitFor(cdp, panelOpen, 'the parameter panel after a double-click', 15000);
		};
		if (process.env.SCREENSHOT_EXECUTE !== '0') {
			// Run the workflow against the sandbox first, so the panel shows real input and output.
			await cdp.send('Page.navigate', { url: `${BASE}/workflow/${WORKFLOW_ID}` });
			await waitFor(cdp, `!!document.querySelector('[data-test-id="canvas-node"], .vue-flow__node')`, 'the workflow canvas');
			await waitFor(cdp, `!!document.querySelector('[data-test-id="execute-workflow-button"]')`, 'the Execute workflow button');
			await sleep(1000);
			await evaluate(cdp, `document.querySelector('[data-test-id="execute-workflow-button"]').click()`);
			say('executing the workflow in the editor');
			try {
				await waitFor(cdp, `document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 3`, 'the execution to finish', 60000);
			} catch (error) {
				say(`${error.message}; taking the picture anyway`);
			}
			await openByDoubleClick();
		} else {
			// The editor opens a node's parameter panel from the URL /workflow/<id>/<nodeId>.
			await cdp.send('Page.navigate', { url: `${BASE}/workflow/${WORKFLOW_ID}/${node.id}` });
			await waitFor(cdp, `!!document.querySelector('[data-test-id="canvas-node"], .vue-flow__node')`, 'the workflow canvas');
			try {
				await waitFor(cdp, panelOpen, 'the parameter panel', 8000);
			} catch {
				say('panel not opened from the URL; double-clicking the node');
				await openByDoubleClick();
			}
		}
		await waitFor(cdp, `document.body.innerText.includes('Prompt')`, 'the Ideogram parameters', 15000);
		await evaluate(cdp, `document.querySelectorAll('.el-notification__closeBtn').forEach((button) => button.click())`);
		await sleep(1500); // let fonts, icons and the transition settle
		const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		fs.writeFileSync(OUT, Buffer.from(data, 'base64'));
		say(`saved ${path.relative(ROOT, OUT)} (${WIDTH}×${HEIGHT})`);
		cdp.close();
	} finally {
		chromium.kill('SIGKILL');
		await new Promise((resolve) => (chromium.exitCode !== null ? resolve() : chromium.once('exit', resolve)));
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[screenshot] ${error.message}`);
	process.exit(1);
});
