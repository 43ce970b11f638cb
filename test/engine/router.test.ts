import { sleep } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import { createHarness, type HarnessOptions } from '../support/harness';
import { pngFile, withSandboxImages } from '../support/fixtures';

const KEY = 'scale-test-key';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

afterEach(async () => {
	await sandbox?.close();
});

async function start(options: { inflightLimit?: number; latencyMs?: number } = {}) {
	sandbox = await startSandbox({ apiKey: KEY, ...options });
}

function harness(options: Partial<HarnessOptions> & { parameters: Record<string, unknown> }) {
	return createHarness({ credentials: { apiKey: KEY, baseUrl: sandbox.apiUrl, authHeader: 'apiKey' }, ...options, parameters: withSandboxImages(sandbox, options.parameters) });
}

const images = (count: number) => Array.from({ length: count }, () => ({ binary: { data: pngFile(8, 8) } }));

describe('parallel requests', () => {
	it('keeps at most 10 images in flight by default: 24 items against a 10-image limit get no 429, in input order', async () => {
		await start({ inflightLimit: 10, latencyMs: 150 });
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: (index: number) => `item ${index}` }, items: images(24) });
		const output = await run();
		expect(sandbox.requests.map((request) => request.status)).toEqual(Array(24).fill(200));
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 24 }, (_, item) => ({ item })));
		expect(output.map((item) => item.json.prompt)).toEqual(Array.from({ length: 24 }, (_, index) => expect.stringContaining(`item ${index}`)));
		// The window is used, not just respected: at some moment all 10 places were rendering at once.
		const overlapping = sandbox.requests.map((request) => sandbox.requests.filter((other) => other.startedAt <= request.startedAt && other.answeredAt > request.startedAt).length);
		expect(Math.max(...overlapping)).toBe(10);
	});

	it('counts images, not requests: 4 images per request against a limit of 8 never trips it', async () => {
		await start({ inflightLimit: 8, latencyMs: 100 });
		const { run } = harness({ parameters: { operation: 'remix', binaryPropertyName: 'data', prompt: 'x', options: { numImages: 4, concurrency: 8, downloadImages: false } }, items: images(6) });
		const output = await run();
		expect(output).toHaveLength(24);
		expect(sandbox.requests.every((request) => request.status === 200)).toBe(true);
	});

	it('backs off and retries when another workflow takes the slots (429 inflight_limit)', async () => {
		await start({ inflightLimit: 2, latencyMs: 100 });
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { concurrency: 4, downloadImages: false } }, items: images(4) });
		const output = await run();
		expect(output).toHaveLength(4);
		expect(sandbox.requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
		expect(output.some((item) => Array.isArray(item.json.retries))).toBe(true);
	});
});

describe('many executions on one key', () => {
	const replaceBackground = (options: Record<string, unknown>) => ({ operation: 'replaceBackground', binaryPropertyName: 'data', prompt: (index: number) => `item ${index}`, options });

	it('shares one window: three executions of 8 items at once against a 10-image limit get no 429, each in input order', async () => {
		await start({ inflightLimit: 10, latencyMs: 150 });
		const executions = [0, 1, 2].map(() => harness({ parameters: replaceBackground({ downloadImages: false }), items: images(8) }));
		const outputs = await Promise.all(executions.map(({ run }) => run()));
		expect(sandbox.requests.map((request) => request.status)).toEqual(Array(24).fill(200));
		for (const output of outputs) {
			expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 8 }, (_, item) => ({ item })));
			expect(output.map((item) => item.json.prompt)).toEqual(Array.from({ length: 8 }, (_, index) => expect.stringContaining(`item ${index}`)));
		}
	});

	it('keeps each execution to its own Max Images in Flight within the shared window', async () => {
		await start({ inflightLimit: 10, latencyMs: 150 });
		const parameters = (name: string, concurrency: number) => ({ ...replaceBackground({ concurrency, downloadImages: false }), prompt: (index: number) => `${name} ${index}` });
		await Promise.all([harness({ parameters: parameters('small', 2), items: images(6) }).run(), harness({ parameters: parameters('large', 10), items: images(12) }).run()]);
		/** Most requests of one execution rendering at once, from when the sandbox started and answered each. */
		const peak = (name: string) => {
			const mine = sandbox.requests.filter((request) => (request.fields.prompt?.[0] ?? '').startsWith(name));
			return Math.max(...mine.map((request) => mine.filter((other) => other.startedAt <= request.startedAt && other.answeredAt > request.startedAt).length));
		};
		expect(sandbox.requests.map((request) => request.status)).toEqual(Array(18).fill(200));
		expect(peak('small')).toBeLessThanOrEqual(2);
		expect(peak('large')).toBeLessThanOrEqual(10);
		expect(peak('')).toBeLessThanOrEqual(10);
	});

	it('gives the places of a cancelled execution back: the next execution on the key goes at full speed', async () => {
		await start({ inflightLimit: 10, latencyMs: 400 });
		const busy = harness({ parameters: replaceBackground({ downloadImages: false }), items: images(10) });
		const cancel = new AbortController();
		const waiting = harness({ cancelSignal: cancel.signal, parameters: replaceBackground({ downloadImages: false }), items: images(10) });
		const busyRun = busy.run();
		await sleep(50);
		const cancelled = expect(waiting.run()).rejects.toThrow('cancelled');
		await sleep(50);
		cancel.abort();
		await cancelled;
		await busyRun;
		const before = sandbox.requests.length;
		const started = Date.now();
		expect(await harness({ parameters: replaceBackground({ downloadImages: false }), items: images(10) }).run()).toHaveLength(10);
		expect(sandbox.requests.slice(before).map((request) => request.status)).toEqual(Array(10).fill(200));
		// One wave of 10: nothing of the cancelled execution still holds a place.
		expect(Date.now() - started).toBeLessThan(800);
	});

	it('is patient with 429 inflight_limit: retries past Max Retries, waiting for its own renders to finish', async () => {
		// Renders longer than Retry-After (1 s): re-sending after Retry-After would be refused 12 times here.
		await start({ inflightLimit: 2, latencyMs: 1500 });
		const { run } = harness({ parameters: replaceBackground({ concurrency: 6, maxRetries: 0, downloadImages: false }), items: images(6) });
		const started = Date.now();
		const output = await run();
		const seconds = (Date.now() - started) / 1000;
		expect(output).toHaveLength(6);
		const refused = sandbox.requests.filter((request) => request.status === 429).length;
		// The 4 refused at first wait in the window for a render to finish; later ones are the window probing
		// for room, at most once per Retry-After (1 s).
		expect(refused).toBeGreaterThanOrEqual(4);
		expect(refused).toBeLessThanOrEqual(4 + Math.ceil(seconds));
	});
});

/** When each input file was read: the node reads an item's bytes once, when it prepares its request. */
function recordReads(ctx: ReturnType<typeof harness>['ctx']): number[] {
	const reads: number[] = [];
	const read = ctx.helpers.getBinaryDataBuffer;
	ctx.helpers.getBinaryDataBuffer = async (...args: Parameters<typeof read>) => {
		reads.push(Date.now());
		return await read(...args);
	};
	return reads;
}

describe('reading ahead', () => {
	it('reads and encodes the next items while the window is full, but no more than one window ahead', async () => {
		await start({ inflightLimit: 2, latencyMs: 300 });
		const { ctx, run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { concurrency: 2, downloadImages: false } }, items: images(6) });
		const reads = recordReads(ctx);
		const output = await run();
		expect(output).toHaveLength(6);
		expect(sandbox.requests.map((request) => request.status)).toEqual(Array(6).fill(200));
		const firstAnswer = Math.min(...sandbox.requests.map((request) => request.answeredAt));
		// 2 in flight and 2 ready to go when the first answer comes; the last 2 only once places free up.
		expect(reads.filter((at) => at < firstAnswer)).toHaveLength(4);
	});

	it('holds at most 16 MB of request bodies ahead: two of 6 MB images', async () => {
		await start({ inflightLimit: 4, latencyMs: 300 });
		// A real PNG header followed by 6 MB of padding: large on the wire, cheap to make.
		const large = () => {
			const file = pngFile(8, 8);
			return { binary: { data: { ...file, data: Buffer.concat([file.data, Buffer.alloc(6 * 1024 * 1024)]) } } };
		};
		const { ctx, run } = harness({
			parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { concurrency: 4, downloadImages: false } },
			items: Array.from({ length: 10 }, large),
		});
		const reads = recordReads(ctx);
		const output = await run();
		expect(output).toHaveLength(10);
		const firstAnswer = Math.min(...sandbox.requests.map((request) => request.answeredAt));
		// 4 in flight, then 2 ready (16 MB / 6 MB), not 4 as with small images.
		expect(reads.filter((at) => at < firstAnswer)).toHaveLength(6);
	});

	it('reads the credential once per execution, not once per request', async () => {
		await start();
		const { ctx, run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { downloadImages: false } }, items: images(5) });
		const getCredentials = jest.spyOn(ctx, 'getCredentials');
		expect(await run()).toHaveLength(5);
		expect(sandbox.requests.map((request) => request.auth)).toEqual(Array(5).fill('apiKey'));
		expect(getCredentials).toHaveBeenCalledTimes(1);
	});

	it('without continue on fail, items read ahead are not sent once an item has failed', async () => {
		await start({ latencyMs: 100 });
		sandbox.queueFault({ status: 500 });
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { concurrency: 1, downloadImages: false } }, items: images(3) });
		await expect(run()).rejects.toMatchObject({ context: { itemIndex: 0 } });
		expect(sandbox.requests.map((request) => request.status)).toEqual([500]);
	});
});

describe('when an answer comes', () => {
	it('sends the request waiting for its place before downloading the result or reading the next input', async () => {
		await start({ latencyMs: 50 });
		const { ctx, run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { concurrency: 1 } }, items: images(3) });
		const events: string[] = [];
		const { getBinaryDataBuffer: read, httpRequestWithAuthentication: send, httpRequest: download } = ctx.helpers;
		ctx.helpers.getBinaryDataBuffer = async (itemIndex: number, ...rest: unknown[]) => {
			events.push(`read ${itemIndex}`);
			return await (read as (...args: unknown[]) => Promise<Buffer>)(itemIndex, ...rest);
		};
		ctx.helpers.httpRequestWithAuthentication = async function (this: ThisParameterType<typeof send>, ...args: Parameters<typeof send>) {
			// n8n awaits several steps (credential checks, pre-authentication, the address policy) before a request
			// leaves; a download has fewer. The order must not depend on how many.
			for (let step = 0; step < 20; step++) await Promise.resolve();
			events.push('send');
			return await send.apply(this, args);
		};
		ctx.helpers.httpRequest = async (...args: Parameters<typeof download>) => {
			events.push('download');
			return await download(...args);
		};
		expect(await run()).toHaveLength(3);
		// Item 1 was read ahead while item 0 rendered; when item 0's answer came, item 1 went out first.
		expect(events.slice(0, 4)).toEqual(['read 0', 'send', 'read 1', 'send']);
		expect(events.filter((event) => event === 'download')).toHaveLength(3);
	});
});

describe('timeouts and cancellation', () => {
	it('fails an item whose answer takes longer than Timeout, without re-sending it', async () => {
		await start();
		sandbox.queueFault({ latencyMs: 3000 });
		const { run } = harness({ parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x', options: { timeout: 1 } }, items: images(1) });
		await expect(run()).rejects.toMatchObject({ message: 'Ideogram did not answer within 1 s', description: expect.stringContaining('may already have been billed') });
		expect(sandbox.requests.length).toBeLessThanOrEqual(1);
	});

	it('stops waiting as soon as the execution is cancelled', async () => {
		await start({ latencyMs: 5000 });
		const controller = new AbortController();
		const { run } = harness({ cancelSignal: controller.signal, parameters: { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' }, items: images(2) });
		const started = Date.now();
		void sleep(200).then(() => controller.abort());
		await expect(run()).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

describe('hostile and broken responses', () => {
	beforeEach(async () => {
		await start();
	});
	const parameters = { operation: 'replaceBackground', binaryPropertyName: 'data', prompt: 'x' };

	it('an HTML error page', async () => {
		sandbox.queueFault({ html: true });
		const { run } = harness({ parameters, items: images(1) });
		await expect(run()).rejects.toMatchObject({ message: 'Ideogram failed with HTTP 502 after receiving the request', description: expect.stringContaining('<html') });
	});

	it('truncated JSON', async () => {
		sandbox.queueFault({ truncatedJson: true });
		const { run } = harness({ parameters, items: images(1) });
		await expect(run()).rejects.toThrow('Ideogram answered HTTP 200 with something that is not JSON');
	});

	it('an image link that 404s, or serves something that is not an image', async () => {
		sandbox.queueFault({ imageFault: 'notFound' });
		await expect(harness({ parameters, items: images(1) }).run()).rejects.toThrow(/Result image 1: downloading .* failed with HTTP 404/);
		sandbox.queueFault({ imageFault: 'notAnImage' });
		await expect(harness({ parameters, items: images(1) }).run()).rejects.toThrow(/Result image 1: .* did not return a JPEG, PNG or WebP image/);
	});

	it('an image link that redirects to another host is followed without any credential', async () => {
		sandbox.queueFault({ imageFault: 'redirectOtherHost' });
		const [item] = await harness({ parameters, items: images(1) }).run();
		expect(item.binary?.data.mimeType).toBe('image/png');
		expect(sandbox.imageRequests.length).toBe(2);
		expect(JSON.stringify(sandbox.imageRequests)).not.toContain(KEY);
	});

	it('with continue on fail, one broken answer fails only its own item', async () => {
		sandbox.queueFault({ truncatedJson: true });
		const { run } = harness({ continueOnFail: true, parameters: { ...parameters, options: { concurrency: 1 } }, items: images(3) });
		const output = await run();
		expect(output.map((item) => Boolean(item.json.error))).toEqual([true, false, false]);
	});
});
