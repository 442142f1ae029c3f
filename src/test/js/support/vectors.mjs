// The cross-language protocol vectors (src/test/resources/vectors/protocol-vectors.json) and what
// the JavaScript tests need to use them: hex, the fixed entropy of the handshake, the fixed
// ephemeral keys as WebCrypto keys.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { base64url, fromHex } from '../../../main/webapp/meshgate/bytes.js';
import { parseCertificate } from '../../../main/webapp/meshgate/x509.js';

export const vectors = JSON.parse(readFileSync(fileURLToPath(
  new URL('../../resources/vectors/protocol-vectors.json', import.meta.url)), 'utf8'));

export const hex = fromHex;
export const limits = {
  maxFrameBytes: vectors.limits.maxFrameBytes,
  maxPayloadBytes: vectors.limits.maxPayloadBytes,
  maxFramesPerKey: 2 ** 24,
};
export const now = Date.parse(vectors.now);

/** A certificate of the vectors, parsed. */
export function certificate(name) {
  return parseCertificate(hex(vectors.certificates[name].der));
}

/** The DER bytes of a chain of named certificates. */
export function chainDer(names) {
  return names.map((n) => hex(vectors.certificates[n].der));
}

/** An ECDH private key from a fixed scalar and its point (WebCrypto cannot import a bare scalar). */
export async function ecdhPrivateKey(scalarHex, pointHex) {
  const p = hex(pointHex);
  return crypto.subtle.importKey('jwk', {
    kty: 'EC', crv: 'P-256', d: base64url(hex(scalarHex)), x: base64url(p.subarray(1, 33)),
    y: base64url(p.subarray(33, 65)), ext: false,
  }, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
}

/** The client's entropy in the vectors: its random and its ephemeral key. */
export function clientEntropy() {
  const h = vectors.handshake;
  return {
    random: (n) => {
      if (n !== 32) {
        throw new RangeError('the vectors fix a 32-byte random');
      }
      return hex(h.clientRandom);
    },
    ephemeral: async () => ({
      privateKey: await ecdhPrivateKey(h.clientEphemeralPrivate, h.clientEphemeralPublic),
      publicPoint: hex(h.clientEphemeralPublic),
    }),
  };
}

/** The s2c frames of the vectors, in order. */
export function s2cFrames() {
  return vectors.frames.s2c.map((f) => hex(f.frame));
}

/** The named entry of a list of cases. */
export function byName(list, name) {
  const found = list.find((c) => c.name === name);
  if (!found) {
    throw new Error('no vector case ' + name);
  }
  return found;
}
