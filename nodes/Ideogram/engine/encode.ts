// The request body in the encoding the endpoint names: multipart parts, one typed JSON object, or Upscale v1's
// multipart with its options folded into one JSON part named `image_request`.

import type { BodyEncoding } from '../catalogue/types';
import { encodeMultipart, type MultipartPart } from '../media/multipart';

import type { ApiField } from './fields';

export interface EncodedBody {
	body: Buffer;
	contentType: string;
}

/** Multipart text parts: a list repeats the field, an object travels as a JSON part, numbers and switches as text. */
export function fieldParts(fields: ApiField[]): MultipartPart[] {
	return fields.flatMap(({ field, value }): MultipartPart[] => {
		if (Array.isArray(value)) return value.map((entry) => ({ field, value: entry }));
		if (typeof value === 'object')
			return [{ field, value: JSON.stringify(value), contentType: 'application/json' }];
		return [{ field, value: String(value) }];
	});
}

/** Upscale v1's `image_request`: every option in one JSON part, under its `image_request` name where it has one. */
export function imageRequestPart(fields: ApiField[]): MultipartPart {
	const request = Object.fromEntries(
		fields.map(({ field, value, imageRequestField }) => [imageRequestField ?? field, value]),
	);
	return {
		field: 'image_request',
		value: JSON.stringify(request),
		contentType: 'application/json',
	};
}

/** The body of a request: its files first, then its fields, as every endpoint documents them. */
export function encodeBody(
	encoding: BodyEncoding,
	files: MultipartPart[],
	fields: ApiField[],
): EncodedBody {
	if (encoding === 'json') {
		// JSON endpoints take no files (the catalogue gives them none): typed values, numbers as numbers.
		const object = Object.fromEntries(fields.map(({ field, value }) => [field, value]));
		return { body: Buffer.from(JSON.stringify(object)), contentType: 'application/json' };
	}
	return encodeMultipart([
		...files,
		...(encoding === 'imageRequest' ? [imageRequestPart(fields)] : fieldParts(fields)),
	]);
}
