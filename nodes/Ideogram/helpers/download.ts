import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyText, errorCode, header, megabytes, type FullResponse } from './httpResponse';
import { readImageInfo, type ImageInfo } from './imageInfo';

export interface DownloadedImage {
	data: Buffer;
	info: ImageInfo;
}

/**
 * Fetches an image without any credential: result links are signed URLs on another host, and input URLs
 * belong to whoever the user points at. The bytes must be a JPEG, PNG or WebP image.
 */
export async function downloadImage(
	ctx: IExecuteFunctions,
	url: string,
	what: string,
	itemIndex: number,
	timeoutMs: number,
	maxBytes?: number,
): Promise<DownloadedImage> {
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.getNode(), `${what}: "${url}" is not an http(s) URL`, { itemIndex });
	}
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			maxRedirects: 5,
			timeout: timeoutMs,
			abortSignal: ctx.getExecutionCancelSignal?.(),
		})) as FullResponse;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${what}: could not download ${url} (${errorCode(error) ?? (error as Error).message})`, {
			itemIndex,
		});
	}
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from(bodyText(response.body));
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw new NodeOperationError(ctx.getNode(), `${what}: downloading ${url} failed with HTTP ${response.statusCode}`, {
			itemIndex,
			description: 'Ideogram result links expire; run the item again to get a new one.',
		});
	}
	if (maxBytes !== undefined && data.length > maxBytes) {
		throw new NodeOperationError(ctx.getNode(), `${what}: the file at ${url} is ${megabytes(data.length)}, over the API's ${megabytes(maxBytes)} limit`, {
			itemIndex,
		});
	}
	const info = readImageInfo(data);
	if (!info) {
		throw new NodeOperationError(ctx.getNode(), `${what}: ${url} did not return a JPEG, PNG or WebP image`, {
			itemIndex,
			description: `It answered with Content-Type ${header(response.headers, 'content-type') ?? 'missing'} and ${data.length} bytes.`,
		});
	}
	return { data, info };
}
