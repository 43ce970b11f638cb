'use strict';
/**
 * What the sandbox charges, in integer micro-USD (60000 = $0.06), for price quotes (`?dry_run=true`), for
 * `usage_cost_usd_micros` and for the usage report. The reference's prices where it gives them; README.md's
 * price table marks the sandbox's own. Never floats: a megapixel price is rounded up once, from integers.
 */

const PER_IMAGE = {
	// Ideogram 4.5 by quality (the reference: $0.03 low, $0.06 medium, $0.10 high).
	ideogram_4_5: { very_low: 15000, low: 30000, medium: 60000, high: 100000 },
	// Ideogram 4.0 by rendering speed ($0.03 turbo, $0.06 default, $0.10 quality).
	ideogram_4: { turbo: 30000, default: 60000, quality: 100000 },
	// Ideogram 3.0 (v1 paths) by rendering speed ($0.03 turbo, $0.06 default, $0.09 quality; flash and balanced the sandbox's).
	ideogram_3: { FLASH: 20000, TURBO: 30000, BALANCED: 45000, DEFAULT: 60000, QUALITY: 90000 },
	// Ideogram 3.0 transparent (v1) by rendering speed, at X1; X2 and X4 add a fixed amount ($0.16-0.26 in all).
	ideogram_3_transparent: { TURBO: 40000, DEFAULT: 70000, QUALITY: 100000 },
	// Ideogram Vector 1.0 by quality ($0.13, $0.16, $0.20; high with reference images $0.32).
	vector_generate: { low: 130000, medium: 160000, high: 200000, high_with_references: 320000 },
};
const TRANSPARENT_3_UPSCALE = { X1: 0, X2: 120000, X4: 160000 };
// Ideogram 4.0 transparent: the 4.0 price by speed plus a tier surcharge ($0.06 at 1k default, as quoted).
const TRANSPARENT_4_TIER = { '1k': 0, '2k': 20000, '4k': 60000, '8k': 140000 };
const FLAT = {
	ideogram_4_remix: 40000,
	remove_background: 20000,
	layerize_text: 30000,
	object_removal_usage_v2: 30000,
	ideogram_vector_1_vectorize: 100000,
	ideogram_4_5_replace_background: 100000,
	ideogram_4_describe: 10000,
	ideogram_v3_describe: 10000,
	ideogram_v3_upscale: 60000,
};
// Upscale: per output megapixel (the quotes of a 1024×1024 source at x2: $0.251659 auto, …).
const PER_MEGAPIXEL = {
	upscale_auto: 60000,
	topaz_standard_v2_upscale: 30000,
	topaz_text_refine_upscale: 30000,
	topaz_wonder_3_5_upscale: 60000,
	topaz_redefine_upscale: 60000,
	topaz_bloom_2_upscale: 90000,
};
const NANO_BANANA_PRO = { '1K': 67200, '2K': 134400, '4K': 268800 };

/**
 * A charge: { billing_identifier, quantity, unitMicros (per unit; undefined for usage-priced products),
 * usdMicros, upperBoundMicros, qualifier, unit, dimensions }.
 */
function perUnit(billing, quantity, unitMicros, dimensions = {}, unit = 'image') {
	const usdMicros = unitMicros * quantity;
	return { billing_identifier: billing, quantity, unitMicros, usdMicros, upperBoundMicros: usdMicros, qualifier: 'exact', unit, dimensions };
}

function flat(billing, quantity = 1, unit = 'image') {
	return perUnit(billing, quantity, FLAT[billing], {}, unit);
}

/** Upscale: the output's megapixels at the model's rate, rounded up; an estimate, up to 1.5 times that. */
function upscaleCharge(billing, width, height, tier) {
	if (billing === 'nano_banana_pro_upscale') return perUnit(billing, 1, NANO_BANANA_PRO[tier], { resolution_tier: tier });
	const pixels = width * height;
	const usdMicros = Math.ceil((pixels * PER_MEGAPIXEL[billing]) / 1e6);
	const upperBoundMicros = Math.ceil((pixels * PER_MEGAPIXEL[billing] * 3) / 2e6);
	return { billing_identifier: billing, quantity: 1, unitMicros: undefined, usdMicros, upperBoundMicros, qualifier: 'estimate', unit: 'image', dimensions: { output: `${width}x${height}` } };
}

/** The PriceQuote body of a charge. */
function priceQuote(charge) {
	return {
		object: 'price_quote',
		billing_identifier: charge.billing_identifier,
		quantity: charge.quantity,
		usd_micros: charge.usdMicros,
		credit_millis: Math.ceil(charge.usdMicros / 10),
		qualifier: charge.qualifier,
		upper_bound_usd_micros: charge.upperBoundMicros,
	};
}

module.exports = { PER_IMAGE, FLAT, PER_MEGAPIXEL, NANO_BANANA_PRO, TRANSPARENT_3_UPSCALE, TRANSPARENT_4_TIER, perUnit, flat, upscaleCharge, priceQuote };
