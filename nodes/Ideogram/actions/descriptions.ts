import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ASPECT_RATIOS,
	COLOR_PALETTE_PRESETS,
	RESOLUTIONS,
	STYLE_PRESETS,
	STYLE_TYPES,
} from '../helpers/apiValues';

/** `80S_ILLUSTRATION` → `80s Illustration`; options sorted by name, as n8n's lint wants for long lists. */
function enumOptions(values: string[], byName = true): INodePropertyOptions[] {
	const options = values.map((value) => ({
		name: value
			.split('_')
			.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
			.join(' '),
		value,
	}));
	return byName ? options.sort((a, b) => a.name.localeCompare(b.name)) : options;
}

function sizeOptions(values: string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: value.replace('x', ' × '), value }));
}

export const RESOLUTION_OPTIONS = sizeOptions(RESOLUTIONS);

/** Every option a request can carry, by name; each operation shows the ones its endpoint accepts. */
export const OPTION_PROPERTIES: Record<string, INodeProperties> = {
	aspectRatio: {
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: sizeOptions(ASPECT_RATIOS).map((option) => ({ ...option, name: option.name.replace(' × ', ':') })),
		default: '1x1',
		description: 'Shape of the result. Cannot be combined with Resolution.',
	},
	characterReferenceImages: {
		displayName: 'Character Reference Images',
		name: 'characterReferenceImages',
		type: 'string',
		default: '',
		placeholder: 'character',
		description: 'Binary field name (or image URL) of a photo of the person to keep consistent. The API currently takes one.',
	},
	characterReferenceImageMasks: {
		displayName: 'Character Reference Masks',
		name: 'characterReferenceImageMasks',
		type: 'string',
		default: '',
		placeholder: 'characterMask',
		description: 'Optional masks for the character references, one per reference, each the same size as its reference',
	},
	colorPalette: {
		displayName: 'Color Palette',
		name: 'colorPalette',
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
						description: 'One to eight hex colors separated by commas, each optionally followed by :weight (0.05 to 1, best in descending order)',
					},
				],
			},
		],
	},
	concurrency: {
		displayName: 'Max Images in Flight',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		description: 'How many images the node has Ideogram render at once, across items. Ideogram allows 10 per organization by default (4 images in one request count as 4); extra requests wait and are retried.',
	},
	customModelUri: {
		displayName: 'Custom Model URI',
		name: 'customModelUri',
		type: 'string',
		default: '',
		placeholder: 'model/my-model/version/1',
		description: 'A custom model trained in Ideogram, as model/&lt;model_name&gt;/version/&lt;version_name&gt;',
	},
	describeModelVersion: {
		displayName: 'Describe Model Version',
		name: 'describeModelVersion',
		type: 'options',
		options: [
			{ name: 'V2', value: 'V_2' },
			{ name: 'V3', value: 'V_3' },
		],
		default: 'V_3',
	},
	detail: {
		displayName: 'Detail',
		name: 'detail',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'How much new detail the upscale adds (1 to 100)',
	},
	downloadImages: {
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: true,
		description: 'Whether to download each result into binary data at once. Ideogram\'s links expire, so turn this off only if you just need the URLs.',
	},
	editEndpoint: {
		displayName: 'Edit Endpoint',
		name: 'editEndpoint',
		type: 'options',
		options: [
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
		default: 'edit',
	},
	imageWeight: {
		displayName: 'Image Weight',
		name: 'imageWeight',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'How closely the remix follows the input image (1 to 100)',
	},
	magicPrompt: {
		displayName: 'Magic Prompt',
		name: 'magicPrompt',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'AUTO' },
			{ name: 'Off', value: 'OFF' },
			{ name: 'On', value: 'ON' },
		],
		default: 'AUTO',
		description: 'Whether Ideogram rewrites the prompt to improve it',
	},
	maxRetries: {
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description: 'How often to retry a request Ideogram turned away without running it (HTTP 429, connection refused), waiting as it asks',
	},
	negativePrompt: {
		displayName: 'Negative Prompt',
		name: 'negativePrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'What to leave out of the image. The prompt wins where the two disagree.',
	},
	numImages: {
		displayName: 'Number of Images',
		name: 'numImages',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8 },
		default: 1,
		description: 'How many images to make for each input item (1 to 8); each becomes its own output item',
	},
	outputBinaryPropertyName: {
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'Name of the binary field the downloaded image is written to',
	},
	prompt: {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Optional guidance for the upscale',
	},
	renderingSpeed: {
		displayName: 'Rendering Speed',
		name: 'renderingSpeed',
		type: 'options',
		options: [
			{ name: 'Balanced', value: 'BALANCED' },
			{ name: 'Default', value: 'DEFAULT' },
			{ name: 'Flash', value: 'FLASH' },
			{ name: 'Quality', value: 'QUALITY' },
			{ name: 'Turbo', value: 'TURBO' },
		],
		default: 'DEFAULT',
		description: 'Faster renders cost less; Quality costs most',
	},
	resemblance: {
		displayName: 'Resemblance',
		name: 'resemblance',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'How closely the upscale keeps to the original (1 to 100)',
	},
	resolution: {
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTION_OPTIONS,
		default: '1024x1024',
		description: 'Exact output size in pixels. Cannot be combined with Aspect Ratio.',
	},
	retryPossiblyBilled: {
		displayName: 'Retry Possibly Billed Requests',
		name: 'retryPossiblyBilled',
		type: 'boolean',
		default: false,
		description: 'Whether to also re-send after a server error (5xx) or a connection that broke after sending. Such a request may already have run and been billed, so a retry can cost twice.',
	},
	seed: {
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2147483647 },
		default: 0,
		description: 'Fixes the randomness so the same request gives the same image (0 to 2147483647)',
	},
	styleCodes: {
		displayName: 'Style Codes',
		name: 'styleCodes',
		type: 'string',
		default: '',
		placeholder: 'AAFF5733, 0133FF57',
		description: 'Ideogram style codes (8 hexadecimal characters each), separated by commas. Cannot be combined with Style Type or Style Reference Images.',
	},
	stylePreset: {
		displayName: 'Style Preset',
		name: 'stylePreset',
		type: 'options',
		options: enumOptions(STYLE_PRESETS),
		default: 'WATERCOLOR',
	},
	styleReferenceImages: {
		displayName: 'Style Reference Images',
		name: 'styleReferenceImages',
		type: 'string',
		default: '',
		placeholder: 'style1, style2',
		description: 'Binary field names (or image URLs), separated by commas, of images whose style to follow. 10 MB in total.',
	},
	styleType: {
		displayName: 'Style Type',
		name: 'styleType',
		type: 'options',
		options: enumOptions(STYLE_TYPES),
		default: 'GENERAL',
	},
	taskTimeout: {
		displayName: 'Task Timeout (Seconds)',
		name: 'taskTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'For gateways that answer with a task: how long to keep polling the task before giving up',
	},
	timeout: {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 180,
		description: 'How long to wait for one answer from Ideogram (or one download) before failing the item',
	},
};

const BEHAVIOUR_OPTIONS = ['concurrency', 'maxRetries', 'retryPossiblyBilled', 'taskTimeout', 'timeout'];

/** The `options` collection for one operation: its endpoint's options plus how the node behaves. */
export function optionsCollection(names: string[], withImages = true): INodeProperties {
	const all = [...names, ...BEHAVIOUR_OPTIONS, ...(withImages ? ['downloadImages', 'outputBinaryPropertyName'] : [])];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: all
			.map((name) => OPTION_PROPERTIES[name])
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function promptProperty(description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'A red vintage car parked on a sunny street',
		description,
	};
}

/** Where the input image comes from: binary data on the item (default) or a URL, which AI agents can give. */
export function imageSourceProperties(imageLabel: string): INodeProperties[] {
	return [
		{
			displayName: 'Image Source',
			name: 'imageSource',
			type: 'options',
			options: [
				{ name: 'Binary Data', value: 'binary', description: 'A file on the input item, from a Form Trigger, Read Files, HTTP Request…' },
				{ name: 'URL', value: 'url', description: 'An image address the node downloads; use this when an AI agent calls the node' },
			],
			default: 'binary',
		},
		{
			displayName: `Input ${imageLabel} Field`,
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { imageSource: ['binary'] } },
			hint: 'The name of the binary field holding the image, or an expression such as {{ $binary.data }}',
			description: 'JPEG, PNG or WebP, up to 10 MB',
		},
		{
			displayName: `${imageLabel} URL`,
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.png',
			displayOptions: { show: { imageSource: ['url'] } },
			description: 'Public http(s) address of a JPEG, PNG or WebP image, up to 10 MB. It is fetched without your credentials.',
		},
	];
}
