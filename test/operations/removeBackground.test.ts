// Remove Background: one image (up to 25 MB) to POST /v1/remove-background, one transparent PNG back.
import { makePng, pngFile, readSandboxImageInfo, sandboxHarness, useSandbox } from '../support/fixtures';

const KEY = 'remove-background-key';
const sandbox = useSandbox(KEY);
const harness = sandboxHarness(sandbox, KEY);

/** A PNG that is `megabytes` large: a real header, padded (the size check reads the length, the API the header). */
const largePng = (megabytes: number) => ({ data: Buffer.concat([makePng(40, 30), Buffer.alloc(megabytes * 1024 * 1024)]), mimeType: 'image/png', fileName: 'large.png' });

describe('Remove Background', () => {
	it('sends only the image and returns one transparent PNG of its size, downloaded', async () => {
		const { run, bytesOf } = harness({ parameters: { operation: 'removeBackground', binaryPropertyName: 'data' }, items: [{ binary: { data: pngFile(90, 60) } }] });
		const output = await run();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect([request.method, request.path, request.auth]).toEqual(['POST', '/v1/remove-background', 'apiKey']);
		expect(request.fields).toEqual({});
		expect(Object.keys(request.files)).toEqual(['image']);
		expect(request.files.image[0]).toMatchObject({ filename: 'photo.png', width: 90, height: 60 });

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.json).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), resolution: '90x60', is_image_safe: true, created: expect.any(String) });
		expect(item.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'ideogram-removeBackground-1-1.png' });
		const bytes = bytesOf(item.binary!.data);
		expect(readSandboxImageInfo(bytes)).toEqual({ format: 'png', width: 90, height: 60 });
		expect(bytes[25]).toBe(6); // colour type 6: RGBA, the background is transparent
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('takes images over 10 MB up to the endpoint\'s 25 MB', async () => {
		const { run } = harness({ parameters: { operation: 'removeBackground', binaryPropertyName: 'data' }, items: [{ binary: { data: largePng(12) } }] });
		const [item] = await run();
		expect(item.json.resolution).toBe('40x30');
	});

	it('refuses an image over 25 MB before sending, naming the field', async () => {
		const { run } = harness({ parameters: { operation: 'removeBackground', binaryPropertyName: 'data' }, items: [{ binary: { data: largePng(26) } }] });
		await expect(run()).rejects.toThrow(/^Input Image Field: binary field "data" is 26\.0 MB, over the API's 25\.0 MB limit/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('keeps only the URL when Download Images is off (version 1.1 Request Options)', async () => {
		const { run } = harness({
			parameters: { operation: 'removeBackground', binaryPropertyName: 'data', requestOptions: { downloadImages: false } },
			items: [{ binary: { data: pngFile(20, 20) } }],
		});
		const [item] = await run();
		expect(item.binary).toBeUndefined();
		expect(item.json.url).toEqual(expect.any(String));
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('reads the image from a URL, up to 25 MB too', async () => {
		const url = sandbox.serveFile('cut-me.png', makePng(50, 40));
		const { run } = harness({ parameters: { operation: 'removeBackground', imageSource: 'url', imageUrl: url } });
		const [item] = await run();
		expect(sandbox.requests[0].files.image[0]).toMatchObject({ filename: 'cut-me.png', width: 50, height: 40 });
		expect(item.json.resolution).toBe('50x40');
	});
});
