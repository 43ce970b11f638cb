import { sleep } from 'n8n-workflow';

import { ImageWindow } from '../nodes/Ideogram/helpers/imageWindow';

describe('ImageWindow', () => {
	it('lets requests in while their images fit, and the next one in as soon as places are given back', async () => {
		const window = new ImageWindow(10);
		const order: string[] = [];
		await window.acquire(4);
		await window.acquire(6);
		const third = window.acquire(3).then(() => order.push('third in'));
		await sleep(20);
		expect(order).toEqual([]);
		window.release(4);
		await third;
		expect(order).toEqual(['third in']);
	});

	it('runs a request larger than the window alone rather than never', async () => {
		const window = new ImageWindow(2);
		await window.acquire(5);
		let second = false;
		const waiting = window.acquire(1).then(() => (second = true));
		await sleep(20);
		expect(second).toBe(false);
		window.release(5);
		await waiting;
		expect(second).toBe(true);
	});
});
