import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Places } from '../helpers/sharedWindow';

import { apiRequest, type ApiRequest, type RetryRecord } from './request';
import { pollTask, taskOf } from './tasks';

export { ideogramCredentials, keyWindow, type ApiRequest, type RequestPolicy, type RetryRecord } from './request';

/** A gateway's task-style answer, and the images of the finished task once polled. */
export interface GatewayTask {
	id: string | number;
	/** Undefined when the credential has no Task Status URL to poll. */
	images?: IDataObject[];
}

/** What the API answered to one request, after waiting for a gateway task to finish. */
export interface ApiAnswer {
	body: IDataObject;
	retries: RetryRecord[];
	task?: GatewayTask;
}

/**
 * Sends one request and returns the API's answer. When a gateway answers with a task instead of a result,
 * waits for the task (the render is still running, so the caller's places stay taken until this returns).
 * `places`: the request's places in the key's window, which a `429 inflight_limit` gives back and waits for.
 */
export async function send(ctx: IExecuteFunctions, request: ApiRequest, places?: Places): Promise<ApiAnswer> {
	const response = await apiRequest(ctx, request, places);
	const task = taskOf(response.body);
	if (!task) return response;
	const id = task.task_id as string | number;
	const outcome = await pollTask(ctx, task, request.itemIndex, request.policy);
	if (!outcome) return { ...response, task: { id } };
	return { body: response.body, retries: [...response.retries, ...outcome.retries], task: { id, images: outcome.images } };
}
