import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// A PDF's text, page by page, as a reader's copy-and-paste would give it: what the PDF
// tests assert on. pdf.js's legacy build is the one meant for Node.

export interface PdfPages {
  pages: string[];
  title: string | undefined;
}

export async function pdfTextOf(bytes: Uint8Array): Promise<PdfPages> {
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
    }
    const meta = await doc.getMetadata();
    const info = meta.info as { Title?: string };
    return { pages, title: info.Title };
  } finally {
    await doc.destroy();
  }
}
