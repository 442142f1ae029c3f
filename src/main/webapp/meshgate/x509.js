// X.509 for the client: parses certificates with the DER reader and checks a node's chain up to
// the trusted root with the rules (and the messages) of the Java CertificateVerifier, then the
// node identity: the key purpose id-kp-meshgateNode and one urn:meshgate:node: name.

import { Der } from './der.js';
import { CryptoError } from './errors.js';
import { equalBytes } from './bytes.js';
import { derToP1363, ecdsaPublicKey, verifyP1363 } from './crypto.js';

/** id-kp-meshgateNode: the key purpose that only node certificates carry. */
export const NODE_PURPOSE = '2.25.108841696860750190973114447637860581141';
/** The subject alternative name URI prefix that names a node. */
export const NODE_URI_PREFIX = 'urn:meshgate:node:';

export const EMPTY_CHAIN = 'empty certificate chain';
export const BROKEN_CHAIN = 'certificate chain is broken';
export const NOT_SIGNED_BY_ROOT = 'not signed by the trusted root';
export const NOT_A_NODE = 'the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)';

const USAGES = {
  serverAuth: { oid: '1.3.6.1.5.5.7.3.1', description: 'server authentication' },
  clientAuth: { oid: '1.3.6.1.5.5.7.3.2', description: 'client authentication' },
};
const SIGNATURE_HASHES = {
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};
const ALGORITHM_NAMES = {
  '1.2.840.10045.4.3.2': 'SHA256withECDSA',
  '1.2.840.10045.4.3.3': 'SHA384withECDSA',
  '1.2.840.10045.4.3.4': 'SHA512withECDSA',
  '1.2.840.113549.1.1.11': 'SHA256withRSA',
  '1.2.840.113549.1.1.12': 'SHA384withRSA',
  '1.2.840.113549.1.1.13': 'SHA512withRSA',
  '1.3.101.112': 'Ed25519',
};
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const PRIME256V1 = '1.2.840.10045.3.1.7';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const SUBJECT_ALT_NAME = '2.5.29.17';
const SUPPORTED_CRITICAL = new Set([BASIC_CONSTRAINTS, KEY_USAGE, EXTENDED_KEY_USAGE, SUBJECT_ALT_NAME]);
const DIGITAL_SIGNATURE = 0;
const KEY_CERT_SIGN = 5;

function invalid(message) {
  return new CryptoError('INVALID_KEY', message);
}

/**
 * A certificate's parts: der, tbs (the signed bytes), signatureAlgorithm, signature (DER),
 * issuer and subject (DER names), notBefore and notAfter (epoch ms), publicKey (the P-256 point,
 * or null for other keys), basicConstraints ({ca, pathLen} or null), keyUsage (a set of bits, or
 * null), extendedKeyUsage (OIDs, or null), uris (subject alternative name URIs) and critical
 * (the OIDs of its critical extensions).
 *
 * @throws CryptoError MALFORMED "certificate cannot be parsed"
 */
export function parseCertificate(der) {
  try {
    return parse(der);
  } catch {
    throw new CryptoError('MALFORMED', 'certificate cannot be parsed');
  }
}

function parse(der) {
  const parts = Der.whole(der).expect(0x30, 'certificate').children();
  if (parts.length !== 3) {
    throw new CryptoError('MALFORMED', 'certificate has ' + parts.length + ' parts');
  }
  const [tbs, outerAlgorithm, signatureValue] = parts;
  const t = tbs.expect(0x30, 'tbsCertificate').children();
  let i = t[0].tag === 0xa0 ? 1 : 0;
  t[i++].expect(0x02, 'serial number');
  const innerAlgorithm = t[i++].expect(0x30, 'signature algorithm').children()[0].oid();
  const issuer = t[i++].expect(0x30, 'issuer');
  const [notBefore, notAfter] = t[i++].expect(0x30, 'validity').children();
  const subject = t[i++].expect(0x30, 'subject');
  const [keyAlgorithm, keyBits] = t[i++].expect(0x30, 'subject public key info').children();
  const signatureAlgorithm = outerAlgorithm.expect(0x30, 'signature algorithm').children()[0].oid();
  if (signatureAlgorithm !== innerAlgorithm) {
    throw new CryptoError('MALFORMED', 'the two signature algorithms differ');
  }
  const cert = {
    der,
    tbs: tbs.encoded,
    signatureAlgorithm,
    signature: signatureValue.bitString(),
    issuer: issuer.encoded,
    subject: subject.encoded,
    notBefore: notBefore.time(),
    notAfter: notAfter.time(),
    publicKey: p256Point(keyAlgorithm, keyBits),
    basicConstraints: null,
    keyUsage: null,
    extendedKeyUsage: null,
    uris: [],
    critical: [],
  };
  for (; i < t.length; i++) {
    if (t[i].tag === 0xa3) {
      extensions(cert, t[i].children()[0].expect(0x30, 'extensions'));
    }
  }
  return cert;
}

function p256Point(algorithm, bits) {
  const [oid, params] = algorithm.expect(0x30, 'key algorithm').children();
  const point = bits.bitString();
  const p256 = oid.oid() === EC_PUBLIC_KEY && params && params.tag === 0x06 && params.oid() === PRIME256V1;
  return p256 && point.length === 65 && point[0] === 0x04 ? point : null;
}

function extensions(cert, sequence) {
  const seen = new Set();
  for (const ext of sequence.children()) {
    const fields = ext.expect(0x30, 'extension').children();
    const oid = fields[0].oid();
    if (seen.has(oid)) {
      throw new CryptoError('MALFORMED', 'extension ' + oid + ' appears twice');
    }
    seen.add(oid);
    const critical = fields.length === 3 && fields[1].boolean();
    if (critical) {
      cert.critical.push(oid);
    }
    const value = Der.whole(fields[fields.length - 1].expect(0x04, 'extension value').content);
    if (oid === BASIC_CONSTRAINTS) {
      const c = value.expect(0x30, 'basic constraints').children();
      const ca = c.length > 0 && c[0].tag === 0x01 && c[0].boolean();
      const len = c.find((x) => x.tag === 0x02);
      cert.basicConstraints = { ca, pathLen: len ? len.smallInteger() : Infinity };
    } else if (oid === KEY_USAGE) {
      cert.keyUsage = value.namedBits();
    } else if (oid === EXTENDED_KEY_USAGE) {
      cert.extendedKeyUsage = value.expect(0x30, 'extended key usage').children().map((p) => p.oid());
    } else if (oid === SUBJECT_ALT_NAME) {
      for (const name of value.expect(0x30, 'subject alternative names').children()) {
        if (name.tag === 0x86) {
          cert.uris.push(String.fromCharCode(...name.content));
        }
      }
    }
  }
}

/** Whether {@code issuer} issued and signed {@code subject}. */
async function signs(issuer, subject) {
  const hash = SIGNATURE_HASHES[subject.signatureAlgorithm];
  if (!hash || !issuer.publicKey || !equalBytes(subject.issuer, issuer.subject)) {
    return false;
  }
  const key = await ecdsaPublicKey(issuer.publicKey);
  const signature = derToP1363(subject.signature);
  return key !== null && signature !== null && verifyP1363(key, signature, subject.tbs, hash);
}

/** Checks that a certificate can be the trusted root: a self-signed CA. */
export async function checkRoot(root) {
  if (!root.basicConstraints || !root.basicConstraints.ca || !(await signs(root, root))) {
    throw invalid('the trusted root is not a self-signed CA certificate');
  }
}

/**
 * Verifies a chain (leaf first) up to the root for a usage ('serverAuth' or 'clientAuth') at an
 * instant (epoch ms), in the order and with the messages of the Java CertificateVerifier (which
 * also checks a deny list: that is the node's business). The root may end the chain or not.
 *
 * @throws CryptoError INVALID_KEY naming the rule that failed
 */
export async function verifyChain(chain, root, usage, now) {
  if (chain.length === 0) {
    throw invalid(EMPTY_CHAIN);
  }
  const path = chain.slice();
  if (path.length > 1 && equalBytes(path[path.length - 1].der, root.der)) {
    path.pop();
  }
  for (const c of path) {
    if (!SIGNATURE_HASHES[c.signatureAlgorithm]) {
      throw invalid('unsupported signature algorithm ' + (ALGORITHM_NAMES[c.signatureAlgorithm] || c.signatureAlgorithm));
    }
  }
  for (let i = 0; i + 1 < path.length; i++) {
    if (!(await signs(path[i + 1], path[i]))) {
      throw invalid(BROKEN_CHAIN);
    }
  }
  if (!(await signs(root, path[path.length - 1]))) {
    throw invalid(NOT_SIGNED_BY_ROOT);
  }
  const all = [...path, root];
  all.forEach((c, i) => {
    if (now > c.notAfter) {
      throw invalid(who(i, all.length) + ' expired');
    }
    if (now < c.notBefore) {
      throw invalid(who(i, all.length) + ' not yet valid');
    }
  });
  for (const c of path) {
    const unsupported = c.critical.find((oid) => !SUPPORTED_CRITICAL.has(oid));
    if (unsupported) {
      throw invalid('unsupported critical extension ' + unsupported);
    }
  }
  for (let i = 1; i < all.length; i++) {
    const bc = all[i].basicConstraints;
    if (!bc || !bc.ca) {
      throw invalid('intermediate certificate is not a CA');
    }
    if (all[i].keyUsage && !all[i].keyUsage.has(KEY_CERT_SIGN)) {
      throw invalid('intermediate certificate may not sign certificates');
    }
    if (i - 1 > bc.pathLen) {
      throw invalid('path length constraint exceeded');
    }
  }
  const leaf = path[0];
  if (leaf.basicConstraints && leaf.basicConstraints.ca) {
    throw invalid('certificate is a CA, not an end-entity certificate');
  }
  if (!leaf.keyUsage || !leaf.keyUsage.has(DIGITAL_SIGNATURE)) {
    throw invalid('certificate key usage does not allow digital signatures');
  }
  if (!leaf.extendedKeyUsage || !leaf.extendedKeyUsage.includes(USAGES[usage].oid)) {
    throw invalid('certificate not valid for ' + USAGES[usage].description);
  }
}

/**
 * The node id a node's leaf certificate names: it must carry id-kp-meshgateNode and exactly one
 * subject alternative name URI urn:meshgate:node:<nodeId>.
 *
 * @throws CryptoError INVALID_KEY otherwise
 */
export function nodeIdOf(leaf) {
  if (!leaf.extendedKeyUsage || !leaf.extendedKeyUsage.includes(NODE_PURPOSE)) {
    throw invalid(NOT_A_NODE);
  }
  const names = leaf.uris.filter((u) => u.startsWith(NODE_URI_PREFIX)).map((u) => u.slice(NODE_URI_PREFIX.length));
  if (names.length !== 1) {
    throw invalid(`the server certificate names ${names.length} nodes; exactly one urn:meshgate:node: URI is required`);
  }
  return names[0];
}

function who(index, size) {
  if (index === 0) {
    return 'certificate';
  }
  return index === size - 1 ? 'trusted root' : 'intermediate certificate';
}
