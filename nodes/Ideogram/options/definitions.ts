import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ASPECT_RATIOS,
	COLOR_PALETTE_PRESETS,
	DESCRIBE_MODEL_VERSIONS,
	MAGIC_PROMPT_OPTIONS,
	RENDERING_SPEEDS,
	RESOLUTIONS,
	STYLE_PRESETS,
	STYLE_TYPES,
} from './apiValues';

/** Bad input found before anything is sent; `field` is the parameter's name as the panel shows it. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'InputError';
	}
}

/**
 * An option's value as the API takes it: a list repeats the field, an object travels as a JSON part.
 * Upscale folds the same values into its one `image_request` JSON part instead.
 */
export type ApiValue = string | number | string[] | Record<string, unknown>;

/** One option: its panel property, the API field it fills and the check its value must pass. */
export interface OptionDefinition {
	property: Omit<INodeProperties, 'name'>;
	/** The API field; none for options read elsewhere (reference files) or that steer the node itself. */
	field?: string;
	/** The field's name inside Upscale's legacy `image_request` JSON, where it differs. */
	imageRequestField?: string;
	/**
	 * Validates the value and returns it as the API takes it, or undefined when it sends nothing (an empty
	 * palette); `label` is the panel's name for errors.
	 */
	toApi?: (value: unknown, label: string) => ApiValue | undefined;
}

export function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

export function wholeNumber(label: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(label, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
	}
	return number;
}

export function oneOf(label: string, value: unknown, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		const shown = allowed.length > 16 ? `${allowed.slice(0, 16).join(', ')}, …` : allowed.join(', ');
		throw new InputError(label, `${JSON.stringify(value)} is not one of the API's values (${shown})`);
	}
	return value;
}

/** Splits a comma- or newline-separated list, dropping blanks. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim()).filter(Boolean);
	if (!isSet(value)) return [];
	return String(value)
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

export function parseStyleCodes(value: unknown, label = 'Style Codes'): string[] {
	const codes = splitList(value);
	for (const code of codes) {
		if (!/^[0-9a-fA-F]{8}$/.test(code)) {
			throw new InputError(label, `"${code}" is not a style code: each code is 8 hexadecimal characters, like AAFF5733`);
		}
	}
	return codes;
}

interface PaletteMember {
	color_hex: string;
	color_weight?: number;
}

export interface ColorPaletteOption {
	preset?: { name?: string };
	custom?: { members?: string };
}

/** `#FF5733:0.6, #33C1FF:0.4` (weights optional) → the API's `members` list. */
export function parseCustomColors(value: unknown, label = 'Color Palette'): PaletteMember[] {
	const entries = splitList(value);
	if (entries.length < 1 || entries.length > 8) {
		throw new InputError(label, `custom colors need 1 to 8 entries like #FF5733:0.6, got ${entries.length}`);
	}
	return entries.map((entry) => {
		const [hex, weight, ...rest] = entry.split(':').map((part) => part.trim());
		if (rest.length > 0 || !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(hex)) {
			throw new InputError(label, `"${entry}" is not a color: write #RGB or #RRGGBB, optionally followed by :weight`);
		}
		if (weight === undefined || weight === '') return { color_hex: hex };
		const colorWeight = Number(weight);
		if (!(colorWeight >= 0.05 && colorWeight <= 1)) {
			throw new InputError(label, `the weight of ${hex} must be between 0.05 and 1, got "${weight}"`);
		}
		return { color_hex: hex, color_weight: colorWeight };
	});
}

/** The API's `color_palette` object for a preset or custom colors; undefined when neither is set. */
export function colorPalette(palette: ColorPaletteOption | undefined, label = 'Color Palette'): Record<string, unknown> | undefined {
	const presetName = palette?.preset?.name;
	const customColors = palette?.custom?.members;
	if (isSet(presetName) && isSet(customColors)) {
		throw new InputError(label, 'choose either a preset or custom colors, not both');
	}
	if (isSet(presetName)) return { name: oneOf(label, presetName, COLOR_PALETTE_PRESETS) };
	if (isSet(customColors)) return { members: parseCustomColors(customColors, label) };
	return undefined;
}

/** `80S_ILLUSTRATION` → `80s Illustration`; options sorted by name, as n8n's lint wants for long lists. */
function enumOptions(values: string[]): INodePropertyOptions[] {
	return values
		.map((value) => ({
			name: value
				.split('_')
				.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
				.join(' '),
			value,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function sizeOptions(values: string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: value.replace('x', ' × '), value }));
}

export const RESOLUTION_OPTIONS = sizeOptions(RESOLUTIONS);

type PropertyFields = Omit<INodeProperties, 'name' | 'displayName' | 'type' | 'typeOptions' | 'options'>;

/** A whole number: the panel's bounds and the check before sending come from the same range. */
function integerOption(displayName: string, field: string | undefined, min: number, max: number, property: PropertyFields): OptionDefinition {
	return {
		property: { displayName, type: 'number', typeOptions: { minValue: min, maxValue: max }, ...property },
		field,
		toApi: (value, label) => wholeNumber(label, value, min, max),
	};
}

/**
 * One of the API's values: the panel's choices and the check before sending come from the same list (the
 * choices read `80s Illustration` for `80S_ILLUSTRATION` unless given).
 */
function enumOption(
	displayName: string,
	field: string,
	values: string[],
	property: PropertyFields,
	options: INodePropertyOptions[] = enumOptions(values),
): OptionDefinition {
	return {
		property: { displayName, type: 'options', options, ...property },
		field,
		toApi: (value, label) => oneOf(label, value, values),
	};
}

function setting(property: Omit<INodeProperties, 'name'>): OptionDefinition {
	return { property };
}

/**
 * Every option the node has, keyed by its name in the workflow JSON (a public contract). Each operation
 * lists the names its endpoint accepts; `OptionName` makes a misspelt name a compile error.
 */
export const OPTIONS = {
	allowPrivateAddresses: setting({
		displayName: 'Allow Private Addresses',
		type: 'boolean',
		default: false,
		description:
			"Whether image URLs (inputs and results) may point at loopback, private-network, link-local or other internal addresses such as 127.0.0.1, 10.0.0.5 or 169.254.169.254, written as such or behind a host name. Off, an image URL (one an AI agent filled in, or a result link in an answer) cannot reach n8n's own machine, your network or a cloud metadata service; only the credential's Base URL and the hosts in Private Hosts Allowed are.",
	}),
	aspectRatio: enumOption(
		'Aspect Ratio',
		'aspect_ratio',
		ASPECT_RATIOS,
		{ default: '1x1', description: 'Shape of the result. Cannot be combined with Resolution.' },
		sizeOptions(ASPECT_RATIOS).map((option) => ({ ...option, name: option.name.replace(' × ', ':') })),
	),
	characterReferenceImages: setting({
		displayName: 'Character Reference Images',
		type: 'string',
		default: '',
		placeholder: 'character',
		description: 'Binary field name (or image URL) of a photo of the person to keep consistent. The API currently takes one.',
	}),
	characterReferenceImageMasks: setting({
		displayName: 'Character Reference Masks',
		type: 'string',
		default: '',
		placeholder: 'characterMask',
		description: 'Optional masks for the character references, one per reference, each the same size as its reference',
	}),
	colorPalette: {
		property: {
			displayName: 'Color Palette',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Palette',
			description: 'A preset palette, or your own colors. Use one of the two.',
			options: [
				{
					displayName: 'Preset',
					name: 'preset',
					values: [{ displayName: 'Name', name: 'name', type: 'options', options: enumOptions(COLOR_PALETTE_PRESETS), default: 'PASTEL' }],
				},
				{
					displayName: 'Custom Colors',
					name: 'custom',
					values: [
						{
							displayName: 'Colors',
							name: 'members',
							type: 'string',
							default: '',
							placeholder: '#FF5733:0.6, #33C1FF:0.4',
							description: 'One to eight hex colors separated by commas, each optionally followed by :weight (0.05 to 1, best in descending order)',
						},
					],
				},
			],
		},
		field: 'color_palette',
		toApi: (value, label) => colorPalette(value as ColorPaletteOption, label),
	},
	concurrency: setting({
		displayName: 'Max Images in Flight',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		description:
			'How many images this execution has Ideogram render at once, across items. Ideogram allows 10 per organization by default (4 images in one request count as 4). Executions running at the same time in one n8n process share one window per API key: together they stay within the largest of their settings, and extra requests wait.',
	}),
	customModelUri: {
		property: {
			displayName: 'Custom Model URI',
			type: 'string',
			default: '',
			placeholder: 'model/my-model/version/1',
			description: 'A custom model trained in Ideogram, as model/&lt;model_name&gt;/version/&lt;version_name&gt;',
		},
		field: 'custom_model_uri',
		toApi: (value, label) => {
			if (!/^model\/[^/]+\/version\/[^/]+$/.test(String(value))) {
				throw new InputError(label, `"${String(value)}" must look like model/<model_name>/version/<version_name>`);
			}
			return String(value);
		},
	},
	describeModelVersion: enumOption('Describe Model Version', 'describe_model_version', DESCRIBE_MODEL_VERSIONS, { default: 'V_3' }, [
		{ name: 'V2', value: 'V_2' },
		{ name: 'V3', value: 'V_3' },
	]),
	detail: integerOption('Detail', 'detail', 1, 100, { default: 50, description: 'How much new detail the upscale adds (1 to 100)' }),
	downloadImages: setting({
		displayName: 'Download Images',
		type: 'boolean',
		default: true,
		description: "Whether to download each result into binary data at once. Ideogram's links expire, so turn this off only if you just need the URLs.",
	}),
	editEndpoint: setting({
		displayName: 'Edit Endpoint',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: 'Inpaint when the Base URL is api.ideogram.ai, Edit on every other host (gateways serve only Edit)',
			},
			{
				name: 'Edit (Works Everywhere)',
				value: 'edit',
				description: 'POST /v1/ideogram-v3/edit: served by the official API and every gateway, though the official API marks it deprecated',
			},
			{
				name: 'Inpaint (Official Successor)',
				value: 'inpaint',
				description: 'POST /v1/ideogram-v3/inpaint: the official successor with the same fields; gateways may not offer it',
			},
		],
		// Version 1's default, what saved workflows send; the 1.1 panel shows `auto` (actions/models.ts).
		default: 'edit',
	}),
	enableCopyrightDetection: {
		property: {
			displayName: 'Enable Copyright Detection',
			type: 'boolean',
			default: false,
			description: 'Whether Ideogram checks the results for copyrighted material (slower); a flagged image comes back with is_image_safe false and no URL',
		},
		field: 'enable_copyright_detection',
	},
	// Estimate Cost and Webhook URL belong with the API's options, not Request Options: they are parameters of
	// Ideogram's request (`?dry_run=true`, `webhook_url`) that only the 4.x models take, and they change what
	// Ideogram does; Request Options hold how the node sends any request. The 4.x request builder
	// (helpers/v2Request.ts) checks them, with quality, size and reference images, against the chosen model.
	estimateCost: setting({
		displayName: 'Estimate Cost',
		type: 'boolean',
		default: false,
		description:
			'Whether to only price the request (dry_run, Ideogram 4.x models only): each item outputs the price quote (usd, usd_micros, qualifier…). Nothing is generated, billed or downloaded.',
	}),
	imageWeight: integerOption('Image Weight', 'image_weight', 1, 100, { default: 50, description: 'How closely the remix follows the input image (1 to 100)' }),
	magicPrompt: {
		...enumOption('Magic Prompt', 'magic_prompt', MAGIC_PROMPT_OPTIONS, { default: 'AUTO', description: 'Whether Ideogram rewrites the prompt to improve it' }),
		imageRequestField: 'magic_prompt_option',
	},
	maxDownloadSize: setting({
		displayName: 'Max Download Size (MB)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: 50,
		description: "The largest result image the node downloads. Ideogram's results are a few MB; a download that goes over this is stopped and the item fails.",
	}),
	maxRetries: setting({
		displayName: 'Max Retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description: 'How often to retry a request Ideogram turned away without running it (HTTP 429, connection refused), waiting as it asks. A 429 for too many images in flight is retried until Timeout instead.',
	}),
	negativePrompt: {
		property: {
			displayName: 'Negative Prompt',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'What to leave out of the image. The prompt wins where the two disagree.',
		},
		field: 'negative_prompt',
		toApi: (value) => String(value),
	},
	numImages: integerOption('Number of Images', 'num_images', 1, 8, {
		default: 1,
		description: 'How many images to make for each input item (1 to 8); each becomes its own output item',
	}),
	outputBinaryPropertyName: setting({
		displayName: 'Output Binary Field',
		type: 'string',
		default: 'data',
		description: 'Name of the binary field the downloaded image is written to',
	}),
	prompt: {
		property: { displayName: 'Prompt', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Optional guidance. Upscale follows it when it adds detail; Layerize Text uses it to find the text (without it, Ideogram describes the image itself).' },
		field: 'prompt',
		toApi: (value) => String(value),
	},
	quality: {
		property: {
			displayName: 'Quality',
			type: 'options',
			options: [
				{ name: 'Very Low', value: 'very_low', description: 'Cheapest; only with source images (not for Remix)' },
				{ name: 'Low', value: 'low' },
				{ name: 'Medium', value: 'medium' },
				{ name: 'High', value: 'high' },
			],
			default: 'high',
			description: 'Render quality and price. Ideogram defaults to High without source images and Medium with them.',
		},
		field: 'quality',
	},
	referenceImages: setting({
		displayName: 'Reference Images',
		type: 'string',
		default: '',
		placeholder: 'reference1, reference2',
		description:
			'Binary field names (or image URLs), separated by commas, of images to use. Generate: up to 5, the first is the one edited; Edit: up to 4 (3 with a mask); Remix: up to 4.',
	}),
	renderingSpeed: enumOption('Rendering Speed', 'rendering_speed', RENDERING_SPEEDS, { default: 'DEFAULT', description: 'Faster renders cost less; Quality costs most' }),
	resemblance: integerOption('Resemblance', 'resemblance', 1, 100, { default: 50, description: 'How closely the upscale keeps to the original (1 to 100)' }),
	resolution: enumOption(
		'Resolution',
		'resolution',
		RESOLUTIONS,
		{ default: '1024x1024', description: 'Exact output size in pixels. Cannot be combined with Aspect Ratio.' },
		RESOLUTION_OPTIONS,
	),
	privateHostsAllowed: setting({
		displayName: 'Private Hosts Allowed',
		type: 'string',
		default: '',
		placeholder: 'files.internal:8080, 10.0.0.5',
		description:
			'Hosts on a private address that image URLs (inputs and results) may reach while Allow Private Addresses is off: comma-separated host or host:port, such as a gateway\'s file host or the sandbox\'s image host. The credential\'s Base URL (its own host and port) is always allowed.',
	}),
	retryPossiblyBilled: setting({
		displayName: 'Retry Possibly Billed Requests',
		type: 'boolean',
		default: false,
		description:
			'Whether to also re-send after a server error (5xx) or a connection that broke after sending. Such a request may already have run and been billed, so a retry can cost twice.',
	}),
	size: {
		property: {
			displayName: 'Size',
			type: 'string',
			default: 'auto',
			placeholder: '1024x1024',
			description:
				'Auto, source (the first reference image\'s size) or WIDTHxHEIGHT: multiples of 32, at least 256, at most 2048x2048 pixels in all, at most 6:1. Without reference images only Ideogram\'s 1K/2K presets, e.g. 1024x1024, 2048x2048.',
		},
		field: 'size',
	},
	seed: integerOption('Seed', 'seed', 0, 2147483647, {
		default: 0,
		description: 'Fixes the randomness so the same request gives the same image (0 to 2147483647)',
	}),
	styleCodes: {
		property: {
			displayName: 'Style Codes',
			type: 'string',
			default: '',
			placeholder: 'AAFF5733, 0133FF57',
			description: 'Ideogram style codes (8 hexadecimal characters each), separated by commas. Cannot be combined with Style Type or Style Reference Images.',
		},
		field: 'style_codes',
		toApi: (value, label) => parseStyleCodes(value, label),
	},
	stylePreset: enumOption('Style Preset', 'style_preset', STYLE_PRESETS, { default: 'WATERCOLOR' }),
	styleReferenceImages: setting({
		displayName: 'Style Reference Images',
		type: 'string',
		default: '',
		placeholder: 'style1, style2',
		description: 'Binary field names (or image URLs), separated by commas, of images whose style to follow. 10 MB in total.',
	}),
	styleType: enumOption('Style Type', 'style_type', STYLE_TYPES, { default: 'GENERAL' }),
	taskTimeout: setting({
		displayName: 'Task Timeout (Seconds)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 600,
		description: 'For results that arrive later (a gateway\'s task, an Ideogram generation answered with only its ID): how long to keep polling before giving up',
	}),
	timeout: setting({
		displayName: 'Timeout (Seconds)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 180,
		description:
			'The deadline for one request to Ideogram, or one image download: connecting, sending, and receiving the whole answer (at least 1 second); also how long a request keeps being retried while Ideogram says too many images are in flight',
	}),
	webhookUrl: {
		property: {
			displayName: 'Webhook URL',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook-waiting/…',
			description:
				'HTTPS address Ideogram POSTs the finished images to. The request becomes async: each item outputs its generation_id at once, for a Wait node or Get Generation.',
		},
		field: 'webhook_url',
	},
} satisfies Record<string, OptionDefinition>;

export type OptionName = keyof typeof OPTIONS;

/** The label the panel shows for an option, used in every error about it. */
export function labelOf(name: OptionName): string {
	return OPTIONS[name].property.displayName;
}

export function optionProperty(name: OptionName): INodeProperties {
	return { ...OPTIONS[name].property, name } as INodeProperties;
}

/** The node's settings for one item: the option collection's values, by option name. */
export type NodeSettings = { [K in OptionName]?: unknown };

/** One API field with its validated value. */
export interface ApiField {
	field: string;
	value: ApiValue;
	imageRequestField?: string;
}

/**
 * The API field of one option, validated; none when the option is unset or has no field of its own. A
 * `required` option (Reframe's Resolution) is validated even when empty, so the error names it.
 */
export function apiField(name: OptionName, value: unknown, required = false): ApiField | undefined {
	const definition: OptionDefinition = OPTIONS[name];
	if ((!required && !isSet(value)) || !definition.field || !definition.toApi) return undefined;
	const apiValue = definition.toApi(value, labelOf(name));
	return apiValue === undefined ? undefined : { field: definition.field, value: apiValue, imageRequestField: definition.imageRequestField };
}

/** Rules the API states across fields, checked before anything is read or sent. */
export function checkCombinations(settings: NodeSettings, hasStyleReferences: boolean): void {
	if (isSet(settings.aspectRatio) && isSet(settings.resolution)) {
		throw new InputError(labelOf('aspectRatio'), `cannot be used together with ${labelOf('resolution')}: choose one`);
	}
	if (isSet(settings.styleCodes) && isSet(settings.styleType)) {
		throw new InputError(labelOf('styleCodes'), `cannot be used together with ${labelOf('styleType')}: remove one of them`);
	}
	if (isSet(settings.styleCodes) && hasStyleReferences) {
		throw new InputError(labelOf('styleCodes'), `cannot be used together with ${labelOf('styleReferenceImages')}: remove one of them`);
	}
}
