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
import type { MultipartPart } from './multipart';

/** Bad input found before anything is sent; `field` is the parameter's name as the user sees it. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'InputError';
	}
}

export interface ColorPaletteOption {
	preset?: { name?: string };
	custom?: { members?: string };
}

/** The node's `options` collection. Names are the API's field names in camelCase. */
export interface ImageOptions {
	numImages?: number;
	seed?: number;
	renderingSpeed?: string;
	magicPrompt?: string;
	styleType?: string;
	stylePreset?: string;
	negativePrompt?: string;
	aspectRatio?: string;
	resolution?: string;
	imageWeight?: number;
	colorPalette?: ColorPaletteOption;
	styleCodes?: string;
	styleReferenceImages?: string;
	characterReferenceImages?: string;
	characterReferenceImageMasks?: string;
	customModelUri?: string;
	prompt?: string;
	resemblance?: number;
	detail?: number;
	describeModelVersion?: string;
}

/** What the user asked for, before it becomes multipart parts. */
export interface ImageRequestInput {
	prompt?: string;
	/** Reframe's required target size (a top-level parameter there). */
	resolution?: string;
	options: ImageOptions;
	/** Whether style reference images are attached; they exclude style codes. */
	hasStyleReferences: boolean;
}

const LABELS: Record<string, string> = {
	numImages: 'Number of Images',
	seed: 'Seed',
	renderingSpeed: 'Rendering Speed',
	magicPrompt: 'Magic Prompt',
	styleType: 'Style Type',
	stylePreset: 'Style Preset',
	negativePrompt: 'Negative Prompt',
	aspectRatio: 'Aspect Ratio',
	resolution: 'Resolution',
	imageWeight: 'Image Weight',
	colorPalette: 'Color Palette',
	styleCodes: 'Style Codes',
	customModelUri: 'Custom Model URI',
	prompt: 'Prompt',
	resemblance: 'Resemblance',
	detail: 'Detail',
	describeModelVersion: 'Describe Model Version',
};

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function integerIn(name: keyof ImageOptions, value: unknown, min: number, max: number): string {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(LABELS[name], `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
	}
	return String(number);
}

function oneOf(name: string, value: unknown, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		const shown = allowed.length > 16 ? `${allowed.slice(0, 16).join(', ')}, …` : allowed.join(', ');
		throw new InputError(LABELS[name] ?? name, `${JSON.stringify(value)} is not one of the API's values (${shown})`);
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

export function parseStyleCodes(value: unknown): string[] {
	const codes = splitList(value);
	for (const code of codes) {
		if (!/^[0-9a-fA-F]{8}$/.test(code)) {
			throw new InputError('Style Codes', `"${code}" is not a style code: each code is 8 hexadecimal characters, like AAFF5733`);
		}
	}
	return codes;
}

interface PaletteMember {
	color_hex: string;
	color_weight?: number;
}

/** `#FF5733:0.6, #33C1FF:0.4` (weights optional) → the API's `members` list. */
export function parseCustomColors(value: unknown): PaletteMember[] {
	const entries = splitList(value);
	if (entries.length < 1 || entries.length > 8) {
		throw new InputError('Color Palette', `custom colors need 1 to 8 entries like #FF5733:0.6, got ${entries.length}`);
	}
	return entries.map((entry) => {
		const [hex, weight, ...rest] = entry.split(':').map((part) => part.trim());
		if (rest.length > 0 || !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(hex)) {
			throw new InputError('Color Palette', `"${entry}" is not a color: write #RGB or #RRGGBB, optionally followed by :weight`);
		}
		if (weight === undefined || weight === '') return { color_hex: hex };
		const colorWeight = Number(weight);
		if (!(colorWeight >= 0.05 && colorWeight <= 1)) {
			throw new InputError('Color Palette', `the weight of ${hex} must be between 0.05 and 1, got "${weight}"`);
		}
		return { color_hex: hex, color_weight: colorWeight };
	});
}

export function colorPaletteJson(palette: ColorPaletteOption | undefined): string | undefined {
	const presetName = palette?.preset?.name;
	const customColors = palette?.custom?.members;
	if (isSet(presetName) && isSet(customColors)) {
		throw new InputError('Color Palette', 'choose either a preset or custom colors, not both');
	}
	if (isSet(presetName)) return JSON.stringify({ name: oneOf('colorPalette', presetName, COLOR_PALETTE_PRESETS) });
	if (isSet(customColors)) return JSON.stringify({ members: parseCustomColors(customColors) });
	return undefined;
}

function text(field: string, value: string): MultipartPart {
	return { field, value };
}

/**
 * Maps one option to its API field, validating it. Each operation passes only the options its endpoint
 * accepts, so an option left over from another operation (workflow JSON keeps hidden values) is ignored.
 */
const OPTION_FIELDS: { [K in keyof ImageOptions]-?: (value: unknown) => MultipartPart[] } = {
	numImages: (value) => [text('num_images', integerIn('numImages', value, 1, 8))],
	seed: (value) => [text('seed', integerIn('seed', value, 0, 2147483647))],
	renderingSpeed: (value) => [text('rendering_speed', oneOf('renderingSpeed', value, RENDERING_SPEEDS))],
	magicPrompt: (value) => [text('magic_prompt', oneOf('magicPrompt', value, MAGIC_PROMPT_OPTIONS))],
	styleType: (value) => [text('style_type', oneOf('styleType', value, STYLE_TYPES))],
	stylePreset: (value) => [text('style_preset', oneOf('stylePreset', value, STYLE_PRESETS))],
	negativePrompt: (value) => [text('negative_prompt', String(value))],
	aspectRatio: (value) => [text('aspect_ratio', oneOf('aspectRatio', value, ASPECT_RATIOS))],
	resolution: (value) => [text('resolution', oneOf('resolution', value, RESOLUTIONS))],
	imageWeight: (value) => [text('image_weight', integerIn('imageWeight', value, 1, 100))],
	colorPalette: (value) => {
		const json = colorPaletteJson(value as ColorPaletteOption);
		return json === undefined ? [] : [{ field: 'color_palette', value: json, contentType: 'application/json' }];
	},
	styleCodes: (value) => parseStyleCodes(value).map((code) => text('style_codes', code)),
	customModelUri: (value) => {
		if (!/^model\/[^/]+\/version\/[^/]+$/.test(String(value))) {
			throw new InputError('Custom Model URI', `"${String(value)}" must look like model/<model_name>/version/<version_name>`);
		}
		return [text('custom_model_uri', String(value))];
	},
	describeModelVersion: (value) => [text('describe_model_version', oneOf('describeModelVersion', value, DESCRIBE_MODEL_VERSIONS))],
	// Read as files or folded into image_request elsewhere, never sent as text parts of their own.
	styleReferenceImages: () => [],
	characterReferenceImages: () => [],
	characterReferenceImageMasks: () => [],
	prompt: () => [],
	resemblance: () => [],
	detail: () => [],
};

/**
 * The text parts of a request for the given options, in a stable order, after checking the rules the API
 * states across fields. `accepted` lists the options the operation's endpoint takes.
 */
export function textParts(input: ImageRequestInput, accepted: Array<keyof ImageOptions>, promptRequired: boolean): MultipartPart[] {
	const parts: MultipartPart[] = [];
	if (promptRequired || isSet(input.prompt)) {
		if (typeof input.prompt !== 'string' || input.prompt.trim() === '') {
			throw new InputError('Prompt', 'is required: describe the result you want');
		}
		parts.push(text('prompt', input.prompt));
	}
	if (input.resolution !== undefined) parts.push(...OPTION_FIELDS.resolution(input.resolution));

	const options: ImageOptions = {};
	for (const name of accepted) {
		if (isSet(input.options[name])) (options as Record<string, unknown>)[name] = input.options[name];
	}
	if (isSet(options.aspectRatio) && isSet(options.resolution)) {
		throw new InputError('Aspect Ratio', 'cannot be used together with Resolution: choose one');
	}
	if (isSet(options.styleCodes) && isSet(options.styleType)) {
		throw new InputError('Style Codes', 'cannot be used together with Style Type: remove one of them');
	}
	if (isSet(options.styleCodes) && input.hasStyleReferences) {
		throw new InputError('Style Codes', 'cannot be used together with Style Reference Images: remove one of them');
	}
	for (const name of accepted) {
		if (isSet(options[name])) parts.push(...OPTION_FIELDS[name](options[name]));
	}
	return parts;
}

/** Upscale takes its settings as one JSON part, `image_request`, with the legacy field names. */
export function upscaleRequestPart(options: ImageOptions): MultipartPart {
	const request: Record<string, unknown> = {};
	if (isSet(options.prompt)) request.prompt = String(options.prompt);
	if (isSet(options.resemblance)) request.resemblance = Number(integerIn('resemblance', options.resemblance, 1, 100));
	if (isSet(options.detail)) request.detail = Number(integerIn('detail', options.detail, 1, 100));
	if (isSet(options.magicPrompt)) request.magic_prompt_option = oneOf('magicPrompt', options.magicPrompt, MAGIC_PROMPT_OPTIONS);
	if (isSet(options.numImages)) request.num_images = Number(integerIn('numImages', options.numImages, 1, 8));
	if (isSet(options.seed)) request.seed = Number(integerIn('seed', options.seed, 0, 2147483647));
	return { field: 'image_request', value: JSON.stringify(request), contentType: 'application/json' };
}
