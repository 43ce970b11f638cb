import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest, waitUnlessCancelled, type RequestPolicy, type RetryRecord } from './request';

export type GenerationStatus = 'pending' | 'completed' | 'failed';

/** A generation as `GET /v2/generations/{id}` reports it, checked. */
export interface Generation {
	id: string;
	status: GenerationStatus;
	created?: string;
	failureReason?: string;
	/** What a usage-priced request was billed, in millionths of a US dollar; absent otherwise. */
	usageCostUsdMicros?: number;
	/** The results of a completed generation (each with `url`, `resolution`, `seed`, …), in the API's order. */
	images: IDataObject[];
}

const STATUSES: GenerationStatus[] = ['pending', 'completed', 'failed'];
/** Ideogram asks for polls "every few seconds": 1 s, then one more second per poll, at most 10 s. */
const MAX_POLL_INTERVAL_MS = 10_000;
const MIN_POLL_INTERVAL_MS = 250;

export function generationPath(id: string): string {
	return `/v2/generations/${encodeURIComponent(id)}`;
}

/**
 * The generation an answer stands for while it still renders: an answer with a `generation_id` and no
 * `data` (an async v2 request, an async-only endpoint, a gateway that makes calls async). Undefined for a
 * finished answer, which carries its `data`.
 */
export function pendingGenerationOf(body: IDataObject): string | undefined {
	const id = body.generation_id;
	return typeof id === 'string' && id !== '' && body.data === undefined && body.status !== 'completed' ? id : undefined;
}

/** Checks a generation answer; a shape the API does not document is an error, not a guess. */
export function readGeneration(body: IDataObject): Generation {
	const id = body.generation_id;
	const status = body.status;
	if (typeof id !== 'string' || id === '' || typeof status !== 'string' || !STATUSES.includes(status as GenerationStatus)) {
		throw new Error(`the answer is not a generation (expected generation_id and a status of ${STATUSES.join(', ')}; got status ${JSON.stringify(status)})`);
	}
	const generation: Generation = { id, status: status as GenerationStatus, images: [] };
	if (typeof body.created === 'string') generation.created = body.created;
	if (typeof body.usage_cost_usd_micros === 'number' && Number.isFinite(body.usage_cost_usd_micros)) generation.usageCostUsdMicros = body.usage_cost_usd_micros;
	if (status === 'failed') {
		const reason = body.failure_reason;
		generation.failureReason = typeof reason === 'string' && reason !== '' ? reason : reason === undefined || reason === null ? 'no reason given' : JSON.stringify(reason);
	}
	if (status === 'completed') {
		if (!Array.isArray(body.data) || !body.data.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry))) {
			throw new Error('a completed generation must list its results in data[]');
		}
		generation.images = body.data as IDataObject[];
	}
	return generation;
}

/** The generation's own fields for an output item, in the API's names. */
export function generationJson(generation: Generation): IDataObject {
	return {
		generation_id: generation.id,
		status: generation.status,
		...(generation.created !== undefined ? { created: generation.created } : {}),
		...(generation.failureReason !== undefined ? { failure_reason: generation.failureReason } : {}),
		...(generation.usageCostUsdMicros !== undefined ? { usage_cost_usd_micros: generation.usageCostUsdMicros } : {}),
	};
}

/** One `GET /v2/generations/{id}`, checked. A poll bills nothing, so a 5xx may be asked again. */
export async function fetchGeneration(
	ctx: IExecuteFunctions,
	id: string,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<{ generation: Generation; retries: RetryRecord[]; retryAfterMs?: number }> {
	const response = await apiRequest(ctx, { method: 'GET', path: generationPath(id), itemIndex, policy: { ...policy, retryAfterPossiblyBilled: true } });
	try {
		return { generation: readGeneration(response.body), retries: response.retries, retryAfterMs: response.retryAfterMs };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Ideogram's answer about generation ${id} could not be read: ${(error as Error).message}`, { itemIndex });
	}
}

export interface GenerationOutcome {
	generation: Generation;
	polls: number;
	retries: RetryRecord[];
}

/**
 * Polls a generation until it completes: 1 s, then a second more per poll up to 10 s, or as the answer's
 * Retry-After says; within the policy's task timeout; stopped by cancelling the execution. A failed
 * generation is an error that carries Ideogram's failure_reason (failed generations are not billed).
 */
export async function pollGeneration(ctx: IExecuteFunctions, id: string, itemIndex: number, policy: RequestPolicy): Promise<GenerationOutcome> {
	const started = Date.now();
	const retries: RetryRecord[] = [];
	let waitMs = 1000;
	for (let polls = 1; ; polls++) {
		await waitUnlessCancelled(ctx, waitMs, itemIndex);
		const answer = await fetchGeneration(ctx, id, itemIndex, policy);
		retries.push(...answer.retries);
		const { generation } = answer;
		if (generation.status === 'completed') return { generation, polls, retries };
		if (generation.status === 'failed') {
			throw new NodeOperationError(ctx.getNode(), `Ideogram's generation ${id} failed: ${generation.failureReason}`, {
				itemIndex,
				description: 'A failed generation is not billed. Run the item again, or change the prompt or the input if it keeps failing.',
			});
		}
		if (Date.now() - started > policy.taskTimeoutMs) {
			throw new NodeOperationError(ctx.getNode(), `Ideogram's generation ${id} was still pending after ${Math.round(policy.taskTimeoutMs / 1000)} s`, {
				itemIndex,
				description: `Raise "Task Timeout" if renders take this long. The generation may still complete and be billed: fetch it later with the Get Generation operation and Generation ID ${id}.`,
			});
		}
		waitMs = Math.max(MIN_POLL_INTERVAL_MS, Math.min(MAX_POLL_INTERVAL_MS, answer.retryAfterMs ?? 1000 * (polls + 1)));
	}
}
