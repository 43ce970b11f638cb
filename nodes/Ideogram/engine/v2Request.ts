// The text parts of a request to a 4.x model (`/v2/image/...`), the rules the reference states for them, and the
// refusal of options a model does not take. See ideogram-api-v2.md §3.1 (generate), §3.2 (precise-edit),
// §3.4 (remix), §5 (dry_run), §6 (webhook_url), §7 (size).

import { InputError, splitList } from '../options/definitions';
import { isV2Model, modelOperationName, MODEL_NAMES, type Model, type ModelOperation } from '../catalogue/models';
import type { MultipartPart } from '../media/multipart';

/** The options only the 4.x models take; the node's option names. */
export const V2_ONLY_OPTIONS = ['quality', 'size', 'referenceImages', 'enableCopyrightDetection', 'estimateCost', 'webhookUrl'] as const;

/** What a 4.x request can carry, as the node's options hold it. */
export interface V2Options {
	numImages?: unknown;
	seed?: unknown;
	magicPrompt?: unknown;
	imageWeight?: unknown;
	quality?: unknown;
	size?: unknown;
	referenceImages?: unknown;
	enableCopyrightDetection?: unknown;
	estimateCost?: unknown;
	webhookUrl?: unknown;
}

/**
 * The API options each 4.x model takes, by operation: the fields the reference documents for that endpoint.
 * Precise Edit lists no `magic_prompt` (it always converts the prompt), Remix with Ideogram 4.0 has none (the
 * prompt is always an edit instruction) and documents neither `quality` nor reference images.
 * `estimateCost` and `webhookUrl` change how the request is made and go with every 4.x model.
 */
export const V2_MODEL_OPTIONS: Record<ModelOperation, Partial<Record<Model, Array<keyof V2Options>>>> = {
	generate: {
		'ideogram-4-5': ['magicPrompt', 'numImages', 'seed', 'quality', 'size', 'referenceImages', 'enableCopyrightDetection'],
	},
	edit: {
		'ideogram-4-5': ['numImages', 'seed', 'quality', 'referenceImages', 'enableCopyrightDetection'],
	},
	remix: {
		'ideogram-4': ['imageWeight', 'numImages', 'seed', 'enableCopyrightDetection'],
		'ideogram-4-5': ['imageWeight', 'magicPrompt', 'numImages', 'seed', 'quality', 'referenceImages', 'enableCopyrightDetection'],
	},
};

const REQUEST_MODE_OPTIONS: Array<keyof V2Options> = ['estimateCost', 'webhookUrl'];

/** The options a 4.x model takes for an operation, request-mode options included. */
export function v2OptionsOf(operation: ModelOperation, model: Model): string[] {
	return [...(V2_MODEL_OPTIONS[operation][model] ?? []), ...REQUEST_MODE_OPTIONS];
}

/** Set in the sense that it would be sent: booleans count only when on (off is every option's default). */
function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '' && value !== false;
}

/**
 * Refuses, before anything is read or sent, an option present in the node's JSON that the chosen model does not
 * take: a 3.0 option (style type, presets, palettes, rendering speed, …) with a 4.x model, a 4.x option with
 * Ideogram 3.0, or a 4.x option the chosen 4.x model does not document. `operationOptions` are the 3.0 options
 * of the operation (hidden values of other operations are ignored, as before); `labelOf` names an option as
 * the panel shows it.
 */
export function refuseOptionsOfOtherModels(
	operation: ModelOperation,
	model: Model,
	options: Record<string, unknown>,
	operationOptions: string[],
	labelOf: (name: string) => string,
): void {
	const name = modelOperationName(operation, model);
	if (!isV2Model(model)) {
		for (const option of V2_ONLY_OPTIONS) {
			if (isSet(options[option])) {
				throw new InputError(labelOf(option), `is an option of the Ideogram 4.x models, and Model is ${MODEL_NAMES[model]}: set Model to a 4.x model, or remove this option`);
			}
		}
		return;
	}
	const accepted = new Set(v2OptionsOf(operation, model));
	for (const option of [...operationOptions, ...V2_ONLY_OPTIONS]) {
		if (accepted.has(option) || !isSet(options[option])) continue;
		const belongsTo = (V2_ONLY_OPTIONS as readonly string[]).includes(option) ? 'another 4.x model' : 'Ideogram 3.0';
		throw new InputError(labelOf(option), `${name} does not take this option (it is for ${belongsTo}); remove it, or choose a model that takes it`);
	}
}

function integerIn(label: string, value: unknown, min: number, max: number): string {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(label, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
	}
	return String(number);
}

/** v2 spells Magic Prompt in lower case; the node's option keeps the 3.0 values (AUTO, ON, OFF). */
export function v2MagicPrompt(value: unknown): string {
	const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!['auto', 'on', 'off'].includes(lower)) {
		throw new InputError('Magic Prompt', `${JSON.stringify(value)} is not one of Auto, On, Off`);
	}
	return lower;
}

const QUALITIES = ['very_low', 'low', 'medium', 'high'];

/** `quality`: four levels; `very_low` only with source images; Remix 4.5 documents low, medium and high. */
export function v2Quality(operation: ModelOperation, value: unknown, hasSourceImages: boolean): string {
	const allowed = operation === 'remix' ? QUALITIES.slice(1) : QUALITIES;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError('Quality', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
	}
	if (value === 'very_low' && !hasSourceImages) {
		throw new InputError('Quality', 'very_low needs source images: add Reference Images, or choose low, medium or high');
	}
	return value;
}

const MAX_SIDE_PIXELS = 2048 * 2048;

/**
 * Generate's `size` (reference §7): `auto`, `source` (the first source image's size, so only with Reference
 * Images) or `WIDTHxHEIGHT` with both sides multiples of 32 and at least 256, at most 2048×2048 pixels in all and
 * an aspect ratio of at most 6:1. Without source images Ideogram takes only its 1K/2K presets; their full list is
 * unconfirmed, so the API judges that.
 */
export function v2Size(value: unknown, hasSourceImages: boolean): string {
	const size = typeof value === 'string' ? value.trim().toLowerCase().replace(/\s*[x×]\s*/, 'x') : '';
	if (size === 'auto') return size;
	if (size === 'source') {
		if (!hasSourceImages) throw new InputError('Size', '"source" keeps the size of the first reference image; it needs Reference Images');
		return size;
	}
	const match = /^(\d+)x(\d+)$/.exec(size);
	if (!match) throw new InputError('Size', `${JSON.stringify(value)} is not auto, source or WIDTHxHEIGHT such as 1024x1024`);
	const [width, height] = [Number(match[1]), Number(match[2])];
	if (width % 32 !== 0 || height % 32 !== 0) throw new InputError('Size', `${width}x${height}: both sides must be multiples of 32`);
	if (width < 256 || height < 256) throw new InputError('Size', `${width}x${height}: both sides must be at least 256 pixels`);
	if (width * height > MAX_SIDE_PIXELS) throw new InputError('Size', `${width}x${height}: at most 2048x2048 pixels in all`);
	if (Math.max(width, height) > 6 * Math.min(width, height)) throw new InputError('Size', `${width}x${height}: the aspect ratio must be at most 6:1`);
	return `${width}x${height}`;
}

/** `webhook_url`: Ideogram delivers webhooks over HTTPS only. */
export function v2WebhookUrl(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:') {
		throw new InputError('Webhook URL', `must be an https:// address (Ideogram delivers webhooks over HTTPS only), got ${JSON.stringify(value)}`);
	}
	return url.href;
}

/**
 * Where the Reference Images go: Generate sends them as `images` (Ideogram edits the first one and uses the others
 * as references), Precise Edit and Remix as `reference_images` beside the input `image`.
 */
export function referenceImagesField(operation: ModelOperation): 'images' | 'reference_images' {
	return operation === 'generate' ? 'images' : 'reference_images';
}

/** The documented counts: Generate 5 images; Precise Edit 4 references (3 with a mask); Remix 4.5 4 references. */
export function maxReferenceImages(operation: ModelOperation, hasMask: boolean): number {
	if (operation === 'generate') return 5;
	return operation === 'edit' && hasMask ? 3 : 4;
}

/** The Reference Images option's entries (binary field names or URLs), checked against the documented count. */
export function v2ReferenceImages(operation: ModelOperation, value: unknown, hasMask: boolean): string[] {
	const entries = splitList(value);
	const max = maxReferenceImages(operation, hasMask);
	if (entries.length > max) {
		throw new InputError('Reference Images', `${entries.length} images given; ${operation === 'edit' && hasMask ? 'with a mask ' : ''}at most ${max} are allowed`);
	}
	return entries;
}

export interface V2RequestInput {
	operation: ModelOperation;
	model: Model;
	prompt: unknown;
	options: V2Options;
	/** How many reference images will be sent (Generate: its source images). */
	referenceImageCount: number;
}

/**
 * The text parts of a 4.x request, in a stable order, every value checked. Run `refuseOptionsOfOtherModels`
 * first: this reads only the options the model takes.
 */
export function v2TextParts(input: V2RequestInput): MultipartPart[] {
	const { operation, model, options } = input;
	const accepted = new Set(v2OptionsOf(operation, model));
	const given = (name: keyof V2Options) => accepted.has(name) && isSet(options[name]);
	if (typeof input.prompt !== 'string' || input.prompt.trim() === '') {
		throw new InputError('Prompt', 'is required: describe the result you want');
	}
	// Precise Edit and Remix always have the input image; Generate's source images are its Reference Images.
	const hasSourceImages = operation !== 'generate' || input.referenceImageCount > 0;
	const parts: MultipartPart[] = [{ field: 'prompt', value: input.prompt }];
	if (given('magicPrompt')) parts.push({ field: 'magic_prompt', value: v2MagicPrompt(options.magicPrompt) });
	if (given('numImages')) parts.push({ field: 'num_images', value: integerIn('Number of Images', options.numImages, 1, 8) });
	if (given('seed')) parts.push({ field: 'seed', value: integerIn('Seed', options.seed, 0, 2147483647) });
	if (given('quality')) parts.push({ field: 'quality', value: v2Quality(operation, options.quality, hasSourceImages) });
	if (given('size')) parts.push({ field: 'size', value: v2Size(options.size, hasSourceImages) });
	if (given('imageWeight')) parts.push({ field: 'image_weight', value: integerIn('Image Weight', options.imageWeight, 1, 100) });
	if (given('enableCopyrightDetection')) parts.push({ field: 'enable_copyright_detection', value: 'true' });
	if (given('webhookUrl')) parts.push({ field: 'webhook_url', value: v2WebhookUrl(options.webhookUrl) });
	return parts;
}

/** How the request is made: priced only (`?dry_run=true`), async with a webhook, or run and answered. */
export type V2RequestMode = 'estimate' | 'webhook' | 'run';

export function v2RequestMode(options: V2Options): V2RequestMode {
	if (options.estimateCost === true) return 'estimate';
	if (isSet(options.webhookUrl)) return 'webhook';
	return 'run';
}
