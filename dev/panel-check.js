#!/usr/bin/env node
'use strict';
/**
 * The node's panel in a real browser (node dev/panel-check.js [--screenshots]): n8n's editor in Debian's
 * headless Chromium signs in as a user does, then opens the Ideogram node's parameter panel once per operation
 * (and once more per selector value that shows other fields: Image Source URL), and fails on any console error
 * and on any field the panel should show but does not. The operations and their fields come from the built node
 * description in dist/ (the fields n8n shows for them, at the node's default version), so a new operation or
 * field is checked without touching this script.
 * Ends with "N passed, N failed"; exit 1 on any failure.
 *
 * Alone it sets up its own n8n: build (unless IDEOGRAM_E2E_SKIP_BUILD=1) → npm pack → install as a community
 * package into a temp user folder → import a credential and the panel workflow (panelWorkflow below) → `n8n
 * start` on free ports (n8n and its task broker). With `--url <n8n>` it uses an n8n that already has both
 * imported and the owner of lib/n8n-server.js (the e2e suite runs it that way, inside its own `n8n start`).
 *
 * --screenshots  saves one screenshot per panel into docs/panel/<operation>[-<selector value>].png
 * --workflow <id> with --url: the panel workflow's id in that n8n (when it was imported under another id)
 * --example <workflow id> [--out file]  (npm run screenshot) with `npm start` running (or --url): runs that example
 *                in the editor, opens its Ideogram node's panel and saves docs/node-panel.png (or --out)
 * Env: CHROMIUM=/path (else Debian's chromium, apt-get installed when missing, as root), IDEOGRAM_E2E_KEEP=1
 * (keep the temp user folder), PANEL_SIZE (1600x1000), IDEOGRAM_N8N_EMAIL and IDEOGRAM_N8N_PASSWORD (the login,
 * else npm start's owner), IDEOGRAM_N8N_PORT (5678, for --example without --url).
 * Chromium is driven by playwright-core (lib/browser.js).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = require('./lib/n8n-env');
const { ensureChromium, launchBrowser } = require('./lib/browser');
const { restSession } = require('./lib/n8n-rest');
const { createReport, sleep } = require('./lib/process');

const PANEL_WORKFLOW_ID = 'e2ePanelCheck01';
const PANEL_CREDENTIAL = { id: 'e2eCredPanel001', name: 'Ideogram panel check' };
const SCREENSHOT_DIR = path.join(env.ROOT, 'docs', 'panel');

/** The built node's description, as n8n loads it from the package (package.json's n8n.nodes). */
function builtDescription() {
	const manifest = JSON.parse(fs.readFileSync(path.join(env.ROOT, 'package.json'), 'utf8'));
	const file = path.join(env.ROOT, manifest.n8n.nodes.find((entry) => /Ideogram\.node\.js$/.test(entry)));
	if (!fs.existsSync(file)) throw new Error(`${path.relative(env.ROOT, file)} is missing: npm run build first`);
	delete require.cache[require.resolve(file)];
	const exported = require(file);
	const NodeType = Object.values(exported).find((value) => typeof value === 'function');
	return new NodeType().description;
}

/**
 * One entry per operation, and one more for each other value of a selector that changes which fields show (Image
 * Source: URL): the node to open and the fields its panel must show, i.e. the top-level parameters n8n displays
 * for those values with every other parameter at its default (n8n-workflow's own rules), at the default version.
 */
function panelCases(description = builtDescription()) {
	const { NodeHelpers } = require('n8n-workflow');
	const version = description.defaultVersion ?? [description.version].flat().pop();
	const node = { typeVersion: version };
	const visible = (parameters) => {
		const values = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description);
		const shown = description.properties.filter((property) => property.type !== 'notice' && NodeHelpers.displayParameter(values, property, node, description));
		// A field may be defined twice (once per node version): its label is checked once.
		return shown.filter((field, i) => shown.findIndex((other) => other.displayName === field.displayName) === i);
	};
	const key = (fields) => fields.map((field) => field.name).join();
	const variants = [];
	for (const operation of description.properties.find((property) => property.name === 'operation').options) {
		const fields = visible({ operation: operation.value });
		variants.push({ operation, parameters: { operation: operation.value }, label: operation.name, fields });
		for (const selector of fields.filter((field) => field.type === 'options' && field.name !== 'operation')) {
			for (const option of selector.options.filter((o) => o.value !== selector.default)) {
				const parameters = { operation: operation.value, [selector.name]: option.value };
				const other = visible(parameters);
				if (key(other) !== key(fields)) variants.push({ operation, parameters, label: `${operation.name} (${selector.displayName}: ${option.name})`, fields: other });
			}
		}
	}
	return variants.map(({ operation, parameters, label, fields }, index) => ({
		operation: { name: operation.name, value: operation.value },
		label,
		slug: Object.values(parameters).map((value) => String(value).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('-'),
		node: {
			id: `a1f0c0de-0000-4000-8000-00000000e${String(index).padStart(3, '0')}`,
			name: label,
			type: env.NODE_TYPE,
			typeVersion: version,
			position: [320 + 300 * Math.floor(index / 8), (index % 8) * 160 - 560],
			parameters,
			credentials: { ideogramApi: PANEL_CREDENTIAL },
		},
		fields: fields.map((property) => ({ name: property.name, displayName: property.displayName, required: property.required === true })),
	}));
}

/** A Manual Trigger and one Ideogram node per panel case, each named after its operation (and selector value). */
function panelWorkflow(cases = panelCases()) {
	const trigger = { id: 'a1f0c0de-0000-4000-8000-00000000e999', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const connections = { [trigger.name]: { main: [cases.map((c) => ({ node: c.node.name, type: 'main', index: 0 }))] } };
	return {
		id: PANEL_WORKFLOW_ID,
		name: 'e2e: the Ideogram panel, one node per operation',
		nodes: [trigger, ...cases.map((c) => c.node)],
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

const PANEL = '[data-test-id="ndv"] [data-test-id="node-parameters"]';

/** What the open panel shows: its parameter labels and the Operation selector's value. */
const READ_PANEL = `(() => {
	const panel = document.querySelector(${JSON.stringify(PANEL)});
	if (!panel) return null;
	const labels = [...panel.querySelectorAll('[data-test-id="parameter-item"] label, [data-test-id="parameter-item"] .n8n-input-label, .parameter-item label, .n8n-input-label')]
		.map((label) => label.innerText.replace(/\\s+/g, ' ').trim())
		.filter(Boolean);
	const operation = panel.querySelector('[data-test-id="parameter-input-operation"] input');
	return { labels: [...new Set(labels)], operation: operation ? operation.value : null, text: panel.innerText };
})()`;

/** Records console errors and uncaught exceptions, each tagged with the current phase. */
function collectErrors(page) {
	const errors = [];
	let phase = 'sign-in';
	const add = (text) => errors.push({ phase, text: String(text).slice(0, 500) });
	page.on('console', (message) => {
		if (message.type() !== 'error' && message.type() !== 'assert') return;
		const url = message.location()?.url ?? '';
		// Before signing in, the editor asks whether it has a session (GET /rest/login) and n8n answers 401: that
		// is how the sign-in page works, not an error. After signing in, even this one counts.
		if (phase === 'sign-in' && /status of 401\b/.test(message.text()) && /\/rest\/login$/.test(url)) return;
		add(`console.${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`);
	});
	page.on('pageerror', (error) => add(`uncaught: ${error.stack ?? error.message}`));
	return {
		setPhase: (name) => (phase = name),
		of: (name) => errors.filter((error) => error.phase === name).map((error) => error.text),
	};
}

async function signIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(owner.email, { timeout: 60000 });
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.evaluate(() => (document.querySelector('[data-test-id="form-submit-button"]') || [...document.querySelectorAll('button')].find((b) => /sign in/i.test(b.innerText))).click());
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60000 });
}

const CANVAS = '[data-test-id="canvas-node"], .vue-flow__node';

/** Double-clicks a node on the canvas and waits for its parameter panel. */
async function openPanelByDoubleClick(page, node) {
	const box = await page.evaluate((name) => {
		const el = document.querySelector(`[data-node-name=${JSON.stringify(name)}]`) || [...document.querySelectorAll('[data-test-id="canvas-node"]')].find((e) => e.textContent.includes(name));
		if (!el) return null;
		const r = el.getBoundingClientRect();
		return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
	}, node.name);
	if (!box) throw new Error(`node "${node.name}" is not on the canvas`);
	await page.mouse.dblclick(box.x, box.y);
	await page.waitForSelector(PANEL, { timeout: 15000 });
}

/** Opens the node's panel from its URL (/workflow/<id>/<nodeId>), double-clicking the node when that does not. */
async function openPanel(page, baseUrl, workflowId, node) {
	await page.goto(`${baseUrl}/workflow/${workflowId}/${node.id}`);
	await page.waitForSelector(CANVAS, { timeout: 60000 });
	try {
		await page.waitForSelector(PANEL, { timeout: 10000 });
	} catch {
		await openPanelByDoubleClick(page, node);
	}
}

async function closeNotifications(page) {
	await page.evaluate(() => document.querySelectorAll('.el-notification__closeBtn').forEach((button) => button.click()));
}

/**
 * Signs in, then opens every operation's panel; one pass/fail per step through `report`. Returns nothing; the
 * tally is the report's.
 */
async function checkPanels({ baseUrl, owner, cases, report, workflowId = PANEL_WORKFLOW_ID, screenshots = false, size = [1600, 1000] }) {
	const { pass, fail, step } = report;
	step(`headless Chromium: sign in, then ${cases.length} panels (${cases.map((c) => c.label).join(', ')})`);
	const { page, close } = await launchBrowser({ width: size[0], height: size[1], executablePath: await ensureChromium({ log: step }) });
	try {
		const errors = collectErrors(page);
		try {
			await signIn(page, baseUrl, owner);
			await sleep(1000);
			const seen = errors.of('sign-in');
			if (seen.length > 0) throw new Error(`console errors:\n${seen.join('\n')}`);
			pass('the editor signs in through its form without console errors');
		} catch (error) {
			fail('the editor signs in through its form without console errors', error);
			return;
		}
		if (screenshots) fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		for (const { operation, label, slug, node, fields } of cases) {
			const name = `${label}: the panel shows ${fields.map((f) => f.displayName + (f.required ? '*' : '')).join(', ')}; no console error`;
			errors.setPhase(slug);
			try {
				await openPanel(page, baseUrl, workflowId, node);
				await page.waitForFunction(`(${READ_PANEL})?.labels.length > 0`, null, { timeout: 15000 });
				await sleep(1000); // let the panel finish rendering and any late request fail
				const shown = await page.evaluate(READ_PANEL);
				const missing = fields.filter((field) => !shown.labels.some((label) => label === field.displayName || label.startsWith(`${field.displayName} `) || label.startsWith(`${field.displayName}*`)));
				const problems = [];
				if (missing.length > 0) problems.push(`missing fields: ${missing.map((f) => f.displayName + (f.required ? ' (required)' : '')).join(', ')}; labels shown: ${JSON.stringify(shown.labels)}`);
				if (shown.operation !== operation.name) problems.push(`the Operation selector shows ${JSON.stringify(shown.operation)}`);
				const seen = errors.of(slug);
				if (seen.length > 0) problems.push(`console errors:\n${seen.join('\n')}`);
				if (screenshots) {
					await closeNotifications(page);
					const file = path.join(SCREENSHOT_DIR, `${slug}.png`);
					await page.screenshot({ path: file });
					console.log(`       screenshot: ${path.relative(env.ROOT, file)}`);
				}
				if (problems.length > 0) throw new Error(problems.join('\n'));
				pass(name);
			} catch (error) {
				fail(name, error);
			}
		}
	} finally {
		await close();
	}
}

/**
 * The README's picture (docs/node-panel.png): an example workflow run in the editor against the sandbox, then
 * its Ideogram node's panel with real input and output.
 */
async function screenshotExample({ baseUrl, owner, workflowId, out, report, size }) {
	const session = restSession(baseUrl);
	await session.login(owner);
	const found = await session.request('GET', `/rest/workflows/${workflowId}`);
	const node = found.json?.data?.nodes?.find((n) => n.type === env.NODE_TYPE);
	if (!node) throw new Error(`workflow ${workflowId} has no Ideogram node at ${baseUrl} (HTTP ${found.status}); is this the npm start instance?`);
	const { page, close } = await launchBrowser({ width: size[0], height: size[1], executablePath: await ensureChromium({ log: report.step }) });
	try {
		await signIn(page, baseUrl, owner);
		await page.goto(`${baseUrl}/workflow/${workflowId}`);
		await page.waitForSelector(CANVAS, { timeout: 60000 });
		await page.locator('[data-test-id="execute-workflow-button"]').first().click({ timeout: 60000 });
		report.step(`executing ${workflowId} in the editor`);
		try {
			await page.waitForFunction(() => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 3, null, { timeout: 60000 });
		} catch (error) {
			report.step(`${error.message.split('\n')[0]}; taking the picture anyway`);
		}
		await openPanelByDoubleClick(page, node);
		await page.waitForFunction(() => document.body.innerText.includes('Prompt'), null, { timeout: 15000 });
		await closeNotifications(page);
		await sleep(1500); // let fonts, icons and the transition settle
		fs.mkdirSync(path.dirname(out), { recursive: true });
		await page.screenshot({ path: out });
		report.pass(`saved ${path.relative(env.ROOT, out)} (${size.join('×')}): workflow ${workflowId}, node "${node.name}"`);
	} finally {
		await close();
	}
}

function argValue(flag) {
	const index = process.argv.indexOf(flag);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Its own n8n: the package installed in a temp user folder, the credential and the panel workflow imported. */
async function startOwnN8n(report, userFolder, cases) {
	const { ensureN8nInstalled } = require('./lib/n8n-install');
	const { ownerEnv, startN8nServer } = require('./lib/n8n-server');
	const install = await ensureN8nInstalled();
	const pack = env.packPackage(path.join(userFolder, 'pack'));
	env.installPackage(userFolder, pack.tarball, pack.version);
	const files = { credentials: path.join(userFolder, 'credentials.json'), workflows: path.join(userFolder, 'workflows.json') };
	fs.writeFileSync(files.credentials, JSON.stringify([env.credentialJson({ ...PANEL_CREDENTIAL, baseUrl: 'http://127.0.0.1:9' })], null, 2));
	fs.writeFileSync(files.workflows, JSON.stringify([panelWorkflow(cases)], null, 2));
	const n8nEnv = env.n8nEnv(install, userFolder, {
		N8N_PORT: String(await env.freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await env.freePort()),
		...ownerEnv(),
	});
	report.step('n8n import:credentials, import:workflow');
	await env.runN8nOk(install, n8nEnv, ['import:credentials', `--input=${files.credentials}`]);
	await env.runN8nOk(install, n8nEnv, ['import:workflow', `--input=${files.workflows}`]);
	report.step(`n8n start on 127.0.0.1:${n8nEnv.N8N_PORT} (task broker on ${n8nEnv.N8N_RUNNERS_BROKER_PORT})`);
	return await startN8nServer(install, n8nEnv);
}

async function main() {
	const report = createReport('panel');
	const { OWNER } = require('./lib/n8n-server');
	const owner = { email: process.env.IDEOGRAM_N8N_EMAIL || OWNER.email, password: process.env.IDEOGRAM_N8N_PASSWORD || OWNER.password };
	const size = (process.env.PANEL_SIZE || '1600x1000').split('x').map(Number);
	const screenshots = process.argv.includes('--screenshots');
	const example = argValue('--example');
	const attachedUrl = argValue('--url') ?? (example ? `http://localhost:${process.env.IDEOGRAM_N8N_PORT || 5678}` : undefined);
	let server;
	let userFolder;
	try {
		if (example) {
			const out = path.resolve(env.ROOT, argValue('--out') ?? 'docs/node-panel.png');
			await screenshotExample({ baseUrl: attachedUrl, owner, workflowId: example, out, report, size });
			return;
		}
		if (!attachedUrl && process.env.IDEOGRAM_E2E_SKIP_BUILD !== '1') {
			report.step('npm run build');
			env.buildPackage();
		}
		const cases = panelCases();
		if (attachedUrl) {
			server = { url: attachedUrl, stop: async () => {} };
		} else {
			userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-panel-'));
			server = await startOwnN8n(report, userFolder, cases);
		}
		await checkPanels({ baseUrl: server.url, owner, cases, report, workflowId: argValue('--workflow') ?? PANEL_WORKFLOW_ID, screenshots, size });
	} catch (error) {
		report.fail('setup', error);
	} finally {
		if (server) await server.stop();
		if (userFolder) {
			if (process.env.IDEOGRAM_E2E_KEEP === '1' || report.failed > 0) console.log(`user folder kept: ${userFolder}`);
			else fs.rmSync(userFolder, { recursive: true, force: true });
		}
		report.summary();
	}
}

module.exports = { PANEL_WORKFLOW_ID, PANEL_CREDENTIAL, builtDescription, panelCases, panelWorkflow };

if (require.main === module) main();
