import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AddressPolicy, AllowedHost } from './addressGuard';
import type { TransferBudget, TransferLease } from './pacing/transferBudget';
import { destinationRefusal } from './egress';
import { boundedRequest, describeTransferFailure, startDeadline, urlForMessage, type Headers } from './boundedRequest';
import { header } from './httpResponse';
import { isImageComplete, readImageInfo, type ImageInfo } from '../media/imageInfo';
import { activeSvgContent, isSvgComplete, readSvgInfo, type SvgInfo } from '../media/svg';
import { redactText } from './redact';

export interface DownloadedImage {
	data: Buffer;
	info: ImageInfo;
}

/** How one download is bounded and where it may go. */
export interface DownloadPolicy {
	/** The deadline for the whole download, redirects included. */
	timeoutMs: number;
	/** The transfer stops as soon as the body goes over this. */
	maxBytes: number;
	/** The "Allow Private Addresses" option. */
	allowPrivateAddresses: boolean;
	/** The "Private Hosts Allowed" option, parsed. */
	privateHostsAllowed?: AllowedHost[];
	/** The execution's memory budget (transport/pacing/transferBudget.ts), shared by its input reads and result downloads. */
	budget?: TransferBudget;
	/**
	 * Read when a download starts, not before (most inputs are binary data, and the first item's files are
	 * read while n8n is still decrypting the credential): the credential's Base URL (its own host and port
	 * are allowed) and the secrets redacted from every message (a result
	 * URL comes from an answer, and could spell out the key).
	 */
	credential: () => Promise<{ baseUrl: string; secrets: string[] }>;
}

const MAX_REDIRECTS = 5;

const FORMAT_ENDS: Record<ImageInfo['format'], string> = {
	png: 'the PNG ends before its IEND chunk',
	jpeg: 'the JPEG ends before its end-of-image marker',
	webp: "the WebP is shorter than its RIFF header says",
};

/** Why an image's bytes are incomplete, or undefined when they run to the format's end. */
export function incompleteImage(data: Buffer, info: ImageInfo): string | undefined {
	return isImageComplete(data, info.format) ? undefined : FORMAT_ENDS[info.format];
}

function isHttpUrl(url: string): boolean {
	try {
		return ['http:', 'https:'].includes(new URL(url).protocol);
	} catch {
		return false;
	}
}

/**
 * Fetches an image without any credential: result links are signed URLs on another host, and input URLs
 * belong to whoever the user (or an AI agent) points at. The URL is used exactly as given. Before each
 * connection (redirects are followed here, up to 5) the destination is checked (egress.ts): a private
 * address, written as such or behind a name, is refused unless allowed.
 * The body is read within `maxBytes` and the whole download within one deadline; the bytes must be a
 * complete JPEG, PNG or WebP image. Every failure names `what` and the URL without its query string.
 */
export async function downloadImage(ctx: IExecuteFunctions, url: string, what: string, itemIndex: number, policy: DownloadPolicy): Promise<DownloadedImage> {
	return await fetchWithoutKey(ctx, url, what, itemIndex, policy, (body, headers, current, fail) => {
		const info = readImageInfo(body);
		if (!info) {
			throw fail(
				`${urlForMessage(current)} did not return a JPEG, PNG or WebP image`,
				`It answered with Content-Type ${header(headers, 'content-type') ?? 'missing'} and ${body.length} bytes.`,
			);
		}
		const cut = incompleteImage(body, info);
		if (cut) throw fail(`${urlForMessage(current)} sent an incomplete image: ${cut} (${body.length} bytes)`, 'The file was cut off when it was stored or sent.');
		return { data: body, info };
	});
}

/** A downloaded SVG document, checked. */
export interface DownloadedSvg {
	data: Buffer;
	info: SvgInfo;
}

/**
 * Fetches an SVG result as downloadImage fetches images. The bytes must be a complete SVG document; one with
 * active content (scripts, event handlers, script links, external references) is refused unless
 * `allowActive`, since an SVG runs what it holds once opened in a browser.
 */
export async function downloadSvg(
	ctx: IExecuteFunctions,
	url: string,
	what: string,
	itemIndex: number,
	policy: DownloadPolicy,
	allowActive: boolean,
): Promise<DownloadedSvg> {
	return await fetchWithoutKey(ctx, url, what, itemIndex, policy, (body, headers, current, fail) => {
		const info = readSvgInfo(body);
		if (!info) {
			throw fail(`${urlForMessage(current)} did not return an SVG document`, `It answered with Content-Type ${header(headers, 'content-type') ?? 'missing'} and ${body.length} bytes.`);
		}
		if (!isSvgComplete(body)) throw fail(`${urlForMessage(current)} sent an incomplete SVG (${body.length} bytes)`, 'The file was cut off when it was stored or sent.');
		const active = allowActive ? undefined : activeSvgContent(body);
		if (active) {
			throw fail(
				`the SVG holds active content (${active}); it was not kept`,
				'An SVG runs what it holds once opened in a browser. Turn on "Allow Active SVG" in Request Options only if you trust it.',
			);
		}
		return { data: body, info };
	});
}

type Failure = (message: string, description?: string) => NodeOperationError;

/**
 * A download without the key: a place among the execution's transfers first, then every hop checked, the body
 * within `maxBytes` and the whole download within one deadline; `read` checks the bytes of the final answer.
 */
async function fetchWithoutKey<T>(
	ctx: IExecuteFunctions,
	url: string,
	what: string,
	itemIndex: number,
	policy: DownloadPolicy,
	read: (body: Buffer, headers: Headers, current: string, fail: Failure) => T,
): Promise<T> {
	const { baseUrl, secrets } = await policy.credential();
	const addresses = { allowPrivateAddresses: policy.allowPrivateAddresses, baseUrl, privateHostsAllowed: policy.privateHostsAllowed };
	const fail = (message: string, description?: string) =>
		new NodeOperationError(ctx.getNode(), redactText(`${what}: ${message}`, secrets), { itemIndex, ...(description ? { description: redactText(description, secrets) } : {}) });
	if (!isHttpUrl(url)) throw fail(`"${urlForMessage(url)}" is not an http(s) URL`);
	const cancelSignal = ctx.getExecutionCancelSignal?.();
	// A place among the execution's transfers first; the Timeout counts from when the download can start.
	let lease: TransferLease | undefined;
	try {
		lease = await policy.budget?.start(cancelSignal);
	} catch {
		throw fail(`the execution was cancelled while waiting to fetch ${urlForMessage(url)}`);
	}
	try {
		return await fetchHops(ctx, url, policy, addresses, fail, lease, cancelSignal, read);
	} finally {
		lease?.end();
	}
}

/** The download itself, hop by hop, within one deadline and the transfer's share of the budget. */
async function fetchHops<T>(
	ctx: IExecuteFunctions,
	url: string,
	policy: DownloadPolicy,
	addresses: AddressPolicy,
	fail: Failure,
	lease: TransferLease | undefined,
	cancelSignal: AbortSignal | undefined,
	read: (body: Buffer, headers: Headers, current: string, fail: Failure) => T,
): Promise<T> {
	const deadline = startDeadline(policy.timeoutMs);
	const send = async (options: IHttpRequestOptions) => await ctx.helpers.httpRequest(options);
	let current = url;
	for (let hop = 0; ; hop++) {
		// Every hop, not only the first: a redirect to data:, file: or ftp: is not followed.
		if (!isHttpUrl(current)) throw fail(`refused ${urlForMessage(current).slice(0, 100)} (redirected from ${urlForMessage(url)}): only http and https URLs are fetched`, 'Nothing was fetched.');
		const refusal = await destinationRefusal(ctx, current, addresses, deadline.signal);
		if (refusal) {
			throw fail(
				`refused ${urlForMessage(current)}${current === url ? '' : ` (redirected from ${urlForMessage(url)})`}: ${refusal}`,
				'Nothing was fetched. Turn on the option only if this node should read images from your own network.',
			);
		}
		const result = await boundedRequest(send, { method: 'GET', url: current, disableFollowRedirect: true }, { maxBytes: policy.maxBytes, deadline, cancelSignal, lease });
		if (!result.ok) throw fail(describeTransferFailure(result.failure, current, policy));
		const { statusCode, headers, body } = result.response;
		const location = header(headers, 'location');
		if (statusCode >= 300 && statusCode < 400 && location) {
			if (hop >= MAX_REDIRECTS) throw fail(`${urlForMessage(url)} redirected more than ${MAX_REDIRECTS} times`);
			current = new URL(location, current).href;
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			throw fail(`downloading ${urlForMessage(current)} failed with HTTP ${statusCode}`, 'Ideogram result links expire; run the item again to get a new one.');
		}
		return read(body, headers, current, fail);
	}
}
