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
const path = require('path');

const { requireNodeWithWebSocket, launchChromium, evaluate, waitFor } = require('./lib/chromium');
const { logger, sleep } = require('./lib/process');

const ROOT = path.resolve(__dirname, '..');

requireNodeWithWebSocket(__filename, 'screenshot');

const PORT = Number(process.env.IDEOGRAM_N8N_PORT || 5678);
const BASE = `http://localhost:${PORT}`;
const WORKFLOW_ID = process.env.SCREENSHOT_WORKFLOW || 'ideogramExEdit01';
const OUT = path.resolve(ROOT, process.env.SCREENSHOT_OUT || 'docs/node-panel.png');
const [WIDTH, HEIGHT] = (process.env.SCREENSHOT_SIZE || '1600x1000').split('x').map(Number);
const OWNER = { emailOrLdapLoginId: 'owner@example.com', password: 'Ideogram-sandbox-1' };

const say = logger('screenshot');

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

async function main() {
	const cookie = await login();
	const node = await workflowNode(cookie);
	say(`logged in; opening workflow ${WORKFLOW_ID}, node "${node.name}"`);

	const { cdp, close } = await launchChromium({ width: WIDTH, height: HEIGHT });
	try {
		await cdp.send('Page.enable');
		await cdp.send('Network.enable');
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
	} finally {
		await close();
	}
}

main().catch((error) => {
	console.error(`[screenshot] ${error.message}`);
	process.exit(1);
});
