// Layerize Text: an image, optional prompt and seed to POST /v1/ideogram-v3/layerize-text; one item with the
// text blocks as Ideogram returns them, the seed, the text-free base image and the original.
import { readSandboxImageInfo, sandboxHarness, useSandbox } from '../support/fixtures';

const KEY = 'layerize-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);
/** A poster with lettering: the sandbox's Generate 3.0 paints the prompt's words, which Layerize reads back. */
let poster: { binary: { data: { data: Buffer; mimeType: string; fileName: string } } };
beforeAll(async () => {
	const { run, bytesOf } = harness({ parameters: { operation: 'generate', prompt: 'SUMMER SALE', options: { resolution: '1536x512' } }, items: [{ json: {} }] });
	const [made] = await run();
	poster = { binary: { data: { data: bytesOf(made.binary!.data), mimeType: 'image/png', fileName: 'poster.png' } } };
});

describe('Layerize Text', () => {
	it('sends image, prompt and seed; outputs text_blocks and seed, the base image in data and the original in original', async () => {
		const { run, bytesOf } = harness({
			parameters: { operation: 'layerizeText', binaryPropertyName: 'data', options: { prompt: 'a sale poster', seed: 42 } },
			items: [poster],
		});
		const output = await run();
		const [request] = sandbox.requests;
		expect([request.method, request.path]).toEqual(['POST', '/v1/ideogram-v3/layerize-text']);
		expect(request.fields).toEqual({ prompt: ['a sale poster'], seed: ['42'] });
		expect(request.files.image[0]).toMatchObject({ filename: 'poster.png', width: 1536, height: 512 });

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.json.seed).toBe(42);
		expect(item.json.text_blocks).toEqual([expect.objectContaining({ text: 'SUMMER\nSALE', alignment: 'center', role: 'headline' })]);
		expect(item.json).toMatchObject({ base_image_url: expect.any(String), original_image_url: expect.any(String) });
		expect(Object.keys(item.binary!)).toEqual(['data', 'original']);
		expect(item.binary!.data.fileName).toBe('ideogram-layerizeText-42.png');
		expect(item.binary!.original.fileName).toBe('ideogram-layerizeText-42-original.png');
		const base = bytesOf(item.binary!.data);
		const original = bytesOf(item.binary!.original);
		expect(readSandboxImageInfo(base)).toEqual({ format: 'png', width: 1536, height: 512 });
		expect(readSandboxImageInfo(original)).toEqual({ format: 'png', width: 1536, height: 512 });
		expect(base.equals(original)).toBe(false);
	});

	it('sends only the image when no prompt or seed is set, and writes the base image to the chosen field', async () => {
		const { run } = harness({ parameters: { operation: 'layerizeText', binaryPropertyName: 'data', requestOptions: { outputBinaryPropertyName: 'layers' } }, items: [poster] });
		const [item] = await run();
		expect(sandbox.requests[0].fields).toEqual({});
		expect(Object.keys(item.binary!)).toEqual(['layers', 'original']);
		expect(item.json.seed).toEqual(expect.any(Number));
	});

	it('outputs no original when the API links none', async () => {
		sandbox.queueFault({ noOriginal: true });
		const { run } = harness({ parameters: { operation: 'layerizeText', binaryPropertyName: 'data' }, items: [poster] });
		const [item] = await run();
		expect(Object.keys(item.binary!)).toEqual(['data']);
		expect(item.json.original_image_url).toBeUndefined();
	});

	it('keeps the URLs and downloads nothing when Download Images is off', async () => {
		const { run } = harness({ parameters: { operation: 'layerizeText', binaryPropertyName: 'data', options: { downloadImages: false } }, items: [poster] });
		const [item] = await run();
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ base_image_url: expect.any(String), original_image_url: expect.any(String), text_blocks: expect.any(Array) });
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('refuses a seed out of range before sending, naming the field', async () => {
		const { run } = harness({ parameters: { operation: 'layerizeText', binaryPropertyName: 'data', options: { seed: -3 } }, items: [poster] });
		await expect(run()).rejects.toThrow(/^Seed/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses an answer without text_blocks and a base image', async () => {
		sandbox.queueFault({ status: 200, body: { seed: 1 } });
		const { run } = harness({ parameters: { operation: 'layerizeText', binaryPropertyName: 'data' }, items: [poster] });
		await expect(run()).rejects.toThrow('Ideogram answered Layerize Text without text_blocks and a base_image_url');
	});
});
