// The text fields of one request: the prompt, required top-level parameters and the endpoint's options, each
// checked against the option catalogue and the endpoint's own limits, and spelled as the endpoint spells it.

import type { Endpoint, FieldSpelling } from '../catalogue/types';
import {
	labelOf,
	OPTIONS,
	type ApiValue,
	type NodeSettings,
	type OptionDefinition,
	type OptionName,
} from '../options/definitions';
import { InputError, isSet, splitList, text } from '../options/validators';

/** One API field with its validated value. */
export interface ApiField {
	field: string;
	value: ApiValue;
	/** The field's name inside Upscale's legacy `image_request` JSON, where it differs. */
	imageRequestField?: string;
}

export function spellingOf(entry: OptionName | FieldSpelling): FieldSpelling {
	return typeof entry === 'string' ? { option: entry } : entry;
}

/** The options an endpoint sends. */
export function optionsOf(endpoint: Endpoint): OptionName[] {
	return endpoint.fields.map((entry) => spellingOf(entry).option);
}

/** Whether a value of the option would be sent: set, and on where the option is a switch sent only while on. */
export function wouldSend(name: OptionName, value: unknown): boolean {
	const definition: OptionDefinition = OPTIONS[name];
	return isSet(value) && !(definition.onlyWhenOn && value !== true);
}

function inCase(value: ApiValue, letterCase: FieldSpelling['letterCase']): ApiValue {
	if (typeof value !== 'string' || !letterCase) return value;
	return letterCase === 'lower' ? value.toLowerCase() : value.toUpperCase();
}

/**
 * The API field of one option, validated; none when the option is unset or has no field of its own. A
 * `required` option (Reframe's Resolution) is validated even when empty, so the error names it.
 */
export function apiField(
	spelling: FieldSpelling,
	value: unknown,
	sourceImages: number,
	required = false,
): ApiField | undefined {
	const definition: OptionDefinition = OPTIONS[spelling.option];
	if (!definition.field || !definition.toApi) return undefined;
	if (!required && (!isSet(value) || (definition.onlyWhenOn && value !== true))) return undefined;
	const apiValue = definition.toApi(value, labelOf(spelling.option), { sourceImages, ...spelling });
	if (apiValue === undefined) return undefined;
	return {
		field: spelling.field ?? definition.field,
		value: inCase(apiValue, spelling.letterCase),
		imageRequestField: definition.imageRequestField,
	};
}

/** Rules the API states across fields, checked before anything is read or sent. */
export function checkCombinations(settings: NodeSettings, hasStyleReferences: boolean): void {
	if (isSet(settings.aspectRatio) && isSet(settings.resolution)) {
		throw new InputError(
			labelOf('aspectRatio'),
			`cannot be used together with ${labelOf('resolution')}: choose one`,
		);
	}
	if (isSet(settings.styleCodes) && isSet(settings.styleType)) {
		throw new InputError(
			labelOf('styleCodes'),
			`cannot be used together with ${labelOf('styleType')}: remove one of them`,
		);
	}
	if (isSet(settings.styleCodes) && hasStyleReferences) {
		throw new InputError(
			labelOf('styleCodes'),
			`cannot be used together with ${labelOf('styleReferenceImages')}: remove one of them`,
		);
	}
}

/** The item's top-level parameters an endpoint may send besides its options. */
export interface TopLevelValues {
	prompt?: unknown;
	parameters?: Record<string, unknown>;
}

/**
 * The item's text fields, validated, in the order they are sent: prompt, required parameters, then the
 * endpoint's options. Options the endpoint does not take (left in workflow JSON by another operation) are not
 * read. `sourceImages` counts the images the request sends (some values need them).
 */
export function requestFields(
	endpoint: Endpoint,
	settings: NodeSettings,
	values: TopLevelValues,
	sourceImages: number,
): ApiField[] {
	const fields: ApiField[] = [];
	if (endpoint.prompt) {
		if (typeof values.prompt !== 'string' || values.prompt.trim() === '') {
			throw new InputError('Prompt', 'is empty; write what the result should show');
		}
		fields.push({
			field: 'prompt',
			value: text('Prompt', values.prompt, endpoint.prompt.maxLength),
		});
	}
	for (const { parameter, option } of endpoint.parameters ?? []) {
		const field = apiField({ option }, values.parameters?.[parameter], sourceImages, true);
		if (field) fields.push(field);
	}
	const spellings = endpoint.fields.map(spellingOf);
	const taken = Object.fromEntries(spellings.map(({ option }) => [option, settings[option]]));
	const styleReferences =
		(endpoint.fileLists ?? []).some((list) => list.option === 'styleReferenceImages') &&
		splitList(settings.styleReferenceImages).length > 0;
	checkCombinations(taken, styleReferences);
	for (const spelling of spellings) {
		const field = apiField(spelling, settings[spelling.option], sourceImages);
		if (field) fields.push(field);
	}
	return fields;
}
