import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FileInput } from '../catalogue/types';
import {
	readBinaryImage,
	readUrlImage,
	type BinaryReference,
	type InputImage,
} from '../media/inputImages';
import type { NodeSettings } from '../options/definitions';
import { InputError } from '../options/validators';
import type { DownloadPolicy } from '../transport/download';
import { privateHostsSetting } from '../options/privateHosts';
import { durationMs, settingInRange } from '../options/durations';
import { MAX_DOWNLOAD_MB, transferBudgetOf } from '../transport/pacing/transferBudget';
import { ideogramCredentials, type RequestPolicy } from '../transport';
import { credentialSecrets } from '../transport/redact';

import { isToolCall } from './toolMode';

/**
 * The item's settings: the `options` collection and, from node version 1.1 on, the `requestOptions`
 * collection that holds how the node behaves. Reading both keeps any saved workflow working.
 */
export function readSettings(ctx: IExecuteFunctions, itemIndex: number): NodeSettings {
	return {
		...(ctx.getNodeParameter('options', itemIndex, {}) as NodeSettings),
		...(ctx.getNodeParameter('requestOptions', itemIndex, {}) as NodeSettings),
	};
}

/**
 * How requests are sent and bounded. Timeout (each request or download) and Task Timeout (polling) are
 * checked against their ranges (options/durations.ts); 0, a negative number or text is refused before
 * anything is sent (it never meant "no limit").
 */
export function requestPolicy(settings: NodeSettings): RequestPolicy {
	privateHostsSetting(settings); // checked here too, before anything is sent, for operations that read no input file
	return {
		timeoutMs: durationMs('timeout', settings),
		maxRetries: Number(settings.maxRetries ?? 5),
		retryAfterPossiblyBilled: settings.retryPossiblyBilled === true,
		taskTimeoutMs: durationMs('taskTimeout', settings),
	};
}

/** The most bytes a result image download may bring: "Max Download Size (MB)", 50 MB unless set, at most MAX_DOWNLOAD_MB. */
export function maxDownloadBytes(settings: NodeSettings): number {
	return Math.round(settingInRange('maxDownloadSize', { fallback: 50, min: 0.001, max: MAX_DOWNLOAD_MB, unit: 'MB' }, settings) * 1024 * 1024);
}

/** How image downloads of this item are bounded: input URLs at `maxBytes` (the API's per-file limit), results at Max Download Size. */
export function downloadPolicy(
	ctx: IExecuteFunctions,
	settings: NodeSettings,
	maxBytes: number,
): DownloadPolicy {
	return {
		timeoutMs: requestPolicy(settings).timeoutMs,
		maxBytes,
		allowPrivateAddresses: settings.allowPrivateAddresses === true,
		privateHostsAllowed: privateHostsSetting(settings),
		budget: transferBudgetOf(ctx),
		credential: async () => {
			const credentials = await ideogramCredentials(ctx);
			return { baseUrl: String(credentials.baseUrl || 'https://api.ideogram.ai'), secrets: credentialSecrets(credentials.apiKey, credentials.baseUrl) };
		},
	};
}

/** The item's input image (or mask) from binary data or a URL, checked, within `policy.maxBytes`. */
export async function readImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: string,
	input: FileInput,
	policy: DownloadPolicy,
): Promise<InputImage> {
	if (source === 'url') {
		return await readUrlImage(
			ctx,
			itemIndex,
			ctx.getNodeParameter(input.urlParameter, itemIndex) as string,
			input.urlLabel,
			policy,
		);
	}
	if (isToolCall(ctx) && !ctx.getInputData()[itemIndex]?.binary) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${input.binaryLabel}: an AI agent cannot hand this tool binary data; set "Image Source" to URL and let the agent fill in the image URL`,
			{ itemIndex },
		);
	}
	return await readBinaryImage(ctx, itemIndex, ctx.getNodeParameter(input.binaryParameter, itemIndex) as BinaryReference, input.binaryLabel, policy.maxBytes, policy.budget);
}

/** A failure while an item was prepared, as its error: an InputError names the field and says nothing was sent. */
export function notSent(ctx: IExecuteFunctions, itemIndex: number, error: unknown): never {
	if (error instanceof InputError) {
		const description = error.hint
			? `${error.hint} Nothing was sent to Ideogram.`
			: 'Nothing was sent to Ideogram.';
		throw new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description });
	}
	throw error instanceof NodeOperationError
		? error
		: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
