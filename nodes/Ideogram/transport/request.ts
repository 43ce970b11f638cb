import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { boundedRequest, startDeadline, type TransferFailure } from './boundedRequest';
import { header, megabytes, snippet } from './httpResponse';
import { credentialSecrets, redactText, redactValue, withoutUserinfo } from './redact';
import { PlacesWaitEnded, sharedWindow, type Places, type SharedWindow } from './pacing/sharedWindow';

export interface RetryRecord {
	attempt: number;
	reason: string;
	waitedMs: number;
}

export interface RequestPolicy {
	/** Per-request timeout in milliseconds. */
	timeoutMs: number;
	/**
	 * How many times a request the API refused without running it (429, connection refused) is tried again.
	 * Not for `429 inflight_limit`: that is retried until `timeoutMs` after the first try.
	 */
	maxRetries: number;
	/** Re-send after a 5xx or a dropped connection, which may already have been billed. */
	retryAfterPossiblyBilled: boolean;
	/** How long to keep polling a gateway's task before giving up. */
	taskTimeoutMs: number;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's Base URL, or an absolute URL on the same API (task status). */
	path: string;
	body?: Buffer;
	contentType?: string;
	itemIndex: number;
	policy: RequestPolicy;
}

export interface ApiResponse {
	body: IDataObject;
	retries: RetryRecord[];
	/** A successful answer's Retry-After (a pending generation's hint when to ask again), if it has one. */
	retryAfterMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

/** The most an API answer may bring: Ideogram's JSON is a few KB; a bigger answer is stopped while it streams. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

// Network failures where the request never reached the server: re-sending cannot double-bill. The words
// stand in for the codes in messages, because n8n rewrites any error message that contains such a code.
const NOT_SENT: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
};

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: 0.5–1 × 1 s, 2 s, 4 s, … capped at 30 s. */
export function backoffMs(attempt: number, random = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
	return Math.round(ceiling * (0.5 + random() / 2));
}

export async function waitUnlessCancelled(ctx: IExecuteFunctions, ms: number, itemIndex: number): Promise<void> {
	const signal = ctx.getExecutionCancelSignal?.();
	const step = 250;
	for (let waited = 0; waited < ms; waited += step) {
		if (signal?.aborted) {
			throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex });
		}
		await sleep(Math.min(step, ms - waited));
	}
}

function parseJson(text: string): IDataObject | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The API's own words for a refusal: `error`, `message` or `detail`, as the API and gateways send them.
 * Built from the redacted answer only: a JSON answer whose words are not a string shows as the redacted
 * value re-serialised, never as the text that arrived (which may spell the key in escapes).
 */
function apiMessage(body: IDataObject | undefined, text: string): string {
	const candidate = body?.error ?? body?.message ?? body?.detail;
	if (typeof candidate === 'string' && candidate !== '') return candidate;
	if (candidate && typeof candidate === 'object') {
		const nested = (candidate as IDataObject).message;
		if (typeof nested === 'string') return nested;
	}
	return body ? snippet(JSON.stringify(body)) : snippet(text);
}

function statusError(
	ctx: IExecuteFunctions,
	statusCode: number,
	body: IDataObject | undefined,
	text: string,
	itemIndex: number,
	retries: RetryRecord[],
	path: string,
): NodeApiError {
	// `body` and `text` are redacted already: the API's words go into the message as they are.
	const said = apiMessage(body, text);
	const rejectReason = typeof body?.reject_reason === 'string' ? body.reject_reason : undefined;
	let message: string;
	let description: string;
	if (statusCode === 401 || statusCode === 403) {
		message = `Ideogram refused the credential (HTTP ${statusCode})`;
		description = `Check the API key in the Ideogram API credential, and that "Send Key As" matches your endpoint (Api-Key for api.ideogram.ai, Bearer for most gateways). The API said: ${said}`;
	} else if (statusCode === 402) {
		message = `Ideogram did not run the request: ${rejectReason === 'daily_limit' ? 'daily limit reached' : 'out of credits'} (HTTP 402)`;
		description = `Top up or raise the limit at ideogram.ai/manage-api, then run again. Nothing was billed and the request was not retried. The API said: ${said}`;
	} else if (statusCode === 422) {
		message = `Ideogram's safety check refused the request: ${said}`;
		description = 'Change the prompt or the input image. Refused requests are not billed.';
	} else if (statusCode === 429) {
		message = `Ideogram kept answering "too many requests" (HTTP 429) after ${retries.length} retries`;
		description = `Lower "Max Images in Flight", or raise "Max Retries". The API said: ${said}`;
	} else if (statusCode >= 500) {
		message = `Ideogram failed with HTTP ${statusCode} after receiving the request`;
		description = `The request was not sent again because it may already have been billed. Run the item again if you accept that risk, or turn on "Retry Possibly Billed Requests". The API said: ${said}`;
	} else if (statusCode >= 300 && statusCode < 400) {
		message = `The API answered with a redirect (HTTP ${statusCode})`;
		description = 'Check the Base URL in the credential: it must point straight at the API, not at a page that redirects.';
	} else if (statusCode === 404 && /\/v2\/generations\/[^/]+$/.test(path)) {
		message = 'Ideogram has no generation with this ID (HTTP 404)';
		description = `Check the Generation ID: it is the generation_id an earlier request of the same account returned. The API said: ${said}`;
	} else if (statusCode === 404 && /^\/v2\/account\//.test(path)) {
		message = "This key cannot read usage: only an organisation admin's key can (HTTP 404)";
		description = `Ideogram answers 404 to keys whose owner is not an organisation admin. Use an admin's API key in the credential. The API said: ${said}`;
	} else if (statusCode === 404) {
		message = 'The API has no such endpoint (HTTP 404)';
		description = `Check the Base URL in the credential, including a gateway's path prefix such as /ideogram. The API said: ${said}`;
	} else {
		message = `Ideogram rejected the request (HTTP ${statusCode}): ${said}`;
		description = 'Nothing was billed. Check the parameters named in the message.';
	}
	return new NodeApiError(
		ctx.getNode(),
		{ statusCode, error: said, ...(rejectReason ? { reject_reason: rejectReason } : {}) },
		{ message, description, httpCode: String(statusCode), itemIndex },
	);
}

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.ideogram.ai').replace(/\/+$/, '');
}

/** The in-flight window this process keeps for the credential's key (see transport/pacing/sharedWindow.ts). */
export async function keyWindow(ctx: IExecuteFunctions): Promise<SharedWindow> {
	const credentials = await ideogramCredentials(ctx);
	return sharedWindow(baseUrlOf(credentials), String(credentials.apiKey ?? ''));
}

/** After `429 inflight_limit` on every try until the request's deadline. */
function inflightLimitError(ctx: IExecuteFunctions, body: IDataObject | undefined, text: string, itemIndex: number, timeoutMs: number): NodeApiError {
	const said = apiMessage(body, text);
	return new NodeApiError(
		ctx.getNode(),
		{ statusCode: 429, error: said, reject_reason: 'inflight_limit' },
		{
			message: `Ideogram's limit of images in flight stayed full for ${Math.round(timeoutMs / 1000)} s (HTTP 429 inflight_limit)`,
			description: `Other executions, workers or apps using the same API key kept it full until this item's Timeout; nothing was billed. Raise "Timeout", or give the other users of the key less to do at once. The API said: ${said}`,
			httpCode: '429',
			itemIndex,
		},
	);
}

function cancelledError(ctx: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was cancelled while waiting for Ideogram', { itemIndex });
}

const credentialsByExecution = new WeakMap<IExecuteFunctions, Promise<ICredentialDataDecryptedObject>>();

/**
 * The node's Ideogram credential, read once per execution of the node. n8n would otherwise read it from
 * its database and decrypt it for every request (tens of milliseconds each when many requests leave at once).
 */
export async function ideogramCredentials(ctx: IExecuteFunctions): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByExecution.get(ctx);
	if (!credentials) {
		credentials = ctx.getCredentials('ideogramApi');
		credentialsByExecution.set(ctx, credentials);
	}
	return await credentials;
}

/**
 * The context with a different execution cancel signal, for n8n's authenticated request helper, which takes
 * the request's abortSignal from its context. Everything else is the context's own.
 */
function withCancelSignal(ctx: IExecuteFunctions, signal: AbortSignal): IExecuteFunctions {
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as IExecuteFunctions;
}

/**
 * A request that did not come back whole, in words that say only what is known: "never reached the server"
 * for a refused connection or an unknown host; "was sent" once Ideogram answered; otherwise that it may have
 * reached Ideogram. Only the first two are certain, and only the first is safe to send again.
 */
function transferError(
	ctx: IExecuteFunctions,
	failure: TransferFailure,
	{ baseUrl, seconds, attempt, itemIndex }: { baseUrl: string; seconds: string; attempt: number; itemIndex: number },
): NodeOperationError {
	const { code, reason, headersReceived, statusCode } = failure;
	const answered = `Ideogram's answer (HTTP ${statusCode ?? '?'})`;
	const sent = 'The request was sent and may have been billed, so it was not sent again.';
	const maybeSent = 'The request may have reached Ideogram, so it was not sent again: it may already have been billed.';
	let message: string;
	let description: string;
	if (reason === 'ssrfRefused') {
		message = `n8n's SSRF protection refused the Ideogram API at ${withoutUserinfo(baseUrl)}${failure.blockedAddress ? ` (it resolves to ${failure.blockedAddress})` : ''}, see N8N_SSRF_ALLOWED_HOSTNAMES`;
		description = 'The request was never sent. Ask your n8n administrator to add the Base URL\'s host to N8N_SSRF_ALLOWED_HOSTNAMES (or its address to N8N_SSRF_ALLOWED_IP_RANGES).';
	} else if (reason === 'tooLarge') {
		message = `${answered} was larger than the ${megabytes(MAX_ANSWER_BYTES)} an API answer may be; it was not read`;
		description = `${sent} Check the Base URL in the credential: it should point at the Ideogram API or a gateway for it.`;
	} else if (reason === 'timedOut' && headersReceived) {
		message = `${answered} did not arrive in full within ${seconds}`;
		description = `${sent} Raise "Timeout" if the connection is slow.`;
	} else if (reason === 'timedOut') {
		message = `Ideogram did not answer within ${seconds}`;
		description = `${maybeSent} Raise "Timeout" for slow renders, or turn on "Retry Possibly Billed Requests".`;
	} else if (code !== undefined && code in NOT_SENT && !headersReceived) {
		message = `Could not reach the Ideogram API at ${withoutUserinfo(baseUrl)}: ${NOT_SENT[code]}`;
		description = `The request was never sent: it did not reach the server (${code}, tried ${attempt} times). Check the Base URL and your network.`;
	} else if (headersReceived) {
		message = `The connection broke while ${answered} was arriving`;
		description = `${sent} (${code ?? 'no error code'})`;
	} else {
		message = `Could not reach the Ideogram API at ${withoutUserinfo(baseUrl)}: the connection failed`;
		description = `The connection broke (${code ?? 'no error code'}). ${maybeSent} Turn on "Retry Possibly Billed Requests" to send such requests again.`;
	}
	return new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
}

/**
 * Sends one request to the Ideogram API (or a gateway) with the credential, and returns its JSON.
 * Requests the API refused without running them are retried; anything that may have been billed is not,
 * unless the policy says so. Every failure is a NodeApiError or NodeOperationError for the item.
 *
 * `429 inflight_limit` (the key has as many images rendering as Ideogram allows; not billed, clears when
 * renders finish) is retried until the policy's timeout after the first try, not Max Retries times. With
 * `places` (the request's places in the key's window), the window shrinks and the request waits in it
 * for a render of this process to finish; without, it waits as Retry-After says.
 */
export async function apiRequest(ctx: IExecuteFunctions, request: ApiRequest, places?: Places): Promise<ApiResponse> {
	const credentials = await ideogramCredentials(ctx);
	const baseUrl = baseUrlOf(credentials);
	const url = /^https?:\/\//i.test(request.path) ? request.path : `${baseUrl}${request.path}`;
	const { policy, itemIndex } = request;
	const retries: RetryRecord[] = [];
	/** Until when `429 inflight_limit` is retried: the request's Timeout after its first try. */
	const patientUntil = Date.now() + policy.timeoutMs;
	/** Retries that count against Max Retries. */
	let counted = 0;

	const secrets = credentialSecrets(credentials.apiKey, credentials.baseUrl);
	const seconds = `${Math.round(policy.timeoutMs / 1000)} s`;

	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url,
			headers: {
				Accept: 'application/json',
				...(request.contentType ? { 'Content-Type': request.contentType } : {}),
			},
			body: request.body,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		const deadline = startDeadline(policy.timeoutMs);
		const cancelSignal = ctx.getExecutionCancelSignal?.();
		const result = await boundedRequest(
			async (bounded) =>
				// n8n's authenticated helper sets the request's abortSignal from its context's cancel signal; a context
				// whose cancel signal is the request's own (deadline, cap, cancel) lets those stop the connection too.
				await ctx.helpers.httpRequestWithAuthentication.call(withCancelSignal(ctx, bounded.abortSignal as AbortSignal), 'ideogramApi', bounded, {
					credentialsDecrypted: { id: '', name: 'Ideogram API', type: 'ideogramApi', data: credentials },
				}),
			options,
			{ maxBytes: MAX_ANSWER_BYTES, deadline, cancelSignal },
		);

		if (!result.ok) {
			const { failure } = result;
			if (failure.reason === 'cancelled') throw cancelledError(ctx, itemIndex);
			const code = failure.code;
			const notSent = failure.reason === 'network' && !failure.headersReceived && code !== undefined && code in NOT_SENT;
			if ((notSent || (policy.retryAfterPossiblyBilled && failure.reason !== 'tooLarge' && failure.reason !== 'ssrfRefused')) && counted < policy.maxRetries) {
				counted++;
				const waitedMs = backoffMs(counted);
				retries.push({ attempt, reason: failure.reason === 'timedOut' ? `no answer within ${seconds}` : `network error ${code ?? 'unknown'}`, waitedMs });
				await waitUnlessCancelled(ctx, waitedMs, itemIndex);
				continue;
			}
			throw transferError(ctx, failure, { baseUrl, seconds, attempt, itemIndex });
		}

		const { statusCode, headers } = result.response;
		// Everything built from here on comes from the answer: the key goes, wherever the server put it.
		const text = redactText(result.response.body.toString('utf8'), secrets);
		const parsed = parseJson(text);
		const body = parsed ? redactValue(parsed, secrets) : undefined;
		const retryAfter = retryAfterMs(header(headers, 'retry-after'));
		if (statusCode >= 200 && statusCode < 300) {
			if (!body) {
				throw new NodeApiError(ctx.getNode(), { statusCode, body: snippet(text) }, {
					message: `Ideogram answered HTTP ${statusCode} with something that is not JSON`,
					description: `The request was sent and may have been billed. Content-Type ${redactText(header(headers, 'content-type') ?? 'missing', secrets)}; the answer began: ${snippet(text) || '(empty)'}`,
					httpCode: String(statusCode),
					itemIndex,
				});
			}
			places?.accepted();
			return retryAfter === undefined ? { body, retries } : { body, retries, retryAfterMs: retryAfter };
		}

		if (statusCode === 429 && body?.reject_reason === 'inflight_limit') {
			const started = Date.now();
			if (started >= patientUntil) throw inflightLimitError(ctx, body, text, itemIndex, policy.timeoutMs);
			if (places && places.images > 0) {
				try {
					await places.refused(retryAfter, { signal: cancelSignal, deadline: patientUntil });
				} catch (error) {
					// The wait ended without places (PlacesWaitEnded): cancelled, or the deadline passed.
					if (error instanceof PlacesWaitEnded && error.reason === 'cancelled') throw cancelledError(ctx, itemIndex);
					throw inflightLimitError(ctx, body, text, itemIndex, policy.timeoutMs);
				}
			} else {
				const waitMs = Math.min(MAX_BACKOFF_MS, retryAfter ?? backoffMs(Math.min(attempt, 6)));
				if (started + waitMs >= patientUntil) throw inflightLimitError(ctx, body, text, itemIndex, policy.timeoutMs);
				await waitUnlessCancelled(ctx, waitMs, itemIndex);
			}
			retries.push({ attempt, reason: 'HTTP 429 inflight_limit', waitedMs: Date.now() - started });
			continue;
		}
		const refusedUnrun = statusCode === 429;
		const mayRetry = refusedUnrun || (statusCode >= 500 && policy.retryAfterPossiblyBilled);
		if (mayRetry && counted < policy.maxRetries) {
			counted++;
			const waitedMs = Math.min(MAX_BACKOFF_MS, retryAfter ?? backoffMs(counted));
			const rejectReason = typeof body?.reject_reason === 'string' ? ` ${body.reject_reason}` : '';
			retries.push({ attempt, reason: `HTTP ${statusCode}${rejectReason}`, waitedMs });
			await waitUnlessCancelled(ctx, waitedMs, itemIndex);
			continue;
		}
		const countedRetries = retries.filter((retry) => retry.reason !== 'HTTP 429 inflight_limit');
		throw statusError(ctx, statusCode, body, text, itemIndex, countedRetries, request.path);
	}
}
