import { BrotliDecompressBuffer } from './decode.js';
import dictionaryData from './dictionary.bin.js';

/**
 * The normal dictionary-data.js is quite large, which makes it 
 * unsuitable for browser usage. In order to make it smaller, 
 * we read dictionary.bin, which is a compressed version of
 * the dictionary, and on initial load, Brotli decompresses 
 * it's own dictionary. 😜
 */
export function init() {
  var compressed = Uint8Array.from(atob(dictionaryData), function(c) { return c.charCodeAt(0); });
  return BrotliDecompressBuffer(compressed);
}
