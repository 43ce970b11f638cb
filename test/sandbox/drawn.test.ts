// The 4.x answers and the newer v1 tools draw their results from the request, as the 3.0 ones do: a newcomer's
// first Generate 4.5 shows its prompt, a remix "in purple" turns purple, a precise edit changes the masked area
// and takes its reference's colour, a removed background leaves the subject on transparency.
import { dominantColours } from '../../sandbox/render';
import { encodePng, makePng } from '../../sandbox/png';
import { useSandbox } from '../support/fixtures';
import { alphaOf, client, download, form, pixelsOf } from './client';

const KEY = 'sandbox-drawn-key';
const sandbox = useSandbox(KEY, { inflightLimit: 10 });
const { post } = client(sandbox, KEY);

const RED = [200, 40, 40];
const BLUE = [40, 90, 200];
const halves = (width: number, height: number) => encodePng(width, height, (x: number) => (x < width / 2 ? RED : BLUE));
/** A red mug, as far as the sandbox can tell: a red disc on white. */
const mug = (width: number, height: number) =>
	encodePng(width, height, (x: number, y: number) => (((x - width / 2) / (width * 0.25)) ** 2 + ((y - height / 2) / (height * 0.3)) ** 2 <= 1 ? RED : [255, 255, 255]));
const fetchPicture = async (url: string) => pixelsOf((await download(url)).bytes);

describe('sandbox: 4.x answers drawn from the request', () => {
	it('Generate 4.5 draws the prompt: its colour, its words, a different picture for a different prompt', async () => {
		const purple = await post('/v2/image/generate/ideogram-4-5', { prompt: 'a purple lighthouse', size: '1024x1024' });
		const green = await post('/v2/image/generate/ideogram-4-5', { prompt: 'a green lighthouse', size: '1024x1024' });
		const [a, b] = await Promise.all([download(purple.json.data[0].url), download(green.json.data[0].url)]);
		expect(a.bytes.equals(b.bytes)).toBe(false);
		const picture = pixelsOf(a.bytes);
		// Purple on average (a gradient of the prompt's colour): red and blue well above green.
		const mean = [0, 1, 2].map((channel) => {
			let sum = 0;
			for (let at = channel; at < picture.data.length; at += 3) sum += picture.data[at];
			return sum / (picture.width * picture.height);
		});
		expect([mean[0] > mean[1] + 20, mean[2] > mean[1] + 40]).toEqual([true, true]);
		// The words are painted in near-white: not one flat colour.
		expect(dominantColours(picture, 8).some((colour) => colour.name === 'white' || colour.name === 'light grey')).toBe(true);
	});

	it('Generate 4.5 gives each answer its own result URL', async () => {
		const { json } = await post('/v2/image/generate/ideogram-4-5', { prompt: 'x', num_images: 3 });
		expect(new Set(json.data.map((item) => item.url)).size).toBe(3);
	});

	it('Remix 4.5 follows the prompt ("in purple" tints the input purple) and keeps the input\'s layout', async () => {
		const { json } = await post('/v2/image/remix/ideogram-4-5', form([['prompt', 'the same, in purple'], ['image', halves(64, 64)], ['image_weight', '10']]));
		const picture = await fetchPicture(json.data[0].url);
		const [left, right] = [picture.at(5, 32), picture.at(58, 32)];
		expect(left).not.toEqual(right);
		expect(left[2]).toBeGreaterThan(RED[2] + 40); // red pulled towards purple (130, 50, 170)
		expect(right[0]).toBeGreaterThan(BLUE[0] + 40);
	});

	it('Remix 4.0 follows the input and the prompt too', async () => {
		const { json } = await post('/v2/image/remix/ideogram-4', form([['prompt', 'yellow'], ['image', halves(64, 64)]]));
		const picture = await fetchPicture(json.data[0].url);
		expect(picture.at(5, 32)).not.toEqual(picture.at(58, 32));
		expect(picture.at(58, 32)[1]).toBeGreaterThan(BLUE[1]);
	});

	it('Precise Edit 4.5 changes the black area of the mask, keeps the white area exactly, and paints in its reference\'s colour', async () => {
		const photo = encodePng(64, 64, (x: number, y: number) => [x * 3, y * 3, 120]);
		const mask = encodePng(64, 64, (x: number) => (x < 32 ? [0, 0, 0] : [255, 255, 255]));
		const { json } = await post('/v2/image/precise-edit/ideogram-4-5', form([['prompt', 'a wall'], ['image', photo], ['mask', mask], ['reference_images', makePng(16, 16, [40, 160, 60])]]));
		const result = await fetchPicture(json.data[0].url);
		const original = pixelsOf(photo);
		for (const [x, y] of [[40, 5], [63, 63], [32, 30]]) expect(result.at(x, y)).toEqual(original.at(x, y));
		expect(result.at(5, 63)).not.toEqual(original.at(5, 63));
		const bottom = result.at(5, 63);
		expect(bottom[1]).toBeGreaterThan(bottom[0] + 60); // the reference's green at the foot of the edited area
	});

	it('Precise Edit 4.5 without a mask still changes the photo, following the prompt', async () => {
		const photo = makePng(48, 48, [128, 128, 128]);
		const { json } = await post('/v2/image/precise-edit/ideogram-4-5', form([['prompt', 'make it red'], ['image', photo]]));
		const result = await fetchPicture(json.data[0].url);
		expect(result.at(24, 24)[0]).toBeGreaterThan(result.at(24, 24)[2] + 40);
	});

	it('Generate 4.5 with an image and a mask edits that image', async () => {
		const photo = makePng(256, 256, [90, 90, 90]);
		const mask = encodePng(256, 256, (x: number) => (x < 128 ? [0, 0, 0] : [255, 255, 255]));
		const { json } = await post('/v2/image/generate/ideogram-4-5', form([['prompt', 'blue sky'], ['images', photo], ['mask', mask]]));
		const result = await fetchPicture(json.data[0].url);
		expect(result.at(200, 100)).toEqual([90, 90, 90]);
		expect(result.at(10, 250)[2]).toBeGreaterThan(result.at(10, 250)[0]);
	});

	it('Remove Background cuts the subject out on transparency: a red mug stays red, the white around it goes', async () => {
		const { json } = await post('/v1/remove-background', form([['image', mug(120, 90)]]));
		const picture = alphaOf((await download(json.data[0].url)).bytes);
		expect([picture.width, picture.height]).toEqual([120, 90]);
		expect([picture.alpha(2, 2), picture.alpha(117, 87), picture.alpha(60, 45)]).toEqual([0, 0, 255]);
		expect(picture.rgb(60, 45)).toEqual(RED);
	});
});
