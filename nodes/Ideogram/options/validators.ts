// Checks of option values before anything is sent: each turns a value into what the API takes, or throws an
// InputError that names the field as the panel shows it.

import { COLOR_PALETTE_PRESETS } from './apiValues';

/** Bad input found before anything is sent; `field` is the parameter's name as the panel shows it. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		/** What to do about it, shown below the message. */
		readonly hint?: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'InputError';
	}
}

/** Whether an option holds a value: absent, null and empty text are unset. */
export function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

export function wholeNumber(label: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(
			label,
			`must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
		);
	}
	return number;
}

export function oneOf(label: string, value: unknown, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		const shown =
			allowed.length > 16 ? `${allowed.slice(0, 16).join(', ')}, …` : allowed.join(', ');
		throw new InputError(
			label,
			`${JSON.stringify(value)} is not one of the API's values (${shown})`,
		);
	}
	return value;
}

/** Text as the API takes it, within the endpoint's length limit where it states one. */
export function text(label: string, value: unknown, maxLength?: number): string {
	const string = String(value);
	if (maxLength !== undefined && string.length > maxLength) {
		throw new InputError(
			label,
			`is ${string.length} characters long; this model takes at most ${maxLength}`,
		);
	}
	return string;
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
			throw new InputError(
				label,
				`"${code}" is not a style code: each code is 8 hexadecimal characters, like AAFF5733`,
			);
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
		throw new InputError(
			label,
			`custom colors need 1 to 8 entries like #FF5733:0.6, got ${entries.length}`,
		);
	}
	return entries.map((entry) => {
		const [hex, weight, ...rest] = entry.split(':').map((part) => part.trim());
		if (rest.length > 0 || !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(hex)) {
			throw new InputError(
				label,
				`"${entry}" is not a color: write #RGB or #RRGGBB, optionally followed by :weight`,
			);
		}
		if (weight === undefined || weight === '') return { color_hex: hex };
		const colorWeight = Number(weight);
		if (!(colorWeight >= 0.05 && colorWeight <= 1)) {
			throw new InputError(
				label,
				`the weight of ${hex} must be between 0.05 and 1, got "${weight}"`,
			);
		}
		return { color_hex: hex, color_weight: colorWeight };
	});
}

/** The API's `color_palette` object for a preset or custom colors; undefined when neither is set. */
export function colorPalette(
	palette: ColorPaletteOption | undefined,
	label = 'Color Palette',
): Record<string, unknown> | undefined {
	const presetName = palette?.preset?.name;
	const customColors = palette?.custom?.members;
	if (isSet(presetName) && isSet(customColors)) {
		throw new InputError(label, 'choose either a preset or custom colors, not both');
	}
	if (isSet(presetName)) return { name: oneOf(label, presetName, COLOR_PALETTE_PRESETS) };
	if (isSet(customColors)) return { members: parseCustomColors(customColors, label) };
	return undefined;
}

const QUALITIES = ['very_low', 'low', 'medium', 'high'];

/** `quality`: `very_low` only with source images (Ideogram renders it from them). */
export function quality(
	label: string,
	value: unknown,
	context: { sourceImages: number; values?: string[] },
): string {
	const level = oneOf(label, value, context.values ?? QUALITIES);
	if (level === 'very_low' && context.sourceImages === 0) {
		throw new InputError(
			label,
			'very_low needs source images: add Reference Images, or choose low, medium or high',
		);
	}
	return level;
}

const MAX_SIZE_PIXELS = 2048 * 2048;

/**
 * Generate 4.5's `size` (ideogram-api-v2.md §7): `auto`, `source` (the first source image's size, so only with
 * source images) or `WIDTHxHEIGHT` with both sides multiples of 32 and at least 256, at most 2048×2048 pixels in
 * all and an aspect ratio of at most 6:1. Without source images Ideogram takes only its 1K/2K presets; their full
 * list is unconfirmed, so the API judges that.
 */
export function size(label: string, value: unknown, hasSourceImages: boolean): string {
	const spelled =
		typeof value === 'string'
			? value
					.trim()
					.toLowerCase()
					.replace(/\s*[x×]\s*/, 'x')
			: '';
	if (spelled === 'auto') return spelled;
	if (spelled === 'source') {
		if (!hasSourceImages)
			throw new InputError(
				label,
				'"source" keeps the size of the first reference image; it needs Reference Images',
			);
		return spelled;
	}
	const match = /^(\d+)x(\d+)$/.exec(spelled);
	if (!match)
		throw new InputError(
			label,
			`${JSON.stringify(value)} is not auto, source or WIDTHxHEIGHT such as 1024x1024`,
		);
	const [width, height] = [Number(match[1]), Number(match[2])];
	if (width % 32 !== 0 || height % 32 !== 0)
		throw new InputError(label, `${width}x${height}: both sides must be multiples of 32`);
	if (width < 256 || height < 256)
		throw new InputError(label, `${width}x${height}: both sides must be at least 256 pixels`);
	if (width * height > MAX_SIZE_PIXELS)
		throw new InputError(label, `${width}x${height}: at most 2048x2048 pixels in all`);
	if (Math.max(width, height) > 6 * Math.min(width, height))
		throw new InputError(label, `${width}x${height}: the aspect ratio must be at most 6:1`);
	return `${width}x${height}`;
}

/** `webhook_url`: Ideogram delivers webhooks over HTTPS only. */
export function webhookUrl(label: string, value: unknown): string {
	const given = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(given);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:') {
		throw new InputError(
			label,
			`must be an https:// address (Ideogram delivers webhooks over HTTPS only), got ${JSON.stringify(value)}`,
		);
	}
	return url.href;
}
