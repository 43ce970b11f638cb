/**
 * One HTTP request through n8n's request helper whose answer is read as a stream, with a byte cap enforced
 * while it streams and one deadline for the whole exchange (connect, upload, headers, body). Crossing the cap
 * or the deadline stops the transfer at once: the connection is closed, nothing more is buffered.
 *
 * n8n's helper resolves `encoding: 'stream'` with `returnFullResponse` to `{ statusCode, headers, body }`
 * where body is the response stream (axios under @n8n/backend-network). Its `timeout` is a wall-clock limit
 * until the headers arrive and an idle limit after; the deadline for the body is kept here. n8n's
 * authenticated helper replaces `abortSignal` with the execution's cancel signal, so the deadline must not
 * rely on that option alone.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { errorCode, header, megabytes, type FullResponse } from './httpResponse';
import { withoutUserinfo } from './redact';
import type { TransferLease } from './pacing/transferBudget';

export type Headers = FullResponse['headers'];

export interface BoundedResponse {
	statusCode: number;
	headers: Headers;
	body: Buffer;
}

export type TransferFailureReason = 'tooLarge' | 'timedOut' | 'cancelled' | 'network' | 'ssrfRefused';

export interface TransferFailure {
	reason: TransferFailureReason;
	/** Whether the server had answered (status and headers) before the transfer failed. */
	headersReceived: boolean;
	statusCode?: number;
	/** Bytes of the body read when it stopped, or the declared Content-Length that was over the cap. */
	bytes?: number;
	/** Whether `bytes` is the Content-Length the server announced (so nothing was read). */
	declared?: boolean;
	/** The network error code (ECONNREFUSED, ECONNRESET, …), when there is one. */
	code?: string;
	/** For `ssrfRefused`: the address n8n's SSRF protection refused, when it says. */
	blockedAddress?: string;
}

/**
 * n8n's own SSRF refusal (N8N_SSRF_PROTECTION_ENABLED), on the error or one of its causes: SsrfBlockedIpError
 * or SsrfBlockedHostnameError from @n8n/backend-network, known by name or by their fixed message. Such a
 * request never left n8n.
 */
export function ssrfRefusalOf(error: unknown): { blockedAddress?: string } | undefined {
	let current = error as { name?: unknown; message?: unknown; ip?: unknown; description?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		const named = current.name === 'SsrfBlockedIpError' || current.name === 'SsrfBlockedHostnameError';
		const worded = typeof current.message === 'string' && /^The request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/.test(current.message);
		if (named || worded) {
			// The address is on the error, or (once n8n has wrapped it) only in its description: "The target 10.0.0.4 is not allowed".
			const described = typeof current.description === 'string' ? /The target (?:'[^']*' \()?([0-9a-fA-F.:]+)\)? is not allowed/.exec(current.description)?.[1] : undefined;
			const address = typeof current.ip === 'string' ? current.ip : described;
			return address !== undefined ? { blockedAddress: address } : {};
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

export type BoundedResult = { ok: true; response: BoundedResponse } | { ok: false; failure: TransferFailure };

/** One deadline shared by every step of a transfer (redirect hops included). */
export interface Deadline {
	timeoutMs: number;
	signal: AbortSignal;
	startedAt: number;
}

export function startDeadline(timeoutMs: number): Deadline {
	return { timeoutMs, signal: AbortSignal.timeout(timeoutMs), startedAt: Date.now() };
}

function remainingMs(deadline: Deadline): number {
	return Math.max(1, deadline.timeoutMs - (Date.now() - deadline.startedAt));
}

export interface BoundedRequestLimits {
	/** The body is refused as soon as it would exceed this many bytes. */
	maxBytes: number;
	deadline: Deadline;
	/** The execution's cancel signal. */
	cancelSignal?: AbortSignal;
	/** This transfer's share of the execution's memory budget: the body's bytes are counted there as they arrive. */
	lease?: TransferLease;
}

/** The part of a Node.js readable stream this module uses (the lint rules keep `stream` out of node code). */
interface ByteStream {
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	removeAllListeners(event?: string): unknown;
	destroy(error?: Error): unknown;
	resume?(): unknown;
	pause?(): unknown;
}

function isByteStream(value: unknown): value is ByteStream {
	return value !== null && typeof value === 'object' && typeof (value as ByteStream).on === 'function' && typeof (value as ByteStream).destroy === 'function';
}

function plainHeaders(headers: unknown): Headers {
	if (!headers || typeof headers !== 'object') return {};
	// axios hands over an AxiosHeaders instance; its own enumerable keys are the header names.
	const json = (headers as { toJSON?: () => unknown }).toJSON?.();
	return { ...((json && typeof json === 'object' ? json : headers) as Headers) };
}

function stopReason(limits: BoundedRequestLimits): TransferFailureReason | undefined {
	if (limits.cancelSignal?.aborted) return 'cancelled';
	if (limits.deadline.signal.aborted) return 'timedOut';
	return undefined;
}

/** Up to this size a body without a Content-Length is kept as its chunks (joined at the end). */
const SMALL_BODY_BYTES = 256 * 1024;

/**
 * The body's bytes, so a capped download holds at most its cap plus SMALL_BODY_BYTES, never a list of
 * chunks and their concatenation at once. With a Content-Length within the cap, the chunks are copied into
 * one buffer of that size as they arrive. Without one, a small body is kept as its chunks and joined at the
 * end (at most SMALL_BODY_BYTES twice); past that, the chunks go into one buffer of the cap's size
 * (untouched pages of a large allocation take no memory). At the end, a body that filled less than half of
 * its buffer is copied out so the rest is freed; a fuller one is returned as a view.
 */
class BodyBuffer {
	private buffer: Buffer | undefined;
	private chunks: Buffer[] = [];
	bytes = 0;

	constructor(
		private readonly maxBytes: number,
		private readonly declared: number | undefined,
	) {}

	append(chunk: Buffer): void {
		const needed = this.bytes + chunk.length;
		if (!this.buffer && this.declared !== undefined && needed <= this.declared) this.buffer = Buffer.allocUnsafe(this.declared);
		if (!this.buffer && needed <= SMALL_BODY_BYTES) {
			this.chunks.push(chunk);
			this.bytes = needed;
			return;
		}
		if (!this.buffer || needed > this.buffer.length) {
			// A large body without a Content-Length, or more than was announced (a body n8n decompressed on the way).
			const larger = Buffer.allocUnsafe(this.maxBytes);
			if (this.buffer) this.buffer.copy(larger, 0, 0, this.bytes);
			else this.chunks.reduce((offset, held) => offset + held.copy(larger, offset), 0);
			this.chunks = [];
			this.buffer = larger;
		}
		chunk.copy(this.buffer, this.bytes);
		this.bytes = needed;
	}

	finish(): Buffer {
		if (!this.buffer) return Buffer.concat(this.chunks, this.bytes);
		const body = this.buffer.subarray(0, this.bytes);
		this.buffer = undefined;
		return this.bytes * 2 > body.buffer.byteLength ? body : Buffer.from(body);
	}

	drop(): void {
		this.buffer = undefined;
		this.chunks = [];
	}
}

/** Reads a response stream to its end, or stops it at the cap, the deadline or a cancel. */
function readBody(
	stream: ByteStream,
	limits: BoundedRequestLimits,
	declared: number | undefined,
	abortTransfer: () => void,
): Promise<{ body: Buffer } | { failure: Omit<TransferFailure, 'headersReceived'> }> {
	return new Promise((resolve) => {
		const body = new BodyBuffer(limits.maxBytes, declared);
		let bytes = 0;
		let settled = false;
		const signals = [limits.deadline.signal, limits.cancelSignal].filter((signal): signal is AbortSignal => signal !== undefined);
		const finish = (outcome: { body: Buffer } | { failure: Omit<TransferFailure, 'headersReceived'> }) => {
			if (settled) return;
			settled = true;
			for (const signal of signals) signal.removeEventListener('abort', onAbort);
			if ('failure' in outcome) {
				body.drop();
				stream.removeAllListeners('data');
				// Keep a listener: destroying can emit an error nobody else is waiting for.
				stream.on('error', () => undefined);
				stream.destroy();
				abortTransfer();
			}
			resolve(outcome);
		};
		function onAbort() {
			finish({ failure: { reason: stopReason(limits) ?? 'cancelled', bytes } });
		}
		for (const signal of signals) signal.addEventListener('abort', onAbort);
		if (stopReason(limits)) return onAbort();
		let ended = false;
		let waiting = false;
		stream.on('data', (chunk: Buffer) => {
			if (settled) return;
			bytes += chunk.length;
			if (bytes > limits.maxBytes) return finish({ failure: { reason: 'tooLarge', bytes } });
			if (!limits.lease || limits.lease.take(chunk.length)) return body.append(chunk);
			// The execution's budget is full: the server waits (the stream is paused) until bytes are given back.
			waiting = true;
			stream.pause?.();
			limits.lease.waitFor(chunk.length, AbortSignal.any(signals)).then(
				() => {
					waiting = false;
					if (settled) return;
					body.append(chunk);
					if (ended) finish({ body: body.finish() });
					else stream.resume?.();
				},
				// Only the deadline or a cancel ends the wait; onAbort has settled already.
				() => undefined,
			);
		});
		stream.on('end', () => {
			ended = true;
			if (!waiting) finish({ body: body.finish() });
		});
		stream.on('error', (error: Error) => finish({ failure: { reason: stopReason(limits) ?? 'network', code: errorCode(error), bytes } }));
		// A stream closed without 'end' lost its connection.
		stream.on('close', () => {
			if (!ended) finish({ failure: { reason: stopReason(limits) ?? 'network', code: 'ECONNRESET', bytes } });
		});
		stream.resume?.();
	});
}

/**
 * Sends `request` through `send` (n8n's httpRequest, or httpRequestWithAuthentication bound to the
 * context) and reads the answer within the limits. HTTP error statuses are answers like any other; only
 * transfer failures are failures. Never throws for a network problem: the caller words the error.
 */
export async function boundedRequest(
	send: (options: IHttpRequestOptions) => Promise<unknown>,
	request: IHttpRequestOptions,
	limits: BoundedRequestLimits,
): Promise<BoundedResult> {
	const failed = (failure: TransferFailure): BoundedResult => ({ ok: false, failure });
	if (stopReason(limits)) return failed({ reason: stopReason(limits)!, headersReceived: false });
	// Stops the transfer from this side: the cap was crossed, or the deadline or a cancel came.
	const transfer = new AbortController();
	const signals = [transfer.signal, limits.deadline.signal, ...(limits.cancelSignal ? [limits.cancelSignal] : [])];
	let raw: unknown;
	try {
		raw = await send({
			...request,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: remainingMs(limits.deadline),
			abortSignal: AbortSignal.any(signals),
		});
	} catch (error) {
		const reason = stopReason(limits);
		const code = errorCode(error);
		if (reason) return failed({ reason, headersReceived: false, code });
		const ssrf = ssrfRefusalOf(error);
		if (ssrf) return failed({ reason: 'ssrfRefused', headersReceived: false, ...ssrf });
		// The helper's own wall-clock timeout fires just before the deadline's signal can.
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return failed({ reason: 'timedOut', headersReceived: false, code });
		return failed({ reason: 'network', headersReceived: false, code });
	}
	const response = (raw ?? {}) as { statusCode?: unknown; headers?: unknown; body?: unknown };
	const statusCode = typeof response.statusCode === 'number' ? response.statusCode : 0;
	const headers = plainHeaders(response.headers);
	const body = response.body;
	if (!isByteStream(body)) {
		// A helper that buffered the body anyway (an older n8n, a test double): still held to the cap.
		const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.alloc(0);
		if (bytes.length > limits.maxBytes) return failed({ reason: 'tooLarge', headersReceived: true, statusCode, bytes: bytes.length });
		return { ok: true, response: { statusCode, headers, body: bytes } };
	}
	const declared = Number(header(headers, 'content-length'));
	if (Number.isFinite(declared) && declared > limits.maxBytes) {
		body.on('error', () => undefined);
		body.destroy();
		transfer.abort();
		return failed({ reason: 'tooLarge', headersReceived: true, statusCode, bytes: declared, declared: true });
	}
	const read = await readBody(body, limits, Number.isFinite(declared) && declared >= 0 ? declared : undefined, () => transfer.abort());
	if ('failure' in read) return failed({ ...read.failure, headersReceived: true, statusCode });
	return { ok: true, response: { statusCode, headers, body: read.body } };
}

/** A URL as errors show it: without userinfo, query string and fragment, which hold passwords, signatures and tokens. */
export function urlForMessage(url: string): string {
	const shown = withoutUserinfo(url);
	const cut = shown.search(/[?#]/);
	return cut === -1 ? shown : `${shown.slice(0, cut)}${shown[cut] === '?' ? '?…' : ''}`;
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * What went wrong, in words that hold whatever n8n's HTTP layer did to the underlying error:
 * "<url> timed out after 3 s", "<url> is larger than the 50.0 MB limit".
 */
export function describeTransferFailure(failure: TransferFailure, url: string, limits: { maxBytes: number; timeoutMs: number }): string {
	const shown = urlForMessage(url);
	switch (failure.reason) {
		case 'tooLarge':
			return failure.declared
				? `${shown} announced ${megabytes(failure.bytes ?? 0)}, over the ${megabytes(limits.maxBytes)} limit; nothing was read`
				: `${shown} sent more than the ${megabytes(limits.maxBytes)} limit; the transfer was stopped there`;
		case 'timedOut':
			return `${shown} timed out after ${seconds(limits.timeoutMs)}${failure.headersReceived ? ' while sending its content' : ' before answering'}`;
		case 'cancelled':
			return `the execution was cancelled while fetching ${shown}`;
		case 'ssrfRefused':
			return `n8n's SSRF protection refused ${shown}${failure.blockedAddress ? ` (it resolves to ${failure.blockedAddress})` : ''}, see N8N_SSRF_ALLOWED_HOSTNAMES and N8N_SSRF_ALLOWED_IP_RANGES; nothing was fetched`;
		default:
			return `${shown} could not be fetched: the connection failed (${failure.code ?? 'no error code'})${failure.headersReceived ? ' while it was sending its content' : ''}`;
	}
}
