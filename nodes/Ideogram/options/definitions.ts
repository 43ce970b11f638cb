import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ASPECT_RATIOS,
	ASPECT_RATIOS_V4,
	COLOR_PALETTE_PRESETS,
	DESCRIBE_MODEL_VERSIONS,
	MAGIC_PROMPT_OPTIONS,
	RENDERING_SPEEDS,
	RESOLUTIONS,
	RESOLUTIONS_V4,
	STYLE_PRESETS,
	STYLE_TYPES,
} from './apiValues';
import {
	colorPalette,
	InputError,
	oneOf,
	parseStyleCodes,
	quality,
	size,
	text,
	webhookUrl,
	wholeNumber,
	type ColorPaletteOption,
} from './validators';

/**
 * An option's value as the API takes it: a list repeats the field, an object travels as a JSON part.
 * Upscale folds the same values into its one `image_request` JSON part instead.
 */
export type ApiValue = string | number | boolean | string[] | Record<string, unknown>;

/**
 * What a value is checked against besides itself: the endpoint's narrower value list, range or length, and
 * how many source images the request sends (some values need them).
 */
export interface FieldContext {
	sourceImages: number;
	values?: string[];
	range?: [number, number];
	maxLength?: number;
}

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
	toApi?: (value: unknown, label: string, context: FieldContext) => ApiValue | undefined;
	/** A switch sent only while on: off is its default and sends nothing (Enable Copyright Detection). */
	onlyWhenOn?: boolean;
	/** The panel's default from node version 1.1 on, where it differs from version 1's (what saved workflows send). */
	laterDefault?: INodeProperties['default'];
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

type PropertyFields = Omit<
	INodeProperties,
	'name' | 'displayName' | 'type' | 'typeOptions' | 'options'
>;

/** A whole number: the panel's bounds and the check before sending come from the same range. */
function integerOption(
	displayName: string,
	field: string | undefined,
	min: number,
	max: number,
	property: PropertyFields,
): OptionDefinition {
	return {
		property: {
			displayName,
			type: 'number',
			typeOptions: { minValue: min, maxValue: max },
			...property,
		},
		field,
		toApi: (value, label, context) => wholeNumber(label, value, ...(context.range ?? [min, max])),
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
		toApi: (value, label, context) => oneOf(label, value, context.values ?? values),
	};
}

/** A switch the API takes as a field: sent as set, on or off, where the user added it. */
function booleanField(
	displayName: string,
	field: string,
	defaultValue: boolean,
	description: string,
): OptionDefinition {
	return {
		property: { displayName, type: 'boolean', default: defaultValue, description },
		field,
		toApi: (value) => value === true,
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
	allowActiveSvg: setting({
		displayName: 'Allow Active SVG',
		type: 'boolean',
		default: false,
		description:
			'Whether to accept SVG results that contain scripts, event handlers, javascript: links or external references. An SVG is active content once opened in a browser, so such results are refused unless this is on.',
	}),
	aspectRatio: enumOption(
		'Aspect Ratio',
		'aspect_ratio',
		ASPECT_RATIOS,
		{
			default: '1x1',
			description:
				'Shape of the result. Cannot be combined with Resolution. Auto, 1:4 and 4:1 are for Ideogram 4.0 Transparent only.',
		},
		sizeOptions(ASPECT_RATIOS_V4).map((option) => ({
			...option,
			name: option.value === 'auto' ? 'Auto' : option.name.replace(' × ', ':'),
		})),
	),
	characterReferenceImages: setting({
		displayName: 'Character Reference Images',
		type: 'string',
		default: '',
		placeholder: 'character',
		description:
			'Binary field name (or image URL) of a photo of the person to keep consistent. The API currently takes one.',
	}),
	characterReferenceImageMasks: setting({
		displayName: 'Character Reference Masks',
		type: 'string',
		default: '',
		placeholder: 'characterMask',
		description:
			'Optional masks for the character references, one per reference, each the same size as its reference',
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
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'options',
							options: enumOptions(COLOR_PALETTE_PRESETS),
							default: 'PASTEL',
						},
					],
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
							description:
								'One to eight hex colors separated by commas, each optionally followed by :weight (0.05 to 1, best in descending order)',
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
	creativity: integerOption('Creativity', 'creativity', 1, 9, {
		default: 3,
		description:
			'How freely the upscaler redraws: 1 stays closest to the image, 9 invents the most (Topaz Bloom 2 and Redefine)',
	}),
	customModelUri: {
		property: {
			displayName: 'Custom Model URI',
			type: 'string',
			default: '',
			placeholder: 'model/my-model/version/1',
			description:
				'A custom model trained in Ideogram, as model/&lt;model_name&gt;/version/&lt;version_name&gt;',
		},
		field: 'custom_model_uri',
		toApi: (value, label) => {
			if (!/^model\/[^/]+\/version\/[^/]+$/.test(String(value))) {
				throw new InputError(
					label,
					`"${String(value)}" must look like model/<model_name>/version/<version_name>`,
				);
			}
			return String(value);
		},
	},
	describeModelVersion: enumOption(
		'Describe Model Version',
		'describe_model_version',
		DESCRIBE_MODEL_VERSIONS,
		{ default: 'V_3' },
		[
			{ name: 'V2', value: 'V_2' },
			{ name: 'V3', value: 'V_3' },
		],
	),
	detail: integerOption('Detail', 'detail', 1, 100, {
		default: 50,
		description: 'How much new detail the upscale adds (1 to 100)',
	}),
	downloadImages: setting({
		displayName: 'Download Images',
		type: 'boolean',
		default: true,
		description:
			"Whether to download each result into binary data at once. Ideogram's links expire, so turn this off only if you just need the URLs.",
	}),
	editEndpoint: {
		...setting({
			displayName: 'Edit Endpoint',
			type: 'options',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description:
						'Inpaint when the Base URL is api.ideogram.ai, Edit on every other host (gateways serve only Edit)',
				},
				{
					name: 'Edit (Works Everywhere)',
					value: 'edit',
					description:
						'POST /v1/ideogram-v3/edit: served by the official API and every gateway, though the official API marks it deprecated',
				},
				{
					name: 'Inpaint (Official Successor)',
					value: 'inpaint',
					description:
						'POST /v1/ideogram-v3/inpaint: the official successor with the same fields; gateways may not offer it',
				},
			],
			// Version 1's default, what saved workflows send; the 1.1 panel starts at `auto`.
			default: 'edit',
		}),
		laterDefault: 'auto',
	},
	enhancementStrength: enumOption(
		'Enhancement Strength',
		'enhancement_strength',
		['low', 'medium', 'high'],
		{
			default: 'high',
			description: 'Lower stays closer to the image, higher enhances more (Topaz Wonder 3.5)',
		},
		[
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'High', value: 'high' },
		],
	),
	enableCopyrightDetection: {
		property: {
			displayName: 'Enable Copyright Detection',
			type: 'boolean',
			default: false,
			description:
				'Whether Ideogram checks the results for copyrighted material (slower); a flagged image comes back with is_image_safe false and no URL',
		},
		field: 'enable_copyright_detection',
		toApi: () => true,
		onlyWhenOn: true,
	},
	// Estimate Cost and Webhook URL belong with the API's options, not Request Options: they are parameters of
	// Ideogram's request (`?dry_run=true`, `webhook_url`) that only the 4.x models take, and they change what
	// Ideogram does; Request Options hold how the node sends any request. The 4.x request builder
	// (engine/endpoint.ts) checks them, with quality, size and reference images, against the chosen model.
	estimateCost: setting({
		displayName: 'Estimate Cost',
		type: 'boolean',
		default: false,
		description:
			'Whether to only price the request (dry_run, Ideogram 4.x models only): each item outputs the price quote (usd, usd_micros, qualifier…). Nothing is generated, billed or downloaded.',
	}),
	imageWeight: integerOption('Image Weight', 'image_weight', 1, 100, {
		default: 50,
		description: 'How closely the remix follows the input image (1 to 100)',
	}),
	includeBbox: booleanField(
		'Include Bounding Boxes',
		'include_bbox',
		true,
		"Whether the structured prompt gives each subject's and text's position (bbox, 0 to 1000)",
	),
	includeStyleDescriptions: booleanField(
		'Include Style Descriptions',
		'include_style_descriptions',
		false,
		'Whether the structured prompt describes the style: aesthetics, medium, lighting, colour palette',
	),
	includeTags: booleanField(
		'Include Tags',
		'include_tags',
		false,
		'Whether the structured prompt lists tags for the image',
	),
	invertMask: setting({
		displayName: 'Invert Mask',
		type: 'boolean',
		default: false,
		description:
			'Whether to swap black and white in the mask before sending it (PNG masks), so one mask serves both Edit (black changes) and Remove Object (white removes)',
	}),
	magicPrompt: {
		...enumOption('Magic Prompt', 'magic_prompt', MAGIC_PROMPT_OPTIONS, {
			default: 'AUTO',
			description: 'Whether Ideogram rewrites the prompt to improve it',
		}),
		imageRequestField: 'magic_prompt_option',
	},
	maxCostUsd: setting({
		displayName: 'Max Cost per Execution (USD)',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'The most this execution may spend, in US dollars; 0 means no limit. Before anything billable is sent, every item is priced (dry_run, nothing billed) and the quotes are added up. Only models Ideogram prices (the v2 paths) can keep a limit.',
	}),
	maxDownloadSize: setting({
		displayName: 'Max Download Size (MB)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: 50,
		description:
			"The largest result image the node downloads. Ideogram's results are a few MB; a download that goes over this is stopped and the item fails.",
	}),
	maxRetries: setting({
		displayName: 'Max Retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description:
			'How often to retry a request Ideogram turned away without running it (HTTP 429, connection refused), waiting as it asks. A 429 for too many images in flight is retried until Timeout instead.',
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
		toApi: (value, label, context) => text(label, value, context.maxLength),
	},
	numImages: integerOption('Number of Images', 'num_images', 1, 8, {
		default: 1,
		description:
			'How many images to make for each input item (1 to 8); each becomes its own output item',
	}),
	outputResolution: enumOption(
		'Output Resolution',
		'output_resolution',
		['1k', '2k', '4k', '8k'],
		{
			default: '1k',
			description:
				'The total pixel budget: a square of the named size. Tiers above 2K are upscaled after generation.',
		},
		[
			{ name: '1K', value: '1k' },
			{ name: '2K', value: '2k' },
			{ name: '4K', value: '4k' },
			{ name: '8K', value: '8k' },
		],
	),
	outputBinaryPropertyName: setting({
		displayName: 'Output Binary Field',
		type: 'string',
		default: 'data',
		description: 'Name of the binary field the downloaded image is written to',
	}),
	prompt: {
		property: {
			displayName: 'Prompt',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description:
				'Optional guidance. Upscale follows it when it adds detail; Layerize Text uses it to find the text (without it, Ideogram describes the image itself).',
		},
		field: 'prompt',
		toApi: (value, label, context) => text(label, value, context.maxLength),
	},
	quality: {
		property: {
			displayName: 'Quality',
			type: 'options',
			options: [
				{
					name: 'Very Low',
					value: 'very_low',
					description: 'Cheapest; only with source images (not for Remix)',
				},
				{ name: 'Low', value: 'low' },
				{ name: 'Medium', value: 'medium' },
				{ name: 'High', value: 'high' },
			],
			default: 'high',
			description:
				'Render quality and price. Ideogram defaults to High without source images and Medium with them.',
		},
		field: 'quality',
		toApi: (value, label, context) => quality(label, value, context),
	},
	referenceImages: setting({
		displayName: 'Reference Images',
		type: 'string',
		default: '',
		placeholder: 'reference1, reference2',
		description:
			'Binary field names (or image URLs), separated by commas, of images to use. Generate: up to 5, the first is the one edited; Edit: up to 4 (3 with a mask); Remix: up to 4.',
	}),
	renderingSpeed: enumOption('Rendering Speed', 'rendering_speed', RENDERING_SPEEDS, {
		default: 'DEFAULT',
		description: 'Faster renders cost less; Quality costs most',
	}),
	resemblance: integerOption('Resemblance', 'resemblance', 1, 100, {
		default: 50,
		description: 'How closely the upscale keeps to the original (1 to 100)',
	}),
	resolution: enumOption(
		'Resolution',
		'resolution',
		RESOLUTIONS,
		{
			default: '1024x1024',
			description: 'Exact output size in pixels. Cannot be combined with Aspect Ratio.',
		},
		RESOLUTION_OPTIONS,
	),
	resolutionTier: enumOption(
		'Resolution Tier',
		'resolution_tier',
		['1K', '2K', '4K'],
		{
			default: '2K',
			description:
				"The output's size class at the image's aspect ratio; refused when the image is already that large (Nano Banana Pro)",
		},
		[
			{ name: '1K', value: '1K' },
			{ name: '2K', value: '2K' },
			{ name: '4K', value: '4K' },
		],
	),
	resolutionV4: enumOption(
		'Resolution',
		'resolution',
		RESOLUTIONS_V4,
		{
			default: '1024x1024',
			description: "Ideogram 4.0's output size presets; leave unset to let the prompt pick a shape",
		},
		sizeOptions(RESOLUTIONS_V4),
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
				"Auto, source (the first reference image's size) or WIDTHxHEIGHT: multiples of 32, at least 256, at most 2048x2048 pixels in all, at most 6:1. Without reference images only Ideogram's 1K/2K presets, e.g. 1024x1024, 2048x2048.",
		},
		field: 'size',
		toApi: (value, label, context) => size(label, value, context.sourceImages > 0),
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
			description:
				'Ideogram style codes (8 hexadecimal characters each), separated by commas. Cannot be combined with Style Type or Style Reference Images.',
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
		description:
			'Binary field names (or image URLs), separated by commas, of images whose style to follow. 10 MB in total.',
	}),
	styleType: enumOption('Style Type', 'style_type', STYLE_TYPES, { default: 'GENERAL' }),
	taskTimeout: setting({
		displayName: 'Task Timeout (Seconds)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 600,
		description:
			"For results that arrive later (a gateway's task, an Ideogram generation answered with only its ID): how long to keep polling before giving up",
	}),
	timeout: setting({
		displayName: 'Timeout (Seconds)',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 180,
		description:
			'The deadline for one request to Ideogram, or one image download: connecting, sending, and receiving the whole answer (at least 1 second); also how long a request keeps being retried while Ideogram says too many images are in flight',
	}),
	upscaleFactor: enumOption(
		'Upscale Factor',
		'upscale_factor',
		['x2', 'x4', 'x8'],
		{
			default: 'x2',
			description:
				'How much to enlarge: each side times 2, 4 or 8 (at most 8192 pixels a side). Ideogram 3.0 Transparent takes x1, x2 or x4.',
		},
		[
			{ name: 'X1', value: 'x1' },
			{ name: 'X2', value: 'x2' },
			{ name: 'X4', value: 'x4' },
			{ name: 'X8', value: 'x8' },
		],
	),
	whenOverBudget: setting({
		displayName: 'When Over Budget',
		type: 'options',
		options: [
			{
				name: 'Stop Before Sending',
				value: 'stopBeforeSending',
				description: 'If the quotes add up to more than the limit, send nothing and fail (or output an error item per item)',
			},
			{
				name: 'Send What Fits',
				value: 'sendWhatFits',
				description: 'Send items in input order while their quotes stay within the limit; report the others as not sent',
			},
		],
		default: 'stopBeforeSending',
		description: 'What happens when the items would cost more than Max Cost per Execution',
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
		toApi: (value, label) => webhookUrl(label, value),
	},
} satisfies Record<string, OptionDefinition>;

export type OptionName = keyof typeof OPTIONS;

/** The label the panel shows for an option, used in every error about it. */
export function labelOf(name: OptionName): string {
	return OPTIONS[name].property.displayName;
}

export function optionProperty(name: OptionName, laterDefaults = false): INodeProperties {
	const definition: OptionDefinition = OPTIONS[name];
	const property = { ...definition.property, name } as INodeProperties;
	return laterDefaults && definition.laterDefault !== undefined
		? { ...property, default: definition.laterDefault }
		: property;
}

/** The node's settings for one item: the option collection's values, by option name. */
export type NodeSettings = { [K in OptionName]?: unknown };
