import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { NodeSettings, OptionName } from '../options/definitions';
import type { ApiAnswer, ApiRequest, RunningRender } from '../transport';

/** How an operation appears in the operation selector and the node's subtitle. */
export interface OperationMeta {
	/** The `operation` parameter's value: a public contract of workflow JSON. */
	value: string;
	name: string;
	action: string;
	description: string;
}

/** An input file's parameters, and their names as the panel shows them (errors use those names). */
export interface FileInput {
	binaryParameter: string;
	binaryLabel: string;
	urlParameter: string;
	urlLabel: string;
}

/** Which colour of a mask marks the area the endpoint changes; Invert Mask turns one into the other. */
export type MaskConvention = 'blackChanges' | 'whiteChanges';

/** A file the endpoint takes from top-level parameters (the input image, its mask, a background reference). */
export interface FileField {
	/** The multipart part's name. */
	part: string;
	input: FileInput;
	maxBytes: number;
	/** Optional files are sent only when their parameter names one (Precise Edit's mask). */
	optional?: boolean;
	/** A mask: the same size as the file sent as `sameSizeAs`, and which colour it changes. */
	mask?: { sameSizeAs: string; convention: MaskConvention };
	/** Not a source image (a mask): it does not count towards the request's source images. */
	notSource?: boolean;
}

/** Files the endpoint takes from a list option (binary field names or URLs, separated by commas). */
export interface FileListField {
	option: OptionName;
	part: string;
	/** The most entries the endpoint takes; `maxWithMask` when the request also sends a mask. */
	max?: number;
	maxWithMask?: number;
	maxBytes: number;
	/** The most bytes all entries may have together, where the API states it. */
	maxTotalBytes?: number;
	/** Masks of another list's entries: one per entry, each the size of its entry. */
	masksOf?: OptionName;
}

/** How an option's validated value is written for one endpoint. */
export interface FieldSpelling {
	option: OptionName;
	/** The API field, where this endpoint names it differently from the option's usual field. */
	field?: string;
	/** v2 spells enums in lower case, v1 in upper case: the node's values are turned into this case. */
	letterCase?: 'lower' | 'upper';
	/** The values this endpoint takes, where it takes fewer than the option offers. */
	values?: string[];
	/** The longest text this endpoint takes. */
	maxLength?: number;
	/** The numbers this endpoint takes, where it takes fewer than the option offers. */
	range?: [number, number];
}

/** A top-level parameter that is required and sent as a field (Reframe's Resolution). */
export interface ParameterField {
	parameter: string;
	option: OptionName;
}

/**
 * How the request's body is encoded: multipart parts, a typed JSON object (numbers as numbers), or Upscale
 * v1's one JSON part named `image_request` beside the file.
 */
export type BodyEncoding = 'multipart' | 'json' | 'imageRequest';

/**
 * Whether the endpoint answers with its result (`sync`), always with a `generation_id` to poll (`async`), or
 * either (sync unless a Webhook URL is given, which makes Ideogram deliver the result there).
 */
export type AnswerTiming = 'sync' | 'async' | 'either';

/**
 * What a successful answer holds: images (`data[]`), SVG documents, text descriptions, a structured
 * prompt (`json_prompt`), or Layerize Text's layers.
 */
export type AnswerKind = 'images' | 'svgs' | 'descriptions' | 'jsonPrompt' | 'layers';

/** What a request needs to know that only the credential and the node's version say. */
export interface PathContext {
	settings: NodeSettings;
	baseUrl: string;
	nodeVersion: number;
}

/** The output size limit of endpoints that enlarge the input by a factor (Upscale). */
export interface OutputScale {
	/** The option holding the factor (`x2`…), and its value when unset. */
	option: OptionName;
	unset: string;
	maxSide: number;
}

/**
 * One call the node can make: everything that distinguishes one endpoint from another, as data. The engine
 * reads entries; it never asks which operation or model it runs.
 */
export interface Endpoint {
	/** The `model` parameter's value that picks this endpoint. */
	model: string;
	/** How errors and the panel name what runs: `Ideogram 4.5`, `Topaz Wonder 3.5`. */
	modelName: string;
	/** What the panel's Model list says of it. */
	modelDescription?: string;
	/** How errors name what this endpoint runs, where it is not the model and the operation (`Ideogram 4.5 Precise Edit`). */
	runs?: string;
	path: string | ((context: PathContext) => string);
	encoding: BodyEncoding;
	files: FileField[];
	fileLists?: FileListField[];
	/** Whether the top-level Prompt parameter is sent (and required). */
	prompt?: { maxLength?: number };
	parameters?: ParameterField[];
	/** The options the endpoint sends, in the order they are sent. */
	fields: Array<OptionName | FieldSpelling>;
	/** Options that steer how the node makes this endpoint's request without being sent (Edit Endpoint). */
	settings?: OptionName[];
	timing: AnswerTiming;
	/** `dry_run` is declared: Estimate Cost can price the request. Where it is not, sending it could run and bill. */
	quote: boolean;
	/** `webhook_url` is declared. */
	webhook: boolean;
	answer: AnswerKind;
	outputScale?: OutputScale;
}

/** One item's request, ready to send, and how many places it takes in the image window. */
export interface PreparedRequest extends ApiRequest {
	images: number;
	/** A price quote (`dry_run`): nothing renders or is billed. */
	priceOnly?: boolean;
	/**
	 * Which answers that stand for a render still running are waited for before the places go back
	 * (a gateway task, a pending generation): every kind unless the request says otherwise.
	 */
	waitFor?: RunningRender[];
}

/** The model a node version starts with, from that version on. */
export interface ModelDefault {
	fromVersion: number;
	model: string;
}

/** An operation as the catalogue describes it: its panel fields and the endpoints its models call. */
export interface OperationDefinition {
	meta: OperationMeta;
	/** The endpoints, oldest model first; one endpoint means no Model parameter. */
	endpoints: Endpoint[];
	/** The model each node version starts with (the Model parameter's default), oldest version first. */
	modelDefaults?: ModelDefault[];
	/** The operation's own panel fields (input, prompt…); the Model parameter and the options are derived. */
	properties: INodeProperties[];
}

/** An operation as the router runs it: prepare each item's request, then turn the answer into items. */
export interface Operation {
	meta: OperationMeta;
	properties: INodeProperties[];
	/** Whether Max Cost per Execution applies: the operation has a model Ideogram prices with `dry_run`. */
	priced?: boolean;
	/** Reads and checks the item's input and encodes its request; nothing is sent. */
	prepare(
		ctx: IExecuteFunctions,
		itemIndex: number,
		settings: NodeSettings,
	): Promise<PreparedRequest>;
	/** Turns the API's answer into output items (downloading results). */
	toItems(
		ctx: IExecuteFunctions,
		itemIndex: number,
		settings: NodeSettings,
		answer: ApiAnswer,
	): Promise<INodeExecutionData[]>;
}
