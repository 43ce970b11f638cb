'use strict';
/**
 * The sandbox's billing ledger and `GET /v2/account/usage` (../shared/reference/ideogram-api-v2-more.md §10.1):
 * every request the sandbox bills (a completed render or description, never a quote, a refusal or a failed
 * generation) is written down with its key, endpoint, product and price (prices.js), and the usage report is
 * built from that: dense buckets of `1d` or `1h`, line items unique per product, dimensions, key and unit price,
 * amounts as decimal strings. A key starting with `non-admin` is an organisation member's: it may render, but
 * the usage report answers it 404, as Ideogram does for a key whose owner is not an organisation admin.
 */
const crypto = require('crypto');

const MEMBER_KEY_PREFIX = 'non-admin';
// The ledger keeps the most recent records only, so a sandbox left running stays small.
const MAX_RECORDS = 100000;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const WIDTHS = { '1d': { ms: DAY, max: 92 }, '1h': { ms: HOUR, max: 168 } };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DESCRIPTIONS = {
	ideogram_4_5_generate: 'Ideogram 4.5 Generation',
	ideogram_4_5_precise_edit: 'Ideogram 4.5 Precise Edit',
	ideogram_4_5_remix: 'Ideogram 4.5 Remix',
	ideogram_4_remix: 'Ideogram 4.0 Remix',
	ideogram_v4_generation: 'Ideogram v4 Generation',
	v4_transparent_generation: 'Ideogram v4 Transparent Generation',
	ideogram_4_5_replace_background: 'Ideogram 4.5 Replace Background',
	object_removal_usage_v2: 'Object Removal',
	ideogram_vector_1_generate: 'Ideogram Vector 1.0 Generation',
	ideogram_vector_1_vectorize: 'Ideogram Vector 1.0 Vectorize',
	ideogram_4_describe: 'Ideogram 4.0 Describe',
	remove_background: 'Remove Background',
	layerize_text: 'Layerize Text',
};

/** 1234567 micro-USD → "1.234567"; at least two decimals ("0.06", "84.00"). */
function decimalUsd(micros) {
	const whole = Math.floor(micros / 1e6);
	const fraction = String(micros % 1e6).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
	return `${whole}.${fraction}`;
}

/** 2026-09-01T00:00:00+00:00 */
function isoTime(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function keyId(key) {
	return crypto.createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

function isMemberKey(key) {
	return typeof key === 'string' && key.startsWith(MEMBER_KEY_PREFIX);
}

function createLedger() {
	let records = [];

	/** Records one billed request: a charge of prices.js, billed at `at` (ms) to `key`. */
	function bill(charge, { endpoint, key, at = Date.now() }) {
		records.push({ ...charge, endpoint, key, at });
		if (records.length > MAX_RECORDS) records = records.slice(-MAX_RECORDS / 2);
	}

	/** `GET /v2/account/usage`: { status, body } for the query `url` (a URL) and the caller's key. */
	function report(url, key) {
		if (isMemberKey(key)) return { status: 404, body: { error: 'No organization with billing access was found for this credential.' } };
		const query = url.searchParams;
		for (const name of new Set(query.keys())) {
			if (!['start_time', 'end_time', 'bucket_width', 'sources'].includes(name)) return refuse(`query parameter ${name} is not accepted`);
			if (name !== 'sources' && query.getAll(name).length > 1) return refuse(`${name} must be given once`);
		}
		const startText = query.get('start_time');
		if (!startText) return refuse('start_time is required (an RFC 3339 date-time)');
		if (!RFC3339.test(startText) || Number.isNaN(Date.parse(startText))) return refuse(`start_time must be an RFC 3339 date-time, not ${startText}`);
		const endText = query.get('end_time');
		if (endText !== null && (!RFC3339.test(endText) || Number.isNaN(Date.parse(endText)))) return refuse(`end_time must be an RFC 3339 date-time, not ${endText}`);
		const widthName = query.get('bucket_width') ?? '1d';
		const width = WIDTHS[widthName];
		if (!width) return refuse(`bucket_width: invalid value ${widthName}; expected one of 1d, 1h`);
		const sources = query.getAll('sources');
		for (const source of sources) if (source !== 'api' && source !== 'app') return refuse(`sources: invalid value ${source}; expected api or app`);
		const start = Math.floor(Date.parse(startText) / width.ms) * width.ms;
		const end = Math.ceil((endText === null ? Date.now() : Date.parse(endText)) / width.ms) * width.ms;
		if (end <= start) return refuse('end_time must be after start_time');
		const count = (end - start) / width.ms;
		if (count > width.max) return refuse(`bucket_width ${widthName} allows at most ${width.max} buckets per request; this range needs ${count}`);
		// The sandbox is only called through the API: usage from the web app (`app`) is always empty.
		const includeApi = !sources.length || sources.includes('api');
		const buckets = Array.from({ length: count }, (_, index) => {
			const from = start + index * width.ms;
			const to = from + width.ms;
			const items = new Map();
			for (const record of includeApi ? records : []) {
				if (record.at < from || record.at >= to) continue;
				const id = JSON.stringify([record.billing_identifier, record.dimensions, keyId(record.key), record.unitMicros ?? null]);
				const item = items.get(id) ?? { record, quantity: 0, costMicros: 0 };
				item.quantity += record.quantity;
				item.costMicros += record.usdMicros;
				items.set(id, item);
			}
			return { start_time: isoTime(from), end_time: isoTime(to), line_items: [...items.values()].map(lineItem) };
		});
		return { status: 200, body: { buckets } };
	}

	return {
		bill,
		report,
		/** What has been billed (for tests): { billing_identifier, quantity, usdMicros, endpoint, at, … } without keys. */
		get records() {
			return records.map(({ key: _key, ...record }) => record);
		},
		reset() {
			records = [];
		},
	};
}

function lineItem({ record, quantity, costMicros }) {
	const item = {
		api_key: { id: keyId(record.key), label: isMemberKey(record.key) ? 'Sandbox member key' : 'Sandbox admin key', redacted_key: `${record.key.slice(0, 4)}${'•'.repeat(13)}` },
		cost_total: decimalUsd(costMicros),
		currency_code: 'USD',
		description: DESCRIPTIONS[record.billing_identifier] ?? record.billing_identifier.replace(/_/g, ' '),
		dimensions: record.dimensions,
		endpoint: record.endpoint,
		product: record.billing_identifier,
		source: 'api',
	};
	// Usage-priced products (upscale by the megapixel) report cost_total only, as the reference says.
	if (record.unitMicros !== undefined) item.billed_units = { quantity: String(quantity), unit: record.unit, unit_price: decimalUsd(record.unitMicros) };
	return item;
}

function refuse(error) {
	return { status: 400, body: { error } };
}

module.exports = { createLedger, decimalUsd, isMemberKey, MEMBER_KEY_PREFIX };
