import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest, ideogramCredentials, waitUnlessCancelled, type RequestPolicy, type RetryRecord } from './request';

const TASK_DONE = ['succeed', 'success', 'succeeded', 'completed', 'complete', 'done', 'finished'];
const TASK_FAILED = ['failed', 'fail', 'failure', 'error', 'cancelled', 'canceled'];

/** The task object of a gateway's task-style answer (`{code, message, data: {task_id, task_status}}`), if it is one. */
export function taskOf(body: IDataObject): IDataObject | undefined {
	const data = body.data;
	if (data && typeof data === 'object' && !Array.isArray(data) && (data as IDataObject).task_id !== undefined) {
		return data as IDataObject;
	}
	return undefined;
}

/** Image objects from a finished task, wherever the gateway put them. */
export function taskImages(task: IDataObject): IDataObject[] {
	const result = task.task_result as IDataObject | IDataObject[] | undefined;
	const candidates = [
		Array.isArray(result) ? result : undefined,
		(result as IDataObject | undefined)?.images,
		(result as IDataObject | undefined)?.data,
		task.images,
		task.data,
	];
	const list = candidates.find(Array.isArray) as unknown[] | undefined;
	return (list ?? [])
		.map((entry) => (typeof entry === 'string' ? { url: entry } : (entry as IDataObject)))
		.filter((entry) => entry && typeof entry === 'object');
}

export interface TaskOutcome {
	images: IDataObject[];
	polls: number;
	retries: RetryRecord[];
}

/**
 * Polls a gateway task until it finishes, with n8n's sleep (1 s, then up to 10 s between polls), bounded
 * by the policy's task timeout and stopped by cancelling the execution. `statusUrl` comes from the credential.
 */
export async function pollTask(
	ctx: IExecuteFunctions,
	task: IDataObject,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<TaskOutcome | undefined> {
	const timeoutMs = policy.taskTimeoutMs;
	const credentials = await ideogramCredentials(ctx);
	const template = String(credentials.taskStatusUrl ?? '').trim();
	if (template === '') return undefined;
	const taskId = String(task.task_id);
	const filled = template.replace(/\{task_id\}/g, encodeURIComponent(taskId));
	const path = /^https?:\/\//i.test(filled) || filled.startsWith('/') ? filled : `/${filled}`;
	const started = Date.now();
	const retries: RetryRecord[] = [];
	for (let polls = 1; ; polls++) {
		await waitUnlessCancelled(ctx, Math.min(10_000, 1000 * polls), itemIndex);
		const response = await apiRequest(ctx, { method: 'GET', path, itemIndex, policy });
		retries.push(...response.retries);
		const current = taskOf(response.body) ?? (response.body.data as IDataObject | undefined) ?? response.body;
		const status = String(current.task_status ?? current.status ?? '').toLowerCase();
		if (TASK_DONE.includes(status)) return { images: taskImages(current), polls, retries };
		if (TASK_FAILED.includes(status)) {
			const reason = current.task_status_msg ?? current.error ?? current.message ?? response.body.message ?? 'no reason given';
			throw new NodeOperationError(ctx.getNode(), `The gateway's task ${taskId} failed: ${String(reason)}`, { itemIndex });
		}
		if (Date.now() - started > timeoutMs) {
			throw new NodeOperationError(ctx.getNode(), `The gateway's task ${taskId} was still "${status || 'unknown'}" after ${Math.round(timeoutMs / 1000)} s`, {
				itemIndex,
				description: 'Raise "Task Timeout" if the gateway is slow. The task may still finish and be billed.',
			});
		}
	}
}
