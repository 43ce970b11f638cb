import { sleep } from 'n8n-workflow';

import { BYTES_HELD, MAX_DOWNLOAD_MB, TRANSFERS_AT_ONCE, TransferBudget, transferBudgetOf } from '../../../nodes/Ideogram/transport/pacing/transferBudget';
import { boundedRequest, startDeadline } from '../../../nodes/Ideogram/transport/boundedRequest';
import { downloadImage } from '../../../nodes/Ideogram/transport/download';
import { createHarness } from '../../support/harness';
import { scriptedApi } from '../../support/scripted-api';
import { slowImages } from '../../support/slow-images';

const flush = async () => await sleep(0);

describe('TransferBudget', () => {
	it('states its limits: 8 transfers at once, 128 MB held, Max Download Size at most 200 MB', () => {
		expect([TRANSFERS_AT_ONCE, BYTES_HELD, MAX_DOWNLOAD_MB]).toEqual([8, 128 * 1024 * 1024, 200]);
	});

	it('runs at most maxTransfers at once; the others start, in order, as places are given back', async () => {
		const budget = new TransferBudget(2, 1000);
		const first = await budget.start();
		const second = await budget.start();
		const started: number[] = [];
		const third = budget.start().then((lease) => (started.push(3), lease));
		const fourth = budget.start().then((lease) => (started.push(4), lease));
		await flush();
		expect(started).toEqual([]);
		expect(budget.usage).toEqual({ transfers: 2, bytes: 0, waiting: 2 });
		first.end();
		first.end();
		await flush();
		expect(started).toEqual([3]);
		second.end();
		await flush();
		expect(started).toEqual([3, 4]);
		(await third).end();
		(await fourth).end();
		expect(budget.usage).toEqual({ transfers: 0, bytes: 0, waiting: 0 });
	});

	it('counts bytes held; past the budget a transfer waits, except the oldest, so they never all wait', async () => {
		const budget = new TransferBudget(4, 100);
		const oldest = await budget.start();
		const younger = await budget.start();
		expect(younger.take(80)).toBe(true);
		expect(younger.take(30)).toBe(false);
		// The oldest goes on past the budget: it holds at most its own cap.
		expect(oldest.take(500)).toBe(true);
		expect(budget.usage.bytes).toBe(580);
		let resumed = false;
		const waiting = younger.waitFor(30).then(() => (resumed = true));
		await flush();
		expect(resumed).toBe(false);
		oldest.end();
		await waiting;
		// Now the oldest itself.
		expect(budget.usage.bytes).toBe(110);
		younger.end();
		expect(budget.usage).toEqual({ transfers: 0, bytes: 0, waiting: 0 });
	});

	it('stops waiting when the signal aborts', async () => {
		const budget = new TransferBudget(1, 10);
		const holder = await budget.start();
		const controller = new AbortController();
		const waiting = budget.start(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow('cancelled');
		expect(budget.usage.waiting).toBe(0);
		const second = new TransferBudget(2, 10);
		await second.start();
		const lease = await second.start();
		const timedOut = lease.waitFor(50, AbortSignal.timeout(20));
		await expect(timedOut).rejects.toThrow();
		holder.end();
	});

	it('is one per execution context', () => {
		const a = createHarness({ parameters: {}, credentials: {} }).ctx;
		const b = createHarness({ parameters: {}, credentials: {} }).ctx;
		expect(transferBudgetOf(a)).toBe(transferBudgetOf(a));
		expect(transferBudgetOf(a)).not.toBe(transferBudgetOf(b));
	});
});

describe('downloads within the budget', () => {
	let images: Awaited<ReturnType<typeof slowImages>> | undefined;
	afterEach(async () => await images?.close());

	it('30 downloads started together run at most maxTransfers at once, and all arrive', async () => {
		images = await slowImages({ delayMs: 40 });
		const budget = new TransferBudget(3, 1024 * 1024);
		const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'budget-test-key' } });
		const results = await Promise.all(
			Array.from({ length: 30 }, async (_unused, index) =>
				await downloadImage(ctx, `${images!.url}/${index}.png`, `Result image ${index + 1}`, 0, {
					timeoutMs: 5000,
					maxBytes: 1024 * 1024,
					allowPrivateAddresses: true,
					budget,
					credential: async () => ({ baseUrl: 'https://api.ideogram.ai', secrets: ['budget-test-key'] }),
				}),
			),
		);
		expect(results.every((result) => result.info.format === 'png')).toBe(true);
		expect(images.stats.requests).toBe(30);
		expect(images.stats.mostAtOnce).toBeLessThanOrEqual(3);
		expect(budget.usage).toEqual({ transfers: 0, bytes: 0, waiting: 0 });
	});
});

/** A response stream a test controls: chunks are pushed by hand, as n8n's helper hands over axios's stream. */
function fakeStream(chunks: Buffer[]) {
	const listeners: Record<string, Array<(value?: unknown) => void>> = {};
	let paused = false;
	let index = 0;
	const stream = {
		on(event: string, listener: (value?: unknown) => void) {
			(listeners[event] ??= []).push(listener);
			return stream;
		},
		removeAllListeners: (event?: string) => (event ? delete listeners[event] : undefined),
		destroy: () => undefined,
		pause: () => (paused = true),
		resume: () => {
			paused = false;
			void sleep(0).then(pump);
		},
	};
	function pump() {
		while (!paused && index < chunks.length) for (const listener of listeners.data ?? []) listener(chunks[index++]);
		if (!paused && index === chunks.length) {
			index++;
			for (const listener of listeners.end ?? []) listener();
			for (const listener of listeners.close ?? []) listener();
		}
	}
	return stream;
}

describe('a capped body is held once', () => {
	const send = (chunks: Buffer[], headers: Record<string, string> = {}) => async () => ({ statusCode: 200, headers, body: fakeStream(chunks) });

	it('without Content-Length: the bytes in order, and a small body does not keep the cap-sized buffer', async () => {
		const chunks = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('h')];
		const result = await boundedRequest(send(chunks), { url: 'http://x/' }, { maxBytes: 8 * 1024 * 1024, deadline: startDeadline(2000) });
		expect(result.ok && result.response.body.toString()).toBe('abcdefgh');
		expect(result.ok && result.response.body.buffer.byteLength).toBeLessThan(1024 * 1024);
	});

	it('without Content-Length, small and large bodies: every byte in order, kept as chunks, then in one buffer of the cap', async () => {
		for (const size of [100 * 1024, 3 * 1024 * 1024]) {
			const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_unused, index) => Buffer.alloc(Math.min(65536, size - index * 65536), index % 251));
			const result = await boundedRequest(send(chunks), { url: 'http://x/' }, { maxBytes: 8 * 1024 * 1024, deadline: startDeadline(5000) });
			expect(result.ok && result.response.body.equals(Buffer.concat(chunks))).toBe(true);
		}
	});

	it('with a Content-Length smaller than what arrives (a decompressed body): every byte, within the cap', async () => {
		const result = await boundedRequest(send([Buffer.alloc(600, 1), Buffer.alloc(600, 2)], { 'content-length': '500' }), { url: 'http://x/' }, { maxBytes: 4096, deadline: startDeadline(2000) });
		expect(result.ok && result.response.body.length).toBe(1200);
		expect(result.ok && result.response.body[1199]).toBe(2);
	});

	it('pauses while the budget is full and goes on when bytes are given back', async () => {
		const budget = new TransferBudget(2, 1000);
		const older = await budget.start();
		older.take(900);
		const lease = await budget.start();
		let done = false;
		const reading = boundedRequest(send([Buffer.alloc(50), Buffer.alloc(100), Buffer.alloc(100)]), { url: 'http://x/' }, { maxBytes: 4096, deadline: startDeadline(2000), lease }).then(
			(result) => ((done = true), result),
		);
		await sleep(50);
		expect(done).toBe(false);
		expect(budget.usage.bytes).toBe(950);
		older.end();
		const result = await reading;
		expect(result.ok && result.response.body.length).toBe(250);
		expect(budget.usage.bytes).toBe(250);
		lease.end();
	});
});

describe('the node: one budget per execution', () => {
	let images: Awaited<ReturnType<typeof slowImages>> | undefined;
	let api: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => {
		await images?.close();
		await api?.close();
	});

	it('40 items × 8 results: at most 8 downloads at once for the whole execution', async () => {
		images = await slowImages({ delayMs: 25 });
		const data = Array.from({ length: 8 }, (_unused, index) => ({ url: `${images!.url}/r${index}.png?sig=1`, seed: index, resolution: '4x4', is_image_safe: true }));
		api = await scriptedApi([{ status: 200, body: { created: 'now', data } }]);
		const { run } = createHarness({
			parameters: { operation: 'generate', prompt: 'x', options: { numImages: 8 }, requestOptions: { concurrency: 8, privateHostsAllowed: images.host } },
			credentials: { apiKey: 'budget-test-key', baseUrl: api.baseUrl, authHeader: 'apiKey' },
			items: Array.from({ length: 40 }, () => ({})),
		});
		const output = await run();
		expect(output).toHaveLength(320);
		expect(output.every((item) => item.binary?.data.mimeType === 'image/png')).toBe(true);
		expect(images.stats.requests).toBe(320);
		expect(images.stats.mostAtOnce).toBeLessThanOrEqual(TRANSFERS_AT_ONCE);
	});
});
