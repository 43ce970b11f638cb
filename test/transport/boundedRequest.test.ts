/**
 * The bounded reader against the hostile server, through n8n's own request function (@n8n/backend-network),
 * so the stream it reads is the one n8n hands a node for `encoding: 'stream'`.
 */
import { httpRequest } from '@n8n/backend-network/testing';
import { sleep, type IHttpRequestOptions } from 'n8n-workflow';

import { boundedRequest, describeTransferFailure, startDeadline, urlForMessage, type BoundedResult } from '../../nodes/Ideogram/transport/boundedRequest';
import { startHostileServer, TRUNCATED_PNG, VALID_PNG } from '../support/hostile-server';

type HostileServer = Awaited<ReturnType<typeof startHostileServer>>;

const MB = 1024 * 1024;
let server: HostileServer;

beforeAll(async () => {
	server = await startHostileServer();
});
afterAll(async () => {
	await server.close();
});

const send = async (options: IHttpRequestOptions) => await httpRequest(options);
// n8n's authenticated helper replaces abortSignal with the execution's cancel signal: the deadline and the
// cap must hold without it.
const sendWithoutSignal = async (options: IHttpRequestOptions) => await httpRequest({ ...options, abortSignal: undefined });

async function get(path: string, { maxBytes = 50 * MB, timeoutMs = 5000, cancelSignal, via = send }: { maxBytes?: number; timeoutMs?: number; cancelSignal?: AbortSignal; via?: typeof send } = {}) {
	const started = Date.now();
	const result = await boundedRequest(via, { method: 'GET', url: `${server.url}${path}` }, { maxBytes, deadline: startDeadline(timeoutMs), cancelSignal });
	return { result, elapsed: Date.now() - started };
}

function failureOf(result: BoundedResult) {
	if (result.ok) throw new Error(`expected a failure, got HTTP ${result.response.statusCode} with ${result.response.body.length} bytes`);
	return result.failure;
}

async function waitFor(condition: () => boolean, ms = 3000) {
	const until = Date.now() + ms;
	while (!condition() && Date.now() < until) await sleep(20);
	return condition();
}

describe('boundedRequest', () => {
	it('reads a whole answer with its status and headers', async () => {
		const { result } = await get('/hostile/valid.png');
		if (!result.ok) throw new Error(JSON.stringify(result.failure));
		expect(result.response.statusCode).toBe(200);
		expect(result.response.headers['content-type']).toBe('image/png');
		expect(result.response.body.equals(VALID_PNG)).toBe(true);
	});

	it('passes error statuses through as answers', async () => {
		const { result } = await get('/nothing-here');
		expect(result.ok && result.response.statusCode).toBe(404);
	});

	it.each([
		['with the deadline as abortSignal', send],
		['when n8n replaces abortSignal', sendWithoutSignal],
	])('stops an endless body at the cap and closes the connection (%s)', async (_name, via) => {
		const before = server.stats.endlessBytes.length;
		const { result, elapsed } = await get('/hostile/endless.png', { maxBytes: 2 * MB, via });
		const failure = failureOf(result);
		expect(failure).toMatchObject({ reason: 'tooLarge', headersReceived: true, statusCode: 200 });
		expect(failure.bytes).toBeGreaterThan(2 * MB);
		expect(elapsed).toBeLessThan(3000);
		// The server sees the connection close: it sent the cap plus what sat in socket buffers, and stopped.
		expect(await waitFor(() => server.stats.endlessBytes.length > before && server.sockets() === 0)).toBe(true);
		const sent = server.stats.endlessBytes[before];
		await sleep(200);
		expect(server.stats.endlessBytes[before]).toBe(sent);
		expect(sent).toBeLessThan(2 * MB + 16 * MB);
	});

	it('refuses an announced Content-Length over the cap before reading the body', async () => {
		const { result } = await get('/hostile/big.png?mb=300', { maxBytes: 50 * MB });
		const failure = failureOf(result);
		expect(failure).toMatchObject({ reason: 'tooLarge', declared: true, bytes: 300 * MB });
		expect(describeTransferFailure(failure, `${server.url}/hostile/big.png?mb=300`, { maxBytes: 50 * MB, timeoutMs: 5000 })).toBe(
			`${server.url}/hostile/big.png?… announced 300.0 MB, over the 50.0 MB limit; nothing was read`,
		);
		expect(await waitFor(() => server.sockets() === 0)).toBe(true);
	});

	it('stops an unannounced (chunked) body over the cap', async () => {
		const { result } = await get('/hostile/undeclared.png?mb=8', { maxBytes: 4 * MB });
		expect(failureOf(result)).toMatchObject({ reason: 'tooLarge', headersReceived: true });
	});

	it('accepts a body exactly at the cap', async () => {
		const { result } = await get('/hostile/undeclared.png?mb=1', { maxBytes: 1 * MB });
		expect(result.ok && result.response.body.length).toBe(1 * MB);
	});

	it.each([
		['with the deadline as abortSignal', send],
		['when n8n replaces abortSignal', sendWithoutSignal],
	])('a byte trickle fails at the deadline, not at an idle timeout (%s)', async (_name, via) => {
		const { result, elapsed } = await get('/hostile/trickle.png?interval=100', { timeoutMs: 1000, via });
		expect(failureOf(result)).toMatchObject({ reason: 'timedOut', headersReceived: true, statusCode: 200 });
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(1800);
		expect(await waitFor(() => server.sockets() === 0)).toBe(true);
	});

	it.each([
		['with the deadline as abortSignal', send],
		['when n8n replaces abortSignal', sendWithoutSignal],
	])('a server that never sends headers fails at the deadline (%s)', async (_name, via) => {
		const { result, elapsed } = await get('/hostile/no-headers.png', { timeoutMs: 1000, via });
		expect(failureOf(result)).toMatchObject({ reason: 'timedOut', headersReceived: false });
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(1800);
		expect(await waitFor(() => server.stats.openConnections === 0)).toBe(true);
	});

	it('a body that stalls after the headers fails at the deadline and the connection is closed', async () => {
		const { result, elapsed } = await get('/hostile/stall.png', { timeoutMs: 1000 });
		expect(failureOf(result)).toMatchObject({ reason: 'timedOut', headersReceived: true, bytes: TRUNCATED_PNG.length });
		expect(elapsed).toBeLessThan(1800);
		expect(await waitFor(() => server.stats.openConnections === 0 && server.sockets() === 0)).toBe(true);
	});

	it('stops when the execution is cancelled', async () => {
		const cancel = new AbortController();
		const pending = get('/hostile/trickle.png?interval=100', { timeoutMs: 10_000, cancelSignal: cancel.signal });
		await sleep(300);
		cancel.abort();
		const { result, elapsed } = await pending;
		expect(failureOf(result)).toMatchObject({ reason: 'cancelled' });
		expect(elapsed).toBeLessThan(1500);
	});

	it('does not start when already cancelled', async () => {
		const cancel = new AbortController();
		cancel.abort();
		const before = server.requests.length;
		const { result } = await get('/hostile/valid.png', { cancelSignal: cancel.signal });
		expect(failureOf(result)).toMatchObject({ reason: 'cancelled', headersReceived: false });
		expect(server.requests.length).toBe(before);
	});

	it('reports a refused connection with its code', async () => {
		const closed = await startHostileServer();
		const url = closed.url;
		await closed.close();
		const result = await boundedRequest(send, { method: 'GET', url: `${url}/x.png` }, { maxBytes: MB, deadline: startDeadline(2000) });
		expect(failureOf(result)).toMatchObject({ reason: 'network', headersReceived: false, code: 'ECONNREFUSED' });
	});

	it('reads an API answer (POST with a body) within the JSON cap, and refuses one over it', async () => {
		const ok = await boundedRequest(send, { method: 'POST', url: `${server.url}/api/extraImages?count=2`, body: Buffer.from('{}'), headers: { 'content-type': 'application/json' } }, { maxBytes: 4 * MB, deadline: startDeadline(5000) });
		expect(ok.ok && JSON.parse(ok.response.body.toString()).data).toHaveLength(2);
		const big = await boundedRequest(send, { method: 'POST', url: `${server.url}/api/oversizedJson?mb=6`, body: Buffer.from('{}') }, { maxBytes: 4 * MB, deadline: startDeadline(5000) });
		expect(failureOf(big)).toMatchObject({ reason: 'tooLarge', declared: true });
		const endless = await boundedRequest(send, { method: 'POST', url: `${server.url}/api/endlessJson`, body: Buffer.from('{}') }, { maxBytes: 4 * MB, deadline: startDeadline(5000) });
		expect(failureOf(endless)).toMatchObject({ reason: 'tooLarge', headersReceived: true });
	});

	it('serves a cut-off PNG as a normal answer (completeness is the caller\'s check)', async () => {
		const { result } = await get('/hostile/truncated.png');
		expect(result.ok && result.response.body.equals(TRUNCATED_PNG)).toBe(true);
	});

	it('fetches a URL with %ZZ in its path as given', async () => {
		const { result } = await get('/hostile/valid%ZZ.png');
		expect(result.ok && result.response.statusCode).toBe(200);
		expect(server.requests.at(-1)?.url).toBe('/hostile/valid%ZZ.png');
	});
});

describe('describeTransferFailure', () => {
	const limits = { maxBytes: 50 * MB, timeoutMs: 3000 };
	it.each([
		[{ reason: 'timedOut', headersReceived: false }, 'https://img.example/a.png?sig=secret', 'https://img.example/a.png?… timed out after 3 s before answering'],
		[{ reason: 'timedOut', headersReceived: true }, 'https://img.example/a.png', 'https://img.example/a.png timed out after 3 s while sending its content'],
		[{ reason: 'tooLarge', headersReceived: true, bytes: 51 * MB }, 'https://img.example/a.png#frag', 'https://img.example/a.png sent more than the 50.0 MB limit; the transfer was stopped there'],
		[{ reason: 'cancelled', headersReceived: false }, 'https://img.example/a.png', 'the execution was cancelled while fetching https://img.example/a.png'],
		[{ reason: 'network', headersReceived: false, code: 'ECONNREFUSED' }, 'https://img.example/a.png', 'https://img.example/a.png could not be fetched: the connection failed (ECONNREFUSED)'],
	] as const)('%j', (failure, url, message) => {
		expect(describeTransferFailure(failure, url, limits)).toBe(message);
	});

	it('never shows the query string', () => {
		expect(urlForMessage('https://a.example/x.png?X-Amz-Signature=abc&token=1')).toBe('https://a.example/x.png?…');
		expect(urlForMessage('https://a.example/x.png')).toBe('https://a.example/x.png');
	});
});
