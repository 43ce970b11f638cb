import type { INodeProperties } from 'n8n-workflow';

import type { FileInput } from '../catalogue/types';
import { optionProperty, type OptionName } from '../options/definitions';

/** How the node behaves, rather than what it asks Ideogram for. */
const REQUEST_OPTIONS: OptionName[] = ['allowPrivateAddresses', 'concurrency', 'maxRetries', 'privateHostsAllowed', 'retryPossiblyBilled', 'taskTimeout', 'timeout'];
/** What happens to result images; only for operations that answer with images. */
const OUTPUT_OPTIONS: OptionName[] = [
	'downloadImages',
	'maxDownloadSize',
	'outputBinaryPropertyName',
];

/**
 * The node's versions. 1.1 moves the node's own behaviour into "Request Options", names result files in
 * kebab-case and starts Generate, Edit and Remix on Ideogram 4.5; 1.2 starts Upscale, Describe and Replace
 * Background on their newest models and names result files per item. Each version keeps every default it had.
 */
export const NODE_VERSIONS = [1, 1.1, 1.2];

/** A `@version` condition: the versions from `from` up to (not including) `until`, or every later one. */
export function versionsFrom(
	from: number,
	until?: number,
): Array<number | { _cnd: { gte: number } }> {
	return until === undefined
		? [{ _cnd: { gte: from } }]
		: NODE_VERSIONS.filter((version) => version >= from && version < until);
}

const VERSION_1 = { '@version': versionsFrom(1, 1.1) };
const FROM_VERSION_1_1 = { '@version': versionsFrom(1.1) };

function collection(
	name: string,
	displayName: string,
	options: OptionName[],
	show: object,
	laterDefaults = false,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show as never },
		options: options
			.map((option) => optionProperty(option, laterDefaults))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * An operation's option collections. Version 1 keeps everything in one `options` collection, as saved
 * workflows have it; from version 1.1 the node's own behaviour moves to a second `Request Options`
 * collection, so Add Option lists only what shapes the image.
 */
export function optionCollections(
	names: OptionName[],
	withResults = true,
	extraRequestOptions: OptionName[] = [],
): INodeProperties[] {
	const requestOptions = [
		...REQUEST_OPTIONS,
		...(withResults ? OUTPUT_OPTIONS : []),
		...extraRequestOptions,
	];
	return [
		collection('options', 'Options', [...names, ...requestOptions], VERSION_1),
		...(names.length > 0 ? [collection('options', 'Options', names, FROM_VERSION_1_1, true)] : []),
		collection('requestOptions', 'Request Options', requestOptions, FROM_VERSION_1_1, true),
	];
}

/** The Prompt field, with an example and visible help that fit what the operation does with it. */
export function promptProperty(help: {
	description: string;
	placeholder: string;
	hint: string;
}): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		...help,
	};
}

/** Where the input image comes from: binary data on the item (default) or a URL, which AI agents can give. */
export function imageSourceProperties(imageLabel: string, maxMegabytes = 10): INodeProperties[] {
	return [
		{
			displayName: 'Image Source',
			name: 'imageSource',
			type: 'options',
			options: [
				{
					name: 'Binary Data',
					value: 'binary',
					description: 'A file on the input item, from a Form Trigger, Read Files, HTTP Request…',
				},
				{
					name: 'URL',
					value: 'url',
					description:
						'An image address the node downloads; use this when an AI agent calls the node',
				},
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
			hint: 'The binary field holding the image, such as data (where files are kept in the item, its path also works: _files.data)',
			description: `JPEG, PNG or WebP, up to ${maxMegabytes} MB`,
		},
		{
			displayName: `${imageLabel} URL`,
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.png',
			displayOptions: { show: { imageSource: ['url'] } },
			description: `Public http(s) address of a JPEG, PNG or WebP image, up to ${maxMegabytes} MB. It is fetched without your credentials.`,
		},
	];
}

/**
 * A second file beside the input image (a mask, a background reference), from binary data or a URL as Image
 * Source says; `show` limits it to some models.
 */
export function fileProperties(
	input: FileInput,
	help: {
		binaryPlaceholder: string;
		description: string;
		hint?: string;
		show?: Record<string, string[]>;
	},
): INodeProperties[] {
	const show = help.show ?? {};
	return [
		{
			displayName: input.binaryLabel,
			name: input.binaryParameter,
			type: 'string',
			default: '',
			placeholder: help.binaryPlaceholder,
			required: true,
			displayOptions: { show: { imageSource: ['binary'], ...show } },
			...(help.hint ? { hint: help.hint } : {}),
			description: help.description,
		},
		{
			displayName: input.urlLabel,
			name: input.urlParameter,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/image.png',
			displayOptions: { show: { imageSource: ['url'], ...show } },
			...(help.hint ? { hint: help.hint } : {}),
			description: help.description,
		},
	];
}
