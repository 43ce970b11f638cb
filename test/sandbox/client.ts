// A small client for the sandbox tests that call its HTTP API directly: multipart forms, JSON bodies,
// polling a generation to completion, downloads and decoded pixels.
import { sleep } from 'n8n-workflow';

import { PNG } from 'pngjs';

import { decodePng } from '../../sandbox/render';
import type { Sandbox } from '../support/fixtures';

export type Part = string | Buffer | [Buffer, string];

export function form(parts: Array<[string, Part]>): FormData {
	const body = new FormData();
	for (const [name, value] of parts) {
		if (typeof value === 'string') body.append(name, value);
		else {
			const [bytes, fileName] = Array.isArray(value) ? value : [value, 'image.png'];
			body.append(name, new Blob([new Uint8Array(bytes)], { type: 'image/png' }), fileName);
		}
	}
	return body;
}

export interface Item {
	[field: string]: unknown;
	url: string;
	resolution: string;
	seed: number;
	is_image_safe: boolean;
	width: number;
	height: number;
}

export interface Element {
	type: string;
	desc: string;
	text?: string;
	bbox?: number[];
}

export interface LineItem {
	[field: string]: unknown;
	product: string;
	endpoint: string;
	cost_total: string;
	billed_units?: { quantity: string; unit: string; unit_price: string };
	api_key: { id: string; label: string; redacted_key: string };
	dimensions: Record<string, string>;
}

/** The sandbox's answers, with the fields these tests read. */
export interface Answer {
	[field: string]: unknown;
	error: string;
	generation_id: string;
	status: string;
	seed: number;
	width: number;
	height: number;
	data: Item[];
	usd_micros: number;
	upper_bound_usd_micros: number;
	qualifier: string;
	json_prompt: { high_level_description: string; compositional_deconstruction: { background: string; elements: Element[] }; style_description?: Record<string, string>; tags?: string[] };
	buckets: Array<{ start_time: string; end_time: string; line_items: LineItem[] }>;
}

export function client(sandbox: Sandbox, key: string) {
	async function call(method: string, path: string, body?: FormData | Record<string, unknown> | string, headers: Record<string, string> = { 'Api-Key': key }) {
		const json = body !== undefined && !(body instanceof FormData);
		const response = await fetch(`${sandbox.apiUrl}${path}`, {
			method,
			body: json ? (typeof body === 'string' ? body : JSON.stringify(body)) : body,
			headers: json ? { ...headers, 'Content-Type': 'application/json' } : headers,
		});
		return { status: response.status, headers: response.headers, json: (await response.json()) as Answer };
	}
	const post = (path: string, body: FormData | Record<string, unknown> | string) => call('POST', path, body);
	const poll = (id: string) => call('GET', `/v2/generations/${id}`);
	/** Polls until the generation is no longer pending (the sandbox's async generations take about 300 ms). */
	async function settle(id: string) {
		for (let attempt = 0; attempt < 50; attempt++) {
			const answer = await poll(id);
			if (answer.json.status !== 'pending') return answer;
			await sleep(100);
		}
		throw new Error(`generation ${id} still pending`);
	}
	return { call, post, poll, settle };
}

export async function download(url: string) {
	const response = await fetch(url);
	return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Decoded RGB pixels of a PNG (alpha flattened over white) with a reader of pixel (x, y). */
export function pixelsOf(png: Buffer) {
	const image = decodePng(png) as { width: number; height: number; data: Buffer };
	return { ...image, at: (x: number, y: number) => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)] };
}

/** The alpha channel of an RGBA PNG: alpha(x, y). */
export function alphaOf(png: Buffer) {
	const image = PNG.sync.read(png);
	return { width: image.width, height: image.height, alpha: (x: number, y: number) => image.data[(y * image.width + x) * 4 + 3], rgb: (x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)] };
}
