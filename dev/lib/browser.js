'use strict';
/**
 * Headless Chromium for the panel check and its screenshots (panel-check.js), driven by playwright-core (a
 * devDependency) against the system's Chromium: Debian's `chromium` package, or CHROMIUM=/path.
 *
 *   ensureChromium({ log })         the browser's path, apt-get installing chromium first when missing (as root)
 *   launchBrowser({ width, height }) → { page, close() }: one page in a fresh headless browser
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { aptInstall } = require('./process');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium() {
	return [process.env.CHROMIUM, ...CANDIDATES].filter(Boolean).find((file) => fs.existsSync(file));
}

/** Debian's chromium, installed with apt-get when missing (needs root; the log goes to `logFile`). */
async function ensureChromium({ log = () => {}, logFile = path.join(os.tmpdir(), 'ideogram-apt-chromium.log') } = {}) {
	if (findChromium()) return findChromium();
	log(`installing chromium from Debian's packages (apt-get; log: ${logFile})`);
	await aptInstall(['chromium'], logFile);
	const found = findChromium();
	if (!found) throw new Error('no Chromium found after apt-get install chromium (set CHROMIUM=/path/to/chrome)');
	return found;
}

async function launchBrowser({ width = 1600, height = 1000, executablePath } = {}) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: executablePath ?? (await ensureChromium()),
		headless: true,
		// Root in a container: Chromium's own sandbox needs user namespaces it does not get there.
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--hide-scrollbars'],
	});
	const page = await browser.newPage({ viewport: { width, height } });
	return { page, close: () => browser.close() };
}

module.exports = { ensureChromium, launchBrowser };
