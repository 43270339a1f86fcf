// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect
// polyfill loaded first; ES modules evaluate imports in order, so it goes here.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's webcrypto is the WebCrypto the library expects; the DOM lib that names that type is not in this build.
x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

export { x509 };
