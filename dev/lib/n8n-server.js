'use strict';
/**
 * A running `n8n start`: an owner account set up from the environment, waiting for the REST API, a REST
 * session logged in as the owner, and a clean stop of the whole process group. Used by e2e.js (the
 * credential tests, which only exist behind `POST /rest/credentials/test`), start.js and queue-mode.js.
 */
const { spawn } = require('child_process');
const bcrypt = require('bcryptjs');

const { restSession } = require('./n8n-rest');
const { sleep } = require('./process');

/** The owner of every n8n the tooling starts (npm start, the suites). */
const OWNER = { email: 'owner@example.com', password: 'Ideogram-sandbox-1', firstName: 'Sandbox', lastName: 'Owner' };

/** Env for every n8n command of a user folder, so the owner exists whichever command runs first. */
function ownerEnv() {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
	};
}


/**
 * Stops a child started with `detached: true` and everything it started (n8n's task runners): SIGTERM to its
 * process group, SIGKILL after `graceMs`. Resolves once it has exited.
 */
async function stopProcessGroup(child, graceMs = 10000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		child.kill('SIGTERM');
	}
	const killer = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone already
		}
	}, graceMs);
	await exited;
	clearTimeout(killer);
}

/**
 * Whether n8n's REST routes are mounted. /healthz answers first, then /rest/settings, and on a slow machine
 * (seen in CI) the auth routes come later still: `GET /rest/login` is 404 until then and 401 (no session) after.
 */
async function restApiReady(url) {
	if (!(await fetch(`${url}/rest/settings`)).ok) return false;
	return (await fetch(`${url}/rest/login`)).status !== 404;
}

/**
 * Waits until `child` (an n8n start) serves its REST API; fails when it exits first or after `timeoutMs`.
 * `log()` gives its output so far, for the error.
 */
async function waitForRestApi(url, child, { timeoutMs = 120000, log = () => '' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${log().slice(-3000)}`);
		if (Date.now() > deadline) throw new Error(`n8n start did not serve ${url}/rest within ${timeoutMs / 1000} s:\n${log().slice(-3000)}`);
		try {
			if (await restApiReady(url)) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
}

/**
 * Starts `n8n start` with `env` (which must set N8N_PORT) and waits until its REST API answers.
 * Resolves { url, log(), request(method, path, body), login(), stop() }.
 */
async function startN8nServer(install, env, { timeoutMs = 120000 } = {}) {
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const child = spawn(install.node, [install.n8nBin, 'start'], {
		cwd: env.N8N_USER_FOLDER,
		env: { ...env, N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_EDITOR_BASE_URL: url },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));

	const stop = () => stopProcessGroup(child);

	try {
		await waitForRestApi(url, child, { timeoutMs, log: () => output });
	} catch (error) {
		await stop();
		throw error;
	}

	const session = restSession(url);
	return { ...session, login: () => session.login(OWNER), stop, log: () => output };
}

module.exports = { OWNER, ownerEnv, restApiReady, startN8nServer, stopProcessGroup, waitForRestApi };
