import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { MAX_LARGE_FILE_BYTES } from '../options/apiValues';
import { assertSameSize, readReferenceImages, type BinaryReference, type InputImage } from '../media/inputImages';
import {
	dryRunPath,
	editEndpointChoice,
	editEndpointFor,
	isV2Model,
	MODEL_NAMES,
	modelOf,
	NEWEST_MODEL,
	OPERATION_MODELS,
	V1_MODEL,
	v2Path,
	type Model,
	type ModelOperation,
} from '../catalogue/models';
import { encodeMultipart, type MultipartPart } from '../media/multipart';
import { isSet, labelOf, type NodeSettings, type OptionName } from '../options/definitions';
import { priceQuoteJson, type UnexpectedAnswer } from '../engine/priceQuote';
import { referenceImagesField, refuseOptionsOfOtherModels, v2OptionsOf, v2ReferenceImages, v2RequestMode, v2TextParts, V2_ONLY_OPTIONS } from '../engine/v2Request';
import { ideogramCredentials, type ApiAnswer } from '../transport';
import { pendingGenerationOf } from '../transport/generations';

import { optionCollections } from './panel';
import { downloadPolicy, IMAGE, MASK, notSent, prepareMultipart, readImage, requestPolicy } from '../engine/prepare';
import { answerToItems, retriesJson } from '../engine/toItems';
import type { Operation, OperationMeta, OperationSpec, PreparedRequest } from '../catalogue/types';

const VERSION_1 = { '@version': [1] };
const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

const MODEL_DESCRIPTIONS: Record<Model, string> = {
	'ideogram-3': 'The v1 paths: the official API and every gateway',
	'ideogram-4': 'The v2 paths (/v2/image/…): the official API',
	'ideogram-4-5': 'The newest model, on the v2 paths (/v2/image/…): the official API',
};

/**
 * The Model parameter: Ideogram 3.0 for node version 1 (every workflow saved before the 4.x models has no
 * `model` and must send what it sent), the newest model for nodes dropped on the canvas from version 1.1.
 */
function modelProperties(operation: ModelOperation): INodeProperties[] {
	const property = (defaultModel: Model, show: object): INodeProperties => ({
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: [...OPERATION_MODELS[operation]].reverse().map((model) => ({ name: MODEL_NAMES[model], value: model, description: MODEL_DESCRIPTIONS[model] })),
		default: defaultModel,
		description: 'Ideogram 3.0 works through gateways (v1 paths); the 4.x models need the official API (v2 paths)',
		displayOptions: { show: show as never },
	});
	return [property(V1_MODEL, VERSION_1), property(NEWEST_MODEL, FROM_VERSION_1_1)];
}

/**
 * Options the panel shows whatever the model. n8n drops a hidden option's value before the node runs, so an
 * Estimate Cost left on while switching to Ideogram 3.0 would silently become a real, billed render; shown, it
 * reaches the node and is refused before sending.
 */
const SHOWN_FOR_EVERY_MODEL = ['estimateCost'];

/** The models of this operation that take an option; every model for the node's own settings. */
function modelsTaking(operation: ModelOperation, name: string, v1Options: OptionName[]): Model[] | undefined {
	if (SHOWN_FOR_EVERY_MODEL.includes(name)) return undefined;
	const isApiOption = v1Options.includes(name as OptionName) || (V2_ONLY_OPTIONS as readonly string[]).includes(name) || name === 'editEndpoint';
	if (!isApiOption) return undefined;
	return OPERATION_MODELS[operation].filter((model) =>
		isV2Model(model) ? v2OptionsOf(operation, model).includes(name) : name === 'editEndpoint' || v1Options.includes(name as OptionName),
	);
}

/**
 * The operation's option collections, each option shown only for the models that take it (`/model` is the
 * top-level Model parameter). In version 1.1 Edit Endpoint offers `auto` as its default.
 */
function modelOptionCollections(operation: ModelOperation, v1Options: OptionName[]): INodeProperties[] {
	const v2Options = [...new Set(OPERATION_MODELS[operation].filter(isV2Model).flatMap((model) => v2OptionsOf(operation, model)))].filter(
		(name) => !v1Options.includes(name as OptionName),
	) as OptionName[];
	const names: OptionName[] = [...(operation === 'edit' ? (['editEndpoint'] as OptionName[]) : []), ...v1Options, ...v2Options];
	return optionCollections(names).map((collection) => {
		const fromVersion11 = JSON.stringify(collection.displayOptions?.show?.['@version']) === JSON.stringify(FROM_VERSION_1_1['@version']);
		return {
			...collection,
			options: (collection.options as INodeProperties[]).map((option) => {
				const models = modelsTaking(operation, option.name, v1Options);
				const shown: INodeProperties = models ? { ...option, displayOptions: { show: { '/model': models } } } : option;
				return option.name === 'editEndpoint' && fromVersion11 ? { ...shown, default: 'auto' } : shown;
			}),
		};
	});
}

function modelOfItem(ctx: IExecuteFunctions, itemIndex: number, operation: ModelOperation): Model {
	return modelOf(operation, ctx.getNodeParameter('model', itemIndex, V1_MODEL));
}

/** Whether the Edit item names a mask: optional for Precise Edit (empty field or URL means none). */
function namesMask(ctx: IExecuteFunctions, itemIndex: number, source: string): boolean {
	const mask = ctx.getNodeParameter(source === 'url' ? 'maskUrl' : 'maskBinaryPropertyName', itemIndex, '') as BinaryReference;
	return typeof mask === 'string' ? mask.trim() !== '' : isSet(mask);
}

/**
 * Prepares a 4.x request: every text field is checked before any file is read; the path is the model's v2
 * path, with `?dry_run=true` for a cost estimate, which takes no places in the image window.
 */
async function prepareV2(ctx: IExecuteFunctions, itemIndex: number, operation: ModelOperation, model: Model, settings: NodeSettings): Promise<PreparedRequest> {
	const policy = requestPolicy(settings);
	const source = operation === 'generate' ? 'binary' : (ctx.getNodeParameter('imageSource', itemIndex, 'binary') as string);
	const hasMask = operation === 'edit' && namesMask(ctx, itemIndex, source);
	const accepted = v2OptionsOf(operation, model);
	const references = accepted.includes('referenceImages') ? v2ReferenceImages(operation, settings.referenceImages, hasMask) : [];
	const textParts = v2TextParts({ operation, model, prompt: ctx.getNodeParameter('prompt', itemIndex), options: settings, referenceImageCount: references.length });

	// 25 MB per file on the 4.x endpoints; they state no total.
	const download = downloadPolicy(ctx, settings, MAX_LARGE_FILE_BYTES);
	const files: MultipartPart[] = [];
	if (operation !== 'generate') {
		const image = await readImage(ctx, itemIndex, source, IMAGE, download);
		files.push({ field: 'image', value: image.file });
		if (hasMask) {
			const mask: InputImage = await readImage(ctx, itemIndex, source, MASK, download);
			assertSameSize(ctx, itemIndex, image, mask, source === 'url' ? MASK.urlLabel : MASK.binaryLabel);
			files.push({ field: 'mask', value: mask.file });
		}
	}
	const referenceImages = await readReferenceImages(ctx, itemIndex, references, labelOf('referenceImages'), download, Number.POSITIVE_INFINITY);
	files.push(...referenceImages.map((image) => ({ field: referenceImagesField(operation), value: image.file })));

	const mode = v2RequestMode(settings);
	const { body, contentType } = encodeMultipart([...files, ...textParts]);
	const path = v2Path(operation, model);
	return {
		method: 'POST',
		path: mode === 'estimate' ? dryRunPath(path) : path,
		body,
		contentType,
		itemIndex,
		policy,
		// A quote renders nothing, so it takes no places in the window.
		images: mode === 'estimate' ? 0 : Math.max(1, Number(settings.numImages ?? 1) || 1),
		// The webhook delivers the images: the item outputs the acknowledgement instead of polling the generation.
		...(mode === 'webhook' ? { waitFor: [] } : {}),
	};
}

/**
 * A 4.x answer: a price quote for a cost estimate; otherwise the shared answer to items, which outputs images,
 * or `{ generation_id, status: "submitted" }` for a request with a webhook (its generation was not waited for).
 */
async function v2AnswerToItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	meta: OperationMeta,
	spec: OperationSpec,
	settings: NodeSettings,
	answer: ApiAnswer,
): Promise<INodeExecutionData[]> {
	const mode = v2RequestMode(settings);
	if (mode === 'estimate') {
		try {
			return [{ json: { ...priceQuoteJson(answer.body), ...retriesJson(answer.retries) }, pairedItem: { item: itemIndex } }];
		} catch (error) {
			const { message, description } = error as UnexpectedAnswer;
			throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
		}
	}
	if (mode === 'webhook' && pendingGenerationOf(answer.body) === undefined && !Array.isArray(answer.body.data)) {
		throw new NodeOperationError(ctx.getNode(), 'The answer to the request with a Webhook URL has no generation_id', {
			itemIndex,
			description: `Ideogram acknowledges an async request with its generation_id; got ${JSON.stringify(answer.body).slice(0, 300)}`,
		});
	}
	return await answerToItems(ctx, itemIndex, meta, spec, settings, answer);
}

/**
 * Generate, Edit or Remix with a choice of model. Ideogram 3.0 runs the operation's v1 spec exactly as before
 * (Edit's endpoint resolved from Edit Endpoint and the Base URL); the 4.x models run their v2 requests. Options
 * of the other models, present in the JSON, are refused before anything is read or sent.
 */
export function modelOperation(meta: OperationMeta, operation: ModelOperation, v1Spec: OperationSpec, properties: INodeProperties[]): Operation {
	return {
		meta,
		properties: updateDisplayOptions({ show: { operation: [meta.value] } }, [
			...modelProperties(operation),
			...properties,
			...modelOptionCollections(operation, v1Spec.options),
		]),
		prepare: async (ctx, itemIndex, settings) => {
			let model: Model;
			try {
				model = modelOfItem(ctx, itemIndex, operation);
				refuseOptionsOfOtherModels(operation, model, settings, v1Spec.options, (name) => labelOf(name as OptionName));
				if (isV2Model(model)) return await prepareV2(ctx, itemIndex, operation, model, settings);
			} catch (error) {
				notSent(ctx, itemIndex, error);
			}
			if (operation !== 'edit') return await prepareMultipart(ctx, itemIndex, v1Spec, settings);
			let choice;
			try {
				choice = editEndpointChoice(settings.editEndpoint, ctx.getNode().typeVersion);
			} catch (error) {
				notSent(ctx, itemIndex, error);
			}
			const baseUrl = choice === 'auto' ? String((await ideogramCredentials(ctx)).baseUrl ?? '') : '';
			return await prepareMultipart(ctx, itemIndex, v1Spec, { ...settings, editEndpoint: editEndpointFor(choice, baseUrl) });
		},
		toItems: async (ctx, itemIndex, settings, answer) => {
			const model = modelOfItem(ctx, itemIndex, operation);
			if (isV2Model(model)) return await v2AnswerToItems(ctx, itemIndex, meta, v1Spec, settings, answer);
			return await answerToItems(ctx, itemIndex, meta, v1Spec, settings, answer);
		},
	};
}
