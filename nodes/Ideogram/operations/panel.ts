import type { INodeProperties } from 'n8n-workflow';

import { optionProperty, type OptionName } from '../options/definitions';

/** How the node behaves, rather than what it asks Ideogram for. */
const REQUEST_OPTIONS: OptionName[] = ['allowPrivateAddresses', 'concurrency', 'maxRetries', 'privateHostsAllowed', 'retryPossiblyBilled', 'taskTimeout', 'timeout'];
/** What happens to result images; only for operations that answer with images. */
const OUTPUT_OPTIONS: OptionName[] = ['downloadImages', 'maxDownloadSize', 'outputBinaryPropertyName'];

const VERSION_1 = { '@version': [1] };
const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

function collection(name: string, displayName: string, options: OptionName[], show: object): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show as never },
		options: options.map(optionProperty).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * An operation's option collections. Version 1 keeps everything in one `options` collection, as saved
 * workflows have it; from version 1.1 the node's own behaviour moves to a second `Request Options`
 * collection, so Add Option lists only what shapes the image.
 */
export function optionCollections(names: OptionName[], withImages = true): INodeProperties[] {
	const requestOptions = [...REQUEST_OPTIONS, ...(withImages ? OUTPUT_OPTIONS : [])];
	return [
		collection('options', 'Options', [...names, ...requestOptions], VERSION_1),
		...(names.length > 0 ? [collection('options', 'Options', names, FROM_VERSION_1_1)] : []),
		collection('requestOptions', 'Request Options', requestOptions, FROM_VERSION_1_1),
	];
}

/** The Prompt field, with an example and visible help that fit what the operation does with it. */
export function promptProperty(help: { description: string; placeholder: string; hint: string }): INodeProperties {
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
