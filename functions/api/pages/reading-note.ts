import { LOW_CONFIDENCE } from '../../core/parse/protocol-confidence.ts';
import { html, type Html } from './html.ts';

/**
 * What a reader should know about how a § or a protocol was read: low confidence (an unfamiliar template) or a
 * damaged text layer, so that they check the original before citing it. A fact row for the page's `<dl>`; empty when
 * there is nothing to say (and for records stored before confidence existed, which have none).
 */
export function readingNote(
  what: '§' | 'protocol',
  confidence: number | undefined,
  damagedTextLayer: boolean,
): Html | string {
  const notes: string[] = [];
  if (confidence !== undefined && confidence < LOW_CONFIDENCE) {
    const decimal = confidence.toFixed(2).replace('.', ',');
    notes.push(
      what === '§'
        ? `Paragrafen tolkades med låg säkerhet (${decimal}); jämför med originalet.`
        : `Protokollet tolkades med låg säkerhet (${decimal}): mallen kan vara okänd, jämför med originalet.`,
    );
  }
  if (damagedTextLayer)
    notes.push('Textlagret i källdokumentet verkar skadat; stavningen kan avvika från det tryckta.');
  return notes.length === 0 ? '' : html`<dt>Tolkning</dt><dd class="warning">${notes.join(' ')}</dd>`;
}
