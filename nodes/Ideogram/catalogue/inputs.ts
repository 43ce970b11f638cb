// The files an endpoint reads from the item, by the parameters that name them (binary field or URL).

import { MAX_FILE_BYTES, MAX_LARGE_FILE_BYTES } from '../options/apiValues';

import type { FileField, FileInput, FileListField } from './types';

export const IMAGE: FileInput = {
	binaryParameter: 'binaryPropertyName',
	binaryLabel: 'Input Image Field',
	urlParameter: 'imageUrl',
	urlLabel: 'Image URL',
};

export const MASK: FileInput = {
	binaryParameter: 'maskBinaryPropertyName',
	binaryLabel: 'Input Mask Field',
	urlParameter: 'maskUrl',
	urlLabel: 'Mask URL',
};

export const BACKGROUND_REFERENCE: FileInput = {
	binaryParameter: 'backgroundReferenceBinaryPropertyName',
	binaryLabel: 'Background Reference Field',
	urlParameter: 'backgroundReferenceUrl',
	urlLabel: 'Background Reference URL',
};

/** Ideogram 3.0's reference lists: 10 MB each and 10 MB together, in the order the v1 paths document them. */
export const V3_REFERENCE_LISTS: FileListField[] = [
	{
		option: 'styleReferenceImages',
		part: 'style_reference_images',
		maxBytes: MAX_FILE_BYTES,
		maxTotalBytes: MAX_FILE_BYTES,
	},
	{
		option: 'characterReferenceImages',
		part: 'character_reference_images',
		maxBytes: MAX_FILE_BYTES,
		maxTotalBytes: MAX_FILE_BYTES,
	},
	{
		option: 'characterReferenceImageMasks',
		part: 'character_reference_images_mask',
		maxBytes: MAX_FILE_BYTES,
		maxTotalBytes: MAX_FILE_BYTES,
		masksOf: 'characterReferenceImages',
	},
];

/** The Reference Images of the 4.x endpoints: up to `max` files of 25 MB, sent as `part`. */
export function referenceImages(part: string, max: number, maxWithMask?: number): FileListField {
	return {
		option: 'referenceImages',
		part,
		max,
		...(maxWithMask !== undefined ? { maxWithMask } : {}),
		maxBytes: MAX_LARGE_FILE_BYTES,
	};
}

/** The input image sent as `part`, within `maxBytes`. */
export function imageFile(part: string, maxBytes: number): FileField {
	return { part, input: IMAGE, maxBytes };
}
