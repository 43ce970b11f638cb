import { sleep } from 'n8n-workflow';

import { ImageWindow } from '../../nodes/Ideogram/engine/readAhead';

describe('ImageWindow', () => {
	it('lets requests in while their images fit, and the next one in as soon as places are given back', async () => {
		const window = new ImageWindow(10);
		const order: string[] = [];
		const first = await window.take(4);
		await window.take(6);
		const third = window.take(3).then(() => order.push('third in'));
		await sleep(20);
		expect(order).toEqual([]);
		first.release();
		await third;
		expect(order).toEqual(['third in']);
	});

	it('runs a request larger than the window alone rather than never', async () => {
		const window = new ImageWindow(2);
		const large = await window.take(5);
		let second = false;
		const waiting = window.take(1).then(() => (second = true));
		await sleep(20);
		expect(second).toBe(false);
		large.release();
		await waiting;
		expect(second).toBe(true);
	});

	it('gives places back once, however often release is called', async () => {
		const window = new ImageWindow(2);
		const first = await window.take(1);
		const second = await window.take(1);
		first.release();
		first.release();
		await window.take(1);
		let fourth = false;
		const waiting = window.take(1).then(() => (fourth = true));
		await sleep(20);
		expect(fourth).toBe(false);
		second.release();
		await waiting;
		expect(fourth).toBe(true);
	});
});
