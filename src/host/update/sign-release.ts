import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { nodeCryptoPrimitives } from '../../core/crypto/primitives';
import { parseFeed } from './feed';
import { signRelease } from './release-signature';

/**
 * The agency's release signing, run on the agency's own machine after electron-builder/Forge has
 * written `latest.yml` and before the files go to the registry's updates folder:
 *   npx tsx src/host/update/sign-release.ts new-key --out agency-update.key   (once; keep it offline)
 *   npx tsx src/host/update/sign-release.ts sign --feed out/make/latest.yml --key agency-update.key
 * `new-key` prints the public key the centers' installers pin (INSON_UPDATE_KEY).
 */

/**
 * Returns the feed text with `insonSignature` set (an earlier one replaced), signed over what the
 * app will read; refuses a feed the app would refuse anyway.
 *
 * @example const signed = signFeedText(await readFile('latest.yml', 'utf8'), seed);
 */
export function signFeedText(text: string, agencySeed: Buffer): string {
  const parsed = parseFeed(text);
  if (!parsed.ok) throw new Error(`latest.yml cannot be signed: ${parsed.reason}`);
  const kept = text.replace(/\r\n/g, '\n').split('\n').filter((line) => !line.startsWith('insonSignature:'));
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  return `${kept.join('\n')}\ninsonSignature: ${signRelease(agencySeed, parsed.feed)}\n`;
}

function seedFrom(text: string): Buffer {
  const seed = Buffer.from(text.trim(), 'base64');
  if (seed.length !== 32) throw new Error('The key file must hold a base64 Ed25519 seed of 32 bytes');
  return seed;
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: [...rest], options: { feed: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } } });
  if (command === 'new-key') {
    if (!values.out) throw new Error('new-key needs --out FILE');
    const seed = randomBytes(32);
    await writeFile(values.out, `${seed.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    process.stdout.write(`${JSON.stringify({ publicKey: nodeCryptoPrimitives.ed25519PublicKey(seed).toString('base64') })}\n`);
    return;
  }
  if (command === 'sign') {
    if (!values.feed || !values.key) throw new Error('sign needs --feed latest.yml --key FILE');
    const signed = signFeedText(await readFile(values.feed, 'utf8'), seedFrom(await readFile(values.key, 'utf8')));
    await writeFile(values.feed, signed);
    process.stdout.write(`${JSON.stringify({ signed: values.feed })}\n`);
    return;
  }
  throw new Error('Commands: new-key --out FILE; sign --feed latest.yml --key FILE');
}

if (process.argv[1]?.endsWith('sign-release.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
