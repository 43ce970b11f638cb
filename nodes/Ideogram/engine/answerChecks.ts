/**
 * Checks of a successful (2xx) answer before anything is downloaded or output: the image list must be
 * usable, never longer than what was asked, and only the image object's documented fields travel into the
 * output whole; other fields only while they are small. A server cannot turn one request into hundreds of
 * downloads or a bloated execution.
 */
import type { IDataObject } from 'n8n-workflow';

/** The most images one request can ask for (`num_images` is 1 to 8). */
export const MAX_IMAGES_PER_REQUEST = 8;

/** The fields of an image object that the API documents; they are output as they come. */
export const DOCUMENTED_IMAGE_FIELDS = ['url', 'prompt', 'resolution', 'is_image_safe', 'seed', 'style_type', 'object_type', 'asset_id', 'mime_type', 'width', 'height'];

/** An undocumented field is output only while its JSON is at most this long. */
export const MAX_EXTRA_FIELD_CHARS = 1024;

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

export type ImageListResult = { images: IDataObject[] } | { problem: string };

/**
 * The image objects of an answer's `data` (or a finished task's list), or what is wrong with it: missing,
 * not a list, empty, entries that are not objects or carry neither `url` nor `is_image_safe`, a `url` that is
 * not text, or more entries than `asked` (itself at most 8).
 */
export function imageList(list: unknown, asked: number): ImageListResult {
	const limit = Math.min(MAX_IMAGES_PER_REQUEST, Math.max(1, Math.floor(asked) || 1));
	if (list === undefined) return { problem: 'it has no image list ("data" is missing)' };
	if (!Array.isArray(list)) return { problem: `its image list ("data") is ${kindOf(list)}, not a list` };
	if (list.length === 0) return { problem: 'its image list is empty' };
	if (list.length > limit) return { problem: `it lists ${list.length} images, but ${limit} ${limit === 1 ? 'was' : 'were'} asked for` };
	for (const [index, entry] of list.entries()) {
		const which = `image ${index + 1}`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { problem: `${which} is ${kindOf(entry)}, not an image object` };
		const image = entry as IDataObject;
		if (image.url === undefined && image.is_image_safe === undefined) return { problem: `${which} has neither "url" nor "is_image_safe"` };
		if (image.url !== undefined && image.url !== null && typeof image.url !== 'string') return { problem: `${which}'s "url" is ${kindOf(image.url)}, not text` };
	}
	return { images: list as IDataObject[] };
}

/** Whether a value is small enough to go into the output as it came: its JSON is at most `limit` long. */
export function isSmall(value: unknown, limit = MAX_EXTRA_FIELD_CHARS): boolean {
	return (JSON.stringify(value) ?? '').length <= limit;
}

/**
 * What of an answer's object goes into an output item: its `documented` fields, and any other field whose
 * JSON is at most MAX_EXTRA_FIELD_CHARS long; the names of fields left out are listed in `omittedFields`. (The
 * key was redacted from the whole answer as it arrived: transport/request.ts.)
 */
export function outputFields(object: IDataObject, documented: readonly string[]): IDataObject {
	const output: IDataObject = {};
	const omitted: string[] = [];
	for (const [name, value] of Object.entries(object)) {
		if (documented.includes(name) || isSmall(value)) output[name] = value;
		else omitted.push(name.length > 64 ? `${name.slice(0, 64)}…` : name);
	}
	if (omitted.length > 0) output.omittedFields = omitted.slice(0, 20);
	return output;
}

/** An image object as it goes into the output item: its documented fields and small extra ones. */
export function imageOutput(image: IDataObject): IDataObject {
	return outputFields(image, DOCUMENTED_IMAGE_FIELDS);
}

export type DescriptionListResult = { descriptions: IDataObject[] } | { problem: string };

/** A describe answer's `descriptions`: a non-empty list of objects, each output with its `text` and small extras. */
export function descriptionList(list: unknown): DescriptionListResult {
	if (list === undefined) return { problem: 'it has no "descriptions"' };
	if (!Array.isArray(list)) return { problem: `its "descriptions" is ${kindOf(list)}, not a list` };
	if (list.length === 0) return { problem: 'its "descriptions" list is empty' };
	if (list.length > 100) return { problem: `it lists ${list.length} descriptions` };
	const descriptions: IDataObject[] = [];
	for (const [index, entry] of list.entries()) {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { problem: `description ${index + 1} is ${kindOf(entry)}, not an object` };
		descriptions.push(outputFields(entry as IDataObject, ['text']));
	}
	return { descriptions };
}
