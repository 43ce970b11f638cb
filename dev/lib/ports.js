'use strict';
/**
 * Ports for the scripts that start n8n and the sandbox: a free port chosen by the system, a check that a port
 * is free, and the choice `npm start` makes (the port the user set, which must be free; else a preferred one
 * when it is free and no other instance claims it; else any free port). Another n8n may be running on this
 * machine: nothing here assumes 5678 or 5679 is ours.
 */
const net = require('net');

const HOST = '127.0.0.1';

/** A port the system says is free right now on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Whether a listener could bind `port` on 127.0.0.1 now. A process listening on 0.0.0.0 or :: holds the port
 * for 127.0.0.1 too, so this sees n8n instances bound to any address.
 */
function isPortFree(port, host = HOST) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', (error) => (['EADDRINUSE', 'EACCES'].includes(error.code) ? resolve(false) : reject(error)));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/**
 * A port number from an environment variable: undefined when unset or empty, an error when not 1..65535.
 * @param {string} name
 * @param {Record<string, string | undefined>} [environment]
 */
function portFromEnv(name, environment = process.env) {
	const text = environment[name];
	if (text === undefined || text.trim() === '') return undefined;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${text} is not a port number (1 to 65535)`);
	return port;
}

/**
 * One port for one purpose. `variable` names the environment variable the user sets it with; `preferred` is
 * taken when free and not in `claimed` (ports other running instances announced); otherwise any free port.
 * Resolves { port, chosen: 'set' | 'preferred' | 'free' }; rejects with one clear sentence when a set port is taken.
 * @param {{ purpose: string, variable: string, preferred?: number, claimed?: number[], environment?: Record<string, string | undefined> }} wanted
 */
async function choosePort({ purpose, variable, preferred, claimed = [], environment = process.env }) {
	const set = portFromEnv(variable, environment);
	if (set !== undefined) {
		if (!(await isPortFree(set))) throw new Error(`port ${set} for ${purpose} (${variable}) is already in use; stop what holds it, set ${variable} to another port, or unset it to let npm start choose a free one`);
		return { port: set, chosen: 'set' };
	}
	if (preferred !== undefined && !claimed.includes(preferred) && (await isPortFree(preferred))) return { port: preferred, chosen: 'preferred' };
	for (;;) {
		const port = await freePort();
		if (!claimed.includes(port)) return { port, chosen: 'free' };
	}
}

module.exports = { HOST, freePort, isPortFree, portFromEnv, choosePort };
