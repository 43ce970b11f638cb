// The request builder: one item's request to whichever endpoint its operation and model name, built from the
// catalogue entry alone. Every setting and text field is checked before any file is read, and everything
// before anything is sent.

import type { IExecuteFunctions } from 'n8n-workflow';

import type {
	Endpoint,
	FileField,
	FileListField,
	OperationDefinition,
	PreparedRequest,
} from '../catalogue/types';
import {
	assertSameSize,
	readReferenceImages,
	type BinaryReference,
	type InputImage,
} from '../media/inputImages';
import { invertMask } from '../media/maskInversion';
import type { MultipartPart } from '../media/multipart';
import { labelOf, type NodeSettings } from '../options/definitions';
import { InputError, isSet, splitList } from '../options/validators';
import { ideogramCredentials } from '../transport';

import { encodeBody } from './encode';
import {
	dryRunPath,
	endpointOf,
	endpointPath,
	refuseOptionsOfOtherModels,
	requestMode,
	type RequestMode,
} from './endpoint';
import { optionsOf, requestFields } from './fields';
import { downloadPolicy, maxDownloadBytes, notSent, readImage, requestPolicy } from './prepare';

/** The endpoint and mode of an item: read again when its answer arrives, from the same settings. */
export interface ItemCall {
	endpoint: Endpoint;
	mode: RequestMode;
}

export function itemCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	definition: OperationDefinition,
	settings: NodeSettings,
): ItemCall {
	const endpoint = endpointOf(definition, ctx.getNodeParameter('model', itemIndex, ''));
	refuseOptionsOfOtherModels(definition, endpoint, settings);
	return { endpoint, mode: requestMode(definition, endpoint, settings) };
}

/** Whether the endpoint's answer brings files the node downloads (Max Download Size applies to them). */
export function downloadsResults(endpoint: Endpoint): boolean {
	return endpoint.answer !== 'descriptions' && endpoint.answer !== 'jsonPrompt';
}

/** How many images the request asks for (1 to 8), which is also how many places it takes in the image window. */
export function imagesAskedFor(endpoint: Endpoint, settings: NodeSettings): number {
	return optionsOf(endpoint).includes('numImages')
		? Math.max(1, Number(settings.numImages ?? 1) || 1)
		: 1;
}

/** Whether the item names an optional file: an empty field or URL means none. */
function namesFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: string,
	file: FileField,
): boolean {
	const value = ctx.getNodeParameter(
		source === 'url' ? file.input.urlParameter : file.input.binaryParameter,
		itemIndex,
		'',
	) as BinaryReference;
	return typeof value === 'string' ? value.trim() !== '' : isSet(value);
}

interface NamedList {
	list: FileListField;
	entries: string[];
}

/** Each list's entries, checked against the endpoint's counts before anything is read. */
function namedLists(endpoint: Endpoint, settings: NodeSettings, hasMask: boolean): NamedList[] {
	const lists = (endpoint.fileLists ?? []).map((list) => ({
		list,
		entries: splitList(settings[list.option]),
	}));
	for (const { list, entries } of lists) {
		const max = hasMask ? (list.maxWithMask ?? list.max) : list.max;
		if (max !== undefined && entries.length > max) {
			throw new InputError(
				labelOf(list.option),
				`${entries.length} images given; ${hasMask && list.maxWithMask !== undefined ? 'with a mask ' : ''}at most ${max} are allowed`,
			);
		}
		const masked = list.masksOf && lists.find((other) => other.list.option === list.masksOf);
		if (masked && entries.length > 0 && entries.length !== masked.entries.length) {
			throw new InputError(
				labelOf(list.option),
				`there are ${entries.length} masks for ${masked.entries.length} ${labelOf(masked.list.option).toLowerCase()}; give one mask per reference, or none`,
			);
		}
	}
	return lists;
}

/** The factor an Upscale option names (`x4` → 4), and the output it would make refused when too large. */
function checkOutputScale(
	endpoint: Endpoint,
	settings: NodeSettings,
	image: InputImage | undefined,
): void {
	const scale = endpoint.outputScale;
	if (!scale || !image) return;
	const factor = Number(String(settings[scale.option] ?? scale.unset).replace(/^x/i, ''));
	const [width, height] = [image.info.width * factor, image.info.height * factor];
	if (width > scale.maxSide || height > scale.maxSide) {
		throw new InputError(
			labelOf(scale.option),
			`the image is ${image.info.width}×${image.info.height}, so x${factor} would make ${width}×${height}; Ideogram refuses outputs over ${scale.maxSide} pixels a side`,
			'Choose a smaller factor, or a smaller image.',
		);
	}
}

/** Reads the endpoint's files in the order it documents them, masks checked against the file they mask. */
async function readFiles(
	ctx: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
	settings: NodeSettings,
	source: string,
	files: FileField[],
	lists: NamedList[],
): Promise<MultipartPart[]> {
	const download = downloadPolicy(ctx, settings, 0);
	const parts: MultipartPart[] = [];
	const read = new Map<string, InputImage>();
	for (const file of files) {
		const image = await readImage(ctx, itemIndex, source, file.input, { ...download, maxBytes: file.maxBytes });
		const label = source === 'url' ? file.input.urlLabel : file.input.binaryLabel;
		const masked = file.mask && read.get(file.mask.sameSizeAs);
		if (masked) assertSameSize(masked, image, label, file.mask!.convention);
		read.set(file.part, image);
		// Invert Mask turns a mask of the other convention into this endpoint's (the sizes are the same).
		const data = file.mask && settings.invertMask === true ? await invertMask(image.file.data, `${labelOf('invertMask')} (${label})`) : image.file.data;
		parts.push({ field: file.part, value: { ...image.file, data } });
	}
	const listed = new Map<string, InputImage[]>();
	for (const { list, entries } of lists) {
		const images = await readReferenceImages(
			ctx,
			itemIndex,
			entries,
			labelOf(list.option),
			{ ...download, maxBytes: list.maxBytes },
			list.maxTotalBytes ?? Number.POSITIVE_INFINITY,
		);
		const masked = list.masksOf ? listed.get(list.masksOf) : undefined;
		if (masked)
			images.forEach((mask, index) =>
				assertSameSize(masked[index], mask, labelOf(list.option), 'blackChanges'),
			);
		listed.set(list.option, images);
		parts.push(...images.map((image) => ({ field: list.part, value: image.file })));
	}
	checkOutputScale(endpoint, settings, read.get(endpoint.files[0]?.part ?? ''));
	return parts;
}

/**
 * Prepares one item's request: picks the endpoint of its model, checks every setting and text field, reads and
 * checks its files, and encodes the body as the endpoint takes it. Nothing is sent; a failure here says so.
 */
export async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	definition: OperationDefinition,
	settings: NodeSettings,
): Promise<PreparedRequest> {
	try {
		const { endpoint, mode } = itemCall(ctx, itemIndex, definition, settings);
		const policy = requestPolicy(settings);
		if (downloadsResults(endpoint)) maxDownloadBytes(settings);
		const source =
			endpoint.files.length > 0
				? (ctx.getNodeParameter('imageSource', itemIndex, 'binary') as string)
				: 'binary';
		const files = endpoint.files.filter(
			(file) => !file.optional || namesFile(ctx, itemIndex, source, file),
		);
		const lists = namedLists(
			endpoint,
			settings,
			files.some((file) => file.mask),
		);
		const sourceImages =
			files.filter((file) => !file.mask && !file.notSource).length +
			lists
				.filter(({ list }) => !list.masksOf)
				.reduce((count, { entries }) => count + entries.length, 0);
		const fields = requestFields(
			endpoint,
			settings,
			{
				prompt: endpoint.prompt ? ctx.getNodeParameter('prompt', itemIndex) : undefined,
				parameters: Object.fromEntries(
					(endpoint.parameters ?? []).map(({ parameter }) => [
						parameter,
						ctx.getNodeParameter(parameter, itemIndex),
					]),
				),
			},
			sourceImages,
		);
		const baseUrl =
			typeof endpoint.path === 'function'
				? String((await ideogramCredentials(ctx)).baseUrl ?? '')
				: '';
		const path = endpointPath(endpoint, {
			settings,
			baseUrl,
			nodeVersion: ctx.getNode().typeVersion,
		});
		const parts = await readFiles(ctx, itemIndex, endpoint, settings, source, files, lists);
		const { body, contentType } = encodeBody(endpoint.encoding, parts, fields);
		return {
			method: 'POST',
			path: mode === 'estimate' ? dryRunPath(path) : path,
			body,
			contentType,
			itemIndex,
			policy,
			// A quote renders nothing, so it takes no places in the window.
			images: mode === 'estimate' ? 0 : imagesAskedFor(endpoint, settings),
			...(mode === 'estimate' ? { priceOnly: true } : {}),
			// A quote is answered at once; with a webhook, Ideogram delivers the result there and the item outputs
			// the acknowledgement instead of polling the generation.
			...(mode === 'run' ? {} : { waitFor: [] }),
		};
	} catch (error) {
		notSent(ctx, itemIndex, error);
	}
}
