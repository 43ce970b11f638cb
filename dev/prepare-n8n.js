#!/usr/bin/env node
'use strict';
/**
 * Gets an n8n this tooling does not start ready for `npm run test:e2e -- --n8n-url …` (the docker/ compose file
 * and its CI job, or any n8n you run yourself). Needs no Docker:
 *
 *   node dev/prepare-n8n.js package <folder>
 *       npm run build, npm pack, and the tarball unpacked into <folder>/n8n-nodes-ideogram with the manifest
 *       n8n's installer leaves (no devDependencies or peerDependencies): the folder to mount at
 *       ~/.n8n/nodes/node_modules/n8n-nodes-ideogram, or to copy there. Prints its path.
 *   node dev/prepare-n8n.js owner <n8n url>
 *       waits for that n8n's REST API, then sets up its owner account from IDEOGRAM_N8N_EMAIL and
 *       IDEOGRAM_N8N_PASSWORD (POST /rest/owner/setup, what the editor's first page does); an n8n that has an
 *       owner already is left as it is.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = require('./lib/n8n-env');
const { restApiReady } = require('./lib/n8n-server');
const { restSession } = require('./lib/n8n-rest');
const { logger, waitFor } = require('./lib/process');

const say = logger('prepare-n8n');

function unpackInto(folder) {
	env.buildPackage();
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-prepare-'));
	try {
		const pack = env.packPackage(path.join(scratch, 'pack'));
		const installed = env.installPackage(scratch, pack.tarball, pack.version);
		const target = path.join(path.resolve(folder), env.PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(installed, target, { recursive: true });
		say(`${path.basename(pack.tarball)} unpacked into ${target}`);
		console.log(target);
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

async function setUpOwner(url, { timeoutMs = 300000 } = {}) {
	const email = process.env.IDEOGRAM_N8N_EMAIL;
	const password = process.env.IDEOGRAM_N8N_PASSWORD;
	if (!email || !password) throw new Error('set IDEOGRAM_N8N_EMAIL and IDEOGRAM_N8N_PASSWORD (8+ characters, a number and a capital letter)');
	await waitFor(`${url}'s REST API`, () => restApiReady(url), { timeoutMs, intervalMs: 1000 });
	const session = restSession(url);
	const settings = (await session.json('GET', '/rest/settings')).data;
	if (settings?.userManagement?.showSetupOnFirstLoad === false) {
		say(`${url} has an owner already; log in as that owner (IDEOGRAM_N8N_EMAIL, IDEOGRAM_N8N_PASSWORD)`);
		return;
	}
	await session.json('POST', '/rest/owner/setup', { email, password, firstName: 'Suite', lastName: 'Owner' });
	say(`owner ${email} set up on ${url}`);
}

async function main() {
	const [command, argument] = process.argv.slice(2);
	if (command === 'package' && argument) return unpackInto(argument);
	if (command === 'owner' && argument) return setUpOwner(argument.replace(/\/+$/, ''));
	throw new Error('usage: node dev/prepare-n8n.js package <folder> | owner <n8n url>');
}

main().catch((error) => {
	console.error(`[prepare-n8n] ${error.message}`);
	process.exit(1);
});
