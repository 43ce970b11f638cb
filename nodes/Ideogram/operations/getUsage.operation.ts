import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Operation, OperationMeta, PreparedRequest } from '../catalogue/types';
import { outputFields } from '../engine/answerChecks';
import { notSent, requestPolicy } from '../engine/prepare';
import { retriesJson } from '../engine/toItems';
import type { NodeSettings } from '../options/definitions';
import { InputError, isSet } from '../options/validators';
import type { ApiAnswer } from '../transport';

import { optionCollections } from './panel';

export const meta: OperationMeta = {
	value: 'getUsage',
	name: 'Get Usage',
	action: "Get the account's usage",
	description: "Read what the organisation's API usage cost, per day or hour (needs an organisation admin's key)",
};

/** The fields of a usage line item that Ideogram documents; others go out only while small. */
const LINE_ITEM_FIELDS = ['api_key', 'billed_units', 'cost_total', 'currency_code', 'description', 'dimensions', 'endpoint', 'product', 'source', 'user_email'];

/** Ideogram answers at most 92 daily or 168 hourly buckets; anything longer is not a usage answer. */
const MAX_BUCKETS = 200;
const MAX_LINE_ITEMS = 5000;

/** A date-time parameter as RFC 3339 in UTC, or an InputError naming the field. */
function dateTime(label: string, value: unknown): string {
	const date = typeof value === 'string' || value instanceof Date ? new Date(value) : undefined;
	if (!date || Number.isNaN(date.getTime())) throw new InputError(label, `${JSON.stringify(value)} is not a date and time (ISO 8601, such as 2026-12-01T00:00:00Z)`);
	return date.toISOString();
}

/** `GET /v2/account/usage` with its filters, each checked before anything is sent. */
async function prepare(ctx: IExecuteFunctions, itemIndex: number, settings: NodeSettings): Promise<PreparedRequest> {
	try {
		const query = new URLSearchParams();
		const start = dateTime('Start Time', ctx.getNodeParameter('startTime', itemIndex));
		query.set('start_time', start);
		const end = ctx.getNodeParameter('endTime', itemIndex, '');
		if (isSet(end)) {
			query.set('end_time', dateTime('End Time', end));
			if (new Date(String(query.get('end_time'))) <= new Date(start)) throw new InputError('End Time', 'must be after Start Time');
		}
		const width = ctx.getNodeParameter('bucketWidth', itemIndex, '1d');
		if (width !== '1d' && width !== '1h') throw new InputError('Bucket Width', `${JSON.stringify(width)} is not one of 1d, 1h`);
		query.set('bucket_width', width);
		const sources = ctx.getNodeParameter('sources', itemIndex, []) as unknown;
		for (const source of Array.isArray(sources) ? sources : []) {
			if (source !== 'api' && source !== 'app') throw new InputError('Sources', `${JSON.stringify(source)} is not one of api, app`);
			query.append('sources', source);
		}
		// A read renders nothing, so it takes no places in the window.
		return { method: 'GET', path: `/v2/account/usage?${query.toString()}`, itemIndex, policy: requestPolicy(settings), images: 0, waitFor: [] };
	} catch (error) {
		notSent(ctx, itemIndex, error);
	}
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One item per bucket, with its line items; the answer's shape is checked first. */
async function toItems(ctx: IExecuteFunctions, itemIndex: number, _settings: NodeSettings, answer: ApiAnswer): Promise<INodeExecutionData[]> {
	const unusable = (problem: string) => new NodeOperationError(ctx.getNode(), `Ideogram's usage answer could not be read: ${problem}`, { itemIndex });
	const { buckets } = answer.body;
	if (!Array.isArray(buckets)) throw unusable('it has no "buckets" list');
	if (buckets.length > MAX_BUCKETS) throw unusable(`it lists ${buckets.length} buckets`);
	let lines = 0;
	return buckets.map((bucket, index): INodeExecutionData => {
		if (!isObject(bucket) || typeof bucket.start_time !== 'string' || typeof bucket.end_time !== 'string' || !Array.isArray(bucket.line_items)) {
			throw unusable(`bucket ${index + 1} lacks start_time, end_time or line_items`);
		}
		lines += bucket.line_items.length;
		if (lines > MAX_LINE_ITEMS) throw unusable(`it lists more than ${MAX_LINE_ITEMS} line items`);
		const lineItems = bucket.line_items.map((line, position) => {
			if (!isObject(line)) throw unusable(`line item ${position + 1} of bucket ${index + 1} is not an object`);
			return outputFields(line, LINE_ITEM_FIELDS);
		});
		return { json: { start_time: bucket.start_time, end_time: bucket.end_time, line_items: lineItems, ...(index === 0 ? retriesJson(answer.retries) : {}) }, pairedItem: { item: itemIndex } };
	});
}

export const operation: Operation = {
	meta,
	properties: updateDisplayOptions({ show: { operation: [meta.value] } }, [
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'The first moment to report; Ideogram rounds it down to the start of its day or hour (UTC)',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: 'Where the report ends (not included); empty means now. A request covers up to 92 days of daily buckets or 168 hours of hourly ones.',
		},
		{
			displayName: 'Bucket Width',
			name: 'bucketWidth',
			type: 'options',
			options: [
				{ name: 'Day', value: '1d' },
				{ name: 'Hour', value: '1h' },
			],
			default: '1d',
			description: 'One output item per day or per hour',
		},
		{
			displayName: 'Sources',
			name: 'sources',
			type: 'multiOptions',
			options: [
				{ name: 'API', value: 'api' },
				{ name: 'App', value: 'app' },
			],
			default: [],
			description: 'Which usage to report: through the API, in the Ideogram app, or both (empty)',
		},
		...optionCollections([], false),
	]),
	prepare,
	toItems,
};
