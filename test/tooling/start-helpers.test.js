'use strict';
// npm start's port choice and instance locks (dev/lib): another n8n or another npm start may be running.
// JavaScript, like the scripts it tests: it uses fs, net and process, which the node lint rightly keeps out of .ts.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const { acquireSlot, otherHolders, releaseLock, updateLock, withProcessLock } = require('../../dev/lib/instance-lock');
const { choosePort, isPortFree, portFromEnv } = require('../../dev/lib/ports');

/** A listener on 127.0.0.1 holding a port, as another n8n would. */
async function holdPort(host = '127.0.0.1') {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, host, resolve));
	const { port } = server.address();
	return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('ports', () => {
	it('sees a port held on 127.0.0.1 or on all addresses as taken', async () => {
		for (const host of ['127.0.0.1', '0.0.0.0']) {
			const held = await holdPort(host);
			try {
				expect(await isPortFree(held.port)).toBe(false);
			} finally {
				await held.close();
			}
			expect(await isPortFree(held.port)).toBe(true);
		}
	});

	it('reads a port from the environment, refusing what is not one', () => {
		expect(portFromEnv('P', {})).toBeUndefined();
		expect(portFromEnv('P', { P: ' ' })).toBeUndefined();
		expect(portFromEnv('P', { P: '5678' })).toBe(5678);
		expect(() => portFromEnv('P', { P: 'abc' })).toThrow('P=abc is not a port number (1 to 65535)');
		expect(() => portFromEnv('P', { P: '70000' })).toThrow('not a port number');
	});

	it('takes a set port when free, and stops with one sentence naming the variable when it is taken', async () => {
		const held = await holdPort();
		try {
			await expect(choosePort({ purpose: 'the n8n editor', variable: 'X_PORT', environment: { X_PORT: String(held.port) } })).rejects.toThrow(
				`port ${held.port} for the n8n editor (X_PORT) is already in use; stop what holds it, set X_PORT to another port, or unset it to let npm start choose a free one`,
			);
		} finally {
			await held.close();
		}
		expect(await choosePort({ purpose: 'x', variable: 'X_PORT', environment: { X_PORT: String(held.port) } })).toEqual({ port: held.port, chosen: 'set' });
	});

	it('prefers the usual port when it is free and unclaimed, else picks a free one', async () => {
		const held = await holdPort();
		try {
			const busy = await choosePort({ purpose: 'x', variable: 'X_PORT', preferred: held.port, environment: {} });
			expect(busy.chosen).toBe('free');
			expect(busy.port).not.toBe(held.port);
		} finally {
			await held.close();
		}
		expect(await choosePort({ purpose: 'x', variable: 'X_PORT', preferred: held.port, environment: {} })).toEqual({ port: held.port, chosen: 'preferred' });
		const claimed = await choosePort({ purpose: 'x', variable: 'X_PORT', preferred: held.port, claimed: [held.port], environment: {} });
		expect(claimed.port).not.toBe(held.port);
	});
});

describe('instance locks', () => {
	let dir;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ideogram-locks-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('gives a second instance its own folder while the first runs, and takes over a dead one', () => {
		// Slot 1 held by a running process (our parent), slot 2 by one that has exited.
		fs.writeFileSync(path.join(dir, 'home.lock'), JSON.stringify({ pid: process.ppid, ports: { n8n: 5678, broker: 40001 } }));
		fs.writeFileSync(path.join(dir, 'home-2.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
		const slot = acquireSlot(dir, 'home');
		expect(slot).toEqual({ slot: 2, folder: path.join(dir, 'home-2'), lockFile: path.join(dir, 'home-2.lock') });
		expect(JSON.parse(fs.readFileSync(slot.lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
		updateLock(slot.lockFile, { ports: { n8n: 40002 } });
		expect(otherHolders(dir, 'home').map((held) => held.ports)).toEqual([{ n8n: 5678, broker: 40001 }]);
		releaseLock(slot.lockFile);
		expect(fs.existsSync(slot.lockFile)).toBe(false);
		expect(fs.existsSync(path.join(dir, 'home.lock'))).toBe(true);
	});

	it('runs work under a process lock one holder at a time', async () => {
		const file = path.join(dir, 'build.lock');
		const order = [];
		const first = withProcessLock(file, async () => {
			order.push('first in');
			await new Promise((resolve) => setTimeout(resolve, 300));
			order.push('first out');
		});
		// The lock holder is this process either way: the second waits for the file, not for a pid.
		const second = withProcessLock(file, async () => order.push('second'), { pollMs: 50 });
		await Promise.all([first, second]);
		expect(order).toEqual(['first in', 'first out', 'second']);
		expect(fs.existsSync(file)).toBe(false);
	});
});
