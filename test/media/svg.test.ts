import { activeSvgContent, isSvgComplete, readSvgInfo, SVG_ROOT_WITHIN_BYTES } from '../../nodes/Ideogram/media/svg';

const svg = (text: string) => Buffer.from(text, 'utf8');
const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

/** A document around some content, as a vectoriser writes one. */
function doc(content: string, rootAttributes = ''): Buffer {
	return svg(`<?xml version="1.0" encoding="UTF-8"?>\n<svg ${NS} ${XLINK} viewBox="0 0 100 100"${rootAttributes}>\n${content}\n</svg>\n`);
}

describe('readSvgInfo', () => {
	it('reads width and height from the root', () => {
		expect(readSvgInfo(svg(`<svg ${NS} width="1024" height="768"><path d="M0 0h10"/></svg>`))).toEqual({ width: 1024, height: 768 });
	});

	it('converts absolute units and accepts px, decimals and exponents', () => {
		expect(readSvgInfo(svg(`<svg ${NS} width="1in" height="2.54cm"/>`))).toEqual({ width: 96, height: 96 });
		expect(readSvgInfo(svg(`<svg ${NS} width="150px" height="7.5e1pt"/>`))).toEqual({ width: 150, height: 100 });
		expect(readSvgInfo(svg(`<svg ${NS} width=" 12.5 " height="10mm"/>`))?.width).toBe(12.5);
	});

	it('falls back on the viewBox, keeping its aspect ratio when one side is given', () => {
		expect(readSvgInfo(svg(`<svg ${NS} viewBox="0 0 300 150"/>`))).toEqual({ width: 300, height: 150 });
		expect(readSvgInfo(svg(`<svg ${NS} viewBox="0,0,300,150" width="100%" height="100%"/>`))).toEqual({ width: 300, height: 150 });
		expect(readSvgInfo(svg(`<svg ${NS} viewBox="-10 -10 300 150" width="600"/>`))).toEqual({ width: 600, height: 300 });
		expect(readSvgInfo(svg(`<svg ${NS} viewBox="0 0 300 150" height="50"/>`))).toEqual({ width: 100, height: 50 });
	});

	it('gives an empty size for an SVG that states none (or only relative or broken values)', () => {
		expect(readSvgInfo(svg(`<svg ${NS}><rect width="1" height="1"/></svg>`))).toEqual({});
		expect(readSvgInfo(svg(`<svg ${NS} width="50%" height="2em" viewBox="0 0 0 10"/>`))).toEqual({});
		expect(readSvgInfo(svg(`<svg ${NS} width="-5" height="abc" viewBox="1 2 3"/>`))).toEqual({});
	});

	it('steps over a BOM, XML declaration, comments, processing instructions and a DOCTYPE', () => {
		const text =
			'\ufeff<?xml version="1.0" standalone="no"?>\r\n<!-- Generator: Adobe Illustrator 24.0, SVG Export Plug-In . SVG Version: 6.00 -->\n' +
			'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' +
			`<svg version="1.1" ${NS} width="64" height="32"></svg>`;
		expect(readSvgInfo(svg(text))).toEqual({ width: 64, height: 32 });
		const withSubset = `<!DOCTYPE svg [ <!ENTITY a "x>]"> ]><svg ${NS} width="5" height="6"/>`;
		expect(readSvgInfo(svg(withSubset))).toEqual({ width: 5, height: 6 });
	});

	it('accepts a prefixed root element', () => {
		expect(readSvgInfo(svg('<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="8" height="9"/>'))).toEqual({ width: 8, height: 9 });
	});

	it('recognises nothing else', () => {
		const notSvg = [
			'',
			'hello <svg/>',
			'<html><body><svg width="1" height="1"></svg></body></html>',
			'<!DOCTYPE html><html><svg width="1" height="1"/></html>',
			'<svgx width="1"/>',
			'<?xml version="1.0"?><feed/>',
			'<!-- never closed <svg/>',
			'<?xml never closed <svg/>',
			'{"svg": true}',
		];
		for (const text of notSvg) expect(readSvgInfo(svg(text))).toBeUndefined();
		expect(readSvgInfo(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeUndefined();
		expect(readSvgInfo(Buffer.from(`<svg ${NS} width="1" height="1"/>`, 'utf16le'))).toBeUndefined();
	});

	it('looks for the root only within its stated prefix', () => {
		const comment = `<!--${'x'.repeat(SVG_ROOT_WITHIN_BYTES)}-->`;
		expect(readSvgInfo(svg(`${comment}<svg ${NS} width="1" height="1"/>`))).toBeUndefined();
		const shortComment = `<!--${'x'.repeat(SVG_ROOT_WITHIN_BYTES - 200)}-->`;
		expect(readSvgInfo(svg(`${shortComment}<svg ${NS} width="1" height="1"/>`))).toEqual({ width: 1, height: 1 });
	});
});

describe('isSvgComplete', () => {
	it('accepts a document that ends with its root end tag, then whitespace or comments', () => {
		expect(isSvgComplete(doc('<path d="M0 0"/>'))).toBe(true);
		expect(isSvgComplete(svg(`<svg ${NS}><g/></svg>\n<!-- done -->\n\n`))).toBe(true);
		expect(isSvgComplete(svg('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g/></s:svg>'))).toBe(true);
		expect(isSvgComplete(svg(`<?xml version="1.0"?><svg ${NS} width="1" height="1"/>`))).toBe(true);
	});

	it('refuses a document cut short', () => {
		const whole = doc('<path d="M0 0 L 10 10"/>');
		for (const cut of [whole.length - 4, whole.length - 12, 60]) expect(isSvgComplete(whole.subarray(0, cut))).toBe(false);
		expect(isSvgComplete(svg(`<svg ${NS}><g></g>`))).toBe(false);
		expect(isSvgComplete(svg(`<svg ${NS}><path/>`))).toBe(false);
		expect(isSvgComplete(svg(''))).toBe(false);
	});
});

describe('activeSvgContent', () => {
	it('passes safe SVGs of various shapes', () => {
		const safe = [
			doc('<path d="M10 10 L 90 90 Z" fill="#ff0000" stroke="rgb(0, 0, 0)"/>'),
			doc('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect fill="url(#g)" width="10" height="10"/>'),
			doc('<defs><clipPath id="c"><circle r="5"/></clipPath></defs><g clip-path="url( \'#c\' )" filter="url(&quot;#f&quot;)"/>'),
			doc('<symbol id="s"><path d="M0 0h1"/></symbol><use href="#s"/><use xlink:href="#s" x="10"/>'),
			doc('<a href="#part"><text x="1" y="10">Hello &amp; welcome, on time = good</text></a>'),
			doc('<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/><image xlink:href="data:image/jpeg,abc"/>'),
			doc('<style>.a { fill: #123456; } .b { fill: url(#g); }</style><style><![CDATA[ .c { stroke: red } ]]></style><rect class="a"/>'),
			doc('<animate attributeName="opacity" values="0;1" dur="1s" repeatCount="indefinite"/><set attributeName="fill" to="blue"/>'),
			doc('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><title>A logo</title><desc>metadata: none</desc>'),
			svg(
				'<?xml version="1.0" encoding="utf-8"?>\n<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->\n' +
					'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' +
					`<svg version="1.1" id="Layer_1" ${NS} ${XLINK} x="0px" y="0px" viewBox="0 0 50 50" style="enable-background:new 0 0 50 50;" xml:space="preserve"><polygon points="0,0 50,0 25,50"/></svg>`,
			),
			svg(`\ufeff<svg ${NS}><path d="M0 0"/></svg>`),
			svg(`<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect width="1" height="1"/></svg:svg>`),
			svg(`<svg ${NS}><text>café ☕ 𝄞</text></svg>`),
			svg(`<?xml version="1.0" encoding="ISO-8859-1"?><svg ${NS}/>`),
			doc('<rect width="1" height="1" href=""/>'),
			svg(
				'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape (http://www.inkscape.org/) -->\n' +
					'<svg width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg1" inkscape:version="1.3 (0e150ed6c4, 2023-07-21)" sodipodi:docname="logo.svg"' +
					' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"' +
					' xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">\n' +
					'<sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:document-units="mm"/>\n' +
					'<metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata>\n' +
					'<g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1"><path style="fill:#ff0000;stroke:none;stroke-width:0.26" d="m 10,10 h 50 v 50 z" id="path1"/></g>\n</svg>\n',
			),
		];
		for (const data of safe) expect({ svg: data.toString(), problem: activeSvgContent(data) }).toEqual({ svg: data.toString(), problem: undefined });
	});

	describe('scripts and script-running elements', () => {
		it.each([
			['<script>alert(1)</script>', 'a <script> element'],
			['<SCRIPT>alert(1)</SCRIPT>', 'a <SCRIPT> element'],
			['<ScRiPt xlink:href="#x"/>', 'a <ScRiPt> element'],
			['<svg:script>alert(1)</svg:script>', 'a <svg:script> element'],
			['<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', 'a <h:script> element'],
			['<script\n type="text/ecmascript">x</script>', 'a <script> element'],
			['<foreignObject width="10" height="10"><div/></foreignObject>', 'a <foreignObject> element'],
			['<iframe src="https://evil.example"/>', 'a <iframe> element'],
			['<embed src="x.swf"/>', 'a <embed> element'],
			['<object data="x.html"/>', 'a <object> element'],
			['<handler type="application/ecmascript">alert(1)</handler>', 'a <handler> element'],
			['<ev:listener event="click" handler="#h"/>', 'a <ev:listener> element'],
			['<xi:include href="other.svg"/>', 'a <xi:include> element'],
			['<meta http-equiv="refresh" content="0"/>', 'a <meta> element'],
			['<base href="https://evil.example/"/>', 'a <base> element'],
			['<link rel="stylesheet" href="a.css"/>', 'a <link> element'],
		])('catches %s', (content, problem) => {
			expect(activeSvgContent(doc(content))).toBe(problem);
		});

		it('catches script elements hidden in comments and CDATA sections, which other parsers may read as markup', () => {
			expect(activeSvgContent(doc('<!-- <script>alert(1)</script> -->'))).toBe('a <script> element');
			expect(activeSvgContent(doc('<style><![CDATA[ </style><script>alert(1)</script> ]]></style>'))).toBe('a <script> element');
		});

		it('catches comments that an HTML parser would end early', () => {
			expect(activeSvgContent(doc('<!-- a --!> <b/> -->'))).toBe('a malformed comment');
			expect(activeSvgContent(doc('<!--> <b/> -->'))).toBe('a malformed comment');
			expect(activeSvgContent(doc('<!---> <b/> -->'))).toBe('a malformed comment');
			expect(activeSvgContent(doc('<!-- a --->'))).toBe('a malformed comment');
			expect(activeSvgContent(doc('<!-- never closed'))).toBe('an unterminated comment');
		});
	});

	describe('event-handler attributes', () => {
		it.each([
			['<svg onload="alert(1)"/>', 'onload'],
			['<rect ONCLICK="alert(1)"/>', 'ONCLICK'],
			['<rect onMouseOver = "x()"/>', 'onMouseOver'],
			["<rect onfocusin='x()'/>", 'onfocusin'],
			['<rect onbegin=x()/>', 'onbegin'],
			['<rect\nonload\n=\n"x()"/>', 'onload'],
			['<svg/onload=alert(1)>', 'onload'],
			['<rect x="1"onclick="alert(1)"/>', 'onclick'],
			['<rect a:onclick="x()"/>', 'a:onclick'],
		])('catches %s', (content, name) => {
			expect(activeSvgContent(doc(content))).toBe(`the event-handler attribute ${name}`);
		});

		it('catches one on the root element and one hidden behind a quote opened in a comment', () => {
			expect(activeSvgContent(svg(`<svg ${NS} onload="alert(1)"></svg>`))).toBe('the event-handler attribute onload');
			expect(activeSvgContent(doc('<!-- <x a=" --> <rect onclick="alert(1)"/> <!-- " -->'))).toBe('the event-handler attribute onclick');
		});

		it('catches an animation that sets an event handler or a link', () => {
			expect(activeSvgContent(doc('<set attributeName="onmouseover" to="alert(1)"/>'))).toMatch(/^an animation of the attribute onmouseover$|event-handler/);
			expect(activeSvgContent(doc('<a><animate attributeName="xlink:href" values="#a;#b"/></a>'))).toBe('an animation of the attribute xlink:href');
			expect(activeSvgContent(doc('<a><set attributeName="href" to="#b"/></a>'))).toBe('an animation of the attribute href');
		});
	});

	describe('script URLs', () => {
		it.each([
			'<a href="javascript:alert(1)"><text>x</text></a>',
			'<a xlink:href="javascript:alert(1)"/>',
			'<a href="JavaScript:alert(1)"/>',
			'<a href="  javascript:alert(1)"/>',
			'<a href="java\tscript:alert(1)"/>',
			'<a href="java\nscript:alert(1)"/>',
			'<a href="java\r\nscript:alert(1)"/>',
			'<a href="&#106;avascript:alert(1)"/>',
			'<a href="&#x6A;avascript:alert(1)"/>',
			'<a href="&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;alert(1)"/>',
			'<a href="&#0000106&#0000097vascript:alert(1)"/>',
			'<a href="javascript&colon;alert(1)"/>',
			'<a href="java&Tab;script:alert(1)"/>',
			'<a href="java&NewLine;script:alert(1)"/>',
			'<a href="jav&#x09;ascript:alert(1)"/>',
			'<a href="\u0001javascript:alert(1)"/>',
			'<rect style="fill: url(javascript:alert(1))"/>',
			'<rect style="fill: url(\'java\\73 cript:alert(1)\')"/>',
			'<set attributeName="fill" to="javascript:alert(1)"/>',
			'<text>javascript:void(0)</text>',
		])('catches a javascript: link in %s', (content) => {
			expect(activeSvgContent(doc(content))).toBe('a javascript: link');
		});

		it('reads CSS escapes as CSS does: at most six hex digits, one whitespace after, a backslash before a newline dropped', () => {
			expect(activeSvgContent(doc('<rect style="fill: url(\\00006a avascript:x)"/>'))).toBe('a javascript: link');
			// Six digits make the escape, so the seventh character is a letter again.
			expect(activeSvgContent(doc('<rect style="fill: url(\\00006aavascript:x)"/>'))).toBe('a javascript: link');
			expect(activeSvgContent(doc('<rect style="fill: url(java\\\nscript:x)"/>'))).toBe('a javascript: link');
		});

		it('catches vbscript: and data:text/html links', () => {
			expect(activeSvgContent(doc('<a href="vbscript:msgbox(1)"/>'))).toBe('a vbscript: link');
			expect(activeSvgContent(doc('<a href="VBScript&#58;msgbox(1)"/>'))).toBe('a vbscript: link');
			expect(activeSvgContent(doc('<a href="data:text/html;base64,PHNjcmlwdD4="/>'))).toBe('a data:text/html link');
			expect(activeSvgContent(doc('<a href="DATA:Text/HTML,<b>x</b>"/>'))).toBe('a data:text/html link');
			expect(activeSvgContent(doc('<image href="data:application/xhtml+xml,x"/>'))).toBe('a data:application/xhtml link');
		});
	});

	describe('external references', () => {
		it.each([
			['<image href="https://evil.example/x.png"/>', 'an external reference to https://evil.example/x.png'],
			['<image xlink:href="http://evil.example/x.png" width="1"/>', 'an external reference to http://evil.example/x.png'],
			['<image href="x.png"/>', 'an external reference to x.png'],
			['<image href="//evil.example/x.png"/>', 'an external reference to //evil.example/x.png'],
			['<image href="file:///etc/passwd"/>', 'an external reference to file:///etc/passwd'],
			['<image href="  https://evil.example/x.png  "/>', 'an external reference to https://evil.example/x.png'],
			['<image href="&#104;ttps://evil.example/x.png"/>', 'an external reference to https://evil.example/x.png'],
			['<a href="https://example.com"><text>site</text></a>', 'an external reference to https://example.com'],
			['<feImage href="https://evil.example/f.png"/>', 'an external reference to https://evil.example/f.png'],
			['<video src="https://evil.example/v.mp4"/>', 'an external reference to https://evil.example/v.mp4'],
			['<g xml:base="https://evil.example/"/>', 'an external reference to https://evil.example/'],
			['<use href="other.svg#icon"/>', 'a <use> element pointing outside the document (other.svg#icon)'],
			['<use xlink:href="https://evil.example/sprite.svg#a"/>', 'a <use> element pointing outside the document (https://evil.example/sprite.svg#a)'],
			['<use href="data:image/png;base64,AAAA"/>', 'a <use> element pointing outside the document (data:image/png;base64,AAAA)'],
			['<rect fill="url(https://evil.example/p.svg#p)"/>', 'an external reference to https://evil.example/p.svg#p'],
			['<rect style="fill:url( \'https://evil.example/x.png\' )"/>', 'an external reference to https://evil.example/x.png'],
			['<rect style="fill:url(&quot;https://evil.example/x.png&quot;)"/>', 'an external reference to https://evil.example/x.png'],
			['<rect style="fill:URL(\\68ttps://evil.example/x.png)"/>', 'an external reference to https://evil.example/x.png'],
			['<style>rect { fill: url(https://evil.example/x.png) }</style>', 'an external reference to https://evil.example/x.png'],
			['<style><![CDATA[ @font-face { src: url("f.woff") } ]]></style>', 'an external reference to f.woff'],
			['<rect filter="url(x.svg#f)"/>', 'an external reference to x.svg#f'],
			['<style>@import "https://evil.example/a.css";</style>', 'a CSS @import'],
			['<style>@IMPORT url(#x);</style>', 'a CSS @import'],
			['<rect style="background: image-set(\'x.png\' 1x)"/>', 'a CSS image-set(), which can load external images'],
			['<rect style="width: expression(alert(1))"/>', 'a CSS expression()'],
		])('catches %s', (content, problem) => {
			expect(activeSvgContent(doc(content))).toBe(problem);
		});

		it('allows only PNG, JPEG, GIF and WebP data: URLs', () => {
			for (const type of ['png', 'jpeg', 'gif', 'webp']) {
				expect(activeSvgContent(doc(`<image href="data:image/${type};base64,AAAA"/>`))).toBeUndefined();
				expect(activeSvgContent(doc(`<rect style="fill:url(data:image/${type},AAAA)"/>`))).toBeUndefined();
			}
			expect(activeSvgContent(doc('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'))).toMatch(/^an embedded data: URL that is not a PNG, JPEG, GIF or WebP image \(data:image\/svg\+xml/);
			expect(activeSvgContent(doc('<rect style="fill:url(data:image/svg+xml,abc)"/>'))).toMatch(/^an external reference to data:image\/svg\+xml/);
			expect(activeSvgContent(doc('<animate attributeName="fill" values="data:text/plain,x"/>'))).toMatch(/^an embedded data: URL/);
		});
	});

	describe('declarations, processing instructions and encodings', () => {
		it('catches entity declarations and other DTD declarations', () => {
			const bomb = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + `<svg ${NS}><text>&b;</text></svg>`;
			expect(activeSvgContent(svg(bomb))).toBe('an entity declaration (<!ENTITY), which can expand without bound');
			expect(activeSvgContent(svg(`<!DOCTYPE svg [<!entity x SYSTEM "file:///etc/passwd">]><svg ${NS}/>`))).toMatch(/^an entity declaration/);
			expect(activeSvgContent(svg(`<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg ${NS}/>`))).toBe('a <!ATTLIST> declaration');
			expect(activeSvgContent(svg(`<!DOCTYPE svg [<!ELEMENT svg ANY>]><svg ${NS}/>`))).toBe('a <!ELEMENT> declaration');
		});

		it('catches processing instructions other than the XML declaration at the start', () => {
			expect(activeSvgContent(svg(`<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/a.css"?><svg ${NS}/>`))).toBe('a processing instruction <?xml-stylesheet');
			expect(activeSvgContent(svg(`<?xml-stylesheet type="text/xsl" href="#x"?><svg ${NS}/>`))).toBe('a processing instruction <?xml-stylesheet');
			expect(activeSvgContent(svg(`<svg ${NS}><?php echo 1 ?></svg>`))).toBe('a processing instruction <?php');
			expect(activeSvgContent(svg(` <?xml version="1.0"?><svg ${NS}/>`))).toBe('a processing instruction <?xml');
		});

		it('catches text a UTF-8 reading would not see as the browser does', () => {
			expect(activeSvgContent(Buffer.from(`<svg ${NS}><script>alert(1)</script></svg>`, 'utf16le'))).toBe('a NUL byte (an SVG must be UTF-8 text)');
			expect(activeSvgContent(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg/>', 'latin1')]))).toBe('UTF-16 text (only UTF-8 is checked)');
			expect(activeSvgContent(svg(`<?xml version="1.0" encoding="UTF-7"?><svg ${NS}>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</svg>`))).toBe('the character encoding UTF-7 (only UTF-8 is checked)');
			expect(activeSvgContent(svg(`<svg ${NS}><scr\u0000ipt>alert(1)</script></svg>`))).toBe('a NUL byte (an SVG must be UTF-8 text)');
		});

		it('catches XHTML content', () => {
			expect(activeSvgContent(doc('<g xmlns:h="http://www.w3.org/1999/xhtml"><h:img h:src="#x"/></g>'))).toBe('XHTML content (the XHTML namespace)');
		});
	});

	describe('bounded work', () => {
		it('checks a large safe SVG quickly', () => {
			const paths: string[] = [];
			let length = 0;
			for (let index = 0; length < 4_000_000; index++) {
				const path = `<path id="p${index}" d="M${index % 97} ${index % 89} C 10.5 20.25 30 40 50 60 L 70 80 Z" fill="#${((index * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}" stroke="url(#g)"/>\n`;
				paths.push(path);
				length += path.length;
			}
			const data = doc(`<defs><linearGradient id="g"/></defs>${paths.join('')}`);
			expect(data.length).toBeGreaterThan(4_000_000);
			expect(activeSvgContent(data)).toBeUndefined();
		});

		// A quadratic pass would take minutes on these (past Jest's timeout); a linear one takes milliseconds. How long
		// is not asserted: timings belong to measurements, not tests.
		it.each([
			['url(', '<rect style="'],
			['<a', ''],
			['<!--', ''],
			['&#', ''],
			['\\', '<style>'],
			[' on', '<text>'],
			['<![CDATA[', ''],
			['<x a="', ''],
			['data:', '<text>'],
			['<!DOCTYPE', ''],
			['"', '<rect a='],
		])('stays linear on a megabyte of repeated %j', (unit, before) => {
			const data = svg(`<svg ${NS}>${before}${unit.repeat(Math.ceil(1_000_000 / unit.length))}`);
			const problem = activeSvgContent(data);
			expect(problem === undefined || typeof problem === 'string').toBe(true);
		});
	});
});
