import { PDFName, type PDFDocument } from 'pdf-lib';

/** What the XMP packet of a paper form says: the document information, repeated where XMP readers look. */
export interface XmpFields {
  title: string;
  /** The title in the secondary language, when there is one. */
  secondaryTitle?: { lang: string; text: string };
  description: string;
  keywords: string;
  /** Languages of the text, primary first (BCP 47). */
  languages: readonly string[];
  producer: string;
  creator: string;
  date: Date;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes an XMP metadata stream into the catalog (uncompressed, as PDF/A and PDF/UA readers expect): Dublin Core
 * title (in each language), description, languages and format; the PDF producer and keywords; the dates and the
 * creating tool.
 */
export function setXmpMetadata(doc: PDFDocument, fields: XmpFields): void {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const titles = [
    `<rdf:li xml:lang="x-default">${xml(fields.title)}</rdf:li>`,
    `<rdf:li xml:lang="${xml(fields.languages[0] ?? 'x-default')}">${xml(fields.title)}</rdf:li>`,
  ];
  if (fields.secondaryTitle)
    titles.push(`<rdf:li xml:lang="${xml(fields.secondaryTitle.lang)}">${xml(fields.secondaryTitle.text)}</rdf:li>`);
  const packet = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt>${titles.join('')}</rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(fields.description)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag>${fields.languages.map((l) => `<rdf:li>${xml(l)}</rdf:li>`).join('')}</rdf:Bag></dc:language>
<pdf:Producer>${xml(fields.producer)}</pdf:Producer>
<pdf:Keywords>${xml(fields.keywords)}</pdf:Keywords>
<xmp:CreatorTool>${xml(fields.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
