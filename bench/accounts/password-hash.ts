/* eslint-disable no-console -- a benchmark prints its figures */
import { hashPassword, verifyPassword } from '../../src/domain/accounts/password-hash.ts';

/**
 * Cost of a password hash and of a login check with Amont's argon2id setting (OWASP: m = 19 MiB, t = 2,
 * p = 1): what each sign-up, login and password reset costs the server.
 * Run: `npx tsx bench/accounts/password-hash.ts [rounds]` (default 20 rounds).
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 20);
  let stored = '';
  let started = performance.now();
  for (let i = 0; i < rounds; i++) {
    stored = await hashPassword(`une phrase de passe numéro ${i}`);
  }
  const hashMs = (performance.now() - started) / rounds;
  started = performance.now();
  for (let i = 0; i < rounds; i++) {
    await verifyPassword(stored, `un mauvais mot de passe ${i}`);
  }
  const verifyMs = (performance.now() - started) / rounds;
  console.log(
    JSON.stringify({
      rounds,
      hashMsMean: Number(hashMs.toFixed(1)),
      verifyMsMean: Number(verifyMs.toFixed(1)),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    }),
  );
}

await main();
