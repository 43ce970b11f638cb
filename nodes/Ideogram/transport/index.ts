import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Places } from './pacing/sharedWindow';

import { pendingGenerationOf, pollGeneration, type Generation } from './generations';
import { apiRequest, type ApiRequest, type RetryRecord } from './request';
import { pollTask, taskOf } from './tasks';

export { ideogramCredentials, keyWindow, type ApiRequest, type RequestPolicy, type RetryRecord } from './request';
export { generationJson, type Generation } from './generations';

/** A gateway's task-style answer, and the images of the finished task once polled. */
export interface GatewayTask {
	id: string | number;
	/** Undefined when the credential has no Task Status URL to poll. */
	images?: IDataObject[];
}

/** What the API answered to one request, after waiting for a render that was still running. */
export interface ApiAnswer {
	body: IDataObject;
	retries: RetryRecord[];
	task?: GatewayTask;
	/** The completed generation, when the first answer was a `generation_id` without `data`. */
	generation?: Generation;
}

/**
 * The answers that stand for a render still running, and how to wait for it. A request's `waitFor`
 * names the kinds it waits for (every kind unless it says otherwise): Get Generation reports a pending
 * generation as it is, a request with a webhook hands its generation to the webhook.
 */
const RUNNING_RENDERS = {
	/** A gateway's `{code, data: {task_id, task_status}}`, polled on the credential's Task Status URL. */
	gatewayTask: async (ctx: IExecuteFunctions, request: ApiRequest, answer: ApiAnswer): Promise<ApiAnswer | undefined> => {
		const task = taskOf(answer.body);
		if (!task) return undefined;
		const id = task.task_id as string | number;
		const outcome = await pollTask(ctx, task, request.itemIndex, request.policy);
		if (!outcome) return { ...answer, task: { id } };
		return { body: answer.body, retries: [...answer.retries, ...outcome.retries], task: { id, images: outcome.images } };
	},
	/** A `generation_id` without `data` (async v2 requests, gateways that make calls async), polled on GET /v2/generations/{id}. */
	generation: async (ctx: IExecuteFunctions, request: ApiRequest, answer: ApiAnswer): Promise<ApiAnswer | undefined> => {
		const id = pendingGenerationOf(answer.body);
		if (id === undefined) return undefined;
		const outcome = await pollGeneration(ctx, id, request.itemIndex, request.policy);
		return { body: answer.body, retries: [...answer.retries, ...outcome.retries], generation: outcome.generation };
	},
};

export type RunningRender = keyof typeof RUNNING_RENDERS;

/**
 * Sends one request and returns the API's answer. When the answer stands for a render still running (a
 * gateway task, a pending generation), waits for it: the caller's places stay taken until this returns.
 * `places`: the request's places in the key's window, which a `429 inflight_limit` gives back and waits for.
 */
export async function send(ctx: IExecuteFunctions, request: ApiRequest & { waitFor?: RunningRender[] }, places?: Places): Promise<ApiAnswer> {
	const answer: ApiAnswer = await apiRequest(ctx, request, places);
	for (const kind of request.waitFor ?? (Object.keys(RUNNING_RENDERS) as RunningRender[])) {
		const finished = await RUNNING_RENDERS[kind](ctx, request, answer);
		if (finished) return finished;
	}
	return answer;
}
